"""The sample district's layers: schema, ids, references, geometry, plots and buildings.

Everything not listed in defects.json must be clean; every listed defect must be there.
"""

from __future__ import annotations

import numpy as np
import shapely

from cim.model.ids import check_unique
from cim.model.relations import find_dangling_references
from cim.model.schema import validate_layers
from cim.model.taxonomy import kind_for_layer

EXPECTED_LAYERS = {"boundary", "plots", "buildings", "roads", "rail", "stations", "station_platforms",
                   "station_entrances", "corridors", "water_bodies", "smart_elements"} | {
    f"net_{s}{suffix}" for s in ("water", "drainage", "energy", "lighting", "telecom") for suffix in ("", "_nodes")}


def test_the_geopackage_holds_one_layer_per_kind_all_in_vn2000_tm3_phu_tho(layers):
    assert set(layers) == EXPECTED_LAYERS
    for name, gdf in layers.items():
        assert kind_for_layer(name) is not None, name
        assert gdf.crs.to_epsg() == 9208, name
        assert len(gdf) > 0, name


def test_every_sample_layer_conforms_to_its_schema(layers):
    problems = validate_layers(layers)
    assert problems == [], [p.message.en for p in problems]


def test_ids_are_unique_across_the_whole_district(layers):
    import pandas as pd

    all_ids = pd.concat([g["cim_id"] for g in layers.values()], ignore_index=True)
    assert check_unique(all_ids) == []


def test_find_dangling_references_finds_exactly_the_id03_defect(layers, defect):
    out = find_dangling_references(layers)
    (d,) = defect("ID-03")
    assert list(zip(out["layer"], out["object_id"], out["field"])) == [(d["layer"], d["object_id"], "plot_id")]


def test_every_defect_names_objects_that_exist_in_its_layer(layers, defects):
    assert [d["id"] for d in defects] == [f"D{i:02d}" for i in range(1, len(defects) + 1)]
    every_id = {i for g in layers.values() for i in g["cim_id"]}
    for d in defects:
        assert d["object_id"] in set(layers[d["layer"]]["cim_id"]), d["id"]
        assert d["description_vi"] and d["description_en"]
        assert set(d.get("object_ids", [])) <= every_id, d["id"]


def test_geometries_are_valid_and_everything_lies_inside_the_boundary(layers):
    boundary = layers["boundary"].geometry.iloc[0].buffer(0.01)
    for name, gdf in layers.items():
        g = gdf.geometry.to_numpy()
        assert shapely.is_valid(g).all(), name
        assert not shapely.is_empty(g).any(), name
        assert shapely.covered_by(g, boundary).all(), name


def test_plots_tile_the_boundary_but_for_the_listed_overlap_and_gap(layers, defect):
    plots = layers["plots"]
    g = plots.geometry.to_numpy()
    a, b = shapely.STRtree(g).query(g, predicate="intersects")
    keep = a < b
    area = shapely.area(shapely.intersection(g[a[keep]], g[b[keep]]))
    overlapping = {tuple(sorted((plots.cim_id[i], plots.cim_id[j])))
                   for i, j, s in zip(a[keep], b[keep], area) if s > 0.01}
    overlap = next(d for d in defect("PLN-02") if "object_ids" in d)
    assert overlapping == {tuple(sorted(overlap["object_ids"]))}
    gap = next(d for d in defect("PLN-02") if "gap_area_m2" in d)
    holes = shapely.get_parts(layers["boundary"].geometry.iloc[0].difference(shapely.union_all(g)))
    holes = holes[shapely.area(holes) > 0.01]
    assert len(holes) == 1 and abs(holes[0].area - gap["gap_area_m2"]) < 1.0
    assert holes[0].distance(shapely.Point(gap["location"])) < 1.0


def test_plots_are_coded_and_buildable_ones_carry_far_coverage_and_height_but_one(layers, defect):
    from cim.model.taxonomy import landuse_categories, load_crosswalk

    plots = layers["plots"]
    assert plots["code"].notna().all() and plots["category"].notna().all()
    assert (load_crosswalk().categories_for(plots["landuse_code"]) == plots["category"]).all()
    buildable = plots["category"].map({c: v.buildable for c, v in landuse_categories().items()})
    assert (buildable == plots["buildable"]).all()
    missing = plots.loc[buildable & plots[["far", "density", "height_max_m"]].isna().any(axis=1), "cim_id"]
    assert missing.tolist() == [d["object_id"] for d in defect("PLN-02") if d.get("field") == "far"]
    assert 250 <= len(plots) <= 400


def test_buildings_sit_inside_their_plot_do_not_overlap_and_respect_its_limits(layers, defect):
    bld, plots = layers["buildings"], layers["plots"].set_index("cim_id")
    (broken,) = defect("ID-03")
    ok = bld[bld["cim_id"] != broken["object_id"]]
    host = plots.loc[ok["plot_id"]]
    assert shapely.within(ok.geometry.to_numpy(), host.geometry.to_numpy()).all()
    a, b = shapely.STRtree(bld.geometry.to_numpy()).query(bld.geometry.to_numpy(), predicate="intersects")
    assert (a == b).all()
    assert (ok["height_m"].to_numpy() <= host["height_max_m"].to_numpy()).all()
    gfa = ok.groupby("plot_id")["gfa_m2"].sum()
    far = plots.loc[gfa.index, "far"]
    area = plots.loc[gfa.index].geometry.area
    assert ((gfa / area <= far + 1e-6) | far.isna()).all()
    assert 700 <= len(bld) <= 900


def test_roads_are_noded_at_intersections_except_where_the_bridge_passes_over(layers):
    roads = layers["roads"]
    g = roads.geometry.to_numpy()
    a, b = shapely.STRtree(g).query(g, predicate="intersects")
    keep = a < b
    ends = shapely.union_all(np.r_[shapely.get_point(g, 0), shapely.get_point(g, -1)])
    crossings = []
    for i, j in zip(a[keep], b[keep]):
        x = shapely.intersection(g[i], g[j])
        if not shapely.covered_by(x, ends):
            crossings.append({roads.grade[i], roads.grade[j]})
    assert crossings and all("bridge" in c for c in crossings)
    assert (roads["grade"] == "bridge").sum() == 1
    names = set(roads["name"])
    assert {"Đường Hùng Vương", "Đường Nguyễn Tất Thành", "Đường Âu Cơ"} <= names
    assert set(roads["road_class"]) == {"arterial", "collector", "local", "pedestrian"}


def test_the_station_has_a_platform_and_two_entrances_on_the_railway(layers):
    st, rail = layers["stations"], layers["rail"]
    assert len(st) == 1 and len(layers["station_platforms"]) == 1 and len(layers["station_entrances"]) == 2
    assert st.geometry.iloc[0].distance(rail.geometry.iloc[0]) < 0.01
    assert "Lào Cai" in rail["name"].iloc[0]
