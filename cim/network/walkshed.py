"""Walkshed geometry: the reached parts of edges and the polygons built from them (see analysis.walksheds)."""

from __future__ import annotations

import numpy as np

from cim.network.model import Network


def incidence(net: Network):
    """Node × edge incidence (CSR), cached: row i lists the edges touching node position i."""
    import scipy.sparse as sp

    if "incidence" not in net._cache:
        m = net.n_edges
        rows = np.r_[net.iu, net.iv]
        cols = np.r_[np.arange(m), np.arange(m)]
        net._cache["incidence"] = sp.csr_matrix((np.ones(2 * m, dtype=np.int8), (rows, cols)),
                                                shape=(net.n_nodes, m))
    return net._cache["incidence"]


def line_prefix(geoms: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """The first ``dist`` metres of each line (vectorised substring from the start)."""
    import shapely

    if len(geoms) == 0:
        return geoms
    coords, idx = shapely.get_coordinates(geoms, return_index=True)
    step = np.r_[0.0, np.hypot(*(coords[1:] - coords[:-1]).T)]
    first = np.r_[True, idx[1:] != idx[:-1]]
    step[first] = 0.0
    cum = np.cumsum(step)
    cum -= np.repeat(cum[first], np.diff(np.r_[np.flatnonzero(first), len(idx)]))
    keep = cum < dist[idx]
    end = shapely.get_coordinates(shapely.line_interpolate_point(geoms, dist))
    xy = np.r_[coords[keep], end]
    line = np.r_[idx[keep], np.arange(len(geoms))]
    order = np.argsort(line, kind="stable")
    return shapely.linestrings(xy[order], indices=line[order])


def reached_fractions(net: Network, dist: np.ndarray, cutoff: float, *, mode: str, weight: str):
    """(au, av): share of each edge covered from its u end and from its v end, per source row (dense)."""
    cost, fw, bw = net.edge_cost(mode, weight)
    du, dv = dist[:, net.iu], dist[:, net.iv]
    with np.errstate(invalid="ignore", divide="ignore"):
        safe = np.where(cost > 0, cost, 1.0)
        au = np.where(fw & np.isfinite(du), np.clip(np.where(cost > 0, (cutoff - du) / safe, 1.0), 0, 1), 0.0)
        av = np.where(bw & np.isfinite(dv), np.clip(np.where(cost > 0, (cutoff - dv) / safe, 1.0), 0, 1), 0.0)
    return au, av


def reached_pieces(net: Network, dist: np.ndarray, cutoff: float, *, mode: str, weight: str,
                   block: int = 256, whole_as_edges: bool = False):
    """Geometries reached within ``cutoff`` for every source row of ``dist``, and the row of each.

    Vectorised over sources in blocks of ``block`` rows (a dense block × edges array at a time).
    With ``whole_as_edges`` the whole edges come back as edge positions (third value) instead of
    geometries, so callers can reuse per-edge results (cached buffers)."""
    import shapely

    geoms_all = np.asarray(net.edges.geometry.values, dtype=object)
    length = net.edges["length"].to_numpy(dtype=float)
    full, owner_full, part_g, part_d, owner_part = [], [], [], [], []
    for b0 in range(0, dist.shape[0], block):
        au, av = reached_fractions(net, dist[b0:b0 + block], cutoff, mode=mode, weight=weight)
        whole = au + av >= 1.0
        r, e = np.nonzero(whole)
        full.append(e)
        owner_full.append(r + b0)
        for a, rev in ((au, False), (av, True)):
            r, e = np.nonzero(~whole & (a > 0))
            g = geoms_all[e]
            part_g.append(shapely.reverse(g) if rev else g)
            part_d.append(a[r, e] * length[e])
            owner_part.append(r + b0)

    def cat(xs, dt):
        return np.concatenate(xs).astype(dt) if xs else np.zeros(0, dt)

    full, owner_full = cat(full, np.int64), cat(owner_full, np.int64)
    parts = line_prefix(cat(part_g, object), cat(part_d, float))
    owner_part = cat(owner_part, np.int64)
    if whole_as_edges:
        return parts, owner_part, full, owner_full
    return np.r_[geoms_all[full], parts], np.r_[owner_full, owner_part]


def edge_buffers(net: Network, buffer_m: float) -> np.ndarray:
    """The buffer of every edge (quad_segs=4), computed once per network and distance."""
    import shapely

    key = ("edge_buffers", float(buffer_m))
    if key not in net._cache:
        net._cache[key] = shapely.buffer(np.asarray(net.edges.geometry.values, dtype=object), buffer_m, quad_segs=4)
    return net._cache[key]


TREE_MIN_SOURCES = 32    # below this, building and walking the k-d tree costs more than it saves


def buffer_polygons(net: Network, dist, cutoff: float, src, *, mode: str, weight: str, buffer_m: float):
    """One "network buffer" polygon per source: the union of the buffers of its whole edges and of the
    parts of edges it reaches. From ``TREE_MIN_SOURCES`` sources on, the whole edges' union comes from a
    k-d tree of cached node unions shared by all sources (:mod:`cim.network.shed_union`) and the parts'
    buffers are unioned into it; fewer sources union their cached edge buffers and parts at once.
    Sources run (in the tree's order) on worker threads: GEOS releases the GIL. Returns (polygons,
    pieces, owner) — the reached lines for the figures."""
    import copy
    import os
    from concurrent.futures import ThreadPoolExecutor

    import shapely

    from cim.network.shed_union import buffer_tree, tree_order

    k = dist.shape[0]
    parts, owner_part, full, owner_full = reached_pieces(net, dist, cutoff, mode=mode, weight=weight,
                                                         whole_as_edges=True)
    ebuf = edge_buffers(net, buffer_m)
    tree = buffer_tree(net, ebuf, buffer_m) if k >= TREE_MIN_SOURCES else None
    part_bufs = shapely.buffer(parts, buffer_m, quad_segs=4)
    o_full, o_part = np.argsort(owner_full, kind="stable"), np.argsort(owner_part, kind="stable")
    full_sorted, part_sorted = full[o_full], part_bufs[o_part]
    b_full = np.searchsorted(owner_full[o_full], np.arange(k + 1))
    b_part = np.searchsorted(owner_part[o_part], np.arange(k + 1))
    origin = shapely.buffer(shapely.points(net.xy[src]), buffer_m)

    def one(r):
        chunk = part_sorted[b_part[r]:b_part[r + 1]]
        if tree is None:                 # few sources: one union of all their buffers, nothing to share
            chunk = np.r_[ebuf[full_sorted[b_full[r]:b_full[r + 1]]], chunk]
            return shapely.union_all(chunk) if len(chunk) else origin[r]
        whole = tree.union(full_sorted[b_full[r]:b_full[r + 1]])
        part = shapely.union_all(chunk) if len(chunk) else None    # fringe pieces, mostly apart: cheap
        if whole is None or part is None:
            if whole is None:
                return origin[r] if part is None else part
            return copy.copy(whole)          # the tree keeps ``whole``: a caller may prepare its own polygon
        return shapely.union(whole, part)

    todo = tree_order(tree, net, src) if tree is not None else np.arange(k)
    workers = max(1, min(4, os.cpu_count() or 1))
    try:
        if workers == 1 or k < 8:
            done = [one(r) for r in todo]
        else:
            with ThreadPoolExecutor(workers) as pool:
                done = list(pool.map(one, todo, chunksize=8))
    finally:
        if tree is not None:
            tree.forget()
    polys = np.empty(k, dtype=object)
    polys[todo] = done
    owner = np.r_[owner_full, owner_part]
    pieces = np.r_[np.asarray(net.edges.geometry.values, dtype=object)[full], parts]
    return polys, pieces, owner


def shed_polygons(net: Network, dist, pieces, owner, src, snap, cutoff, *, method: str, buffer_m: float,
                  weight: str, names=None, mode: str = "walk", polys=None):
    import geopandas as gpd
    import shapely

    from cim.errors import CimInputError

    k = dist.shape[0]
    order = np.argsort(owner, kind="stable")
    pieces, owner = pieces[order], owner[order]
    node_xy = net.xy
    if method == "buffer":
        if polys is None:
            polys, _, _ = buffer_polygons(net, dist, cutoff, src, mode=mode, weight=weight, buffer_m=buffer_m)
    elif method == "hull":
        coords, idx = shapely.get_coordinates(pieces, return_index=True)
        own = owner[idx]
        xy = np.r_[coords, node_xy[src]]
        own = np.r_[own, np.arange(k)]
        o = np.argsort(own, kind="stable")
        polys = shapely.concave_hull(shapely.multipoints(xy[o], indices=own[o]), ratio=0.2)
    else:
        raise CimInputError(None, f"unknown walkshed method {method!r}", hint="use 'buffer' or 'hull'")
    area = shapely.area(polys)
    out = gpd.GeoDataFrame({
        "source": np.arange(k), "name": list(names) if names is not None else [f"{i + 1}" for i in range(k)],
        "node_id": net.nodes["node_id"].to_numpy()[src], "snap_m": snap, "cutoff": float(cutoff),
        "weight": weight, "nodes": np.isfinite(dist).sum(axis=1), "area_m2": area,
        "reached_m": np.bincount(owner, weights=shapely.length(pieces), minlength=k) if len(pieces) else np.zeros(k),
        "circle_ratio": area / (np.pi * cutoff ** 2) if weight == "length" else np.nan,
        "method": method,
    }, geometry=gpd.GeoSeries(polys, crs=net.crs).values, crs=net.crs)
    return out
