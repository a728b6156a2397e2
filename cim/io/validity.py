"""Geometry validity, quickly: the answer of ``shapely.is_valid`` at a fraction of its cost.

Most features of a planning dataset are small convex polygons (plots, building footprints, boxes).
A polygon without holes whose ring turns strictly the same way at every vertex and winds exactly
once is convex and simple, hence valid; numpy settles those from the coordinates in one pass.
Everything else (holes, multi-parts, concave or degenerate rings, lines, points) goes to GEOS.
Only "valid" is ever decided here, so the result is the same as ``shapely.is_valid`` (tested).
"""

from __future__ import annotations

import numpy as np

_POLYGON = 3
_REL_TOL2 = 1e-18   # (1e-9)²


def is_valid(geoms: np.ndarray) -> np.ndarray:
    """``shapely.is_valid(geoms)``: False for missing geometries, like shapely."""
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    valid = np.zeros(len(geoms), dtype=bool)
    if not len(geoms):
        return valid
    convex = _convex_simple_polygons(geoms)
    valid[convex] = True
    rest = np.flatnonzero(~convex)
    if len(rest):
        valid[rest] = shapely.is_valid(geoms[rest])
    return valid


def _convex_simple_polygons(geoms: np.ndarray) -> np.ndarray:
    """True where the geometry is a hole-free polygon with a strictly convex ring winding once."""
    import shapely

    out = np.zeros(len(geoms), dtype=bool)
    cand = np.flatnonzero(shapely.get_type_id(geoms) == _POLYGON)
    if not len(cand):
        return out
    polys = geoms[cand]
    counts = shapely.get_num_coordinates(polys)          # closed rings: last point == first point
    keep = (counts >= 4) & (shapely.get_num_interior_rings(polys) == 0)
    cand, polys, counts = cand[keep], polys[keep], counts[keep]
    if not len(cand):
        return out
    xy = shapely.get_coordinates(polys)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])  # first point (and first edge) of each ring
    last = first + counts - 2                              # last edge of each ring
    # e[k] = xy[k+1] - xy[k]; the turn at the end of edge k is e[k] × e[k+1], except that a ring's
    # last edge turns onto its own first edge, and e[last+1] joins two rings (ignored). Slices only:
    # no per-point gathers.
    ex, ey = np.diff(xy[:, 0]), np.diff(xy[:, 1])
    sq = ex * ex + ey * ey
    cross, dot, scale = np.empty_like(ex), np.empty_like(ex), np.empty_like(ex)
    cross[:-1] = ex[:-1] * ey[1:] - ey[:-1] * ex[1:]
    dot[:-1] = ex[:-1] * ex[1:] + ey[:-1] * ey[1:]
    scale[:-1] = sq[:-1] * sq[1:]
    cross[last] = ex[last] * ey[first] - ey[last] * ex[first]
    dot[last] = ex[last] * ex[first] + ey[last] * ey[first]
    scale[last] = sq[last] * sq[first]
    # a turn counts only when |cross| > 1e-9 · |e|·|f| (nearly straight or reversing: GEOS decides)
    sign = (np.sign(cross) * (cross * cross > _REL_TOL2 * scale)).astype(np.int8)
    angle = np.arctan2(cross, dot)
    joins = last[:-1] + 1
    sign[joins] = sign[last[:-1]]
    angle[joins] = 0.0
    lo = np.minimum.reduceat(sign, first)
    hi = np.maximum.reduceat(sign, first)
    turning = np.add.reduceat(angle, first)
    ok = (lo == hi) & (lo != 0) & (np.abs(np.abs(turning) - 2 * np.pi) < 1.0)
    out[cand[ok]] = True
    return out
