"""Match IFC building footprints to GIS footprints by intersection over union, vectorised.

One STRtree bulk query finds every intersecting pair; intersection areas are computed with shapely's
array functions; the best pair per IFC building is chosen with numpy (no per-feature Python loop).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Pairs:
    """All intersecting (ifc, gis) pairs with their IoU, and the best GIS partner per IFC footprint."""

    ifc_idx: np.ndarray
    gis_idx: np.ndarray
    iou: np.ndarray
    best_gis: np.ndarray        # (n_ifc,) index into gis, -1 when none intersects
    best_iou: np.ndarray        # (n_ifc,) 0 when none


def footprint_pairs(ifc_geoms, gis_geoms) -> Pairs:
    import shapely

    a = np.asarray(ifc_geoms, dtype=object)
    b = np.asarray(gis_geoms, dtype=object)
    n = len(a)
    if n == 0 or len(b) == 0:
        e = np.zeros(0, dtype=np.int64)
        return Pairs(e, e, np.zeros(0), np.full(n, -1), np.zeros(n))
    tree = shapely.STRtree(b)
    ii, jj = tree.query(a, predicate="intersects")
    inter = shapely.area(shapely.intersection(a[ii], b[jj]))
    union = shapely.area(a[ii]) + shapely.area(b[jj]) - inter
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    order = np.lexsort((-iou, ii))
    ii_s, jj_s, iou_s = ii[order], jj[order], iou[order]
    first = np.ones(len(ii_s), dtype=bool)
    first[1:] = ii_s[1:] != ii_s[:-1]
    best_gis = np.full(n, -1, dtype=np.int64)
    best_iou = np.zeros(n)
    best_gis[ii_s[first]] = jj_s[first]
    best_iou[ii_s[first]] = iou_s[first]
    return Pairs(ii, jj, iou, best_gis, best_iou)


def nearest(ifc_geoms, gis_geoms, max_distance: float) -> tuple[np.ndarray, np.ndarray]:
    """Nearest GIS footprint (index, centroid distance) for each IFC footprint within ``max_distance``."""
    import shapely

    a = np.asarray(ifc_geoms, dtype=object)
    b = np.asarray(gis_geoms, dtype=object)
    idx = np.full(len(a), -1, dtype=np.int64)
    dist = np.full(len(a), np.inf)
    if len(a) == 0 or len(b) == 0:
        return idx, dist
    tree = shapely.STRtree(b)
    (ii, jj), d = tree.query_nearest(a, max_distance=max_distance, return_distance=True, all_matches=False)
    idx[ii] = jj
    dist[ii] = shapely.distance(shapely.centroid(a[ii]), shapely.centroid(b[jj])) if len(ii) else d
    return idx, dist
