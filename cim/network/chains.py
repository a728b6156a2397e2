"""Merging chains of edges through degree-2 nodes into single edges (optional build step).

A node is merged away when exactly two edge ends meet there, it is not a declared node, the two
edges have equal attributes (every source column but identifiers and names, the level included) and run the same way through
it (one ends there, the other starts there: one-way streets keep their direction). Chains are found
with connected components over "merge through this node" links, and their geometries joined with
``shapely.line_merge(directed=True)``. The merged edge keeps the first edge's id and attributes; its
``src_fids`` lists every source feature it covers.
"""

from __future__ import annotations

import numpy as np

from cim.network.model import Network

NOT_ATTRIBUTES = ("edge_id", "u", "v", "length", "src_fid", "src_part", "src_from_m", "src_to_m", "src_fids",
                  "cim_id", "id", "osm_id", "name", "from_node", "to_node", "tags", "timestamp", "version")


def merge_degree2_chains(net: Network, *, protect: np.ndarray | None = None) -> Network:
    import geopandas as gpd
    import pandas as pd
    import shapely
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    e = net.edges
    m = len(e)
    if m < 2:
        return net
    iu, iv = net.iu, net.iv
    deg = net.degree()
    attr_cols = [c for c in e.columns if c not in NOT_ATTRIBUTES and not c.endswith("_id") and c != e.geometry.name]
    sig = pd.util.hash_pandas_object(pd.DataFrame(e[attr_cols]).astype(str), index=False).to_numpy()
    # for each node with degree 2: the edge ending there and the edge starting there
    ends_at = np.full(net.n_nodes, -1, dtype=np.int64)
    starts_at = np.full(net.n_nodes, -1, dtype=np.int64)
    n_end = np.bincount(iv, minlength=net.n_nodes)
    n_start = np.bincount(iu, minlength=net.n_nodes)
    ends_at[iv] = np.arange(m)
    starts_at[iu] = np.arange(m)
    cand = (deg == 2) & (n_end == 1) & (n_start == 1)
    if protect is not None:
        cand &= ~protect
    a, b = ends_at[cand], starts_at[cand]
    ok = (a != b) & (sig[a] == sig[b])
    a, b = a[ok], b[ok]
    if len(a) == 0:
        return net
    g = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(m, m))
    _, lab = connected_components(g, directed=False)
    size = np.bincount(lab)
    multi = size[lab] > 1
    order = np.argsort(lab, kind="stable")
    merged = shapely.line_merge(shapely.multilinestrings(e.geometry.values[order], indices=lab[order]),
                                directed=True)
    single = shapely.get_type_id(merged) == 1
    good = single[lab] & multi                       # edges absorbed into a merged chain
    if not good.any():
        return net
    keep_first = np.zeros(m, dtype=bool)
    _, first = np.unique(lab, return_index=True)     # lowest edge position of each chain
    keep_first[first] = True
    keep = ~good | keep_first
    out = e.loc[keep].copy()
    chain = lab[keep]
    is_merged = good[keep]
    geoms = np.asarray(out.geometry.values, dtype=object)
    geoms[is_merged] = merged[chain[is_merged]]
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=e.crs))
    xy0 = shapely.get_coordinates(shapely.get_point(geoms[is_merged], 0))
    xy1 = shapely.get_coordinates(shapely.get_point(geoms[is_merged], -1))
    node_xy = net.xy
    ids = net.nodes["node_id"].to_numpy()
    p0, _ = _exact(node_xy, xy0)
    p1, _ = _exact(node_xy, xy1)
    out.loc[out.index[is_merged], "u"] = ids[p0]
    out.loc[out.index[is_merged], "v"] = ids[p1]
    out["length"] = shapely.length(geoms)
    fids = pd.Series(e["src_fid"].astype(str).to_numpy()[order]).groupby(lab[order]).agg(";".join)
    out["src_fids"] = np.where(is_merged, fids.reindex(chain).to_numpy(), out["src_fid"].astype(str).to_numpy())
    out["src_to_m"] = np.where(is_merged, np.nan, out["src_to_m"].to_numpy())
    out = out.reset_index(drop=True)
    used = np.unique(np.r_[out["u"].to_numpy(), out["v"].to_numpy()])
    nodes = net.nodes[net.nodes["node_id"].isin(used)].reset_index(drop=True)
    net.report["merged_chains"] = int((size > 1).sum())
    return Network(system=net.system, crs=net.crs, nodes=nodes, edges=out, report=net.report)


def _exact(node_xy: np.ndarray, pts: np.ndarray):
    from scipy.spatial import cKDTree

    dist, pos = cKDTree(node_xy).query(pts)
    return pos, dist
