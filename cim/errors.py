"""Errors the core raises: each says which file, which object, what went wrong and what to do.

The GUI and the CLI show ``str(error)`` to the user as it is, so the text must read as a sentence
for a planner, not a traceback.
"""

from __future__ import annotations

from pathlib import Path


class CimError(Exception):
    """Base class of every error the core raises on purpose."""


class Canceled(CimError):
    """The user canceled a long operation; nothing was changed."""

    def __init__(self, what: str = "operation") -> None:
        super().__init__(f"Canceled: {what}. Nothing was changed.")


class CimInputError(CimError):
    """Bad input: a file, layer or object that cannot be used as it is.

    ``path`` names the file, ``obj`` the object inside it (layer, feature, entity) when known,
    ``cause`` what is wrong and ``hint`` what the user can do about it.
    """

    def __init__(self, path: str | Path | None, cause: str, *, obj: str | None = None,
                 hint: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.obj = obj
        self.cause = cause
        self.hint = hint
        parts = []
        if self.path:
            parts.append(f"{self.path}")
        if obj:
            parts.append(f"[{obj}]")
        head = " ".join(parts)
        text = f"{head}: {cause}" if head else cause
        if hint:
            text += f" — {hint}"
        super().__init__(text)


class ProjectFileError(CimInputError):
    """A project file that cannot be opened or saved."""


class PermissionDenied(CimError):
    """The current role may not perform this action (e.g. a reviewer editing geometry)."""
