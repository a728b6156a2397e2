"""Walking access from buildings to parks, schools and health facilities (DOMAIN §7: share of
buildings within a 500 m walk).

A destination plot is entered from every walkable node within ``access_entry_m`` of it (and from the
node nearest to it, so a plot set back from the street is still reachable). One multi-source Dijkstra
from all entries of a destination type, limited to ``access_m``, gives the walk to the nearest one
from every node; a building walks from its centroid to its nearest walkable node (that distance
counts) and on. Only destinations near the stations are used, so the search stays local.
"""

from __future__ import annotations

import numpy as np


def nearest_usable(net, xy: np.ndarray, mode: str) -> tuple[np.ndarray, np.ndarray]:
    """Nearest node open to ``mode`` for each point, and the distance (k-d tree cached on the network)."""
    from scipy.spatial import cKDTree

    from cim.network.analysis import usable_nodes

    key = ("tod_usable_tree", mode)
    if key not in net._cache:
        keep = np.flatnonzero(usable_nodes(net, mode))
        net._cache[key] = (keep, cKDTree(net.xy[keep], balanced_tree=False, compact_nodes=False)
                            if len(keep) else None)
    keep, tree = net._cache[key]
    if tree is None or len(xy) == 0:
        return np.full(len(xy), -1, np.int64), np.full(len(xy), np.inf)
    dist, k = tree.query(np.atleast_2d(xy), workers=-1)
    return keep[k], dist


def _entries(net, usable: np.ndarray, dest, entry_m: float, node_keep: np.ndarray, mode: str,
             rep: np.ndarray | None = None) -> np.ndarray:
    import shapely

    cand = np.flatnonzero(usable & node_keep)
    xy = net.xy
    pts = shapely.points(xy[cand])
    _, ni = shapely.STRtree(pts).query(dest, predicate="dwithin", distance=entry_m)
    if rep is None:
        rep = entry_points(dest)
    near, _ = nearest_usable(net, rep, mode)
    return np.unique(np.r_[cand[ni], near])


def entry_points(dest) -> np.ndarray:
    """A point inside each destination polygon (its nearest node is always an entry)."""
    import shapely

    return shapely.get_coordinates(shapely.point_on_surface(dest))


def access_flags(net, building_xy: np.ndarray, destinations: dict, *, mode: str, access_m: float,
                 entry_m: float, node_keep: np.ndarray | None = None, reps: dict | None = None) -> dict:
    """For each destination name: a bool per building (walk ≤ ``access_m``), or None when there is none.

    ``destinations`` maps a name to an array of polygons; ``node_keep`` limits entry nodes to a region;
    ``reps``: their :func:`entry_points` when already known (by name)."""
    from scipy.sparse.csgraph import dijkstra

    from cim.network.analysis import usable_nodes

    usable = usable_nodes(net, mode)
    keep = np.ones(net.n_nodes, dtype=bool) if node_keep is None else node_keep
    out: dict = {}
    if len(building_xy) == 0 or not usable.any():
        return {name: None for name in destinations}
    bnode, bsnap = nearest_usable(net, building_xy, mode)
    csr = net.graph(mode, "length").csr
    for name, dest in destinations.items():
        if dest is None or len(dest) == 0:
            out[name] = None
            continue
        src = _entries(net, usable, dest, entry_m, keep, mode, None if reps is None else reps.get(name))
        dist = dijkstra(csr, directed=True, indices=src, min_only=True, limit=access_m)
        out[name] = dist[bnode] + bsnap <= access_m
    return out
