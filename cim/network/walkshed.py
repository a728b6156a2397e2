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


def reached_pieces(net: Network, dist: np.ndarray, cutoff: float, *, mode: str, weight: str):
    """Geometries reached within ``cutoff`` for every source row of ``dist``, and the row of each."""
    import shapely

    cost, fw, bw = net.edge_cost(mode, weight)
    inc = incidence(net)
    geoms_all = np.asarray(net.edges.geometry.values, dtype=object)
    length = net.edges["length"].to_numpy(dtype=float)
    full, part_g, part_d, owner_full, owner_part = [], [], [], [], []
    for r in range(dist.shape[0]):   # one pass per source (a handful of stations)
        row = dist[r]
        nodes = np.flatnonzero(np.isfinite(row))
        e = np.unique(inc[nodes].indices)
        du, dv = row[net.iu[e]], row[net.iv[e]]
        c = cost[e]
        with np.errstate(invalid="ignore", divide="ignore"):
            au = np.where(fw[e] & np.isfinite(du), np.clip(np.where(c > 0, (cutoff - du) / c, 1.0), 0, 1), 0.0)
            av = np.where(bw[e] & np.isfinite(dv), np.clip(np.where(c > 0, (cutoff - dv) / c, 1.0), 0, 1), 0.0)
        whole = au + av >= 1.0
        full.append(e[whole])
        owner_full.append(np.full(int(whole.sum()), r))
        for a, rev in ((au, False), (av, True)):
            sel = ~whole & (a > 0)
            g = geoms_all[e[sel]]
            part_g.append(shapely.reverse(g) if rev else g)
            part_d.append(a[sel] * length[e[sel]])
            owner_part.append(np.full(int(sel.sum()), r))
    full = np.concatenate(full) if full else np.zeros(0, np.int64)
    parts = line_prefix(np.concatenate(part_g) if part_g else np.zeros(0, object),
                        np.concatenate(part_d) if part_d else np.zeros(0))
    pieces = np.r_[geoms_all[full], parts]
    owner = np.r_[np.concatenate(owner_full) if owner_full else [], np.concatenate(owner_part) if owner_part else []]
    return pieces, owner.astype(np.int64)


def shed_polygons(net: Network, dist, pieces, owner, src, snap, cutoff, *, method: str, buffer_m: float,
                  weight: str, names=None):
    import geopandas as gpd
    import shapely

    from cim.errors import CimInputError

    k = dist.shape[0]
    order = np.argsort(owner, kind="stable")
    pieces, owner = pieces[order], owner[order]
    bounds = np.searchsorted(owner, np.arange(k + 1))
    node_xy = net.xy
    if method == "buffer":
        buf = shapely.buffer(pieces, buffer_m, quad_segs=4)
        polys = []
        for r in range(k):   # one union per source
            chunk = buf[bounds[r]:bounds[r + 1]]
            polys.append(shapely.union_all(chunk) if len(chunk) else shapely.buffer(shapely.points(node_xy[src[r]]),
                                                                                   buffer_m))
        polys = np.array(polys, dtype=object)
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
