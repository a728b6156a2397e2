"""Vectorised overlays of catchment polygons with plots, points and street networks.

Area weighting: a plot cut by a catchment contributes ``share`` = (area inside) ÷ (plot area) of its
area, floor area, residents and jobs. Plots wholly inside (prepared ``contains``) skip the
intersection; only plots on a catchment's edge are cut. Everything is culled first to the boxes of
the stations' largest catchments, so a million plots cost one pass over their bounds.
"""

from __future__ import annotations

import numpy as np


def box_mask(bounds: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Rows of ``bounds`` (n, 4) overlapping any of ``boxes`` (k, 4): one vectorised pass per box."""
    keep = np.zeros(len(bounds), dtype=bool)
    if len(bounds) == 0:
        return keep
    # merge the boxes into bands: a handful of stations → a handful of comparisons over n rows
    for x0, y0, x1, y1 in boxes:
        keep |= (bounds[:, 0] <= x1) & (bounds[:, 2] >= x0) & (bounds[:, 1] <= y1) & (bounds[:, 3] >= y0)
    return keep


def point_mask(xy: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    return box_mask(np.c_[xy, xy], boxes)


def polygon_overlay(catch: np.ndarray, geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(catchment index, geometry index, share of the geometry's area inside) for every overlapping pair."""
    import shapely

    if len(catch) == 0 or len(geoms) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    tree = shapely.STRtree(geoms)
    ci, gi = tree.query(catch, predicate="intersects")
    shapely.prepare(catch)
    inside = shapely.contains(catch[ci], geoms[gi])
    share = np.ones(len(ci))
    cut = ~inside
    area = shapely.area(geoms[gi[cut]])
    with np.errstate(invalid="ignore", divide="ignore"):
        share[cut] = np.where(area > 0, shapely.area(shapely.intersection(catch[ci[cut]], geoms[gi[cut]])) / area,
                              0.0)
    ok = share > 0
    return ci[ok], gi[ok], share[ok]


def points_in(catch: np.ndarray, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(catchment index, point index) for points inside or on the boundary of each catchment."""
    import shapely

    if len(catch) == 0 or len(xy) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pts = shapely.points(xy)
    ci, pi = shapely.STRtree(pts).query(catch, predicate="intersects")
    return ci, pi


def street_chains(iu: np.ndarray, iv: np.ndarray, length: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Blocks: chains of edges through nodes of degree 2 (between intersections or dead ends).

    Returns the chain label of each edge and the length of each chain. Edge ``i`` joins nodes
    ``iu[i]``–``iv[i]`` (any integer labels)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = len(iu)
    if m == 0:
        return np.zeros(0, np.int64), np.zeros(0)
    ends = np.r_[iu, iv]
    edge = np.r_[np.arange(m), np.arange(m)]
    order = np.argsort(ends, kind="stable")
    ends, edge = ends[order], edge[order]
    uniq, start, count = np.unique(ends, return_index=True, return_counts=True)
    loops = iu == iv
    through = start[(count == 2)]
    a, b = edge[through], edge[through + 1]
    keep = (a != b) & ~loops[a] & ~loops[b]
    g = coo_matrix((np.ones(int(keep.sum())), (a[keep], b[keep])), shape=(m, m))
    _, label = connected_components(g, directed=False)
    return label, np.bincount(label, weights=length)


def group_sum(keys: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(keys, weights=values, minlength=n) if len(keys) else np.zeros(n)


def group_count(keys: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(keys, minlength=n).astype(np.int64) if len(keys) else np.zeros(n, np.int64)
