"""Use case: build a network (nodes, edges, provenance) from a line layer, vectorised.

Steps, none with a Python loop over features:

1. check and normalise the input (:mod:`cim.network.inputs`): one CRS, projected; multi-part lines
   split into parts, Z flattened, null/empty geometries refused or reported;
2. snap every vertex to the vertices within ``tolerance`` (:func:`cim.network.noding.snap_points`);
   a snapped point becomes a node when it ends a line, or when two vertices on the same level meet
   there (OpenStreetMap-style shared vertices);
3. node at crossings (``node_crossings=True``): proper crossings of segments on the same level and
   vertices lying on another segment; bridges and tunnels (``grade``, or an integer ``layer``) are
   not noded with what passes under or over them;
4. cut each line at its nodes into edges; optionally merge chains through degree-2 nodes
   (:mod:`cim.network.chains`);
5. stable ids: a node's id hashes its position rounded to 1 cm, an edge's id hashes its source
   feature id, part and start position along the source line (rounded to 1 cm) — rebuilding the same
   data gives the same ids whatever the row order;
6. declared nodes (a ``net_<system>_nodes`` point layer) are matched to built nodes within the
   tolerance and lend them ``kind``, ``terminal``, ``cim_id``, ``elevation_m``; declared nodes away
   from every line are kept as isolated nodes (validation reports them).
"""

from __future__ import annotations

import numpy as np

from cim.feedback import Feedback
from cim.network.model import Network, hash_ids, unique_ids

RESERVED = ("edge_id", "u", "v", "length", "level", "src_layer", "src_fid", "src_part", "src_from_m",
            "src_to_m", "src_fids")


def build_network(lines_gdf, *, system: str = "road", tolerance: float = 0.01, node_crossings: bool = True,
                  merge_chains: bool = False, nodes_gdf=None, layer: str = "lines", nodes_layer: str = "nodes",
                  path=None, skip_invalid: bool = False, feedback: Feedback | None = None) -> Network:
    """Build the network of one system from ``lines_gdf``. See the module docstring for the method."""
    import shapely

    from cim.network import noding
    from cim.network.inputs import check_crs, grade_levels, prepare_lines

    fb = feedback or Feedback()
    frames = {layer: lines_gdf} | ({nodes_layer: nodes_gdf} if nodes_gdf is not None else {})
    crs = check_crs(frames, path=path)
    lines = prepare_lines(lines_gdf, layer=layer, path=path, skip_invalid=skip_invalid)
    fb.log(f"{layer}: {lines.report['lines']:,} line(s) from {lines.report['features']:,} feature(s)")
    level = grade_levels(lines_gdf, lines.row)
    coords, lidx = shapely.get_coordinates(lines.geoms, return_index=True)
    fb.set_progress(0.05)
    fb.raise_if_canceled("build network")

    # 2. snap vertices, drop consecutive repeats inside a line
    cid, cxy = noding.snap_points(coords, tolerance)
    fb.set_progress(0.2)
    first = np.r_[True, lidx[1:] != lidx[:-1]]
    keep = first | (cid != np.r_[-1, cid[:-1]])
    last_orig = np.r_[lidx[1:] != lidx[:-1], True]
    n_kept = np.bincount(lidx[keep], minlength=len(lines.geoms))
    keep |= last_orig & (n_kept[lidx] < 2)              # a line collapsed to one point keeps 2 vertices
    vc, vl = cid[keep], lidx[keep]
    vfirst = np.r_[True, vl[1:] != vl[:-1]]
    vlast = np.r_[vl[1:] != vl[:-1], True]
    vk = np.arange(len(vl)) - np.flatnonzero(vfirst).repeat(np.diff(np.r_[np.flatnonzero(vfirst), len(vl)]))
    is_node = np.zeros(len(cxy), dtype=bool)
    is_node[vc[vfirst | vlast]] = True
    key = vc * 64 + np.clip(level[vl], -31, 32) + 31
    uk, kc = np.unique(key, return_counts=True)
    is_node[uk[kc >= 2] // 64] = True

    # 3. noding at crossings
    extra_l, extra_k, extra_t, extra_c = (np.zeros(0, np.int64),) * 2 + (np.zeros(0),) + (np.zeros(0, np.int64),)
    if node_crossings and len(vc) > 1:
        s0 = np.flatnonzero(~vlast)                       # segment = vertex s0 → s0 + 1
        (vs, vt, vcl), (ca, cta, cb, ctb, cpts) = noding.find_splits(
            vc[s0], vc[s0 + 1], cxy, level[vl[s0]], vfirst[s0], vlast[s0 + 1], level[vl[s0]] != 0, tolerance)
        cids, new_xy = noding.assign_crossing_clusters(cpts, cxy, tolerance)
        if len(new_xy):
            cxy = np.vstack([cxy, new_xy])
            is_node = np.r_[is_node, np.zeros(len(new_xy), dtype=bool)]
        is_node[vcl] = True
        is_node[cids] = True
        segs = np.concatenate([vs, ca, cb])
        extra_l, extra_k = vl[s0[segs]], vk[s0[segs]]
        extra_t = np.concatenate([vt, cta, ctb])
        extra_c = np.concatenate([vcl, cids, cids])
        lines.report["noded_vertices"] = int(len(vs))
        lines.report["noded_crossings"] = int(len(ca))
    fb.set_progress(0.55)
    fb.raise_if_canceled("build network")

    # 4. cut lines into edges at nodes
    sl = np.concatenate([vl, extra_l])
    sk = np.concatenate([vk, extra_k])
    st = np.concatenate([np.zeros(len(vl)), extra_t])
    sc = np.concatenate([vc, extra_c])
    order = np.lexsort((st, sk, sl))
    sl, sc = sl[order], sc[order]
    sfirst = np.r_[True, sl[1:] != sl[:-1]]
    keep = sfirst | (sc != np.r_[-1, sc[:-1]])
    slast_all = np.r_[sl[1:] != sl[:-1], True]
    keep |= slast_all & (np.bincount(sl[keep], minlength=len(lines.geoms))[sl] < 2)
    sl, sc = sl[keep], sc[keep]
    sfirst = np.r_[True, sl[1:] != sl[:-1]]
    slast = np.r_[sl[1:] != sl[:-1], True]
    xy = cxy[sc]
    step = np.r_[0.0, np.hypot(*(xy[1:] - xy[:-1]).T)]
    step[sfirst] = 0.0
    cum = np.cumsum(step)
    cum -= np.repeat(cum[sfirst], np.diff(np.r_[np.flatnonzero(sfirst), len(sl)]))
    node_here = is_node[sc] | sfirst | slast
    interior_node = node_here & ~sfirst & ~slast
    rep = 1 + interior_node.astype(np.int64)
    ridx = np.repeat(np.arange(len(sl)), rep)
    second = np.zeros(len(ridx), dtype=bool)
    second[np.cumsum(rep)[interior_node] - 1] = True    # second copy starts the next edge
    start = sfirst[ridx] & ~second | second
    eidx = np.cumsum(start) - 1
    n_e = int(eidx[-1]) + 1 if len(eidx) else 0
    geoms = shapely.linestrings(xy[ridx], indices=eidx)
    estart = np.flatnonzero(start)
    eend = np.r_[estart[1:] - 1, len(ridx) - 1]
    u_c, v_c = sc[ridx[estart]], sc[ridx[eend]]
    e_line = sl[ridx[estart]]
    from_m, to_m = cum[ridx[estart]], cum[ridx[eend]]
    fb.set_progress(0.75)
    fb.raise_if_canceled("build network")

    # 5. tables and stable ids
    used = np.unique(np.concatenate([u_c, v_c]))
    nxy = cxy[used]
    node_ids = unique_ids(hash_ids(*np.round(nxy * 100).astype(np.int64).T))
    pos = np.full(len(cxy), -1, dtype=np.int64)
    pos[used] = np.arange(len(used))
    src_rows = lines.row[e_line]
    src_fid = np.asarray(lines_gdf.index.to_numpy()[src_rows])
    fid_key = src_fid.astype(np.int64) if src_fid.dtype.kind in "iu" else src_rows.astype(np.int64)
    edge_ids = unique_ids(hash_ids(fid_key, lines.part[e_line], np.round(from_m * 100).astype(np.int64)))
    edges = _edge_table(lines_gdf, src_rows, crs, geoms, {
        "edge_id": edge_ids, "u": node_ids[pos[u_c]], "v": node_ids[pos[v_c]],
        "length": shapely.length(geoms), "level": level[e_line], "src_layer": layer, "src_fid": src_fid,
        "src_part": lines.part[e_line], "src_from_m": from_m, "src_to_m": to_m})
    nodes = _node_table(nxy, node_ids)
    net = Network(system=system, crs=crs, nodes=nodes, edges=edges, report=lines.report)
    if merge_chains:
        from cim.network.chains import merge_degree2_chains

        net = merge_degree2_chains(net, protect=_declared_mask(net, nodes_gdf, tolerance))
    if nodes_gdf is not None:
        net = attach_declared_nodes(net, nodes_gdf, tolerance=tolerance, layer=nodes_layer)
    net.nodes["degree"] = net.degree()
    net.report.update(nodes=int(net.n_nodes), edges=int(net.n_edges), tolerance=float(tolerance))
    fb.log(f"network {system}: {net.n_nodes:,} nodes, {net.n_edges:,} edges (from {n_e:,} cut edges)")
    fb.set_progress(1.0)
    return net


def _edge_table(src, rows, crs, geoms, computed: dict):
    import geopandas as gpd
    import pandas as pd

    attrs = pd.DataFrame(src.drop(columns=src.geometry.name))
    clash = [c for c in attrs.columns if c in RESERVED]
    attrs = attrs.rename(columns={c: f"src_{c}" if c != "src_fids" else "src_src_fids" for c in clash})
    attrs = attrs.iloc[rows].reset_index(drop=True)
    front = pd.DataFrame(computed)
    frame = pd.concat([front, attrs], axis=1)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=crs).values, crs=crs)


def _node_table(nxy: np.ndarray, node_ids: np.ndarray):
    import pandas as pd

    return pd.DataFrame({"node_id": node_ids, "x": nxy[:, 0], "y": nxy[:, 1]})


def _declared_mask(net: Network, nodes_gdf, tolerance: float) -> np.ndarray:
    """Nodes that coincide with a declared node (never merged away as degree-2 chain nodes)."""
    import shapely

    mask = np.zeros(net.n_nodes, dtype=bool)
    if nodes_gdf is None or len(nodes_gdf) == 0:
        return mask
    pts = shapely.get_coordinates(nodes_gdf.geometry.values)
    pos, dist = net.nearest_nodes(pts)
    mask[pos[dist <= max(tolerance, 1e-9)]] = True
    return mask


def attach_declared_nodes(net: Network, nodes_gdf, *, tolerance: float, layer: str = "nodes") -> Network:
    """Copy declared node attributes to built nodes within ``tolerance``; keep unmatched ones isolated."""
    import pandas as pd
    import shapely

    from cim.network.model import as_bool

    geoms = np.asarray(nodes_gdf.geometry.values, dtype=object)
    ok = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    if (~ok).any():
        from cim.errors import CimInputError
        from cim.project.feature_names import feature_list

        bad = feature_list(layer or "", nodes_gdf.index.to_numpy()[~ok], "en")
        raise CimInputError(None, f"{int((~ok).sum())} node(s) without geometry ({bad})", obj=layer,
                            hint="delete them or give them a position")
    pts = shapely.get_coordinates(shapely.force_2d(geoms))
    if len(pts) != len(geoms):
        from cim.errors import CimInputError

        raise CimInputError(None, "the node layer must hold single points", obj=layer)
    pos, dist = net.nearest_nodes(pts) if net.n_nodes else (np.full(len(pts), -1), np.full(len(pts), np.inf))
    matched = dist <= max(tolerance, 1e-9)
    nodes = net.nodes
    extra = pts[~matched]
    if len(extra):   # declared nodes off every line: keep them, as isolated nodes
        ids = unique_ids(np.r_[nodes["node_id"].to_numpy(), hash_ids(*np.round(extra * 100).astype(np.int64).T)])
        add = pd.DataFrame({"node_id": ids[len(nodes):], "x": extra[:, 0], "y": extra[:, 1]})
        nodes = pd.concat([nodes, add], ignore_index=True)
        pos = pos.copy()
        pos[~matched] = np.arange(len(net.nodes), len(nodes))
        net.report["isolated_declared_nodes"] = int(len(extra))
    src = pd.DataFrame(nodes_gdf.drop(columns=nodes_gdf.geometry.name)).reset_index(drop=True)
    src = src.drop(columns=[c for c in ("node_id", "x", "y", "degree") if c in src.columns])
    src["declared_fid"] = nodes_gdf.index.to_numpy()
    if "terminal" in src.columns:
        src["terminal"] = as_bool(src["terminal"])
    # several declared nodes on one spot (a cabinet and its first lamp …): ids joined, terminal if any
    agg = {c: "first" for c in src.columns}
    agg["declared_fid"] = lambda v: ";".join(str(x) for x in v)
    if "cim_id" in src.columns:
        agg["cim_id"] = lambda v: ";".join(str(x) for x in v if isinstance(x, str))
    if "terminal" in src.columns:
        agg["terminal"] = "any"
    grouped = src.groupby(pos, sort=True).agg(agg)
    shared = int(len(src) - len(grouped))
    if shared:
        net.report["declared_nodes_sharing_a_position"] = shared
    nodes = nodes.join(grouped.set_axis(grouped.index.to_numpy()), how="left")
    if "terminal" in nodes.columns:
        nodes["terminal"] = nodes["terminal"].astype("boolean").fillna(False).astype(bool)
    net.nodes = nodes
    net.invalidate()
    return net
