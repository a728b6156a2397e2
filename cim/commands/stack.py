"""The undo stack of a project. Pure Python; the GUI mirrors it into QActions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from psygnal import Signal

from cim.commands.base import Command, MacroCommand


class UndoStack:
    """Linear undo history with a clean mark, merging and macros.

    ``guard(command)`` is called before a command runs and may raise (role enforcement).
    """

    changed = Signal()          # emitted after push/undo/redo/clear
    clean_changed = Signal(bool)

    def __init__(self, guard: Callable[[Command], None] | None = None) -> None:
        self._commands: list[Command] = []
        self._index = 0          # number of applied commands
        self._clean_index: int | None = 0
        self._macros: list[MacroCommand] = []
        self.guard = guard

    # state --------------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    def __len__(self) -> int:
        return len(self._commands)

    def can_undo(self) -> bool:
        return self._index > 0 and not self._macros

    def can_redo(self) -> bool:
        return self._index < len(self._commands) and not self._macros

    def undo_text(self) -> str:
        return self._commands[self._index - 1].text if self.can_undo() else ""

    def redo_text(self) -> str:
        return self._commands[self._index].text if self.can_redo() else ""

    def texts(self) -> list[str]:
        return [c.text for c in self._commands]

    def is_clean(self) -> bool:
        return self._clean_index == self._index

    def set_clean(self) -> None:
        was = self.is_clean()
        self._clean_index = self._index
        if not was:
            self.clean_changed.emit(True)

    # editing ------------------------------------------------------------
    def push(self, command: Command) -> Command:
        """Apply ``command`` and record it. Returns the command."""
        if self.guard is not None:
            self.guard(command)
        was_clean = self.is_clean()
        command.redo()
        if self._macros:
            self._macros[-1].children.append(command)
            return command
        del self._commands[self._index:]
        if self._clean_index is not None and self._clean_index > self._index:
            self._clean_index = None  # the clean state can no longer be reached
        top = self._commands[-1] if self._commands else None
        key = command.merge_key()
        if (top is not None and key is not None and top.merge_key() == key
                and self._clean_index != self._index and top.merge_with(command)):
            pass
        else:
            self._commands.append(command)
            self._index += 1
        self._notify(was_clean)
        return command

    def undo(self) -> None:
        if not self.can_undo():
            return
        was_clean = self.is_clean()
        self._index -= 1
        self._commands[self._index].undo()
        self._notify(was_clean)

    def redo(self) -> None:
        if not self.can_redo():
            return
        was_clean = self.is_clean()
        cmd = self._commands[self._index]
        if self.guard is not None:
            self.guard(cmd)
        cmd.redo()
        self._index += 1
        self._notify(was_clean)

    def undo_all(self) -> None:
        while self.can_undo():
            self.undo()

    def redo_all(self) -> None:
        while self.can_redo():
            self.redo()

    def clear(self) -> None:
        self._commands.clear()
        self._index = 0
        self._clean_index = 0
        self.changed.emit()

    # macros -------------------------------------------------------------
    @contextmanager
    def macro(self, text: str, category: str | None = None) -> Iterator[MacroCommand]:
        """Group the commands pushed inside the block into one undo step.

        If the block raises, the commands already applied are undone and nothing is recorded.
        """
        macro = MacroCommand(text, category=category)
        self._macros.append(macro)
        try:
            yield macro
        except BaseException:
            self._macros.pop()
            macro.undo()
            raise
        self._macros.pop()
        if not macro.children:
            return
        if category is None:
            cats = {c.category for c in macro.children}
            macro.category = cats.pop() if len(cats) == 1 else "data"
        if self._macros:
            self._macros[-1].children.append(macro)
            return
        was_clean = self.is_clean()
        del self._commands[self._index:]
        if self._clean_index is not None and self._clean_index > self._index:
            self._clean_index = None
        self._commands.append(macro)
        self._index += 1
        self._notify(was_clean)

    def _notify(self, was_clean: bool) -> None:
        self.changed.emit()
        now = self.is_clean()
        if now != was_clean:
            self.clean_changed.emit(now)
