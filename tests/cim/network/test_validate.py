"""Validation finds every deliberate network defect of the sample district and nothing on clean networks."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from rasterio.transform import from_origin
from shapely.geometry import LineString, Point, box

from cim.network.topology import build_network
from cim.network.validate import RULES, issues_frame, validate_network

CRS = "EPSG:9208"
X, Y = 560000.0, 2358000.0
SYSTEMS = ["water", "drainage", "energy", "lighting", "telecom"]


def frame(geoms, **cols):
    return gpd.GeoDataFrame(cols, geometry=list(geoms), crs=CRS, index=np.arange(1, len(geoms) + 1))


def seg(x0, y0, x1, y1):
    return LineString([(X + x0, Y + y0), (X + x1, Y + y1)])


@pytest.fixture(scope="module")
def sample_findings(read_layer, district):
    found = {}
    for system in SYSTEMS:
        net = build_network(read_layer(f"net_{system}"), system=system, layer=f"net_{system}",
                            nodes_gdf=read_layer(f"net_{system}_nodes"), nodes_layer=f"net_{system}_nodes")
        found[system] = validate_network(net, dem=district / "dem.tif", buildings=read_layer("buildings"),
                                         smart_elements=read_layer("smart_elements"), boundary=read_layer("boundary"))
    return found


def _network_defects(defects):
    return [d for d in defects if d["layer"].startswith("net_") or d["rule"] in ("SMT-LIGHT", "SMT-DRAIN")]


def test_the_sample_district_declares_network_defects(defects):
    assert len(_network_defects(defects)) >= 5


def test_every_deliberately_broken_connection_of_the_sample_district_is_found(sample_findings, defects, read_layer):
    everything = [i for issues in sample_findings.values() for i in issues]
    for d in _network_defects(defects):
        ids = set(d.get("object_ids") or [d["object_id"]])
        hits = [i for i in everything if set(i.objects) & ids or any(o in i.message.en for o in ids)]
        if not hits and d["layer"].startswith("net_"):      # a disconnected part is found by its place
            layer = read_layer(d["layer"])
            objs = layer[layer["cim_id"].isin(ids)]
            where = shapely.union_all(objs.geometry.values)
            hits = [i for i in everything if i.code == "NET-COMPONENT"
                    and shapely.distance(where, Point(i.bbox[0], i.bbox[1])) < 0.5]
        assert hits, f"defect {d['id']} ({d['description_en']}) was not found"


def test_the_sample_road_network_inside_its_boundary_has_no_findings(sample_roads_network, read_layer):
    assert validate_network(sample_roads_network, boundary=read_layer("boundary")) == []


def test_a_clean_generated_network_gives_no_findings():
    from cim.network.synthetic import grid_roads

    net = build_network(grid_roads(20_000, seed=5))
    assert validate_network(net) == []


def test_every_finding_has_a_location_a_rule_and_both_languages(sample_findings):
    issues = [i for v in sample_findings.values() for i in v]
    assert issues
    for i in issues:
        assert i.code in RULES and np.isfinite([i.bbox[0], i.bbox[1]]).all()
        assert i.message.en and i.message.vi and i.message.en != i.message.vi
    layer = issues_frame(issues, CRS)
    assert len(layer) == len(issues) and (layer.geometry.geom_type == "Point").all()


def test_a_dangle_is_reported_unless_its_node_is_a_declared_terminal():
    lines = frame([seg(0, 0, 100, 0), seg(100, 0, 100, 60)])
    nodes = frame([Point(X, Y), Point(X + 100, Y + 60)], kind=["outlet", "manhole"], terminal=[True, False])
    issues = validate_network(build_network(lines, system="drainage", nodes_gdf=nodes))
    assert [(i.code, round(i.bbox[0] - X), round(i.bbox[1] - Y)) for i in issues] == [("NET-DANGLE", 100, 60)]


def test_a_separate_part_is_reported_unless_it_has_its_own_source():
    lines = frame([seg(0, 0, 100, 0), seg(300, 0, 400, 0)])
    plain = validate_network(build_network(lines, system="lighting"))
    assert [i.code for i in plain].count("NET-COMPONENT") == 1
    nodes = frame([Point(X + 300, Y)], kind=["cabinet"], terminal=[True])
    own = validate_network(build_network(lines, system="lighting", nodes_gdf=nodes))
    assert "NET-COMPONENT" not in [i.code for i in own]


def test_duplicates_overlaps_zero_length_and_self_loops_are_each_reported():
    ring = LineString([(X, Y + 200), (X + 30, Y + 200), (X + 30, Y + 230), (X, Y + 200)])
    lines = frame([seg(0, 0, 100, 0), seg(100, 0, 0, 0), seg(200, 0, 300, 0), seg(250, 0, 350, 0),
                   seg(500, 0, 500.001, 0), ring])
    rules = sorted(i.code for i in validate_network(build_network(lines, tolerance=0.01), overlaps=True))
    assert rules.count("NET-DUPLICATE") == 2          # the reversed copy, and the overlap noded into a copy
    assert "NET-ZERO-LENGTH" in rules and "NET-SELF-LOOP" in rules


def test_collinear_overlap_without_shared_nodes_is_reported_as_overlap():
    lines = frame([seg(0, 0, 100, 0), seg(50, 0, 150, 0)])
    issues = validate_network(build_network(lines, node_crossings=False))
    assert [i.code for i in issues if i.code == "NET-OVERLAP"] == ["NET-OVERLAP"]
    assert "50.0 m" in [i for i in issues if i.code == "NET-OVERLAP"][0].message.en


def test_a_drain_rising_against_its_inverts_or_the_terrain_is_uphill():
    lines = frame([seg(0, 0, 100, 0), seg(100, 0, 200, 0), seg(200, 0, 300, 0)],
                  invert_up_m=[10.0, 9.0, np.nan], invert_down_m=[9.5, 9.4, np.nan])
    nodes = frame([Point(X, Y), Point(X + 300, Y)], kind=["inlet", "outlet"], terminal=[True, True])
    dem = (np.tile(np.array([[20.0, 20.0, 21.0, 23.0]]), (2, 1)), from_origin(X - 50, Y + 50, 100, 100), None)
    issues = validate_network(build_network(lines, system="drainage", nodes_gdf=nodes), dem=dem)
    assert sorted(i.code for i in issues) == ["NET-UPHILL", "NET-UPHILL-DEM"]
    up = [i for i in issues if i.code == "NET-UPHILL"][0]
    assert "9.00 m to 9.40 m" in up.message.en and "9,00 m lên 9,40 m" in up.message.vi     # each language its numbers


def test_a_pipe_through_a_building_is_reported_but_a_service_line_ending_inside_is_not():
    lines = frame([seg(0, 0, 100, 0), seg(50, 0, 50, 30)])
    nodes = frame([Point(X, Y), Point(X + 100, Y), Point(X + 50, Y + 30)], kind=["end_cap"] * 3, terminal=[True] * 3)
    buildings = gpd.GeoDataFrame({"cim_id": ["BLD-1", "BLD-2"]}, crs=CRS,
                                 geometry=[box(X + 10, Y - 5, X + 30, Y + 5), box(X + 40, Y + 20, X + 60, Y + 40)])
    issues = validate_network(build_network(lines, system="water", nodes_gdf=nodes), buildings=buildings)
    assert [(i.code, "BLD-1" in i.message.en) for i in issues] == [("NET-CROSS-BUILDING", True)]


def test_smart_elements_far_from_their_network_or_naming_missing_nodes_are_reported():
    lines = frame([seg(0, 0, 100, 0)])
    nodes = frame([Point(X, Y), Point(X + 100, Y)], kind=["cabinet", "lamp_pole"], terminal=[True, True],
                  cim_id=["NOD-1", "NOD-2"])
    smart = gpd.GeoDataFrame({"cim_id": ["SME-1", "SME-2", "SME-3", "SME-4", "SME-5"],
                              "type": ["smart_lamp", "smart_lamp", "smart_lamp", "central_monitoring", "cctv"],
                              "system": ["smart_lighting"] * 4 + ["smart_traffic"],
                              "network_node_id": ["NOD-2", None, "NOD-9", None, None]},
                             geometry=[Point(X + 100, Y + 1), Point(X + 50, Y + 80), Point(X + 20, Y + 2),
                                       Point(X + 50, Y + 300), Point(X, Y + 500)], crs=CRS)
    net = build_network(lines, system="lighting", nodes_gdf=nodes)
    issues = validate_network(net, smart_elements=smart)
    assert sorted((i.code, i.objects[0]) for i in issues) == [("NET-ELEMENT-NODE", "SME-3"), ("NET-ELEMENT-OFF", "SME-2")]
    assert validate_network(net, smart_elements=smart, element_distance=100.0)[0].code == "NET-ELEMENT-NODE"
