"""Temporary result geometry drawn over the map: a route, walksheds, catchments, a conflict outline.

Panels own named overlays (``canvas.overlays.set("network.route", geoms, colour)``); an overlay is
not a layer, is not saved and is not undoable — it shows the result of a study until the panel
clears it. Geometries are shapely (any type) in the project CRS. Paths are built once per view from
the coordinate arrays (``shapely.to_ragged_array``), not per feature per paint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF


@dataclass
class Overlay:
    geometries: np.ndarray
    colour: QColor
    width: float = 2.5
    fill_alpha: int = 50
    labels: list[tuple[float, float, str]] = field(default_factory=list)


class Overlays:
    """Named overlays of one canvas; every change repaints the canvas (no re-render)."""

    def __init__(self, canvas) -> None:
        self.canvas = canvas
        self._items: dict[str, Overlay] = {}

    def set(self, key: str, geometries, colour="#d81b60", *, width: float = 2.5, fill_alpha: int = 50,
            labels=None) -> None:
        geoms = np.asarray([g for g in np.atleast_1d(np.asarray(geometries, dtype=object))
                            if g is not None and not shapely.is_empty(g)], dtype=object)
        self._items[key] = Overlay(geoms, QColor(colour), width, fill_alpha, list(labels or []))
        self.canvas.update()

    def clear(self, key: str | None = None) -> None:
        if key is None:
            self._items.clear()
        else:
            self._items.pop(key, None)
        self.canvas.update()

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
        if not self._items:
            return
        vp = self.canvas.vp
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        for item in self._items.values():
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
            for x, y, text in item.labels:
                q = self.canvas.to_screen(x, y)
                painter.setPen(QPen(QColor("#202020")))
                painter.drawText(QPointF(q.x() + 8, q.y() - 8), text)
                painter.setPen(pen)


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
