"""The network model of one technical system: nodes and edges in columnar tables, CSR graphs per mode.

Nodes (``Network.nodes``, a pandas DataFrame) hold ``node_id`` (stable int64, a hash of the node's
position rounded to 1 cm), ``x``, ``y``, ``degree`` and, when a node layer was given, the declared
``kind``, ``terminal``, ``cim_id`` and ``elevation_m``. Edges (``Network.edges``, a GeoDataFrame)
hold ``edge_id`` (stable int64, a hash of the source feature, part and position along it), ``u`` and
``v`` (node ids; the geometry runs from ``u`` to ``v``), ``length``, ``level`` (grade separation:
0 at grade, +1 bridge, −1 tunnel, or the ``layer`` attribute), the provenance ``src_layer``,
``src_fid``, ``src_part``, ``src_from_m``, ``src_to_m`` (the stretch of the source line it covers)
and every attribute of the source feature.

Graphs for routing are built once per (mode, weight) and cached: a CSR matrix whose entry (i, j)
is the cheapest edge from node position i to node position j, and a parallel array naming that edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

MODES = ("walk", "bicycle", "car", "bus", "any")
ONEWAY_MODES = frozenset({"bicycle", "car", "bus"})   # pedestrians may walk both ways on a one-way street
# canonical field -> accepted source column names (sample schema, kinds.toml, OSM-ish)
ALIASES: dict[str, tuple[str, ...]] = {
    "class": ("class", "road_class", "highway"),
    "oneway": ("oneway", "one_way"),
    "speed_kmh": ("speed_kmh", "maxspeed", "speed"),
    "lanes": ("lanes",),
    "grade": ("grade",),
    "layer": ("layer",),
    "walk": ("pedestrian", "allow_walk", "walk"),
    "bicycle": ("allow_bike", "bike", "bicycle"),
    "car": ("car", "allow_car"),
    "bus": ("allow_bus", "bus"),
    "diameter_mm": ("diameter_mm",),
    "invert_up_m": ("invert_up_m", "invert_up"),
    "invert_down_m": ("invert_down_m", "invert_down"),
    "voltage_kv": ("voltage_kv",),
    "circuit": ("circuit",),
}
DEFAULT_SPEED_KMH = {"arterial": 50.0, "collector": 40.0, "local": 30.0, "pedestrian": 5.0}
WALK_KMH, BICYCLE_KMH = 4.8, 15.0
GRADE_LEVEL = {"bridge": 1, "viaduct": 1, "overpass": 1, "tunnel": -1, "underpass": -1}


def find_column(frame, canonical: str) -> str | None:
    """The name under which ``frame`` holds the canonical field (see :data:`ALIASES`), or None."""
    for name in ALIASES.get(canonical, (canonical,)):
        if name in frame.columns:
            return name
    return None


def as_bool(values) -> np.ndarray:
    """Booleans from bool/int/str columns (``yes``/``true``/``1``/``có`` are true; missing is false)."""
    import pandas as pd

    s = pd.Series(values)
    if s.dtype == bool:
        return s.to_numpy()
    if pd.api.types.is_numeric_dtype(s.dtype):
        return s.fillna(0).to_numpy() != 0
    txt = s.astype("string").str.strip().str.lower()
    return txt.isin(["1", "true", "yes", "y", "t", "có", "co", "x"]).fillna(False).to_numpy(dtype=bool)


@dataclass
class Graph:
    """A directed graph over node positions: ``csr[i, j]`` = cost of the cheapest edge i → j."""

    csr: Any                  # scipy.sparse.csr_matrix, float64
    edge: np.ndarray          # edge position for each stored entry of ``csr`` (same order as csr.data)
    mode: str
    weight: str

    @property
    def n(self) -> int:
        return self.csr.shape[0]

    def edge_between(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Edge positions of the stored arcs i → j (vectorised; -1 where there is none)."""
        indptr, indices = self.csr.indptr, self.csr.indices
        i, j = np.asarray(i), np.asarray(j)
        out = np.full(len(i), -1, dtype=np.int64)
        for k in range(len(i)):  # paths are short; this runs once per path step
            lo, hi = indptr[i[k]], indptr[i[k] + 1]
            hit = np.flatnonzero(indices[lo:hi] == j[k])
            if len(hit):
                out[k] = self.edge[lo + hit[0]]
        return out


@dataclass
class Network:
    system: str
    crs: str | None
    nodes: Any                 # pandas.DataFrame
    edges: Any                 # geopandas.GeoDataFrame
    report: dict = field(default_factory=dict)   # what the build did: exploded parts, skipped rows …
    _cache: dict = field(default_factory=dict, repr=False)

    # positions -------------------------------------------------------------
    @property
    def n_nodes(self) -> int:
        return len(self.nodes)

    @property
    def n_edges(self) -> int:
        return len(self.edges)

    def node_positions(self, node_ids) -> np.ndarray:
        """Row positions of node ids in :attr:`nodes` (-1 for unknown ids)."""
        import pandas as pd

        idx = self._cache.get("node_index")
        if idx is None:
            idx = self._cache["node_index"] = pd.Index(self.nodes["node_id"].to_numpy())
        return idx.get_indexer(np.asarray(node_ids, dtype=np.int64))

    @property
    def iu(self) -> np.ndarray:
        if "iu" not in self._cache:
            self._cache["iu"] = self.node_positions(self.edges["u"].to_numpy())
        return self._cache["iu"]

    @property
    def iv(self) -> np.ndarray:
        if "iv" not in self._cache:
            self._cache["iv"] = self.node_positions(self.edges["v"].to_numpy())
        return self._cache["iv"]

    @property
    def xy(self) -> np.ndarray:
        return self.nodes[["x", "y"]].to_numpy(dtype=float)

    def invalidate(self) -> None:
        """Forget cached graphs and indexes (call after changing nodes or edges in place)."""
        self._cache.clear()

    def degree(self) -> np.ndarray:
        """Undirected degree of each node position (a self-loop counts twice)."""
        return np.bincount(np.concatenate([self.iu, self.iv]), minlength=self.n_nodes)

    # spatial look-ups -----------------------------------------------------
    def kdtree(self):
        if "kdtree" not in self._cache:
            from scipy.spatial import cKDTree

            self._cache["kdtree"] = cKDTree(self.xy)
        return self._cache["kdtree"]

    def nearest_nodes(self, xy, *, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Position and distance of the node nearest to each point (among ``mask`` nodes if given)."""
        from scipy.spatial import cKDTree

        pts = np.atleast_2d(np.asarray(xy, dtype=float))
        if mask is None:
            dist, pos = self.kdtree().query(pts)
            return pos.astype(np.int64), dist
        keep = np.flatnonzero(mask)
        dist, k = cKDTree(self.xy[keep]).query(pts)
        return keep[k], dist

    # graphs ----------------------------------------------------------------
    def edge_cost(self, mode: str = "walk", weight: str = "length") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(cost, forward allowed, backward allowed) per edge for a mode and a weight."""
        if mode not in MODES:
            from cim.errors import CimInputError

            raise CimInputError(None, f"unknown travel mode {mode!r}", hint=f"use one of {', '.join(MODES)}")
        e = self.edges
        length = e["length"].to_numpy(dtype=float)
        key = ("access", mode)
        if key not in self._cache:
            from cim.network.access import mode_access

            self._cache[key] = mode_access(e, mode)
        allowed, direction = self._cache[key]
        if weight == "length":
            cost = length
        elif weight == "time":
            cost = length / (self.speed_kmh(mode) / 3.6)
        else:
            from cim.errors import CimInputError

            raise CimInputError(None, f"unknown weight {weight!r}", hint="use 'length' (m) or 'time' (s)")
        return cost, allowed & (direction >= 0), allowed & (direction <= 0)

    def speed_kmh(self, mode: str) -> np.ndarray:
        """Travel speed per edge: walking pace, cycling capped by the road speed, else the road speed."""
        import pandas as pd

        e = self.edges
        n = len(e)
        if mode == "walk":
            return np.full(n, WALK_KMH)
        sp = find_column(e, "speed_kmh")
        speed = (pd.to_numeric(e[sp], errors="coerce").to_numpy(dtype=float) if sp else np.full(n, np.nan))
        cls = find_column(e, "class")
        if cls is not None:
            from cim.network.osm import road_class

            classes = e[cls].astype("string").str.strip().str.lower()
            default = classes.map(DEFAULT_SPEED_KMH).astype(float)
            default = default.fillna(road_class(classes).map(DEFAULT_SPEED_KMH)).to_numpy(dtype=float)
            speed = np.where(np.isfinite(speed) & (speed > 0), speed, default)
        speed = np.where(np.isfinite(speed) & (speed > 0), speed, 30.0)
        return np.minimum(speed, BICYCLE_KMH) if mode == "bicycle" else speed

    def graph(self, mode: str = "walk", weight: str = "length") -> Graph:
        """The CSR graph for ``mode`` and ``weight`` ("length" in m or "time" in s), cached."""
        key = ("graph", mode, weight)
        if key not in self._cache:
            cost, fw, bw = self.edge_cost(mode, weight)
            self._cache[key] = csr_graph(self.iu, self.iv, cost, fw, bw, self.n_nodes, mode, weight)
        return self._cache[key]


def csr_graph(iu, iv, cost, fw, bw, n: int, mode: str = "any", weight: str = "length") -> Graph:
    """Directed CSR graph keeping, for parallel arcs, the cheapest one (no summing of duplicates)."""
    import scipy.sparse as sp

    pos = np.arange(len(iu), dtype=np.int64)
    rows = np.concatenate([iu[fw], iv[bw]])
    cols = np.concatenate([iv[fw], iu[bw]])
    w = np.concatenate([cost[fw], cost[bw]]).astype(float)
    eid = np.concatenate([pos[fw], pos[bw]])
    keep = (rows != cols) & np.isfinite(w)
    rows, cols, w, eid = rows[keep], cols[keep], w[keep], eid[keep]
    order = np.lexsort((eid, w, cols, rows))
    rows, cols, w, eid = rows[order], cols[order], w[order], eid[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    rows, cols, w, eid = rows[first], cols[first], w[first], eid[first]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    csr = sp.csr_matrix((w, cols.astype(np.int32), indptr), shape=(n, n))
    return Graph(csr=csr, edge=eid, mode=mode, weight=weight)


def hash_ids(*parts: np.ndarray) -> np.ndarray:
    """Stable 63-bit ids from integer columns (splitmix64 mixing); same input → same id, any machine."""
    with np.errstate(over="ignore"):
        h = np.full(len(parts[0]), 0x9E3779B97F4A7C15, dtype=np.uint64)
        for p in parts:
            z = h ^ np.asarray(p).astype(np.int64).view(np.uint64)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            h = z ^ (z >> np.uint64(31))
    return (h >> np.uint64(1)).astype(np.int64)


def unique_ids(ids: np.ndarray) -> np.ndarray:
    """Make hashed ids unique by re-hashing later duplicates with their occurrence rank (rare)."""
    import pandas as pd

    dup = pd.Series(ids).duplicated().to_numpy()
    while dup.any():
        rank = pd.Series(ids).groupby(ids).cumcount().to_numpy()
        ids = np.where(dup, hash_ids(ids, rank), ids)
        dup = pd.Series(ids).duplicated().to_numpy()
    return ids
