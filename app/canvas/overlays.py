"""Temporary result geometry drawn over the map: a route, walksheds, catchments, a conflict outline.

Panels own named overlays (``canvas.overlays.set("network.route", geoms, colour)``); an overlay is
not a layer, is not saved and is not undoable — it shows the result of a study until the panel
clears it. Geometries are shapely (any type) in the project CRS. Paths are built once per view from
the coordinate arrays (``shapely.to_ragged_array``), not per feature per paint.

The part of a key before the first dot names its group (the panel: ``tod``, ``network``, ``checks``…);
a group can be hidden and shown again (a panel that redraws keeps it hidden) or cleared, and the layer
tree lists the groups as temporary results. Labels are decluttered: a label that would overlap one
already drawn is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainterPath, QPen, QPolygonF


@dataclass
class Overlay:
    geometries: np.ndarray
    colour: QColor
    width: float = 2.5
    fill_alpha: int = 50
    labels: list[tuple[float, float, str]] = field(default_factory=list)


def group_of(key: str) -> str:
    return key.split(".", 1)[0]


class Overlays(QObject):
    """Named overlays of one canvas; every change repaints the canvas (no re-render) and emits ``changed``."""

    changed = Signal()

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self._items: dict[str, Overlay] = {}
        self._hidden: set[str] = set()          # hidden groups
        self.labels_drawn = 0                    # labels painted last time (the rest were decluttered)

    def set(self, key: str, geometries, colour="#d81b60", *, width: float = 2.5, fill_alpha: int = 50,
            labels=None) -> None:
        geoms = np.asarray([g for g in np.atleast_1d(np.asarray(geometries, dtype=object))
                            if g is not None and not shapely.is_empty(g)], dtype=object)
        self._items[key] = Overlay(geoms, QColor(colour), width, fill_alpha, list(labels or []))
        self.canvas.update()
        self.changed.emit()

    def clear(self, key: str | None = None) -> None:
        if key is None:
            self._items.clear()
        else:
            self._items.pop(key, None)
        self.canvas.update()
        self.changed.emit()

    # groups (one per panel) ---------------------------------------------------------
    def groups(self) -> list[str]:
        """Groups with at least one overlay, in the order they were first drawn."""
        return list(dict.fromkeys(group_of(k) for k in self._items))

    def keys_of(self, group: str) -> list[str]:
        return [k for k in self._items if group_of(k) == group]

    def clear_group(self, group: str) -> None:
        for k in self.keys_of(group):
            self._items.pop(k, None)
        self.canvas.update()
        self.changed.emit()

    def set_group_visible(self, group: str, visible: bool) -> None:
        (self._hidden.discard if visible else self._hidden.add)(group)
        self.canvas.update()
        self.changed.emit()

    def is_group_visible(self, group: str) -> bool:
        return group not in self._hidden

    def group_bounds(self, group: str):
        geoms = [g for k in self.keys_of(group) for g in self._items[k].geometries]
        if not geoms:
            return None
        return tuple(shapely.total_bounds(np.asarray(geoms, dtype=object)))

    def visible_items(self) -> list[tuple[str, Overlay]]:
        return [(k, v) for k, v in self._items.items() if group_of(k) not in self._hidden]

    def keys(self) -> list[str]:
        return list(self._items)

    def get(self, key: str) -> Overlay | None:
        return self._items.get(key)

    def bounds(self, key: str):
        item = self._items.get(key)
        if item is None or not len(item.geometries):
            return None
        return tuple(shapely.total_bounds(item.geometries))

    # painting -------------------------------------------------------------------
    def paint(self, painter) -> None:
        items = self.visible_items()
        self.labels_drawn = 0
        if not items:
            return
        vp = self.canvas.vp
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        for _key, item in items:
            if not len(item.geometries):
                continue
            pen = QPen(item.colour, item.width)
            pen.setCapStyle(Qt.RoundCap)
            pen.setJoinStyle(Qt.RoundJoin)
            fill = QColor(item.colour)
            fill.setAlpha(item.fill_alpha)
            types = shapely.get_type_id(item.geometries)
            polys = item.geometries[np.isin(types, (3, 6))]
            lines = item.geometries[np.isin(types, (1, 2, 5))]
            points = item.geometries[np.isin(types, (0, 4))]
            painter.setPen(pen)
            if len(polys):
                painter.setBrush(QBrush(fill))
                painter.drawPath(_polygon_path(polys, vp))
            if len(lines):
                painter.setBrush(Qt.NoBrush)
                painter.drawPath(_line_path(lines, vp))
            if len(points):
                painter.setBrush(QBrush(item.colour))
                xy = vp.to_pixel(*shapely.get_coordinates(points).T)
                for px, py in zip(*xy):
                    painter.drawEllipse(QPointF(float(px), float(py)), 5.0, 5.0)
        self.labels_drawn = _paint_labels(painter, self.canvas, [lab for _k, it in items for lab in it.labels])


def place_labels(points, sizes, bounds: QRectF | None = None) -> list[int]:
    """Greedy declutter: ``(index, rect)`` of the labels (anchor ``points`` in pixels, text ``sizes``) that
    can be drawn without overlapping an earlier one; each tries four spots around its anchor."""
    taken: list[QRectF] = []
    keep = []
    for i, ((x, y), (w, h)) in enumerate(zip(points, sizes)):
        for dx, dy in ((8, -8 - h), (8, 8), (-8 - w, -8 - h), (-8 - w, 8)):
            r = QRectF(x + dx, y + dy, w, h)
            if bounds is not None and not bounds.intersects(r):
                break
            if not any(r.intersects(t) for t in taken):
                taken.append(r)
                keep.append((i, r))
                break
    return keep


def _paint_labels(painter, canvas, labels) -> int:
    if not labels:
        return 0
    fm = QFontMetricsF(painter.font())
    pts = [canvas.to_screen(x, y) for x, y, _t in labels]
    sizes = [(fm.horizontalAdvance(t) + 6, fm.height() + 2) for _x, _y, t in labels]
    placed = place_labels([(p.x(), p.y()) for p in pts], sizes, QRectF(canvas.rect()))
    for i, rect in placed:
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(255, 255, 255, 210))           # a halo box: readable over any map
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(QPen(QColor("#202020")))
        painter.drawText(rect, Qt.AlignCenter, labels[i][2])
    return len(placed)


def _rings(geoms, vp):
    """Screen-space coordinate arrays of every ring or line part, split with offsets (vectorised)."""
    parts = shapely.get_parts(geoms)
    rings = []
    poly = shapely.get_type_id(parts) == 3
    if poly.any():
        rings.append(shapely.get_exterior_ring(parts[poly]))
        n_int = shapely.get_num_interior_rings(parts[poly])
        if n_int.sum():
            idx = np.repeat(np.arange(poly.sum()), n_int)
            k = np.concatenate([np.arange(n) for n in n_int if n])
            rings.append(shapely.get_interior_ring(parts[poly][idx], k))
    if (~poly).any():
        rings.append(parts[~poly])
    rings = np.concatenate(rings) if rings else np.empty(0, dtype=object)
    coords, index = shapely.get_coordinates(rings, return_index=True)
    if not len(coords):
        return []
    px, py = vp.to_pixel(coords[:, 0], coords[:, 1])
    splits = np.flatnonzero(np.diff(index)) + 1
    return [np.column_stack(c) for c in zip(np.split(np.asarray(px), splits), np.split(np.asarray(py), splits))]


def _polygon_path(geoms, vp) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.OddEvenFill)
    for ring in _rings(geoms, vp):
        path.addPolygon(QPolygonF([QPointF(float(x), float(y)) for x, y in ring]))
        path.closeSubpath()
    return path


def _line_path(geoms, vp) -> QPainterPath:
    path = QPainterPath()
    for line in _rings(geoms, vp):
        path.addPolygon(QPolygonF([QPointF(float(x), float(y)) for x, y in line]))
    return path
