"""Unions of edge buffers for many walksheds at once: a k-d tree over the edges whose node unions are reused.

Every node of the tree is a contiguous range of edges in tree order (split at the median of the edge
midpoints along the longer side of the node's box; leaves hold at most ``leaf`` edges). For one source
the union of the buffers of its wholly reached edges is built top-down: a node whose edges are all
reached gives its cached union (computed once, from its children, the first time it is needed), a
node with none gives nothing, and a partly reached node is the union of its two children's results —
memoised by (node, which of its edges are reached), because nearby sources reach the same subsets far
from their fringe. The memo keeps at most ``budget`` coordinates (oldest entries dropped first).
The sets are the same as unioning the edge buffers one by one; only the order of the unions changes.
"""

from __future__ import annotations

import threading

import numpy as np

LEAF = 4
BUDGET = 4_000_000      # coordinates kept in the memo of partly reached nodes (~100-200 MB)


class BufferTree:
    """Union of the buffers of any subset of edges, reusing the unions of k-d tree nodes."""

    def __init__(self, lines: np.ndarray, buffers: np.ndarray, *, leaf: int = LEAF, budget: int | None = None):
        import shapely

        self.buffers = buffers
        m = len(lines)
        mid = shapely.get_coordinates(shapely.line_interpolate_point(lines, 0.5, normalized=True)) if m else \
            np.zeros((0, 2))
        order = np.arange(m)
        lo, hi, left, right = [np.zeros(1, np.int64) if m else np.zeros(0, np.int64) for _ in range(4)]
        hi[:] = m
        left[:], right[:] = -1, -1
        cur = np.arange(len(lo))
        while len(cur):                                  # one level of the tree at a time, vectorised
            cur = cur[hi[cur] - lo[cur] > leaf]
            if not len(cur):
                break
            a, b = lo[cur], hi[cur]
            size = b - a
            start = np.cumsum(size) - size
            seg = np.repeat(np.arange(len(cur)), size)
            at = np.arange(size.sum()) - start[seg] + a[seg]      # positions in ``order`` of every segment
            p = mid[order[at]]
            ptp = [np.maximum.reduceat(p[:, k], start) - np.minimum.reduceat(p[:, k], start) for k in (0, 1)]
            ax = (ptp[0] < ptp[1]).astype(np.int64)
            order[at] = order[at][np.lexsort((p[np.arange(len(at)), ax[seg]], seg))]
            h = a + size // 2
            kids = len(lo) + np.arange(2 * len(cur))
            left[cur], right[cur] = kids[0::2], kids[1::2]
            lo = np.r_[lo, np.column_stack([a, h]).ravel()]
            hi = np.r_[hi, np.column_stack([h, b]).ravel()]
            left, right = np.r_[left, np.full(len(kids), -1)], np.r_[right, np.full(len(kids), -1)]
            cur = kids
        self.order = order
        self.pos = np.empty(m, dtype=np.int64)
        self.pos[order] = np.arange(m)
        self.lo, self.hi, self.left, self.right = lo, hi, left, right
        self.whole = np.full(len(lo), None, dtype=object)   # union of all the node's buffers, lazily
        self.memo: dict = {}
        self.memo_coords = 0
        self.budget = BUDGET if budget is None else budget
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def _whole(self, i: int):
        import shapely

        g = self.whole[i]
        if g is None:
            if self.left[i] < 0:
                g = shapely.union_all(self.buffers[self.order[self.lo[i]:self.hi[i]]])
            else:
                g = shapely.union(self._whole(self.left[i]), self._whole(self.right[i]))
            self.whole[i] = g
        return g

    def _node(self, i: int, mark: np.ndarray, cs: np.ndarray):
        import shapely

        a, b = self.lo[i], self.hi[i]
        c = cs[b] - cs[a]
        if c == 0:
            return None
        if c == b - a:
            return self._whole(i)
        key = (i, np.packbits(mark[a:b]).tobytes())
        g = self.memo.get(key, key)
        if g is not key:
            self.hits += 1
            return g
        self.misses += 1
        if self.left[i] < 0:
            g = shapely.union_all(self.buffers[self.order[a:b][mark[a:b]]])
        else:
            x, y = self._node(self.left[i], mark, cs), self._node(self.right[i], mark, cs)
            g = x if y is None else y if x is None else shapely.union(x, y)
        self._remember(key, g)
        return g

    def _remember(self, key, g) -> None:
        import shapely

        n = int(shapely.get_num_coordinates(g))
        with self.lock:
            if key in self.memo:
                return
            self.memo[key] = g
            self.memo_coords += n
            while self.memo_coords > self.budget and self.memo:
                old = self.memo.pop(next(iter(self.memo)))
                self.memo_coords -= int(shapely.get_num_coordinates(old))

    def forget(self) -> None:
        """Drop the memo of partly reached nodes (the whole-node unions stay)."""
        with self.lock:
            self.memo.clear()
            self.memo_coords = 0

    def union(self, edges: np.ndarray):
        """The union of the buffers of ``edges`` (edge positions), or None for no edge."""
        m = len(self.pos)
        if m == 0 or len(edges) == 0:
            return None
        mark = np.zeros(m, dtype=bool)
        mark[self.pos[edges]] = True
        cs = np.r_[0, np.cumsum(mark)]
        return self._node(0, mark, cs)


def buffer_tree(net, buffers: np.ndarray, buffer_m: float) -> BufferTree:
    """The tree of ``net`` for buffers of ``buffer_m``, cached on the network (its unions serve every call)."""
    key = ("buffer_tree", float(buffer_m))
    if key not in net._cache:
        net._cache[key] = BufferTree(np.asarray(net.edges.geometry.values, dtype=object), buffers)
    return net._cache[key]


def tree_order(tree: BufferTree, net, src: np.ndarray) -> np.ndarray:
    """Sources in the tree's order of an edge they touch, so that consecutive sources share memo entries."""
    first = np.zeros(net.n_nodes, dtype=np.int64)
    first[net.iv] = np.arange(net.n_edges)
    first[net.iu] = np.arange(net.n_edges)
    return np.argsort(tree.pos[first[src]] if net.n_edges else np.zeros(len(src)), kind="stable")
