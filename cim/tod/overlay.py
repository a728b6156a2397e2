"""Vectorised overlays of catchment polygons with plots, points and street networks.

Area weighting: a plot cut by a catchment contributes ``share`` = (area inside) ÷ (plot area) of its
area, floor area, residents and jobs. Plots wholly inside (prepared ``contains``) skip the
intersection; only plots on a catchment's edge are cut. Everything is culled first to the boxes of
the stations' largest catchments, so a million plots cost one pass over their bounds.
"""

from __future__ import annotations

import numpy as np


def threaded(fn, *arrays, groups: np.ndarray | None = None, min_chunk: int = 4000):
    """``fn`` over chunks of equally long arrays on every core (shapely 2 releases the GIL in its ufuncs).

    ``groups`` (sorted, one id per row: e.g. the index of a prepared geometry repeated for each pair)
    keeps every group in one chunk. GEOS builds a prepared geometry's indexes lazily on first use, so
    one prepared geometry used by two threads at once crashed the process (SIGSEGV in ``contains``)."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    n = len(arrays[0])
    workers = min(os.cpu_count() or 1, max(1, n // min_chunk))
    if workers <= 1:
        return fn(*arrays)
    bounds = np.linspace(0, n, workers + 1).astype(np.int64)
    if groups is not None:
        g = np.asarray(groups)
        if len(g) and np.any(g[1:] < g[:-1]):
            raise ValueError("threaded: groups must be sorted")
        # move each inner boundary to the start of the group it falls in
        bounds[1:-1] = np.searchsorted(g, g[np.minimum(bounds[1:-1], n - 1)], side="left")
        bounds = np.unique(bounds)
        if len(bounds) <= 2:
            return fn(*arrays)
        workers = len(bounds) - 1
    with ThreadPoolExecutor(workers) as ex:
        parts = list(ex.map(lambda i: fn(*(a[bounds[i]:bounds[i + 1]] for a in arrays)), range(workers)))
    return np.concatenate(parts)


def box_mask(bounds: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Rows of ``bounds`` (n, 4) overlapping any of ``boxes`` (k, 4).

    Rows are sorted once by the x of their centre; each box then tests only the slice of rows whose
    centre can reach it, so a million rows and 25 stations cost one argsort and a few small slices."""
    keep = np.zeros(len(bounds), dtype=bool)
    if len(bounds) == 0 or len(boxes) == 0:
        return keep
    b = np.asarray(bounds, dtype=float)
    cx = (b[:, 0] + b[:, 2]) / 2
    finite = np.isfinite(cx)
    half = float(np.max((b[finite, 2] - b[finite, 0]) / 2)) if finite.any() else 0.0
    order = np.argsort(np.where(finite, cx, np.inf), kind="stable")
    scx = cx[order]
    for x0, y0, x1, y1 in boxes:
        lo = np.searchsorted(scx, x0 - half, side="left")
        hi = np.searchsorted(scx, x1 + half, side="right")
        idx = order[lo:hi]
        r = b[idx]
        keep[idx[(r[:, 0] <= x1) & (r[:, 2] >= x0) & (r[:, 1] <= y1) & (r[:, 3] >= y0)]] = True
    return keep


def point_mask(xy: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    return box_mask(np.c_[xy, xy], boxes)


def tiles(catch: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
    """Catchments cut into square tiles of ``size`` metres: (pieces, catchment of each piece).

    A walkshed has thousands of vertices; cutting a plot out of it costs that much each time. Cut
    into tiles first (once per catchment), the overlay meets pieces of a few dozen vertices."""
    import shapely

    b = shapely.bounds(catch)
    nx = np.maximum(np.ceil((b[:, 2] - b[:, 0]) / size), 1).astype(np.int64)
    ny = np.maximum(np.ceil((b[:, 3] - b[:, 1]) / size), 1).astype(np.int64)
    owner = np.repeat(np.arange(len(catch)), nx * ny)
    start = np.r_[0, np.cumsum(nx * ny)[:-1]]
    k = np.arange(len(owner)) - start[owner]
    ix, iy = k % nx[owner], k // nx[owner]
    x0, y0 = b[owner, 0] + ix * size, b[owner, 1] + iy * size
    boxes = shapely.box(x0, y0, x0 + size, y0 + size)
    shapely.prepare(catch)
    inside = shapely.contains(catch[owner], boxes)
    pieces = boxes.copy()
    cut = ~inside
    pieces[cut] = shapely.intersection(catch[owner[cut]], boxes[cut])
    ok = ~shapely.is_empty(pieces) & (shapely.area(pieces) > 0)
    return pieces[ok], owner[ok]


def polygon_overlay(catch: np.ndarray, geoms: np.ndarray, *, tile_m: float | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(catchment index, geometry index, share of the geometry's area inside) for every overlapping pair."""
    import shapely

    if len(catch) == 0 or len(geoms) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    pieces, owner = tiles(catch, tile_m) if tile_m else (catch, np.arange(len(catch)))
    tree = shapely.STRtree(geoms)
    pi, gi = tree.query(pieces, predicate="intersects")
    order = np.argsort(pi, kind="stable")       # one prepared piece never goes to two threads
    pi, gi = pi[order], gi[order]
    shapely.prepare(pieces)
    inside = threaded(shapely.contains, pieces[pi], geoms[gi], groups=pi)
    share = np.ones(len(pi))
    cut = ~inside
    area = shapely.area(geoms[gi[cut]])
    with np.errstate(invalid="ignore", divide="ignore"):
        inter = threaded(shapely.intersection, pieces[pi[cut]], geoms[gi[cut]], groups=pi[cut])
        share[cut] = np.where(area > 0, shapely.area(inter) / area, 0.0)
    key = owner[pi] * np.int64(len(geoms)) + gi
    uniq, inv = np.unique(key, return_inverse=True)
    total = np.bincount(inv.ravel(), weights=share, minlength=len(uniq))
    ci, gi = np.divmod(uniq, np.int64(len(geoms)))
    ok = total > 1e-12
    return ci[ok], gi[ok], np.minimum(total[ok], 1.0)


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


def building_candidates(buildings, boxes: np.ndarray) -> tuple:
    """(the buildings with a geometry, their geometries, positions of those whose bounds meet ``boxes``)."""
    import shapely

    bg = np.asarray(buildings.geometry.values, dtype=object)
    ok = ~(shapely.is_missing(bg) | shapely.is_empty(bg))
    b, bg = buildings[ok], bg[ok]
    return b, bg, np.flatnonzero(box_mask(shapely.bounds(bg), boxes))


class Direct:
    """The overlays of :func:`cim.tod.indicators.compute_indicators`, computed afresh each time.

    An incremental check session substitutes a subclass that keeps them between runs
    (:class:`cim.tod.checking.StudyMemo`); both must return the same arrays in the same order."""

    def bounds(self, frame) -> np.ndarray:
        import shapely

        return shapely.bounds(np.asarray(frame.geometry.values, dtype=object))

    def plot_pairs(self, catch: np.ndarray, boxes: np.ndarray, plots) -> tuple:
        """(catchment index, plot row position, share inside) sorted by catchment, then row."""
        cand = np.flatnonzero(box_mask(self.bounds(plots), boxes))
        ci, gi, share = polygon_overlay(catch, np.asarray(plots.geometry.values[cand], dtype=object))
        return ci, cand[gi], share

    def buildings(self, catch: np.ndarray, boxes: np.ndarray, buildings) -> tuple:
        """Buildings near the stations: (centroids, catchment index, building index into the centroids,
        GFA — the attribute, else footprint × floors —, whether it was estimated)."""
        import pandas as pd
        import shapely

        b, bg, cand = building_candidates(buildings, boxes)
        cxy = shapely.get_coordinates(shapely.centroid(bg[cand]))
        ci, bi = points_in(catch, cxy)
        sub = b.iloc[cand]

        def num(col):
            return (pd.to_numeric(sub[col], errors="coerce").to_numpy(dtype=float) if col in sub.columns
                    else np.full(len(sub), np.nan))
        gfa, floors = num("gfa_m2"), num("floors")
        est = ~np.isfinite(gfa)
        gfa = np.where(est, shapely.area(bg[cand]) * floors, gfa)
        return cxy, ci, bi, gfa, est

    def network(self, make):
        """What the street network gives each catchment (``make()``: depends on them only)."""
        return make()

    def near_rows(self, frame, boxes: np.ndarray) -> np.ndarray:
        """Positions of the rows whose bounds overlap any of ``boxes``."""
        return np.flatnonzero(box_mask(self.bounds(frame), boxes))

    def access(self, net, xy: np.ndarray, dest: dict, rows: dict | None = None, **kw) -> dict:
        """Walking access flags (:func:`cim.tod.access.access_flags`); ``rows``: the plot rows of each
        destination polygon (lets a kept result be reused when they did not change)."""
        from cim.tod.access import access_flags

        return access_flags(net, xy, dest, **kw)

    def elements(self, catch: np.ndarray, boxes: np.ndarray, elements) -> tuple:
        """(catchment index, element index into the type array, type of each element near a station)."""
        import shapely

        eg = np.asarray(elements.geometry.values, dtype=object)
        ok = ~(shapely.is_missing(eg) | shapely.is_empty(eg))
        xy = np.full((len(eg), 2), np.nan)
        xy[ok] = shapely.get_coordinates(shapely.centroid(eg[ok]))
        cand = np.flatnonzero(ok & point_mask(np.nan_to_num(xy, nan=-1e18), boxes))
        ci, ei = points_in(catch, xy[cand])
        typ = (elements["type"].astype("string").fillna("").to_numpy(dtype=object)[cand]
               if "type" in elements.columns else np.full(len(cand), "", dtype=object))
        return ci, ei, typ
