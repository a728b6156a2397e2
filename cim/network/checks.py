"""The individual network checks behind :func:`cim.network.validate.validate_network` (vectorised).

Each takes ``issue`` — :func:`cim.network.rules.network_finding` — and returns its findings."""

from __future__ import annotations

import numpy as np

from cim.network.model import Network, as_bool, find_column
from cim.network.rules import Bilingual, canonical_system, sample_dem


def _eid(net: Network, pos) -> int:
    return int(net.edges["edge_id"].iat[int(pos)])


def _nid(net: Network, pos) -> int:
    return int(net.nodes["node_id"].iat[int(pos)])


def _label(net: Network, pos) -> Bilingual:
    """How a user recognises an edge: the line it comes from, named as everywhere else ("Mạng cấp nước #12",
    with its cim_id when it has one) — never the internal edge hash."""
    from cim.project.feature_names import feature_name

    e = net.edges
    cim = e["cim_id"].iat[int(pos)] if "cim_id" in e.columns else None
    layer, fid = e["src_layer"].iat[int(pos)], e["src_fid"].iat[int(pos)]
    names = [feature_name(str(layer), fid, lang) for lang in ("en", "vi")]
    return Bilingual(f"{cim} ({n})" if isinstance(cim, str) and cim else n for n in names)


def _node_label(net: Network, pos) -> str:
    """A node by its cim_id, or by where it is (its internal id means nothing to a user)."""
    from cim.project.feature_names import point_text

    n = net.nodes
    cim = n["cim_id"].iat[int(pos)] if "cim_id" in n.columns else None
    if isinstance(cim, str) and cim:
        return cim
    return point_text(float(n["x"].iat[int(pos)]), float(n["y"].iat[int(pos)]))


def structural(net: Network, system: str, tol: float, issue) -> list:
    import shapely

    out = []
    length = net.edges["length"].to_numpy(dtype=float)
    geoms = net.edges.geometry.values
    zero = np.flatnonzero(length <= tol)
    p0 = shapely.get_coordinates(shapely.get_point(np.asarray(geoms, dtype=object), 0))
    for k in zero:
        out.append(issue("NET-ZERO-LENGTH", system, *p0[k], edge=_label(net, k), edge_id=_eid(net, k)))
    loops = np.flatnonzero((net.iu == net.iv) & (length > tol))
    xy = net.xy
    for k in loops:
        out.append(issue("NET-SELF-LOOP", system, *xy[net.iu[k]], edge=_label(net, k), node=_node_label(net, net.iu[k]),
                         edge_id=_eid(net, k), node_id=_nid(net, net.iu[k])))
    return out


def terminal_mask(net: Network, terminal_kinds) -> np.ndarray:
    n = net.nodes
    mask = np.zeros(len(n), dtype=bool)
    if "terminal" in n.columns:
        mask |= as_bool(n["terminal"].fillna(False))
    if "kind" in n.columns:
        mask |= n["kind"].astype("string").str.lower().isin(list(terminal_kinds)).fillna(False).to_numpy(bool)
    return mask


def outside_plan(net: Network, boundary, tol: float) -> np.ndarray:
    """Nodes on the plan boundary (within ``tol``) or outside it: the network continues beyond the plan."""
    import shapely

    if boundary is None or len(boundary) == 0:
        return np.zeros(net.n_nodes, dtype=bool)
    area = shapely.union_all(np.asarray(boundary.geometry.values, dtype=object))
    pts = shapely.points(net.xy)
    return ~shapely.contains(area, pts) | (shapely.distance(pts, shapely.boundary(area)) <= tol)


def _kinds(net: Network, kinds) -> np.ndarray:
    if "kind" not in net.nodes.columns:
        return np.zeros(net.n_nodes, dtype=bool)
    return net.nodes["kind"].astype("string").str.lower().isin(list(kinds)).fillna(False).to_numpy(bool)


def components(net: Network) -> tuple[int, np.ndarray]:
    """(number of connected parts, part label per node position): the one count that ``network validate``,
    the INF-05 rule and the network panel report (edges undirected; isolated nodes are parts)."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    n = net.n_nodes
    if n == 0:
        return 0, np.zeros(0, dtype=np.int64)
    g = sp.coo_matrix((np.ones(net.n_edges, dtype=np.int8), (net.iu, net.iv)), shape=(n, n))
    ncomp, lab = connected_components(g, directed=False)
    return int(ncomp), lab


def connectivity(net: Network, system: str, issue, *, terminal_kinds, source_kinds=(), boundary=None,
                 boundary_tol=1.0) -> list:
    out = []
    n = net.n_nodes
    if n == 0:
        return out
    deg = net.degree()
    xy = net.xy
    beyond = outside_plan(net, boundary, boundary_tol)
    exempt = terminal_mask(net, terminal_kinds) | beyond
    for k in np.flatnonzero((deg == 1) & ~exempt):
        out.append(issue("NET-DANGLE", system, *xy[k], node=_node_label(net, k), node_id=_nid(net, k)))
    ncomp, lab = components(net)
    if ncomp > 1:
        size = np.bincount(lab)
        edges_in = np.bincount(lab[net.iu], minlength=ncomp)
        main = int(np.argmax(size))
        _, first = np.unique(lab, return_index=True)
        # a part with its own source (an outlet, a lighting cabinet …) or running out of the plan is fine
        fine = np.bincount(lab[_kinds(net, source_kinds) | beyond],
                           minlength=ncomp) > 0
        for c in np.argsort(-size, kind="stable"):
            if c == main or fine[c]:
                continue
            k = first[c]
            out.append(issue("NET-COMPONENT", system, *xy[k], nodes=int(size[c]), edges=int(edges_in[c]),
                             main=int(size[main]), node_id=_nid(net, k)))
    return out


def duplicates(net: Network, system: str, tol: float, issue, *, overlaps: bool = True) -> list:
    import pandas as pd
    import shapely

    out = []
    geoms = np.asarray(net.edges.geometry.values, dtype=object)
    if len(geoms) < 2:
        return out
    wkb = pd.Series(shapely.to_wkb(shapely.normalize(geoms)))
    dup = wkb.duplicated(keep="first").to_numpy()
    first_of = pd.Series(np.arange(len(wkb))).groupby(wkb.to_numpy()).transform("min").to_numpy()
    mid = shapely.get_coordinates(shapely.line_interpolate_point(geoms, 0.5, normalized=True))
    for k in np.flatnonzero(dup):
        out.append(issue("NET-DUPLICATE", system, *mid[k], edge=_label(net, k), other=_label(net, first_of[k]),
                         edge_id=_eid(net, k)))
    if not overlaps:
        return out
    tree = shapely.STRtree(geoms)
    pairs = [tree.query(geoms, predicate=p) for p in ("overlaps", "contains")]
    i = np.concatenate([p[0] for p in pairs])
    j = np.concatenate([p[1] for p in pairs])
    keep = (i != j) & (first_of[i] != first_of[j])
    i, j = i[keep], j[keep]
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    if len(lo):
        uniq = np.unique(np.column_stack([lo, hi]), axis=0)
        lo, hi = uniq[:, 0], uniq[:, 1]
        inter = shapely.intersection(geoms[lo], geoms[hi])
        length = shapely.length(inter)
        where = shapely.get_coordinates(shapely.point_on_surface(inter))
        for a, b, ln, p in zip(lo, hi, length, where):
            if ln > tol:
                out.append(issue("NET-OVERLAP", system, *p, edge=_label(net, b), other=_label(net, a), length=ln,
                                 edge_id=_eid(net, b)))
    return out


def uphill(net: Network, system: str, dem, dem_tol: float, inv_tol: float, issue) -> list:
    import pandas as pd
    import shapely


    out = []
    e = net.edges
    m = len(e)
    geoms = np.asarray(e.geometry.values, dtype=object)
    p0 = shapely.get_coordinates(shapely.get_point(geoms, 0))
    p1 = shapely.get_coordinates(shapely.get_point(geoms, -1))
    cu, cd = find_column(e, "invert_up_m"), find_column(e, "invert_down_m")
    up = pd.to_numeric(e[cu], errors="coerce").to_numpy(float) if cu else np.full(m, np.nan)
    down = pd.to_numeric(e[cd], errors="coerce").to_numpy(float) if cd else np.full(m, np.nan)
    has = np.isfinite(up) & np.isfinite(down)
    for k in np.flatnonzero(has & (down > up + inv_tol)):
        out.append(issue("NET-UPHILL", system, *p1[k], edge=_label(net, k), up=up[k], down=down[k],
                         edge_id=_eid(net, k)))
    if dem is not None and (~has).any():
        sel = np.flatnonzero(~has)
        z0 = sample_dem(dem, p0[sel, 0], p0[sel, 1])
        z1 = sample_dem(dem, p1[sel, 0], p1[sel, 1])
        for k, a, b in zip(sel, z0, z1):
            if np.isfinite(a) and np.isfinite(b) and b > a + dem_tol:
                out.append(issue("NET-UPHILL-DEM", system, *p1[k], edge=_label(net, k), up=a, down=b,
                                 edge_id=_eid(net, k)))
    return out


def through_buildings(net: Network, system: str, buildings, tol: float, issue) -> list:
    import shapely

    out = []
    geoms = np.asarray(net.edges.geometry.values, dtype=object)
    bgeoms = np.asarray(buildings.geometry.values, dtype=object)
    ok = ~shapely.is_missing(bgeoms) & ~shapely.is_empty(bgeoms)
    bidx = np.flatnonzero(ok)
    if len(bidx) == 0 or len(geoms) == 0:
        return out
    tree = shapely.STRtree(bgeoms[bidx])
    e, b = tree.query(geoms, predicate="intersects")
    b = bidx[b]
    p0 = shapely.points(shapely.get_coordinates(shapely.get_point(geoms[e], 0)))
    p1 = shapely.points(shapely.get_coordinates(shapely.get_point(geoms[e], -1)))
    ends_inside = shapely.intersects(bgeoms[b], p0) | shapely.intersects(bgeoms[b], p1)   # a connection
    e, b = e[~ends_inside], b[~ends_inside]
    inter = shapely.intersection(geoms[e], bgeoms[b])
    inside = shapely.length(inter)
    names = buildings["cim_id"].to_numpy() if "cim_id" in buildings.columns else buildings.index.to_numpy()
    where = shapely.get_coordinates(shapely.point_on_surface(inter))
    for k, bb, ln, p in zip(e, b, inside, where):
        if ln > tol:
            out.append(issue("NET-CROSS-BUILDING", system, *p, edge=_label(net, k), building=str(names[bb]),
                             length=ln, edge_id=_eid(net, k)))
    return out


def elements(net: Network, system: str, smart, limit: float, issue, smart_to_network: dict,
             not_on_network=frozenset()) -> list:
    import shapely


    out = []
    if "system" not in smart.columns or len(smart) == 0:
        return out
    mapped = smart["system"].astype(str).map(lambda s: canonical_system(smart_to_network.get(s, s)))
    linked = smart["network_node_id"].notna().to_numpy() if "network_node_id" in smart.columns else False
    device = ~smart["type"].astype(str).isin(list(not_on_network)).to_numpy() if "type" in smart.columns else True
    mine = np.flatnonzero((mapped.to_numpy() == system) & (device | linked))
    if len(mine) == 0:
        return out
    pts = np.asarray(smart.geometry.values, dtype=object)[mine]
    xy = shapely.get_coordinates(pts)
    ids = smart["cim_id"].astype(str).to_numpy()[mine] if "cim_id" in smart.columns else smart.index.to_numpy()[mine]
    types = smart["type"].astype(str).to_numpy()[mine] if "type" in smart.columns else np.full(len(mine), "element")
    geoms = np.asarray(net.edges.geometry.values, dtype=object)
    dist = np.full(len(mine), np.inf)
    if len(geoms):
        (qi, _), d = shapely.STRtree(geoms).query_nearest(pts, return_distance=True, all_matches=False)
        dist[qi] = d
    for k in np.flatnonzero(dist > limit):
        shown = f"{dist[k]:.0f} m" if np.isfinite(dist[k]) else "infinitely far (no line)"
        out.append(issue("NET-ELEMENT-OFF", system, *xy[k], type=types[k], element=str(ids[k]), dist=shown,
                         limit=limit))
    if "network_node_id" in smart.columns:
        known = set(net.nodes["node_id"].astype(str))
        if "cim_id" in net.nodes.columns:
            known |= {i for ids in net.nodes["cim_id"].dropna().astype(str) for i in ids.split(";")}
        ref = smart["network_node_id"].to_numpy()[mine]
        for k, r in enumerate(ref):
            if isinstance(r, str) and r.strip() and r not in known:
                out.append(issue("NET-ELEMENT-NODE", system, *xy[k], type=types[k], element=str(ids[k]), node=r))
    return out
