"""Turn restrictions: an arc-based (edge-expanded) graph in which forbidden turns are missing.

A restriction forbids going from edge ``from_edge`` through node ``via_node`` into edge ``to_edge``
(ids as in :attr:`Network.edges` / :attr:`Network.nodes`). The expanded graph has one state per
directed arc of the mode's graph plus one start state per node; a start state leads to every arc
leaving its node (cost: that arc), an arc x→y leads to every arc y→z that is not forbidden (cost: the
arc y→z). The cost of reaching a node is the least cost of an arc ending there (0 at a source).
Built only when restrictions are given; everything else uses the plain node graph.
"""

from __future__ import annotations

import numpy as np

from cim.network.model import Network


def arcs(net: Network, mode: str, weight: str):
    """All directed arcs (tail, head, cost, edge position) allowed for the mode (parallel arcs kept)."""
    cost, fw, bw = net.edge_cost(mode, weight)
    pos = np.arange(net.n_edges)
    tail = np.r_[net.iu[fw], net.iv[bw]]
    head = np.r_[net.iv[fw], net.iu[bw]]
    return tail, head, np.r_[cost[fw], cost[bw]], np.r_[pos[fw], pos[bw]]


def turn_graph(net: Network, mode: str, weight: str, restrictions):
    """(csr over arcs + start states, head node of each arc state, number of arcs)."""
    import pandas as pd
    import scipy.sparse as sp

    tail, head, cost, epos = arcs(net, mode, weight)
    a = len(tail)
    n = net.n_nodes
    # transitions arc i (… → y) to arc j (y → …): group arcs by tail node
    order = np.argsort(tail, kind="stable")
    starts = np.searchsorted(tail[order], np.arange(n + 1))
    out_deg = np.diff(starts)
    k = out_deg[head]                                   # number of successors of each arc
    src = np.repeat(np.arange(a), k)
    first = np.repeat(starts[head], k)
    offs = np.arange(len(src)) - np.repeat(np.cumsum(k) - k, k)
    dst = order[first + offs]
    if restrictions is not None and len(restrictions):
        r = pd.DataFrame(restrictions)
        eid = net.edges["edge_id"].to_numpy()
        epos_of = pd.Index(eid)
        f = epos_of.get_indexer(r["from_edge"].to_numpy())
        t = epos_of.get_indexer(r["to_edge"].to_numpy())
        via = net.node_positions(r["via_node"].to_numpy())
        bad_keys = pd.MultiIndex.from_arrays([f, via, t])
        keys = pd.MultiIndex.from_arrays([epos[src], head[src], epos[dst]])
        allowed = ~keys.isin(bad_keys)
        src, dst = src[allowed], dst[allowed]
    # start states a .. a+n-1
    rows = np.r_[src, a + tail]
    cols = np.r_[dst, np.arange(a)]
    w = np.r_[cost[dst], cost]
    g = sp.csr_matrix((w.astype(float), (rows, cols)), shape=(a + n, a + n))
    return g, head, a


def node_costs(dist: np.ndarray, head: np.ndarray, a: int, n: int, sources: np.ndarray) -> np.ndarray:
    """Per-node least cost from the arc-state distances of several sources (rows of ``dist``)."""
    out = np.full((dist.shape[0], n), np.inf)
    for r in range(dist.shape[0]):   # one row per source (few sources)
        np.minimum.at(out[r], head, dist[r, :a])
        out[r, sources[r]] = 0.0
    return out
