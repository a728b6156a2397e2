"""Routing and walksheds agree exactly with networkx's Dijkstra; one-way streets and turn bans hold."""

from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cim.network import analysis
from cim.network.model import Network


def to_nx(net: Network, mode: str, weight: str) -> nx.DiGraph:
    cost, fw, bw = net.edge_cost(mode, weight)
    g = nx.DiGraph()
    g.add_nodes_from(range(net.n_nodes))
    for a, b, w, f, r in zip(net.iu, net.iv, cost, fw, bw):
        for x, y, ok in ((a, b, f), (b, a, r)):
            if ok and x != y and (not g.has_edge(x, y) or g[x][y]["w"] > w):
                g.add_edge(int(x), int(y), w=float(w))
    return g


def assert_same_as_networkx(net: Network, sources, cutoff, mode="walk", weight="length"):
    g = to_nx(net, mode, weight)
    ids = net.nodes["node_id"].to_numpy()[sources]
    dist = analysis.reached(net, ids, cutoff, mode=mode, weight=weight)
    for row, s in zip(dist, sources):
        expected = nx.single_source_dijkstra_path_length(g, int(s), cutoff=cutoff, weight="w")
        got = {int(k): float(row[k]) for k in np.flatnonzero(np.isfinite(row))}
        assert got.keys() == expected.keys()
        assert all(got[k] == expected[k] for k in got)      # exactly, not approximately


def random_network(n_nodes, edges, lengths, oneway, car) -> Network:
    u = np.array([e[0] % n_nodes for e in edges], dtype=np.int64)
    v = np.array([e[1] % n_nodes for e in edges], dtype=np.int64)
    rng = np.random.default_rng(len(edges))
    xy = rng.uniform(0, 1000, (n_nodes, 2))
    nodes = pd.DataFrame({"node_id": np.arange(n_nodes, dtype=np.int64) * 7 + 3, "x": xy[:, 0], "y": xy[:, 1]})
    geoms = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    edges_df = gpd.GeoDataFrame({
        "edge_id": np.arange(len(u), dtype=np.int64), "u": nodes["node_id"].to_numpy()[u],
        "v": nodes["node_id"].to_numpy()[v], "length": np.asarray(lengths, dtype=float), "oneway": oneway,
        "car": car, "pedestrian": True, "speed_kmh": 30.0}, geometry=geoms, crs="EPSG:9208")
    return Network(system="road", crs="EPSG:9208", nodes=nodes, edges=edges_df)


graphs = st.integers(2, 30).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), min_size=1, max_size=80),
)).flatmap(lambda t: st.tuples(
    st.just(t[0]), st.just(t[1]),
    st.lists(st.one_of(st.integers(0, 30).map(float), st.floats(0.0, 500.0)), min_size=len(t[1]),
             max_size=len(t[1])),
    st.lists(st.booleans(), min_size=len(t[1]), max_size=len(t[1])),
    st.lists(st.booleans(), min_size=len(t[1]), max_size=len(t[1])),
))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs, st.sampled_from(["walk", "car"]), st.sampled_from([None, 0.0, 25.0, 120.0]), st.data())
def test_random_graphs_give_exactly_networkx_distances_and_reached_sets(g, mode, cutoff, data):
    n, edges, lengths, oneway, car = g
    net = random_network(n, edges, lengths, oneway, car)
    sources = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4))
    assert_same_as_networkx(net, np.array(sources), cutoff, mode=mode)


def test_sample_district_distances_and_walksheds_match_networkx(sample_roads_network):
    net = sample_roads_network
    sources = np.arange(0, net.n_nodes, 9)
    assert_same_as_networkx(net, sources, None)
    assert_same_as_networkx(net, sources, 800.0)
    assert_same_as_networkx(net, sources, 120.0, mode="car", weight="time")


def test_sample_district_shortest_path_cost_matches_networkx(sample_roads_network):
    net = sample_roads_network
    g = to_nx(net, "car", "time")
    ids = net.nodes["node_id"].to_numpy()
    for a, b in [(0, net.n_nodes - 1), (3, 40), (10, 77)]:
        path = analysis.shortest_path(net, np.int64(ids[a]), np.int64(ids[b]), mode="car", weight="time")
        assert path.attrs["cost"] == nx.dijkstra_path_length(g, a, b, weight="w")
        assert path["cum_cost"].iloc[-1] == pytest.approx(path.attrs["cost"])
        coords = [shapely.get_coordinates(geom) for geom in path.geometry]
        assert all(np.allclose(c1[-1], c2[0]) for c1, c2 in zip(coords[:-1], coords[1:]))   # continuous


def test_one_way_streets_are_walked_both_ways_but_driven_only_forwards():
    net = random_network(3, [(0, 1), (1, 2)], [100.0, 100.0], [True, True], [True, True])
    ids = net.nodes["node_id"].to_numpy()
    walk = analysis.reached(net, ids[[2]], None, mode="walk")[0]
    car = analysis.reached(net, ids[[2]], None, mode="car")[0]
    assert walk.tolist() == [200.0, 100.0, 0.0]
    assert car.tolist() == [np.inf, np.inf, 0.0]


def test_a_turn_ban_forces_the_detour_and_only_that():
    # 0 —a— 1 —b— 2, with a detour 1 —c— 3 —d— 2 of 300 m
    net = random_network(4, [(0, 1), (1, 2), (1, 3), (3, 2)], [100.0, 100.0, 150.0, 150.0], [False] * 4, [True] * 4)
    ids = net.nodes["node_id"].to_numpy()
    ban = pd.DataFrame({"from_edge": [0], "via_node": [ids[1]], "to_edge": [1]})
    free = analysis.reached(net, ids[[0]], None)[0]
    banned = analysis.reached(net, ids[[0]], None, restrictions=ban)[0]
    assert free.tolist() == [0.0, 100.0, 200.0, 250.0]
    assert banned.tolist() == [0.0, 100.0, 400.0, 250.0]
    od = analysis.od_matrix(net, ids[[0]], ids[[2, 3]], restrictions=ban)
    assert od.values.tolist() == [[400.0, 250.0]]


def test_od_matrix_and_nearest_facility_agree_with_networkx(sample_roads_network):
    net = sample_roads_network
    ids = net.nodes["node_id"].to_numpy()
    g = to_nx(net, "car", "length")
    o, d = [1, 20, 50], [5, 30, 60, 90]
    od = analysis.od_matrix(net, ids[o], ids[d], mode="car")
    for i, a in enumerate(o):
        lengths = nx.single_source_dijkstra_path_length(g, a, weight="w")
        assert od.iloc[i].tolist() == [lengths.get(b, np.inf) for b in d]
    fac, demand = [5, 60], [1, 20, 50, 90]
    near = analysis.nearest_facility(net, ids[fac], ids[demand], mode="car")
    for k, p in enumerate(demand):
        costs = [nx.single_source_dijkstra_path_length(g, p, weight="w").get(f, np.inf) for f in fac]
        assert near["cost"].iloc[k] == min(costs)
        assert costs[near["facility"].iloc[k]] == min(costs)


def test_walkshed_polygons_cover_reached_nodes_and_grow_with_the_cutoff(sample_roads_network):
    net = sample_roads_network
    xy = net.xy[[10, 40]] + 3.0
    small = analysis.walksheds(net, xy, 400.0)
    big = analysis.walksheds(net, xy, 800.0)
    assert (big["area_m2"] > small["area_m2"]).all() and (big["nodes"] >= small["nodes"]).all()
    dist = analysis.reached(net, xy, 800.0)
    for k in range(2):
        pts = shapely.points(net.xy[np.isfinite(dist[k])])
        assert shapely.contains(big.geometry.iloc[k].buffer(1e-6), pts).all()
    assert big["circle_ratio"].between(0, 1).all()
    hull = analysis.walksheds(net, xy, 800.0, method="hull")
    assert (hull.geometry.geom_type == "Polygon").all()


def test_unknown_mode_or_node_is_explained():
    from cim.errors import CimInputError

    net = random_network(2, [(0, 1)], [10.0], [False], [True])
    with pytest.raises(CimInputError, match="unknown travel mode 'boat'"):
        analysis.reached(net, [3], 10, mode="boat")
    with pytest.raises(CimInputError, match="unknown node id"):
        analysis.reached(net, np.array([999]), 10)
