"""Every mutation of a project is a command on an undo stack (QGIS/Qt undo-framework style)."""

from cim.commands.base import Command, MacroCommand
from cim.commands.stack import UndoStack

__all__ = ["Command", "MacroCommand", "UndoStack"]
