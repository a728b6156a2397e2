"""Small docks: the log, the undo history (a QUndoView-like list over the core stack), identify results."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.command_texts import command_text, log_text
from cim.project.feature_names import feature_name
from plugins.gui import tr as _t
from plugins.gui.values import value_text


class LogDock(QDockWidget):
    """Messages from the core's feedback and the UI; debug lines (tracebacks) only in the log file view."""

    def __init__(self, session, parent=None) -> None:
        super().__init__(_t("Panels", "Log"), parent)
        self.setObjectName("dock_log")
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setObjectName("log_text")
        self.text.setMaximumBlockCount(5000)
        self.setWidget(self.text)
        self.lines: list[tuple[str, str]] = []
        session.message.connect(self.add)

    def add(self, level: str, message: str) -> None:
        self.lines.append((level, message))
        if level == "debug":
            return
        stamp = _dt.datetime.now().strftime("%H:%M:%S")
        label = {"error": _t("Panels", "error"), "warning": _t("Panels", "warning")}.get(level, _t("Panels", "info"))
        self.text.appendPlainText(f"{stamp}  [{label}]  {log_text(message)}")


class UndoDock(QDockWidget):
    """The undo history; clicking an entry undoes or redoes up to it."""

    def __init__(self, session, parent=None) -> None:
        super().__init__(_t("Panels", "Undo history"), parent)
        self.setObjectName("dock_undo")
        self.session = session
        self.list = QListWidget()
        self.list.setObjectName("undo_list")
        self.list.itemClicked.connect(self._clicked)
        self.setWidget(self.list)
        session.undo_changed.connect(self.reload)
        session.project_replaced.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        stack = self.session.project.undo_stack
        self.list.clear()
        project = self.session.project
        items = [_t("Panels", "<project opened>")] + [command_text(t, project) for t in stack.texts()]
        for i, text in enumerate(items):
            item = QListWidgetItem(text)
            if i > stack.index:
                item.setForeground(QColor(150, 150, 150))
            if i == stack.index:
                f = QFont()
                f.setBold(True)
                item.setFont(f)
            self.list.addItem(item)
        self.list.setCurrentRow(stack.index)

    def _clicked(self, item) -> None:
        target = self.list.row(item)
        stack = self.session.project.undo_stack
        from cim.errors import CimError

        try:
            while stack.index > target and stack.can_undo():
                stack.undo()
            while stack.index < target and stack.can_redo():
                stack.redo()
        except CimError as exc:
            self.session.message.emit("error", str(exc))


class IdentifyDock(QDockWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(_t("Panels", "Identify results"), parent)
        self.setObjectName("dock_identify")
        self.tree = QTreeWidget()
        self.tree.setObjectName("identify_tree")
        self.tree.setHeaderLabels([_t("Panels", "Feature / field"), _t("Panels", "Value")])
        self.tree.setColumnWidth(0, 170)
        self.setWidget(self.tree)

    def show_results(self, results) -> None:
        """``results``: [(layer name, fid or None, {field: value})]."""
        self.tree.clear()
        for name, fid, attrs in results:
            top = QTreeWidgetItem([name if fid is None else feature_name(name, fid), ""])
            for k, v in attrs.items():
                top.addChild(QTreeWidgetItem([str(k), value_text(v)]))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        if not results:
            self.tree.addTopLevelItem(QTreeWidgetItem([_t("Panels", "Nothing here"), ""]))
        self.show()
        self.raise_()


__all__ = ["LogDock", "UndoDock", "IdentifyDock", "Qt"]
