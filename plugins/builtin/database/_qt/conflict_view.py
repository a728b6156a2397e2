"""The conflict view of the Shared database dock: each conflicting feature side by side — base (the
version the working copy started from), theirs (the database now) and mine (this working copy) —
on the map (temporary overlays ``database.base`` / ``database.theirs`` / ``database.mine`` in three
colours) and in an attribute comparison table, resolved per feature (keep mine, take theirs, merge
attributes) as ONE undoable command. Undoing a resolution brings the feature back into the list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plugins import gui
from plugins.gui import tr as _t
from plugins.gui.values import value_text

COLOURS = {"base": "#757575", "theirs": "#1e88e5", "mine": "#f4511e"}
WIDTHS = {"base": 7.0, "theirs": 4.5, "mine": 2.0}      # drawn in this order: coincident shapes stay visible
TINTS = {"theirs": "#d6e8fb", "mine": "#fde0d6", "both": "#f8c9c9"}
GROUP = "database"


def is_resolved(project, view) -> bool:
    """The working copy already took ``their_version`` as its base for this feature."""
    from cim.db.workcopy import link_of

    c = view.conflict
    link = link_of(project)
    base = link.base.get(c.layer_id) if link is not None else None
    present = base is not None and c.cim_id in base.index
    if c.their_version is None:
        return not present
    return present and int(base.at[c.cim_id, "version"]) == int(c.their_version)


class ConflictView(QWidget):
    """Conflicting features (top), the field comparison of the current one (bottom), resolve buttons."""

    resolved = Signal(int)          # number of features just resolved

    def __init__(self, window, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("database_conflict_view")
        self.window, self.session = window, window.session
        self.views: list = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(_t("ConflictView", "Conflicts: base / theirs / mine, on the map and by field")))
        self.legend = QLabel(" ".join(
            f'<span style="color:{COLOURS[k]}">■</span> {text}' for k, text in
            (("base", _t("ConflictView", "Base (when pulled)")), ("theirs", _t("ConflictView", "Theirs (database)")),
             ("mine", _t("ConflictView", "Mine (this copy)")))))
        self.legend.setObjectName("database_conflict_legend")
        lay.addWidget(self.legend)
        split = QSplitter(Qt.Vertical, self)
        self.features = gui.result_table([_t("ConflictView", "Layer"), _t("ConflictView", "Object"), _t("ConflictView", "Theirs"),
                                _t("ConflictView", "Mine"), _t("ConflictView", "Fields")],
                                         name="database_conflict_features", fit=(0, 1, 2, 3), stretch=(4,))
        self.features.itemSelectionChanged.connect(self.show_current)
        self.fields = gui.result_table([_t("ConflictView", "Field"), _t("ConflictView", "Base"), _t("ConflictView", "Theirs"),
                              _t("ConflictView", "Mine"), _t("ConflictView", "Merged")],
                                       name="database_conflict_fields", fit=(0,), stretch=(1, 2, 3, 4), word_wrap=False)
        self.fields.setSelectionMode(QAbstractItemView.NoSelection)
        split.addWidget(self.features)
        split.addWidget(self.fields)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)          # the comparison needs the room
        split.setSizes([120, 360])
        lay.addWidget(split, 1)
        row = QHBoxLayout()
        self.buttons = {}
        for choice, text, tip in (
                ("mine", _t("ConflictView", "Keep mine"), _t("ConflictView", "Push my version over theirs")),
                ("theirs", _t("ConflictView", "Take theirs"),
                 _t("ConflictView", "Drop my edit of this feature and take the database's")),
                ("merge", _t("ConflictView", "Merge attributes"),
                 _t("ConflictView", "Theirs, with the fields I changed set to mine"))):
            b = QPushButton(text)
            b.setObjectName(f"database_resolve_{choice}")
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, c=choice: self.resolve(c))
            row.addWidget(b)
            self.buttons[choice] = b
        lay.addLayout(row)
        self.session.undo_changed.connect(self.refresh)
        self.refresh()

    # content ------------------------------------------------------------------
    def set_views(self, views) -> None:
        self.views = list(views)
        self.refresh()
        if self.features.rowCount():
            self.features.selectRow(0)

    def open_views(self) -> list:
        if not self.views or not hasattr(self.session.project, "layers"):
            return []
        return [v for v in self.views if v.conflict.layer_id in self.session.project.layers
                and not is_resolved(self.session.project, v)]

    def refresh(self) -> None:
        keep = {self.features.item(i.row(), 1).text() for i in self.features.selectionModel().selectedRows()
                if self.features.item(i.row(), 1) is not None}
        shown = self.open_views()
        self.features.blockSignals(True)
        self.features.setRowCount(len(shown))
        for r, v in enumerate(shown):
            fields = sorted(set(v.changed("mine")) | set(v.changed("theirs")))
            cells = [v.conflict.layer, v.conflict.cim_id, _state(v, "theirs"), _state(v, "mine"),
                     ", ".join(fields) or "—"]
            for c, text in enumerate(cells):
                self.features.setItem(r, c, QTableWidgetItem(text))
            if v.conflict.cim_id in keep:
                self.features.selectRow(r)
        self.features.blockSignals(False)
        self.setVisible(bool(shown))       # no conflict: the history gets the room
        editable = bool(shown) and self.session.editable
        for b in self.buttons.values():
            b.setEnabled(editable)
        self.show_current()

    def current(self):
        shown = self.open_views()
        rows = sorted({i.row() for i in self.features.selectionModel().selectedRows()})
        return [shown[r] for r in rows if r < len(shown)]

    def show_current(self) -> None:
        picked = self.current()
        v = picked[0] if picked else None
        self._fill_fields(v)
        self._draw(v)

    def _fill_fields(self, v) -> None:
        if v is None:
            self.fields.setRowCount(0)
            return
        mine_ch, theirs_ch = v.changed("mine"), v.changed("theirs")
        names = [*v.columns, "geometry"]
        changed = [n for n in names if n in mine_ch or n in theirs_ch]
        rows = changed + [n for n in names if n not in changed]
        merged = _merged(v)
        self.fields.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, name in enumerate(rows):
            values = [name, _value(v.base, name), _value(v.theirs, name, v.base), _value(v.mine, name, v.base),
                      _value(merged, name, v.base)]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if name in changed:
                    item.setFont(bold)
                self.fields.setItem(r, c, item)
            tint = TINTS["both"] if name in mine_ch and name in theirs_ch else \
                TINTS["theirs"] if name in theirs_ch else TINTS["mine"] if name in mine_ch else None
            if tint:
                for c in (2, 3):
                    side = ("theirs", "mine")[c - 2]
                    if name in (theirs_ch if side == "theirs" else mine_ch):
                        self.fields.item(r, c).setBackground(QBrush(QColor(tint)))
                        self.fields.item(r, c).setForeground(QBrush(QColor("#202020")))

    def _draw(self, v) -> None:
        ov = self.window.canvas.overlays
        if v is None:
            ov.clear_group(GROUP)
            return
        import shapely

        geoms = []
        for side in ("base", "theirs", "mine"):
            d = getattr(v, side)
            g = d.get("geometry") if d else None
            key = f"{GROUP}.{side}"
            if g is None or shapely.is_empty(g):
                ov.clear(key)
                continue
            geoms.append(g)
            p = g.representative_point()
            label = {"base": _t("ConflictView", "base"), "theirs": _t("ConflictView", "theirs"),
                     "mine": _t("ConflictView", "mine")}[side]
            ov.set(key, [g], COLOURS[side], width=WIDTHS[side], fill_alpha=30 if side != "base" else 15,
                   labels=[(p.x, p.y, f"{v.conflict.cim_id} · {label}")] if side != "base" else [])
        if geoms:
            minx, miny, maxx, maxy = shapely.total_bounds(geoms)
            pad = max(maxx - minx, maxy - miny, 20.0)
            self.window.zoom_to_bounds((minx - pad, miny - pad, maxx + pad, maxy + pad), 0.1)

    def clear(self) -> None:
        self.views = []
        self.refresh()

    # resolving ----------------------------------------------------------------
    def resolve(self, choice: str) -> None:
        from cim.db.conflicts import ResolveConflicts

        picked = self.current() or self.open_views()
        if not picked:
            return
        ids = {v.conflict.cim_id: choice for v in picked}
        try:
            cmd = ResolveConflicts(self.session.project, picked, ids)
        except Exception as exc:    # CimInputError: merge of a deleted feature
            self.session.message.emit("warning", self.window.readable_error(exc))
            return
        if self.session.push(cmd):
            self.refresh()
            if self.features.rowCount():
                self.features.selectRow(0)
            self.resolved.emit(len(ids))


def _merged(v) -> dict | None:
    if v.mine is None or v.theirs is None or v.base is None:
        return None
    out = dict(v.theirs)
    out.update({k: new for k, (_, new) in v.changed("mine").items()})
    return out


def _state(v, side: str) -> str:
    d = getattr(v, side)
    if d is None:
        return _t("ConflictView", "deleted")
    if v.base is None:
        return _t("ConflictView", "added")
    n = len(v.changed(side))
    if not n:
        return _t("ConflictView", "unchanged")
    return _t("ConflictView", "%1 field(s) changed").replace("%1", str(n))


def _value(side: dict | None, field: str, base: dict | None = None) -> str:
    if side is None:
        return _t("ConflictView", "(deleted)")
    value = side.get(field)
    if value is None:
        return ""
    if field == "geometry":
        kind = value.geom_type
        size = f"{gui.num(value.area)} m²" if kind in ("Polygon", "MultiPolygon") else \
            f"{gui.num(value.length)} m" if kind in ("LineString", "MultiLineString") else kind
        old = (base or {}).get("geometry")
        if old is None or old.equals_exact(value, 0.0):
            return size
        moved = old.centroid.distance(value.centroid)
        if moved >= 0.05 and abs(getattr(old, "area", 0.0) - getattr(value, "area", 0.0)) < 0.5 \
                and abs(old.length - value.length) < 0.5:
            return _t("ConflictView", "moved %1 m").replace("%1", gui.num(moved, 1))
        if moved >= 0.05:
            return _t("ConflictView", "%1, moved %2 m").replace("%1", size).replace("%2", gui.num(moved, 1))
        return _t("ConflictView", "%1, reshaped").replace("%1", size)
    return value_text(value)
