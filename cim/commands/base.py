"""The command protocol: ``redo()``, ``undo()``, ``text`` and optional merging (for drags)."""

from __future__ import annotations

from collections.abc import Sequence


class Command:
    """One kind of edit, holding the old and the new values.

    ``category`` says what the command changes, so that roles can be enforced centrally:
    ``"data"`` (geometry, attributes, layers), ``"metadata"``, ``"review"`` (comments).
    """

    text: str = "edit"
    category: str = "data"

    def redo(self) -> None:
        raise NotImplementedError  # abstract: every concrete command defines it

    def undo(self) -> None:
        raise NotImplementedError  # abstract: every concrete command defines it

    def merge_key(self) -> object | None:
        """Commands with the same non-None key may merge (e.g. moves of the same vertex)."""
        return None

    def merge_with(self, newer: Command) -> bool:
        """Absorb ``newer`` (already applied) into self; return False to refuse."""
        return False


class MacroCommand(Command):
    """Several commands undone and redone as one step."""

    def __init__(self, text: str, children: Sequence[Command] = (), category: str | None = None) -> None:
        self.text = text
        self.children: list[Command] = list(children)
        if category:
            self.category = category
        elif self.children:
            cats = {c.category for c in self.children}
            self.category = cats.pop() if len(cats) == 1 else "data"

    def redo(self) -> None:
        for c in self.children:
            c.redo()

    def undo(self) -> None:
        for c in reversed(self.children):
            c.undo()
