"""The street graph the technical networks follow, and a small node/edge accumulator per network."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely


@dataclass
class StreetGraph:
    xy: np.ndarray  # node coordinates (n × 2)
    u: np.ndarray  # edge start node
    v: np.ndarray  # edge end node
    geoms: np.ndarray  # edge LineStrings, oriented u -> v
    roads: list  # the road dict each edge came from

    @property
    def n(self) -> int:
        return len(self.xy)

    def degree(self) -> np.ndarray:
        return np.bincount(np.r_[self.u, self.v], minlength=self.n)

    def lengths(self) -> np.ndarray:
        return shapely.length(self.geoms)

    def nearest_node(self, pts) -> np.ndarray:
        tree = shapely.STRtree(shapely.points(self.xy))
        return tree.query_nearest(pts, return_distance=False, all_matches=False)[1]

    def tree_to(self, root: int, targets) -> np.ndarray:
        """Indices of the edges on the shortest paths from ``root`` to every target (a tree)."""
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import dijkstra

        w = self.lengths()
        m = coo_matrix((np.r_[w, w], (np.r_[self.u, self.v], np.r_[self.v, self.u])), shape=(self.n, self.n)).tocsr()
        _, pred = dijkstra(m, indices=root, return_predecessors=True)
        key = {(min(a, b), max(a, b)): i for i, (a, b) in enumerate(zip(self.u, self.v))}
        used: set[int] = set()
        for t in np.unique(targets):
            node = int(t)
            while node != root and pred[node] >= 0:
                p = int(pred[node])
                used.add(key[(min(p, node), max(p, node))])
                node = p
        return np.array(sorted(used), dtype=int)


def street_graph(roads, keep) -> StreetGraph:
    """The graph of the roads for which ``keep(road)`` is true; nodes at shared end points."""
    sel = [r for r in roads if keep(r)]
    geoms = np.array([r["geometry"] for r in sel], dtype=object)
    a = shapely.get_coordinates(shapely.get_point(geoms, 0))
    b = shapely.get_coordinates(shapely.get_point(geoms, -1))
    ends = np.round(np.r_[a, b], 6)
    xy, inv = np.unique(ends, axis=0, return_inverse=True)
    inv = inv.ravel()
    # keep exact (unrounded) coordinates for nodes so geometry end points match exactly
    exact = np.empty_like(xy)
    exact[inv] = np.r_[a, b]
    return StreetGraph(xy=exact, u=inv[: len(sel)], v=inv[len(sel):], geoms=geoms, roads=sel)


@dataclass
class Network:
    """Nodes and edges of one technical system, in local metres, before they get ids."""

    system: str
    nodes: dict = field(default_factory=lambda: {"xy": [], "kind": [], "terminal": [], "name": [], "extra": []})
    edges: dict = field(default_factory=lambda: {"geometry": [], "from": [], "to": [], "name": [], "extra": []})

    def add_node(self, xy, kind: str, terminal: bool = False, name: str | None = None, **extra) -> int:
        self.nodes["xy"].append(tuple(float(c) for c in xy))
        self.nodes["kind"].append(kind)
        self.nodes["terminal"].append(bool(terminal))
        self.nodes["name"].append(name)
        self.nodes["extra"].append(extra)
        return len(self.nodes["xy"]) - 1

    def add_edge(self, geom, a: int, b: int, name: str | None = None, **extra) -> int:
        """An edge from node ``a`` to node ``b``; the geometry is snapped to the node points."""
        c = shapely.get_coordinates(geom).copy()
        c[0], c[-1] = self.nodes["xy"][a], self.nodes["xy"][b]
        self.edges["geometry"].append(shapely.LineString(c))
        self.edges["from"].append(a)
        self.edges["to"].append(b)
        self.edges["name"].append(name)
        self.edges["extra"].append(extra)
        return len(self.edges["from"]) - 1

    def degree(self) -> np.ndarray:
        return np.bincount(np.r_[self.edges["from"], self.edges["to"]], minlength=len(self.nodes["xy"]))


def oriented(geom, a_xy) -> object:
    """``geom`` reversed if it does not start at ``a_xy``."""
    c = shapely.get_coordinates(geom)
    if np.hypot(*(c[0] - np.asarray(a_xy))) > np.hypot(*(c[-1] - np.asarray(a_xy))):
        return shapely.reverse(geom)
    return geom
