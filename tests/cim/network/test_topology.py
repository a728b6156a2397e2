"""Topology building: snapping, noding, grade separation, chains, stable ids, bad input."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point

from cim.errors import CimInputError
from cim.network.topology import build_network

CRS = "EPSG:9208"
X, Y = 560000.0, 2358000.0


def lines(geoms, crs=CRS, **cols):
    return gpd.GeoDataFrame(cols, geometry=list(geoms), crs=crs, index=np.arange(1, len(geoms) + 1))


def seg(x0, y0, x1, y1):
    return LineString([(X + x0, Y + y0), (X + x1, Y + y1)])


def test_two_crossing_lines_without_a_shared_vertex_are_noded_into_four_edges():
    net = build_network(lines([seg(0, 50, 100, 50), seg(50, 0, 50, 100)]))
    assert net.n_edges == 4 and net.n_nodes == 5
    assert sorted(net.degree().tolist()) == [1, 1, 1, 1, 4]
    assert net.report["noded_crossings"] == 1


def test_a_bridge_over_a_street_is_not_noded_but_its_ends_join_the_street_network():
    gdf = lines([seg(0, 50, 100, 50), seg(50, -50, 50, 0), seg(50, 0, 50, 100), seg(50, 100, 50, 150)],
                grade=["at_grade", "at_grade", "bridge", "at_grade"])
    net = build_network(gdf)
    assert net.n_edges == 4                     # nothing split: the bridge passes over
    assert net.edges.loc[net.edges["grade"] == "bridge", "level"].tolist() == [1]
    assert sorted(net.degree().tolist()) == [1, 1, 1, 1, 2, 2]


def test_an_integer_layer_attribute_separates_crossings_like_grade_does():
    net = build_network(lines([seg(0, 50, 100, 50), seg(50, 0, 50, 100)], layer=[0, -1]))
    assert net.n_edges == 2


def test_endpoints_within_the_tolerance_snap_to_one_node_and_beyond_it_do_not():
    near = build_network(lines([seg(0, 0, 100, 0), seg(100.004, 0.003, 200, 0)]), tolerance=0.01)
    far = build_network(lines([seg(0, 0, 100, 0), seg(100.5, 0, 200, 0)]), tolerance=0.01)
    assert near.n_nodes == 3 and far.n_nodes == 4


def test_a_t_junction_ending_on_a_street_splits_that_street():
    net = build_network(lines([seg(0, 0, 100, 0), seg(40, 0.005, 40, 80)]), tolerance=0.01)
    assert net.n_edges == 3
    assert sorted(net.edges["length"].round(1).tolist()) == [40.0, 60.0, 80.0]
    assert sorted(net.degree().tolist()) == [1, 1, 1, 3]


def test_a_vertex_shared_by_two_osm_style_ways_becomes_a_junction():
    a = LineString([(X, Y), (X + 50, Y), (X + 100, Y)])
    b = LineString([(X + 50, Y - 50), (X + 50, Y), (X + 50, Y + 50)])
    net = build_network(lines([a, b]))
    assert net.n_edges == 4 and int(net.degree().max()) == 4


def test_provenance_names_the_source_feature_part_and_stretch():
    gdf = lines([MultiLineString([[(X, Y), (X + 10, Y)], [(X, Y + 50), (X + 30, Y + 50)]]), seg(5, -5, 5, 5)])
    net = build_network(gdf)
    e = net.edges.sort_values(["src_fid", "src_part", "src_from_m"])
    assert e[["src_fid", "src_part"]].drop_duplicates().values.tolist() == [[1, 0], [1, 1], [2, 0]]
    first = e[(e.src_fid == 1) & (e.src_part == 0)]
    assert first[["src_from_m", "src_to_m"]].round(3).values.tolist() == [[0.0, 5.0], [5.0, 10.0]]
    assert net.report["multipart_features"] == 1


def test_ids_are_stable_when_rows_are_shuffled_and_rebuilt():
    from cim.network.synthetic import grid_roads

    g = grid_roads(800, seed=3)
    a = build_network(g)
    b = build_network(g.sample(frac=1.0, random_state=1))
    assert set(a.nodes["node_id"]) == set(b.nodes["node_id"])
    assert set(a.edges["edge_id"]) == set(b.edges["edge_id"])
    assert a.edges["edge_id"].is_unique and a.nodes["node_id"].is_unique


def test_merging_chains_joins_degree_two_runs_but_keeps_junctions_and_declared_nodes():
    pts = [(X + 10 * i, Y) for i in range(6)]
    gdf = lines([LineString(pts[i:i + 2]) for i in range(5)] + [seg(20, 0, 20, 30)], cls=["local"] * 6)
    merged = build_network(gdf, merge_chains=True)
    assert merged.n_edges == 3 and merged.report["merged_chains"] == 2
    declared = gpd.GeoDataFrame({"kind": ["valve"], "terminal": [False]}, geometry=[Point(X + 40, Y)], crs=CRS)
    kept = build_network(gdf, merge_chains=True, nodes_gdf=declared)
    assert kept.n_edges == 4
    assert kept.nodes["kind"].eq("valve").sum() == 1


def test_a_declared_node_off_every_line_is_kept_as_an_isolated_node():
    declared = gpd.GeoDataFrame({"kind": ["hydrant"]}, geometry=[Point(X + 500, Y + 500)], crs=CRS)
    net = build_network(lines([seg(0, 0, 100, 0)]), nodes_gdf=declared)
    assert net.n_nodes == 3 and net.report["isolated_declared_nodes"] == 1


def test_null_and_empty_geometries_are_named_in_the_error_and_reported_when_skipped():
    gdf = lines([seg(0, 0, 10, 0), None, LineString()])
    with pytest.raises(CimInputError) as err:
        build_network(gdf, layer="roads")
    text = str(err.value)
    assert "roads" in text and "without geometry (Roads #2)" in text and "empty line (Roads #3)" in text
    net = build_network(gdf, layer="roads", skip_invalid=True)
    assert net.n_edges == 1
    assert net.report["skipped"] == [{"fid": 2, "reason": "no geometry"}, {"fid": 3, "reason": "empty geometry"}]


def test_lines_with_z_are_flattened_and_counted():
    net = build_network(lines([LineString([(X, Y, 5), (X + 10, Y, 6)])]))
    assert net.report["flattened_z"] == 1 and not shapely.has_z(net.edges.geometry.values).any()


def test_layers_in_different_crs_are_refused_with_both_crs_named():
    declared = gpd.GeoDataFrame({"kind": ["valve"]}, geometry=[Point(105.3, 21.3)], crs="EPSG:4326")
    with pytest.raises(CimInputError, match="different coordinate reference systems.*EPSG:9208.*EPSG:4326"):
        build_network(lines([seg(0, 0, 10, 0)]), nodes_gdf=declared)


def test_a_geographic_crs_is_refused_because_tolerances_are_metres():
    with pytest.raises(CimInputError, match="geographic"):
        build_network(lines([LineString([(105.3, 21.3), (105.31, 21.3)])], crs="EPSG:4326"))


def test_points_or_polygons_are_refused_as_network_lines():
    with pytest.raises(CimInputError, match="not lines .*Point"):
        build_network(lines([seg(0, 0, 10, 0), Point(X, Y)]))


def test_the_generated_grid_builds_to_its_expected_shape():
    from cim.network.synthetic import grid_roads

    g = grid_roads(5000, seed=0)
    net = build_network(g)
    deg = np.bincount(net.degree())
    assert 4500 < net.n_edges < 5100
    assert deg[1] == 0 and deg[4] > 0.8 * net.n_nodes
    assert net.report["noded_crossings"] > 0 and net.report["noded_vertices"] > 0


@pytest.mark.slow
def test_a_million_edge_generated_network_builds_within_a_minute():
    import time

    from cim.network.synthetic import grid_roads

    g = grid_roads(1_000_000)
    t = time.perf_counter()
    net = build_network(g)
    assert time.perf_counter() - t < 60
    assert net.n_edges > 950_000
