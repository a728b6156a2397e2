"""Widget scaffolding the panels and dialogs repeat: built here once, named for the tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from plugins.gui.text import tr as _t


class Panel(QWidget):
    """A plugin's dock panel. Declare the subclass itself as the ``[[panels]]`` callable: the app calls it
    with the main window, the panel's one door to the app (kept as ``window_``; docs/NOTES.md items 15, 18).
    ``object_name`` names the widget for the tests."""

    object_name = ""

    def __init__(self, window, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name or type(self).__name__)
        self.window_ = window

    def show_dock(self) -> None:
        raise_dock(self)


def raise_dock(widget) -> None:
    """Show and raise the dock holding ``widget`` (a panel's menu action brings its panel forward)."""
    from PySide6.QtWidgets import QDockWidget

    dock = widget.parentWidget()
    while dock is not None and not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    if dock is not None:
        dock.show()
        dock.raise_()


def button(text: str, on_click: Callable[[], object] | None = None, *, name: str | None = None,
           enabled: bool = True) -> QPushButton:
    """A push button calling ``on_click()`` (without the ``checked`` argument Qt passes)."""
    b = QPushButton(text)
    if name:
        b.setObjectName(name)
    if on_click is not None:
        b.clicked.connect(lambda _checked=False: on_click())
    b.setEnabled(enabled)
    return b


def button_grid(buttons: Iterable, columns: int = 2) -> QGridLayout:
    """Buttons two by two (by default): fits a docked width."""
    grid = QGridLayout()
    for k, b in enumerate(buttons):
        grid.addWidget(b, k // columns, k % columns)
    return grid


def row(*widgets, stretch: int | None = 0) -> QHBoxLayout:
    """Widgets side by side; the widget at index ``stretch`` takes the spare width (None: none does)."""
    lay = QHBoxLayout()
    for k, w in enumerate(widgets):
        lay.addWidget(w, 1 if k == stretch else 0)
    return lay


def status_label(text: str = "", *, name: str | None = None) -> QLabel:
    """A wrapping label for a panel's summary or status sentence."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    return label


def form_layout(rows: Sequence[tuple[str, object]] = (), *, wrap: bool = True) -> QFormLayout:
    """A form (label, widget or layout); long rows wrap under their label in a narrow dock."""
    form = QFormLayout()
    if wrap:
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
    for label, field in rows:
        form.addRow(label, field)
    return form


def result_table(headers: Sequence[str], *, name: str | None = None, stretch: Iterable[int] = (),
                 fit: Iterable[int] = (), read_only: bool = True, select_rows: bool = True, single: bool = False,
                 word_wrap: bool = True) -> QTableWidget:
    """A table of results: the headers, no row numbers, whole rows selected (one only when ``single``), not
    editable (by default); columns ``stretch`` take the spare width, columns ``fit`` fit their contents."""
    table = QTableWidget(0, len(headers))
    if name:
        table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    header = table.horizontalHeader()
    for col in fit:
        header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
    for col in stretch:
        header.setSectionResizeMode(col, QHeaderView.Stretch)
    table.verticalHeader().setVisible(False)
    if read_only:
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    if select_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setWordWrap(word_wrap)
    return table


def fill_table(table: QTableWidget, rows: Iterable[Sequence], *, resize: bool = False) -> list[list[QTableWidgetItem]]:
    """Replace the table's rows with ``rows`` (cells shown with ``str``); returns the items, row by row."""
    rows = [list(r) for r in rows]
    table.setRowCount(len(rows))
    items = []
    for r, cells in enumerate(rows):
        line = []
        for c, value in enumerate(cells):
            item = QTableWidgetItem("" if value is None else str(value))
            table.setItem(r, c, item)
            line.append(item)
        items.append(line)
    if resize:
        table.resizeColumnsToContents()
    return items


class PathField(NamedTuple):
    edit: QLineEdit
    button: QPushButton
    layout: QHBoxLayout


def path_field(browse: Callable[[], object], *, name: str | None = None, placeholder: str = "",
               button_text: str | None = None) -> PathField:
    """A path line edit with its Browse… button beside it (the edit takes the width)."""
    edit = QLineEdit()
    if name:
        edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    pick = button(button_text or _t("SharedWidgets", "Browse…"), browse)
    return PathField(edit, pick, row(edit, pick))


def line_edit(text: str = "", *, name: str | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    if name:
        edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def text_box(*, name: str | None = None, placeholder: str = "") -> QPlainTextEdit:
    """A several-line plain text field (a comment, a reason)."""
    box = QPlainTextEdit()
    if name:
        box.setObjectName(name)
    if placeholder:
        box.setPlaceholderText(placeholder)
    return box


def ok_cancel(dialog, *, on_ok: Callable[[], object] | None = None, ok_text: str | None = None,
              cancel_text: str | None = None) -> QDialogButtonBox:
    """OK and Cancel: OK calls ``on_ok`` (default: the dialog's accept), Cancel rejects; optional texts."""
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    if ok_text:
        box.button(QDialogButtonBox.Ok).setText(ok_text)
    if cancel_text:
        box.button(QDialogButtonBox.Cancel).setText(cancel_text)
    box.accepted.connect(on_ok or dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
