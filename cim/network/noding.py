"""Vectorised snapping and noding of line vertices and segments (used by :mod:`cim.network.topology`).

Snapping: exact duplicates are merged by sorting (grid hashing at machine precision), then the
distinct points closer than the tolerance are joined by a KD-tree pair query and connected components
(single linkage: a chain of points each within the tolerance of the next becomes one node). The
representative coordinate of a cluster is its first point in sorted order, so results are deterministic.

Noding: segment bounding boxes (grown by the tolerance) are paired with one STRtree bulk query; for
each pair the crossing point and the vertex-on-segment projections are computed with numpy. A proper
crossing is noded only when both lines are on the same level; a vertex lying on another line's
segment is noded when both are on the same level or when the vertex ends a bridge or tunnel
(ramps come down to the road they join).
"""

from __future__ import annotations

import numpy as np


def snap_points(xy: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Cluster label per point and the representative coordinate of each cluster."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    if len(xy) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 2))
    z = xy[:, 0] + 1j * xy[:, 1]
    uz, inv = np.unique(z, return_inverse=True)
    pts = np.column_stack([uz.real, uz.imag])
    inv = inv.ravel()
    if tol <= 0 or len(pts) < 2:
        return inv.astype(np.int64), pts
    pairs = cKDTree(pts).query_pairs(tol, output_type="ndarray")
    if len(pairs) == 0:
        return inv.astype(np.int64), pts
    n = len(pts)
    g = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, lab = connected_components(g, directed=False)
    _, first = np.unique(lab, return_index=True)
    return lab[inv].astype(np.int64), pts[first]


def _cross(ax, ay, bx, by):
    return ax * by - ay * bx


def find_splits(seg_a: np.ndarray, seg_b: np.ndarray, xy: np.ndarray, seg_level: np.ndarray,
                a_is_end: np.ndarray, b_is_end: np.ndarray, seg_grade_sep: np.ndarray, tol: float):
    """Where segments must be split.

    ``seg_a``/``seg_b`` are the cluster ids of each segment's start and end, ``xy`` the cluster
    coordinates, ``a_is_end``/``b_is_end`` whether that vertex ends its line, ``seg_grade_sep``
    whether the segment's line is a bridge/tunnel (level != 0).

    Returns ``(vseg, vt, vcluster)`` — a vertex (existing cluster) lies inside segment ``vseg`` at
    parameter ``vt`` — and ``(cseg_a, ct_a, cseg_b, ct_b, cxy)`` — two segments cross properly at ``cxy``.
    """
    import shapely

    empty = np.zeros(0, dtype=np.int64)
    n = len(seg_a)
    if n < 2:
        return (empty, np.zeros(0), empty), (empty, np.zeros(0), empty, np.zeros(0), np.zeros((0, 2)))
    p, q = xy[seg_a], xy[seg_b]
    lo, hi = np.minimum(p, q) - tol, np.maximum(p, q) + tol
    boxes = shapely.box(lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1])
    tree = shapely.STRtree(boxes)
    i, j = tree.query(boxes)
    keep = i < j
    i, j = i[keep], j[keep]
    shared = ((seg_a[i] == seg_a[j]) | (seg_a[i] == seg_b[j]) | (seg_b[i] == seg_a[j]) | (seg_b[i] == seg_b[j]))
    i, j = i[~shared], j[~shared]
    del boxes, tree, shared, keep
    P, R = p[i], q[i] - p[i]
    Q, S = p[j], q[j] - p[j]
    lr, ls = np.hypot(R[:, 0], R[:, 1]), np.hypot(S[:, 0], S[:, 1])
    same_level = seg_level[i] == seg_level[j]
    # vertex on segment: the 4 (vertex, segment) combinations
    v_seg, v_t, v_cl = [], [], []
    for vert_xy, vert_cl, vert_end, other, o_p, o_r, o_len, vseg in (
        (Q, seg_a[j], a_is_end[j], i, P, R, lr, j), (Q + S, seg_b[j], b_is_end[j], i, P, R, lr, j),
        (P, seg_a[i], a_is_end[i], j, Q, S, ls, i), (P + R, seg_b[i], b_is_end[i], j, Q, S, ls, i),
    ):
        d = vert_xy - o_p
        with np.errstate(invalid="ignore", divide="ignore"):
            t = (d[:, 0] * o_r[:, 0] + d[:, 1] * o_r[:, 1]) / (o_len * o_len)
        foot = o_p + t[:, None] * o_r
        dist = np.hypot(foot[:, 0] - vert_xy[:, 0], foot[:, 1] - vert_xy[:, 1])
        ok = ((dist <= tol) & (t * o_len > tol) & ((1 - t) * o_len > tol)
              & (same_level | (vert_end & seg_grade_sep[vseg])))
        v_seg.append(other[ok])
        v_t.append(t[ok])
        v_cl.append(vert_cl[ok])
    # proper crossings
    den = _cross(R[:, 0], R[:, 1], S[:, 0], S[:, 1])
    QP = Q - P
    with np.errstate(invalid="ignore", divide="ignore"):
        t = _cross(QP[:, 0], QP[:, 1], S[:, 0], S[:, 1]) / den
        u = _cross(QP[:, 0], QP[:, 1], R[:, 0], R[:, 1]) / den
    ok = (same_level & (np.abs(den) > 1e-12 * lr * ls) & (t * lr > tol) & ((1 - t) * lr > tol)
          & (u * ls > tol) & ((1 - u) * ls > tol))
    cxy = P[ok] + t[ok, None] * R[ok]
    return ((np.concatenate(v_seg), np.concatenate(v_t), np.concatenate(v_cl)),
            (i[ok], t[ok], j[ok], u[ok], cxy))


def assign_crossing_clusters(cxy: np.ndarray, cluster_xy: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Cluster ids for crossing points: an existing cluster within ``tol``, else new clusters
    (crossing points within ``tol`` of each other share one). Returns (ids, coordinates of new clusters)."""
    from scipy.spatial import cKDTree

    if len(cxy) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 2))
    n0 = len(cluster_xy)
    dist, near = cKDTree(cluster_xy).query(cxy, distance_upper_bound=max(tol, 1e-9))
    ids = np.where(np.isfinite(dist), near, -1).astype(np.int64)
    new = ids < 0
    lab, rep = snap_points(cxy[new], tol)
    ids[new] = n0 + lab
    return ids, rep
