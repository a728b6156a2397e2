"""The attribute table: a Qt model reading the layer's GeoDataFrame in place (only visible cells are
asked for), sorted and filtered through a numpy row map, edited through ChangeAttribute commands,
its selection kept in step with the map's."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import layer_name
from cim.project.feature_edits import ChangeAttribute
from layers.kinds import has_table
from plugins.gui import tr as _t
from plugins.gui.values import count, empty_text, shortest

_ROOT = QModelIndex()



def filter_error_text(exc: BaseException, columns) -> str:
    """Why a filter expression cannot be used, in the interface language (never Python's own text)."""
    import re

    if isinstance(exc, SyntaxError):
        at = getattr(exc, "offset", None)
        where = _t("AttributeTable", " near character %1").replace("%1", str(at)) if at else ""
        return _t("AttributeTable", "the expression is not written correctly%1 — e.g. far > 2 and "
                                    "category == 'residential'").replace("%1", where)
    m = re.search(r"name '([^']+)' is not defined", str(exc))
    if m:
        shown = ", ".join(list(columns)[:8]) + (" …" if len(columns) > 8 else "")
        return _t("AttributeTable", "there is no field %1 (fields: %2)").replace("%1", m.group(1)).replace("%2", shown)
    if isinstance(exc, TypeError):
        return _t("AttributeTable", "a field is compared with a value of another type (text in quotes, "
                                    "numbers without)")
    return _t("AttributeTable", "the expression cannot be used on this layer")


class AttributeTableModel(QAbstractTableModel):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.layer_id: str | None = None
        self.columns: list[str] = []
        self.rows = np.zeros(0, dtype=np.int64)     # positions into the frame, in display order
        self.sort_column: int | None = None
        self.sort_order = Qt.AscendingOrder
        self.expression = ""
        self.selected_only = False
        self.error = ""
        self._arrays: list[np.ndarray] = []
        self._fids = np.zeros(0, dtype=np.int64)

    def frame(self):
        rec = self.session.project.layers.get(self.layer_id) if self.layer_id else None
        return rec.data if has_table(rec) else None

    def set_layer(self, layer_id: str | None) -> None:
        self.layer_id = layer_id
        self.sort_column = None
        self.refresh()

    def refresh(self) -> None:
        """Re-read the frame and re-apply filter and sort (after edits or a new layer)."""
        self.beginResetModel()
        df = self.frame()
        if df is None:
            self.columns, self._arrays, self.rows, self._fids = [], [], np.zeros(0, np.int64), np.zeros(0, np.int64)
        else:
            gname = df.geometry.name
            self.columns = [c for c in df.columns if c != gname]
            self._arrays = [df[c].to_numpy() for c in self.columns]
            self._fids = df.index.to_numpy()
            self.rows = self._row_map(df)
        self.endResetModel()

    def _row_map(self, df) -> np.ndarray:
        self.error = ""
        mask = np.ones(len(df), dtype=bool)
        if self.expression.strip():
            try:
                hit = df.drop(columns=df.geometry.name).query(self.expression, engine="python")
                mask &= df.index.isin(hit.index)
            except Exception as exc:   # a typo in the expression is shown, not raised
                self.error = filter_error_text(exc, [c for c in df.columns if c != df.geometry.name])
        if self.selected_only:
            mask &= np.isin(df.index.to_numpy(), self.session.selected(self.layer_id))
        rows = np.flatnonzero(mask)
        if self.sort_column is not None and len(rows):
            col = df[self.columns[self.sort_column]].iloc[rows]
            order = np.argsort(col.to_numpy(na_value=np.nan) if col.dtype.kind in "iufb" else
                               col.astype(str).to_numpy(), kind="stable")
            rows = rows[order]
            if self.sort_order == Qt.DescendingOrder:
                rows = rows[::-1]
        return rows

    # Qt model -------------------------------------------------------------
    def rowCount(self, parent=_ROOT):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self.columns[section] if section < len(self.columns) else None
        return str(int(self._fids[self.rows[section]])) if section < len(self.rows) else None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        value = self._arrays[index.column()][self.rows[index.row()]]
        if role in (Qt.DisplayRole, Qt.EditRole):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                return "" if role == Qt.EditRole else empty_text()
            if isinstance(value, (bool, np.bool_)):
                return _t("AttributeTable", "yes") if value else _t("AttributeTable", "no")
            if isinstance(value, (float, np.floating)):
                return shortest(value) if role == Qt.DisplayRole else float(value)
            return str(value) if not isinstance(value, (int, np.integer)) else int(value)
        if role == Qt.ForegroundRole and (value is None or (isinstance(value, float) and math.isnan(value))):
            return QColor(150, 150, 150)
        if role == Qt.TextAlignmentRole and isinstance(value, (int, float, np.number)) and not isinstance(
                value, (bool, np.bool_)):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsEditable if self.session.editable else base

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or not index.isValid():
            return False
        fid = int(self._fids[self.rows[index.row()]])
        field = self.columns[index.column()]
        if isinstance(value, str) and value.strip().upper() in ("NULL", empty_text().upper()):
            value = None
        try:
            cmd = ChangeAttribute(self.session.project, self.layer_id, fid, field, value)
        except Exception as exc:
            self.session.message.emit("error", str(exc))
            return False
        return self.session.push(cmd)

    def sort(self, column, order=Qt.AscendingOrder):
        self.sort_column, self.sort_order = column, order
        self.refresh()

    def fid_at(self, row: int) -> int:
        return int(self._fids[self.rows[row]])

    def rows_of(self, fids) -> np.ndarray:
        """Display rows of the given fids (those shown)."""
        shown = self._fids[self.rows]
        return np.flatnonzero(np.isin(shown, fids))


class AttributeTableDock(QDockWidget):
    def __init__(self, session, canvas, parent=None) -> None:
        super().__init__(_t("AttributeTable", "Attribute table"), parent)
        self.setObjectName("dock_attributes")
        self.session, self.canvas = session, canvas
        self.model = AttributeTableModel(session, self)
        self.view = QTableView(self)
        self.view.setObjectName("attribute_view")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(110)
        self.view.verticalHeader().sectionDoubleClicked.connect(self.zoom_to_row)
        self.view.selectionModel().selectionChanged.connect(self._view_selection)
        self.title = QLabel()
        self.filter = QLineEdit(placeholderText=_t("AttributeTable", "Filter, e.g.  category == 'residential' and far > 2"))
        self.filter.setObjectName("attribute_filter")
        self.filter.returnPressed.connect(self.apply_filter)
        self.only_sel = QCheckBox(_t("AttributeTable", "Selected only"))
        self.only_sel.toggled.connect(self.apply_filter)
        zoom = QPushButton(_t("AttributeTable", "Zoom to selection"))
        zoom.clicked.connect(self.zoom_to_selection)
        self.status = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.filter, 1)
        top.addWidget(self.only_sel)
        top.addWidget(zoom)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addLayout(top)
        lay.addWidget(self.view)
        lay.addWidget(self.status)
        self.setWidget(box)
        self._syncing = False
        session.current_layer_changed.connect(self._layer)
        session.project_replaced.connect(lambda: self._layer(session.current_layer_id))
        session.features_changed.connect(self._features)
        session.layer_changed.connect(self._renamed)
        session.selection_changed.connect(self._map_selection)
        session.role_changed.connect(lambda _r: self.model.refresh())
        self._layer(session.current_layer_id)

    def _layer(self, lid) -> None:
        rec = self.session.project.layers.get(lid) if lid else None
        if rec is not None and not has_table(rec):
            return
        self.model.set_layer(lid if rec is not None else None)
        self.title.setText(f"<b>{layer_name(rec)}</b>" if rec is not None else "")
        self._update_status()
        self._map_selection()

    def _renamed(self, lid) -> None:
        rec = self.session.project.layers.get(lid)
        if lid == self.model.layer_id and rec is not None:
            self.title.setText(f"<b>{layer_name(rec)}</b>")

    def _features(self, lid) -> None:
        if lid == self.model.layer_id:
            self.model.refresh()
            self._map_selection()
            self._update_status()

    def apply_filter(self) -> None:
        self.model.expression = self.filter.text()
        self.model.selected_only = self.only_sel.isChecked()
        self.model.refresh()
        self._map_selection()
        self._update_status()

    def _update_status(self) -> None:
        df = self.model.frame()
        total = len(df) if df is not None else 0
        text = _t("AttributeTable", "%1 of %2 features shown").replace("%1", count(len(self.model.rows))).replace("%2", count(total))
        if self.model.error:
            text += " — " + _t("AttributeTable", "filter error:") + " " + self.model.error
        self.status.setText(text)

    def _view_selection(self, *_):
        if self._syncing or self.model.layer_id is None:
            return
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        fids = [self.model.fid_at(r) for r in rows]
        self._syncing = True
        try:
            self.session.select(self.model.layer_id, fids)
        finally:
            self._syncing = False

    def _map_selection(self) -> None:
        if self._syncing or self.model.layer_id is None:
            return
        if self.model.selected_only:
            self.model.refresh()
        rows = self.model.rows_of(self.session.selected(self.model.layer_id))
        sel = QItemSelection()
        if len(rows):
            breaks = np.flatnonzero(np.diff(rows) != 1)
            starts = np.r_[rows[0], rows[breaks + 1]]
            ends = np.r_[rows[breaks], rows[-1]]
            last = self.model.columnCount() - 1
            for a, b in zip(starts.tolist(), ends.tolist()):
                sel.select(self.model.index(a, 0), self.model.index(b, last))
        self._syncing = True
        try:
            self.view.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect)
            if len(rows):
                self.view.scrollTo(self.model.index(int(rows[0]), 0))
        finally:
            self._syncing = False
        self._update_status()

    def zoom_to_row(self, row: int) -> None:
        df = self.model.frame()
        if df is not None and 0 <= row < len(self.model.rows):
            geom = df.geometry.iloc[self.model.rows[row]]
            if geom is not None and not geom.is_empty:
                self.canvas.user_navigated()
                self.canvas.zoom_to(geom.bounds, 0.3)

    def zoom_to_selection(self) -> None:
        df = self.model.frame()
        fids = self.session.selected(self.model.layer_id) if self.model.layer_id else []
        if df is not None and len(fids):
            self.canvas.user_navigated()
            self.canvas.zoom_to(df.loc[fids].total_bounds, 0.2)
