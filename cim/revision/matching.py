"""Match the features of two versions of a layer: first by id, then the rest by geometry."""

from __future__ import annotations

import numpy as np


def _ids(df, field: str | None) -> np.ndarray:
    if field is None or field not in df.columns:
        return np.full(len(df), "", dtype=object)
    return df[field].astype("string").fillna("").str.strip().to_numpy(dtype=object)


def match_by_id(old_ids: np.ndarray, new_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i_old, i_new)`` of features sharing a non-empty id unique on both sides."""
    import pandas as pd

    a = pd.Series(np.arange(len(old_ids)), index=old_ids)
    b = pd.Series(np.arange(len(new_ids)), index=new_ids)
    a = a[(a.index != "") & ~a.index.duplicated(keep=False)]
    b = b[(b.index != "") & ~b.index.duplicated(keep=False)]
    common = a.index.intersection(b.index)
    return a.loc[common].to_numpy(dtype=np.int64), b.loc[common].to_numpy(dtype=np.int64)


def match_by_geometry(old_geoms, new_geoms, *, min_iou: float = 0.5, tolerance: float = 1.0):
    """One-to-one matches ``(i_old, i_new, score)`` between two geometry arrays: polygons by IoU ≥
    ``min_iou``, points and lines by Hausdorff distance ≤ ``tolerance`` (score = 1 − d/tolerance)."""
    import shapely

    old_geoms, new_geoms = np.asarray(old_geoms, dtype=object), np.asarray(new_geoms, dtype=object)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    if not len(old_geoms) or not len(new_geoms):
        return empty
    tree = shapely.STRtree(old_geoms)
    inew, iold = tree.query(new_geoms, predicate="dwithin", distance=tolerance)
    if not len(inew):
        return empty
    a, b = old_geoms[iold], new_geoms[inew]
    poly = np.isin(shapely.get_type_id(a), (3, 6)) & np.isin(shapely.get_type_id(b), (3, 6))
    score = np.zeros(len(iold))
    if poly.any():
        inter = shapely.area(shapely.intersection(a[poly], b[poly]))
        union = shapely.area(a[poly]) + shapely.area(b[poly]) - inter
        score[poly] = np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)
    if (~poly).any():
        d = shapely.hausdorff_distance(a[~poly], b[~poly])
        score[~poly] = np.where(d <= tolerance, 1.0 - d / max(tolerance, 1e-9), -1.0)
    keep = np.where(poly, score >= min_iou, score >= 0)
    iold, inew, score = iold[keep], inew[keep], score[keep]
    order = np.argsort(-score, kind="stable")
    used_o, used_n, out = set(), set(), []
    for k in order:          # greedy one-to-one over the candidate pairs only (the unmatched remnants)
        o, n = int(iold[k]), int(inew[k])
        if o not in used_o and n not in used_n:
            used_o.add(o)
            used_n.add(n)
            out.append((o, n, float(score[k])))
    if not out:
        return empty
    arr = np.asarray(out)
    return arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64), arr[:, 2]


def match_features(old_df, new_df, *, id_field: str | None = "cim_id", min_iou: float = 0.5,
                   tolerance: float = 1.0) -> dict:
    """``{"old": i_old, "new": i_new, "how": array of "id"/"geometry", "score": …}`` (positions)."""
    io, in_ = match_by_id(_ids(old_df, id_field), _ids(new_df, id_field))
    rest_o = np.setdiff1d(np.arange(len(old_df)), io)
    rest_n = np.setdiff1d(np.arange(len(new_df)), in_)
    go, gn, gs = match_by_geometry(old_df.geometry.to_numpy()[rest_o], new_df.geometry.to_numpy()[rest_n],
                                   min_iou=min_iou, tolerance=tolerance)
    return {"old": np.concatenate([io, rest_o[go]]), "new": np.concatenate([in_, rest_n[gn]]),
            "how": np.array(["id"] * len(io) + ["geometry"] * len(go), dtype=object),
            "score": np.concatenate([np.ones(len(io)), gs])}
