"""Vertex edits on shapely geometries (no Qt): list, move, insert and delete vertices.

A vertex is addressed by (part, ring, index): part of a multi-geometry, ring of a polygon
(0 = exterior), index along the ring. Closed rings keep their first and last vertex equal.
"""

from __future__ import annotations

import numpy as np
import shapely


def _parts(geom):
    return list(geom.geoms) if hasattr(geom, "geoms") else [geom]


def _rings(part):
    if part.geom_type == "Polygon":
        return [np.asarray(part.exterior.coords)] + [np.asarray(r.coords) for r in part.interiors]
    return [np.asarray(part.coords)]


def _build(geom_type: str, parts_rings):
    polys = geom_type in ("Polygon", "MultiPolygon")
    made = []
    for rings in parts_rings:
        if polys:
            made.append(shapely.Polygon(rings[0], rings[1:]))
        elif geom_type in ("LineString", "MultiLineString"):
            made.append(shapely.LineString(rings[0]))
        else:
            made.append(shapely.Point(rings[0][0]))
    if geom_type.startswith("Multi"):
        return {"MultiPolygon": shapely.MultiPolygon, "MultiLineString": shapely.MultiLineString,
                "MultiPoint": shapely.MultiPoint}[geom_type](made)
    return made[0]


def vertices(geom) -> list[tuple[tuple[int, int, int], float, float]]:
    out = []
    for p, part in enumerate(_parts(geom)):
        for r, ring in enumerate(_rings(part)):
            closed = part.geom_type == "Polygon"
            n = len(ring) - 1 if closed else len(ring)
            for i in range(n):
                out.append(((p, r, i), float(ring[i][0]), float(ring[i][1])))
    return out


def _edit(geom, fn):
    parts_rings = [[ring.copy() for ring in _rings(part)] for part in _parts(geom)]
    fn(parts_rings, geom.geom_type in ("Polygon", "MultiPolygon"))
    return _build(geom.geom_type, parts_rings)


def move_vertex(geom, key, x: float, y: float):
    p, r, i = key

    def fn(pr, closed):
        ring = pr[p][r]
        ring[i, :2] = (x, y)
        if closed and i == 0:
            ring[-1, :2] = (x, y)
    return _edit(geom, fn)


def insert_vertex(geom, key, x: float, y: float):
    """Insert (x, y) after vertex ``key`` (on the segment that starts there)."""
    p, r, i = key

    def fn(pr, closed):
        ring = pr[p][r]
        row = ring[i].copy()
        row[:2] = (x, y)
        pr[p][r] = np.insert(ring, i + 1, row, axis=0)
    return _edit(geom, fn)


def delete_vertex(geom, key):
    """Remove a vertex; returns None if the geometry would become invalid (too few vertices)."""
    p, r, i = key
    parts = _parts(geom)
    ring = _rings(parts[p])[r]
    closed = parts[p].geom_type == "Polygon"
    if (closed and len(ring) - 1 <= 3) or (not closed and len(ring) <= 2) or parts[p].geom_type == "Point":
        return None

    def fn(pr, closed_):
        ring_ = np.delete(pr[p][r], i, axis=0)
        if closed_ and i == 0:
            ring_[-1] = ring_[0]
        pr[p][r] = ring_
    return _edit(geom, fn)


def nearest_segment(geom, x: float, y: float):
    """(key of the segment's first vertex, distance, foot point) of the segment nearest (x, y)."""
    best = (None, np.inf, (x, y))
    for p, part in enumerate(_parts(geom)):
        if part.geom_type == "Point":
            continue
        for r, ring in enumerate(_rings(part)):
            a, b = ring[:-1, :2], ring[1:, :2]
            d = b - a
            L2 = np.maximum((d ** 2).sum(axis=1), 1e-18)
            t = np.clip(((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / L2, 0, 1)
            foot = a + d * t[:, None]
            dist = np.hypot(foot[:, 0] - x, foot[:, 1] - y)
            k = int(np.argmin(dist))
            if dist[k] < best[1]:
                best = ((p, r, k), float(dist[k]), (float(foot[k, 0]), float(foot[k, 1])))
    return best
