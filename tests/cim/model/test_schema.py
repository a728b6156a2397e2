"""validate_layer: missing fields, wrong types, bad ids, values outside the vocabulary, geometry."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from cim.model.schema import empty_layer, validate_layer, validate_layers


def _elements(n=3):
    return gpd.GeoDataFrame({
        "cim_id": [f"SME-{i:06d}" for i in range(1, n + 1)], "name": ["a"] * n, "type": ["smart_lamp"] * n,
        "system": ["smart_lighting"] * n, "status": ["planned"] * n, "operator": ["op"] * n,
        "interface_protocol": ["TALQ"] * n, "interface_interval_s": [60.0] * n, "interface_target": ["IOC"] * n,
        "open_standard": ["TALQ 2.x"] * n, "network_node_id": [None] * n, "building_id": [None] * n},
        geometry=shapely.points(np.arange(n), np.zeros(n)), crs="EPSG:9208")


def codes(problems):
    return {(p.code, p.extra["field"]) for p in problems}


def test_a_conforming_layer_has_no_problem_and_an_empty_layer_conforms():
    assert validate_layer("smart_element", _elements()) == []
    for kind in ("plot", "building", "road", "smart_element"):
        assert validate_layer(kind, empty_layer(kind)) == []
    assert validate_layer("network_edge", empty_layer("network_edge", "drainage"), system="drainage") == []


def test_missing_required_fields_and_wrong_types_are_reported():
    gdf = _elements().drop(columns=["operator"])
    gdf["interface_interval_s"] = ["often"] * 3
    got = codes(validate_layer("smart_element", gdf))
    assert ("missing_field", "operator") in got and ("wrong_type", "interface_interval_s") in got


def test_null_duplicate_and_malformed_ids_are_reported_with_the_objects():
    gdf = _elements(5)
    gdf.loc[1, "cim_id"] = None
    gdf.loc[2, "cim_id"] = "SME-000001"
    gdf.loc[3, "cim_id"] = "BLD-000004"
    problems = validate_layer("smart_element", gdf, layer="my_elements")
    got = {p.code: p for p in problems}
    assert got["null_id"].extra["count"] == 1
    assert got["duplicate_id"].extra["count"] == 2 and got["duplicate_id"].objects == ("SME-000001",)
    assert got["bad_id"].objects == ("BLD-000004",)
    assert all(p.layer == "my_elements" and p.message.vi and p.message.en for p in problems)


def test_values_outside_the_vocabulary_and_types_of_another_system_are_reported():
    gdf = _elements()
    gdf.loc[0, "status"] = "dreamt"
    gdf.loc[1, "type"] = "flood_sensor"  # a drainage type declared as lighting
    gdf.loc[2, "system"] = "smart_teleportation"
    got = codes(validate_layer("smart_element", gdf))
    assert {("bad_value", "status"), ("type_system_mismatch", "type"), ("bad_value", "system")} <= got


def test_integers_read_back_as_floats_with_nulls_still_count_as_integers():
    gdf = empty_layer("plot")
    gdf = gpd.GeoDataFrame({"cim_id": ["PLT-000001", "PLT-000002"], "code": ["OM-01", "OM-02"],
                            "category": ["residential"] * 2, "landuse_code": ["ODT"] * 2,
                            "far": [1.2, np.nan], "density": [40.0, 40.0], "height_max_m": [12.0, 12.0],
                            "population": [120.0, np.nan]},
                           geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)], crs="EPSG:9208")
    assert validate_layer("plot", gdf) == []
    gdf["population"] = [1.5, 2.0]
    assert ("wrong_type", "population") in codes(validate_layer("plot", gdf))


def test_wrong_and_missing_geometries_are_reported():
    gdf = _elements()
    gdf.loc[0, "geometry"] = shapely.box(0, 0, 1, 1)
    gdf.loc[1, "geometry"] = None
    got = {p.code: p.objects for p in validate_layer("smart_element", gdf)}
    assert got["wrong_geometry"] == ("SME-000001",) and got["missing_geometry"] == ("SME-000002",)


def test_network_layers_are_checked_against_their_own_system():
    nodes = empty_layer("network_node", "lighting")
    nodes = gpd.GeoDataFrame({"cim_id": ["NOD-000001"], "system": ["lighting"], "kind": ["outlet"],
                              "terminal": [True]}, geometry=[shapely.Point(0, 0)], crs="EPSG:9208")
    got = codes(validate_layers({"net_lighting_nodes": nodes, "not_a_cim_layer": nodes}))
    assert got == {("bad_value", "kind")}  # an outlet is a drainage node, not a lighting one
