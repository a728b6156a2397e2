"""Map tools for looking and choosing: pan, zoom box, identify, select (click, box, polygon), measure."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF

from app.i18n import layer_name
from layers.kinds import feature_frame, identify_attributes, layer_kind
from layers.render.pick import pick_box, pick_point, pick_polygon
from plugins.gui import tr as _t
from plugins.gui.values import num

RUBBER = QColor(220, 60, 40)



class MapTool:
    cursor = Qt.ArrowCursor

    def __init__(self, canvas, session, report=None) -> None:
        self.canvas, self.session = canvas, session
        self.report = report or (lambda text: None)   # a line for the status bar

    def activate(self) -> None: ...
    def deactivate(self) -> None: ...
    def press(self, event) -> None: ...
    def move(self, event) -> None: ...
    def release(self, event) -> None: ...
    def double_click(self, event) -> None: ...
    def key(self, event) -> bool:
        return False

    def paint(self, painter) -> None: ...

    # helpers --------------------------------------------------------------
    def pick_snapshots(self, only_current: bool = False, identify: bool = False):
        """(record, snapshot) of visible layers with a feature table (``identify``: with features, IFC
        footprints too), topmost first."""
        p = self.session.project
        out = []
        for rec in p.ordered_layers():
            kind = layer_kind(rec)
            if not (kind.draw == "features" if identify else kind.table) or not p.tree.is_visible(rec.id):
                continue
            if only_current and rec.id != self.session.current_layer_id:
                continue
            inp = self.canvas.cache.capture(rec, p.crs)
            out.append((rec, self.canvas.cache.snapshot(inp)))
        return out


class PanTool(MapTool):
    cursor = Qt.OpenHandCursor

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self._last = None

    def press(self, event) -> None:
        self._last = event.position()

    def move(self, event) -> None:
        if self._last is not None:
            d = event.position() - self._last
            self._last = event.position()
            self.canvas.set_viewport(self.canvas.vp.panned(d.x(), d.y()), user=True)

    def release(self, event) -> None:
        self._last = None


class _BoxTool(MapTool):
    """Drag a rectangle; a short drag is a click."""

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self._start = self._end = None

    def press(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self._start = self._end = event.position()

    def move(self, event) -> None:
        if self._start is not None:
            self._end = event.position()
            self.canvas.update()

    def release(self, event) -> None:
        if self._start is None:
            return
        start, end = self._start, event.position()
        self._start = self._end = None
        self.canvas.update()
        if (end - start).manhattanLength() < 4:
            self.clicked(start, event.modifiers())
        else:
            x0, y0 = self.canvas.to_map(start)
            x1, y1 = self.canvas.to_map(end)
            self.boxed((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), event.modifiers())

    def paint(self, painter) -> None:
        if self._start is not None and self._end is not None:
            painter.setPen(QPen(RUBBER, 1.5, Qt.DashLine))
            painter.setBrush(QBrush(QColor(220, 60, 40, 40)))
            painter.drawRect(QRectF(self._start, self._end).normalized())

    def clicked(self, pos, modifiers) -> None: ...
    def boxed(self, bounds, modifiers) -> None: ...


class ZoomBoxTool(_BoxTool):
    cursor = Qt.CrossCursor

    def clicked(self, pos, modifiers) -> None:
        self.canvas.user_navigated()
        self.canvas.zoom_by(0.5 if modifiers & Qt.ShiftModifier else 2.0, (pos.x(), pos.y()))

    def boxed(self, bounds, modifiers) -> None:
        self.canvas.user_navigated()
        self.canvas.zoom_to(bounds, 0.0)


def _mode(modifiers) -> str:
    if modifiers & Qt.ControlModifier:
        return "toggle"
    if modifiers & Qt.ShiftModifier:
        return "add"
    return "replace"


class SelectTool(_BoxTool):
    """Click selects the topmost feature (current layer first); drag selects in a box."""

    cursor = Qt.PointingHandCursor

    def clicked(self, pos, modifiers) -> None:
        x, y = self.canvas.to_map(pos)
        tol = self.canvas.pixel_tolerance(4)
        layers = self.pick_snapshots()
        cur = self.session.current_layer_id
        layers.sort(key=lambda rs: rs[0].id != cur)      # the current layer first, then top to bottom
        for rec, snap in layers:
            hit = pick_point(snap, x, y, tol)
            if len(hit):
                self.session.set_current_layer(rec.id)
                self.session.select(rec.id, snap.fids[hit[:1]], _mode(modifiers))
                self.report(_t("Tools", "Selected 1 feature in %1").replace("%1", layer_name(rec)))
                return
        if _mode(modifiers) == "replace":
            self.session.clear_selection()

    def boxed(self, bounds, modifiers) -> None:
        self._select_where(lambda snap: pick_box(snap, bounds), modifiers)

    def _select_where(self, fn, modifiers) -> None:
        layers = self.pick_snapshots(only_current=True) or self.pick_snapshots()[:1]
        for rec, snap in layers:
            hit = fn(snap)
            self.session.select(rec.id, snap.fids[hit], _mode(modifiers))
            self.report(_t("Tools", "Selected %1 feature(s) in %2").replace("%1", str(len(hit))).replace("%2", layer_name(rec)))


class _PathTool(MapTool):
    """Collects clicked map points; double-click, Enter or right-click finishes, Esc clears."""

    cursor = Qt.CrossCursor
    closed = False

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.points: list[tuple[float, float]] = []
        self.hover: tuple[float, float] | None = None
        self.modifiers = Qt.NoModifier     # held at the last click: Shift adds, Ctrl toggles (select)

    def map_point(self, event) -> tuple[float, float]:
        return self.canvas.to_map(event.position())

    def press(self, event) -> None:
        if event.button() == Qt.RightButton:
            self._finish()
        elif event.button() == Qt.LeftButton:
            self.modifiers = event.modifiers()
            self.points.append(self.map_point(event))
            self.changed()
            self.canvas.update()

    def move(self, event) -> None:
        self.hover = self.map_point(event)
        if self.points:
            self.changed()
        self.canvas.update()

    def double_click(self, event) -> None:
        self._finish()

    def key(self, event) -> bool:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self._finish()
            return True
        if event.key() == Qt.Key_Escape:
            self.points.clear()
            self.canvas.update()
            return True
        if event.key() == Qt.Key_Backspace and self.points:
            self.points.pop()
            self.canvas.update()
            return True
        return False

    def _finish(self) -> None:
        pts = _dedupe(self.points)
        self.points = []
        self.finished(pts)
        self.canvas.update()

    def deactivate(self) -> None:
        self.points.clear()

    def path(self) -> list[tuple[float, float]]:
        return self.points + ([self.hover] if self.hover and self.points else [])

    def paint(self, painter) -> None:
        pts = [self.canvas.to_screen(x, y) for x, y in self.path()]
        if not pts:
            return
        painter.setPen(QPen(RUBBER, 2))
        if self.closed and len(pts) > 2:
            painter.setBrush(QBrush(QColor(220, 60, 40, 45)))
            painter.drawPolygon(QPolygonF(pts))
        else:
            painter.drawPolyline(QPolygonF(pts))
        painter.setBrush(QBrush(Qt.white))
        for q in pts[:len(self.points)]:
            painter.drawEllipse(q, 3.5, 3.5)

    def changed(self) -> None: ...
    def finished(self, points) -> None: ...


def _dedupe(points):
    out = []
    for p in points:
        if not out or np.hypot(p[0] - out[-1][0], p[1] - out[-1][1]) > 1e-9:
            out.append(p)
    return out


class PolygonSelectTool(_PathTool):
    """Click the corners, double-click or Enter to select inside; Shift adds, Ctrl toggles."""

    closed = True

    def finished(self, points) -> None:
        if len(points) < 3:
            return
        import shapely

        poly = shapely.Polygon(points)
        SelectTool._select_where(self, lambda snap: pick_polygon(snap, poly), self.modifiers)


def path_length(points) -> float:
    a = np.asarray(points, dtype=float)
    return float(np.hypot(*np.diff(a, axis=0).T).sum()) if len(a) > 1 else 0.0


def polygon_area(points) -> float:
    a = np.asarray(points, dtype=float)
    if len(a) < 3:
        return 0.0
    x, y = a[:, 0], a[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


class MeasureTool(_PathTool):
    """Distance (or area with ``closed``) in metres on the projected project CRS."""

    def __init__(self, *a, area: bool = False, **k) -> None:
        super().__init__(*a, **k)
        self.closed = area
        self.result = 0.0

    def text(self, pts) -> str:
        if self.closed:
            self.result = polygon_area(pts)
            value = f"{num(self.result, 1)} m²" if self.result < 1e5 else f"{num(self.result / 1e4, 3)} ha"
            return _t("Tools", "Area: %1  (perimeter %2 m)").replace("%1", value).replace(
                "%2", num(path_length(pts + pts[:1]), 1))
        self.result = path_length(pts)
        return _t("Tools", "Distance: %1 m").replace("%1", num(self.result, 2))

    def changed(self) -> None:
        self.report(self.text(self.path()))

    def finished(self, points) -> None:
        self.report(self.text(points) + "  ✓")

    def paint(self, painter) -> None:
        super().paint(painter)
        pts = self.path()
        if len(pts) > 1:
            q = self.canvas.to_screen(*pts[-1])
            painter.setPen(QPen(QColor(40, 40, 40)))
            painter.drawText(q + QPointF(10, -10), self.text(pts))


class IdentifyTool(MapTool):
    """Click: the attributes of every visible feature under the cursor, all layers, and raster values."""

    cursor = Qt.WhatsThisCursor

    def __init__(self, *a, show=None, **k) -> None:
        super().__init__(*a, **k)
        self.show = show or (lambda results: None)
        self.results: list = []

    def release(self, event) -> None:
        x, y = self.canvas.to_map(event.position())
        tol = self.canvas.pixel_tolerance(4)
        results = []
        for rec, snap in self.pick_snapshots(identify=True):
            hit = pick_point(snap, x, y, tol)
            df = feature_frame(rec)
            cols = [c for c in df.columns if c != df.geometry.name]
            for fid in snap.fids[hit[:20]].tolist():
                if fid in df.index:
                    attrs = identify_attributes(rec, df.loc[fid], cols)
                    results.append((layer_name(rec), int(fid), {k: (None if _isnull(v) else v) for k, v in attrs.items()}))
        p = self.session.project
        for rec in p.ordered_layers():
            if layer_kind(rec).values and p.tree.is_visible(rec.id) and hasattr(rec.data, "sample"):
                try:
                    value = float(rec.data.sample(np.array([[x, y]]))[0])
                except Exception:   # outside or unreadable: just not shown
                    continue
                if np.isfinite(value):
                    results.append((layer_name(rec), None, {_t("Tools", "value"): num(value, 2)}))
        self.results = results
        self.show(results)
        self.report(_t("Tools", "%1 result(s) at %2, %3").replace("%1", str(len(results)))
                    .replace("%2", num(x, 2)).replace("%3", num(y, 2)))


def _isnull(v) -> bool:
    try:
        return v is None or (isinstance(v, float) and np.isnan(v))
    except TypeError:
        return False
