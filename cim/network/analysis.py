"""Use cases: shortest paths, walksheds (service areas), OD matrices and nearest facility.

All run Dijkstra (``scipy.sparse.csgraph.dijkstra``) on the network's CSR graph for a mode and a
weight, built once and cached on the :class:`~cim.network.model.Network`. Points are snapped to the
nearest node that the mode may use. One-way streets are respected for cycling, cars and buses
(pedestrians walk both ways); turn restrictions, when given, switch to the arc-based graph of
:mod:`cim.network.turns`.

Walkshed polygons (:func:`walksheds`) are built from what is reached: every edge, or the part of
an edge that the remaining budget covers from a reached end, is buffered by ``buffer_m`` (default
25 m, about half a street and its frontage) and the buffers of one source are unioned — the usual
"network buffer" method. ``method="hull"`` gives instead the concave hull of the reached geometry.
"""

from __future__ import annotations

import numpy as np

from cim.errors import CimInputError
from cim.network.model import Network

MAX_SNAP_M = 100.0   # a start point farther than this from every usable node is reported (walksheds, routes)


class NoRouteError(CimInputError):
    """The destination cannot be reached from the origin (another component, or against one-way streets)."""


def snap_warnings(snap: np.ndarray, names, limit: float | None, mode: str) -> list:
    """One :class:`cim.findings.Finding` (W, code ``NET-FAR-SNAP``; ``extra``: source index, ``snap_m``,
    ``limit_m``) per point snapped farther than ``limit`` metres."""
    from cim.findings import Finding
    from cim.text import Text

    if limit is None:
        return []
    out = []
    for k in np.flatnonzero(np.asarray(snap, dtype=float) > float(limit)):
        name = str(names[k]) if names is not None else str(k + 1)
        out.append(Finding("W", "NET-FAR-SNAP", Text(
            f"điểm {name} cách nút gần nhất cho phép {mode} {snap[k]:.0f} m "
            f"(giới hạn {limit:.0f} m): kết quả tính từ nút đó, không từ điểm",
            f"point {name} is {snap[k]:.0f} m from the nearest node open to {mode} "
            f"(limit {limit:.0f} m): the result starts there, not at the point"), (name,),
            extra={"source": int(k), "snap_m": float(snap[k]), "limit_m": float(limit)}))
    return out


def usable_nodes(net: Network, mode: str) -> np.ndarray:
    """Nodes touched by at least one edge the mode may use."""
    _, fw, bw = net.edge_cost(mode, "length")
    ok = fw | bw
    mask = np.zeros(net.n_nodes, dtype=bool)
    mask[net.iu[ok]] = True
    mask[net.iv[ok]] = True
    return mask


def to_nodes(net: Network, points, mode: str = "walk") -> tuple[np.ndarray, np.ndarray]:
    """Node positions for points: (x, y) pairs are snapped to the nearest usable node, integer
    node ids are looked up. Returns (positions, snapping distance)."""
    arr = np.asarray(points)
    if arr.ndim == 1 and arr.dtype.kind in "iu":
        pos = net.node_positions(arr)
        if (pos < 0).any():
            raise CimInputError(None, f"unknown node id(s) {arr[pos < 0][:5].tolist()} in network {net.system!r}",
                                hint="list the nodes of the network layer")
        return pos, np.zeros(len(pos))
    xy = np.atleast_2d(arr.astype(float))
    if xy.shape[1] != 2:
        raise CimInputError(None, "points must be (x, y) pairs in the network's CRS or integer node ids")
    mask = usable_nodes(net, mode)
    if not mask.any():
        raise CimInputError(None, f"no street of network {net.system!r} is open to mode {mode!r}",
                            hint="choose another mode")
    return net.nearest_nodes(xy, mask=mask)


def _dijkstra(net: Network, sources: np.ndarray, *, mode: str, weight: str, cutoff: float | None = None,
              restrictions=None, predecessors: bool = False):
    from scipy.sparse.csgraph import dijkstra

    limit = np.inf if cutoff is None else float(cutoff)
    if restrictions is None or len(restrictions) == 0:
        return dijkstra(net.graph(mode, weight).csr, directed=True, indices=sources, limit=limit,
                        return_predecessors=predecessors)
    from cim.network.turns import node_costs, turn_graph

    key = ("turns", mode, weight, id(restrictions))
    if key not in net._cache:
        net._cache[key] = turn_graph(net, mode, weight, restrictions)
    g, head, a = net._cache[key]
    dist = dijkstra(g, directed=True, indices=a + np.asarray(sources), limit=limit)
    return node_costs(np.atleast_2d(dist), head, a, net.n_nodes, np.asarray(sources))


def reached(net: Network, sources, cutoff: float, *, mode: str = "walk", weight: str = "length",
            restrictions=None) -> np.ndarray:
    """Cost from each source (rows) to every node (columns); ``inf`` beyond ``cutoff`` (inclusive)."""
    src, _ = to_nodes(net, sources, mode)
    return np.atleast_2d(_dijkstra(net, src, mode=mode, weight=weight, cutoff=cutoff, restrictions=restrictions))


def shortest_path(net: Network, origin, destination, *, mode: str = "walk", weight: str = "length",
                  restrictions=None, max_snap_m: float | None = MAX_SNAP_M):
    """The least-cost path as a GeoDataFrame of edges in travel order (``step``, ``cost``, ``cum_cost``),
    with ``attrs`` total cost, length, node ids and ``warnings`` (an end snapped farther than
    ``max_snap_m``). Raises when the destination cannot be reached."""
    import geopandas as gpd
    import shapely

    (o,), snap_o = to_nodes(net, [origin] if np.ndim(origin) == 1 and len(origin) == 2
                            else np.atleast_1d(origin), mode)
    (d,), snap_d = to_nodes(net, [destination] if np.ndim(destination) == 1 and len(destination) == 2
                            else np.atleast_1d(destination), mode)
    if restrictions is not None and len(restrictions):
        raise CimInputError(None, "routes with turn restrictions are not available yet; walksheds and OD "
                                  "matrices honour them", hint="route without --restrictions")
    dist, pred = _dijkstra(net, np.array([o]), mode=mode, weight=weight, predecessors=True)
    dist, pred = np.atleast_2d(dist)[0], np.atleast_2d(pred)[0]
    if not np.isfinite(dist[d]):
        from cim.project.feature_names import point_text

        nx, ny = net.nodes["x"].to_numpy(), net.nodes["y"].to_numpy()
        raise NoRouteError(None, f"no {mode} route from {point_text(nx[o], ny[o])} to {point_text(nx[d], ny[d])} "
                                 f"in network {net.system!r}",
                            hint="the two points lie in different components or against one-way streets")
    path = [d]
    while path[-1] != o:
        path.append(pred[path[-1]])
    path = np.array(path[::-1], dtype=np.int64)
    g = net.graph(mode, weight)
    epos = g.edge_between(path[:-1], path[1:])
    cost, _, _ = net.edge_cost(mode, weight)
    out = net.edges.iloc[epos].reset_index(drop=True)
    reverse = net.iu[epos] != path[:-1]
    geoms = np.asarray(out.geometry.values, dtype=object)
    geoms[reverse] = shapely.reverse(geoms[reverse])
    out = out.set_geometry(gpd.GeoSeries(geoms, crs=net.crs))
    out.insert(0, "step", np.arange(len(out)))
    out["cost"] = cost[epos]
    out["cum_cost"] = np.cumsum(cost[epos])
    out.attrs.update(cost=float(dist[d]), length=float(out["length"].sum()), mode=mode, weight=weight,
                     nodes=net.nodes["node_id"].to_numpy()[path].tolist(),
                     warnings=snap_warnings(np.r_[snap_o, snap_d], ["origin", "destination"], max_snap_m, mode))
    return out


def od_matrix(net: Network, origins, destinations, *, mode: str = "walk", weight: str = "length",
              cutoff: float | None = None, restrictions=None):
    """Costs from every origin (rows) to every destination (columns) as a DataFrame; ``inf`` = unreachable."""
    import pandas as pd

    o, _ = to_nodes(net, origins, mode)
    d, _ = to_nodes(net, destinations, mode)
    uo, inv = np.unique(o, return_inverse=True)
    dist = np.atleast_2d(_dijkstra(net, uo, mode=mode, weight=weight, cutoff=cutoff, restrictions=restrictions))
    return pd.DataFrame(dist[inv.ravel()][:, d])


def nearest_facility(net: Network, facilities, demand, *, mode: str = "walk", weight: str = "length",
                     cutoff: float | None = None):
    """For each demand point the cheapest facility to travel to (index into ``facilities``) and the
    cost: one multi-source Dijkstra from all facilities over the reversed graph."""
    import pandas as pd
    from scipy.sparse.csgraph import dijkstra

    f, _ = to_nodes(net, facilities, mode)
    d, snap = to_nodes(net, demand, mode)
    rev = net._cache.get(("reverse", mode, weight))
    if rev is None:
        rev = net._cache[("reverse", mode, weight)] = net.graph(mode, weight).csr.T.tocsr()
    dist, _, src = dijkstra(rev, directed=True, indices=np.unique(f), min_only=True, return_predecessors=True,
                            limit=np.inf if cutoff is None else float(cutoff))
    first_of = {int(node): i for i, node in reversed(list(enumerate(f)))}   # facilities, not demand
    fac = np.array([first_of.get(int(s), -1) for s in src[d]])
    return pd.DataFrame({"facility": fac, "cost": dist[d], "snap_m": snap})


def walksheds(net: Network, points, cutoff: float, *, mode: str = "walk", weight: str = "length",
              method: str = "buffer", buffer_m: float = 25.0, restrictions=None, names=None,
              max_snap_m: float | None = MAX_SNAP_M):
    """One polygon per source point reachable within ``cutoff`` (metres, or seconds with weight="time").

    Columns: ``source`` (index), ``name``, ``node_id`` (snapped node), ``snap_m``, ``cutoff``,
    ``nodes`` (reached node count), ``area_m2``, ``reached_m`` (length of street reached, see
    :func:`reached_edges`) and ``circle_ratio`` (walkshed area ÷ area of the circle of radius
    ``cutoff``, DOMAIN §7; only for weight="length") and ``far_snap`` (the point lies more than
    ``max_snap_m`` from the node it was snapped to); ``attrs["warnings"]`` explains each far snap.
    """
    from cim.network.walkshed import buffer_polygons, reached_pieces, shed_polygons

    src, snap = to_nodes(net, points, mode)
    usrc, inv = np.unique(src, return_inverse=True)     # points snapped to one node share one walkshed
    inv = inv.ravel()
    dist = np.atleast_2d(_dijkstra(net, usrc, mode=mode, weight=weight, cutoff=cutoff, restrictions=restrictions))
    polys = None
    if method == "buffer":
        polys, pieces, owner = buffer_polygons(net, dist, cutoff, usrc, mode=mode, weight=weight,
                                               buffer_m=buffer_m)
    else:
        pieces, owner = reached_pieces(net, dist, cutoff, mode=mode, weight=weight)
    out = shed_polygons(net, dist, pieces, owner, usrc, np.zeros(len(usrc)), cutoff, method=method,
                        buffer_m=buffer_m, weight=weight, mode=mode, polys=polys)
    out = out.iloc[inv].reset_index(drop=True)
    again = np.ones(len(inv), dtype=bool)
    again[np.unique(inv, return_index=True)[1]] = False
    if again.any():                  # points on one node: one polygon each (a caller may prepare and thread them)
        import copy

        import geopandas as gpd

        geoms = np.asarray(out.geometry.values, dtype=object).copy()
        geoms[again] = [copy.copy(g) for g in geoms[again]]
        out[out.geometry.name] = gpd.GeoSeries(geoms, crs=out.crs, index=out.index)
    out["source"] = np.arange(len(src))
    out["name"] = list(names) if names is not None else [f"{i + 1}" for i in range(len(src))]
    out["snap_m"] = snap
    out["far_snap"] = snap > max_snap_m if max_snap_m is not None else False
    out.attrs["warnings"] = snap_warnings(snap, out["name"].to_numpy(), max_snap_m, mode)
    return out


def reached_edges(net: Network, points, cutoff: float, *, mode: str = "walk", weight: str = "length",
                  restrictions=None):
    """The street lengths reached within ``cutoff`` from each source: whole edges, and the first part of an
    edge that the remaining budget covers from a reached end. Columns ``source`` and ``length`` (metres);
    the lines the polygons of :func:`walksheds` are buffered from."""
    import geopandas as gpd
    import shapely

    from cim.network.walkshed import reached_pieces

    src, _ = to_nodes(net, points, mode)
    dist = np.atleast_2d(_dijkstra(net, src, mode=mode, weight=weight, cutoff=cutoff, restrictions=restrictions))
    pieces, owner = reached_pieces(net, dist, cutoff, mode=mode, weight=weight)
    return gpd.GeoDataFrame({"source": owner, "length": shapely.length(pieces)},
                            geometry=gpd.GeoSeries(pieces, crs=net.crs).values, crs=net.crs)
