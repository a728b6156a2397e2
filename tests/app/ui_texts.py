"""Every text a user reads in the main window and its panels: widget texts, tooltips, placeholders,
window and tab titles, combo items, table and tree headers, menu and action texts. Data shown in the
layer tree, attribute table, identify results and log are the user's own and are left out."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

DATA_VIEWS = {"layer_tree_view", "identify_tree", "log_text", "undo_list"}


def _header_texts(view) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out = []
    from PySide6.QtCore import QModelIndex

    try:
        n_cols = model.columnCount(QModelIndex())
    except TypeError:              # a list model: no header to read
        return []
    for orient, n in ((Qt.Horizontal, n_cols),):
        for i in range(n):
            v = model.headerData(i, orient, Qt.DisplayRole)
            if isinstance(v, str):
                out.append(v)
            tip = model.headerData(i, orient, Qt.ToolTipRole)
            if isinstance(tip, str):
                out.append(tip)
    return out


def window_texts(win) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def add(w, kind, text):
        if text and QtGui.Qt.mightBeRichText(text):      # what the user reads, not the markup
            from PySide6.QtGui import QTextDocumentFragment

            text = QTextDocumentFragment.fromHtml(text).toPlainText()
        if text and text.strip():
            out.append((f"{type(w).__name__}:{w.objectName() or '?'}:{kind}", text))

    skip_roots = [w for w in win.findChildren(QWidget) if w.objectName() in DATA_VIEWS or
                  w.objectName() == "dock_attributes"]

    def skipped(w) -> bool:
        return any(w is r or r.isAncestorOf(w) for r in skip_roots)

    add(win, "title", win.windowTitle().split(" — ", 1)[-1] if " — " in win.windowTitle() else "")
    for w in win.findChildren(QWidget):
        if skipped(w):
            continue
        add(w, "tooltip", w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            add(w, "text", w.text())
        if isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        if isinstance(w, (QTextEdit, QPlainTextEdit)):
            add(w, "placeholder", w.placeholderText())
            if isinstance(w, QTextEdit) and w.isReadOnly():
                add(w, "text", w.toPlainText())
        if isinstance(w, QGroupBox):
            add(w, "title", w.title())
        if isinstance(w, QDockWidget):
            add(w, "title", w.windowTitle())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, f"item{i}", w.itemText(i))
        if isinstance(w, (QTabWidget,)):
            for i in range(w.count()):
                add(w, f"tab{i}", w.tabText(i))
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w, f"tab{i}", w.tabText(i))
        if isinstance(w, QAbstractItemView):
            for t in _header_texts(w):
                add(w, "header", t)
        if isinstance(w, QMenu):
            add(w, "title", w.title())
    for act in win.findChildren(__import__("PySide6.QtGui", fromlist=["QAction"]).QAction):
        add(win, f"action:{act.objectName()}", act.text().replace("&", ""))
        add(win, f"action-tip:{act.objectName()}", act.toolTip().replace("&", ""))
    return out
