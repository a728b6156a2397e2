"""Hit tests on render snapshots: what is under a click, inside a box or a polygon; vertex snapping."""

from __future__ import annotations

import numpy as np

from layers.render.snapshot import VectorSnapshot


def _candidates(snap: VectorSnapshot, bounds) -> np.ndarray:
    sel = snap.query(bounds)
    return np.arange(len(snap)) if isinstance(sel, slice) else np.asarray(sel)


def pick_point(snap: VectorSnapshot, x: float, y: float, tolerance: float) -> np.ndarray:
    """Positions of features under (x, y): polygons containing it, points/lines within ``tolerance``.
    Topmost (last drawn) first."""
    import shapely

    idx = _candidates(snap, (x - tolerance, y - tolerance, x + tolerance, y + tolerance))
    if len(idx) == 0:
        return idx
    pt = shapely.Point(x, y)
    geoms = snap.geoms[idx]
    dims = snap.dims[idx]
    hit = np.where(dims == 2, shapely.intersects(geoms, shapely.buffer(pt, tolerance * 0.25)),
                   shapely.dwithin(geoms, pt, tolerance))
    return idx[hit][::-1]


def pick_box(snap: VectorSnapshot, bounds) -> np.ndarray:
    import shapely

    idx = _candidates(snap, bounds)
    if len(idx) == 0:
        return idx
    return idx[shapely.intersects(snap.geoms[idx], shapely.box(*bounds))]


def pick_polygon(snap: VectorSnapshot, polygon) -> np.ndarray:
    import shapely

    idx = _candidates(snap, polygon.bounds)
    if len(idx) == 0:
        return idx
    return idx[shapely.intersects(snap.geoms[idx], polygon)]


def nearest_vertex(snaps, x: float, y: float, tolerance: float, exclude=None):
    """The vertex of any snapshot nearest to (x, y) within ``tolerance`` as (x, y), or None.
    ``exclude`` = (layer_id, fid) skips the feature being edited."""
    import shapely

    best, best_d = None, tolerance
    for snap in snaps:
        idx = _candidates(snap, (x - tolerance, y - tolerance, x + tolerance, y + tolerance))
        if exclude is not None and exclude[0] == snap.layer_id:
            idx = idx[snap.fids[idx] != exclude[1]]
        if len(idx) == 0:
            continue
        xy = shapely.get_coordinates(snap.geoms[idx])
        if len(xy) == 0:
            continue
        d = np.hypot(xy[:, 0] - x, xy[:, 1] - y)
        k = int(np.argmin(d))
        if d[k] <= best_d:
            best, best_d = (float(xy[k, 0]), float(xy[k, 1])), float(d[k])
    return best
