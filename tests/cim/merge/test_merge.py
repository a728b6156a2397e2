"""IFC buildings land on their GIS footprints; the shifted one is a conflict; the merge is one undo step."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.ifc.importer import import_ifc
from cim.ifc.synthetic import Georef, build_building_ifc, rectangle
from cim.merge.apply import merge_ifc_buildings
from cim.merge.matching import footprint_pairs
from cim.merge.report import MergeReport
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer

E0, N0 = 561_000.0, 2_355_000.0
SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "district"


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    d = tmp_path_factory.mktemp("district")
    specs = [("a.ifc", 0.0, 0.0, 3, 0.0), ("b.ifc", 60.0, 0.0, 5, 0.0), ("c.ifc", 120.0, 0.0, 2, 25.0)]
    for name, dx, dy, storeys, shift in specs:
        build_building_ifc(d / name, name=name, footprint=rectangle(0, 0, 24, 15), storeys=storeys,
                           georef=Georef(E0 + dx + shift, N0 + dy, 10.0, 0.0))
    return d, specs


def _project(district, heights=None):
    d, specs = district
    p = Project()
    geoms = [shapely.box(E0 + dx, N0 + dy, E0 + dx + 24, N0 + dy + 15) for _, dx, dy, _, _ in specs]
    gis = gpd.GeoDataFrame({"cim_id": ["BLD-000001", "BLD-000002", "BLD-000003"],
                            "height_m": heights or [s * 3.5 for *_, s, _ in specs],
                            "ifc_file": [s[0] for s in specs]}, geometry=geoms, crs="EPSG:9208")
    gis.index = np.arange(1, 4, dtype=np.int64)
    p.push(AddLayer(p, LayerRecord("buildings", "vector", gis, "EPSG:9208", object_kind="building")))
    ifc_ids = [import_ifc(p, d / s[0]).layers[0].id for s in specs]
    return p, ifc_ids


def test_ifc_buildings_land_on_their_footprints_and_the_shifted_one_is_a_conflict(district):
    p, ifc_ids = _project(district)
    report = merge_ifc_buildings(p, ifc_ids, "buildings")
    assert sorted(lk.gis_cim_id for lk in report.links) == ["BLD-000001", "BLD-000002"]
    assert all(lk.iou >= 0.9 for lk in report.links)
    offset = report.conflicts_of("offset")
    assert len(offset) == 1 and offset[0].gis_cim_id == "BLD-000003"
    assert offset[0].distance_m == pytest.approx(25.0, abs=0.01) and offset[0].bbox is not None
    assert [c.gis_cim_id for c in report.conflicts_of("unmatched_gis")] == ["BLD-000003"]
    gis = p.layer_by_name("buildings").data
    assert gis.loc[1, "ifc_guid"] and "IoU" in gis.loc[1, "provenance"]


def test_the_merge_is_one_undo_step_that_restores_every_layer(district):
    p, ifc_ids = _project(district)
    before = p.layer_by_name("buildings").data.copy()
    merge_ifc_buildings(p, ifc_ids, "buildings")
    assert p.undo_stack.undo_text() == "Merge IFC buildings into buildings"
    assert "cim_id" in p.layer(ifc_ids[0]).data.buildings.columns
    p.undo_stack.undo()
    assert p.layer_by_name("buildings").data.equals(before)
    assert "cim_id" not in p.layer(ifc_ids[0]).data.buildings.columns


def test_a_height_disagreement_is_listed(district):
    p, ifc_ids = _project(district, heights=[30.0, 17.5, 7.0])
    report = merge_ifc_buildings(p, ifc_ids, "buildings")
    assert [c.gis_cim_id for c in report.conflicts_of("height_disagreement")] == ["BLD-000001"]


def test_two_ifc_buildings_on_one_footprint_are_duplicates(district, tmp_path):
    p, ifc_ids = _project(district)
    build_building_ifc(tmp_path / "a2.ifc", footprint=rectangle(0, 0, 24, 15), georef=Georef(E0, N0, 10.0, 0.0))
    ifc_ids.append(import_ifc(p, tmp_path / "a2.ifc").layers[0].id)
    report = merge_ifc_buildings(p, ifc_ids, "buildings")
    assert [c.gis_cim_id for c in report.conflicts_of("duplicate")] == ["BLD-000001"]


def test_the_report_round_trips_through_json(district, tmp_path):
    import json

    p, ifc_ids = _project(district)
    report = merge_ifc_buildings(p, ifc_ids, "buildings")
    text = report.to_json(tmp_path / "r.json")
    again = MergeReport.from_dict(json.loads(text))
    assert again.summary() == report.summary()


def test_iou_matching_is_exact_on_known_overlaps():
    a = [shapely.box(0, 0, 10, 10), shapely.box(100, 100, 110, 110)]
    b = [shapely.box(5, 0, 15, 10), shapely.box(0, 0, 10, 10), shapely.box(500, 500, 501, 501)]
    pairs = footprint_pairs(a, b)
    assert pairs.best_gis.tolist() == [1, -1]
    assert pairs.best_iou[0] == pytest.approx(1.0)
    assert sorted(np.round(pairs.iou, 4).tolist()) == [pytest.approx(1 / 3, abs=1e-4), 1.0]


@pytest.mark.slow
def test_sample_district_buildings_land_on_their_gis_footprints(tmp_path):
    if not (SAMPLE / "sources.gpkg").exists():
        pytest.skip("the sample district (sample_data/district) is not generated yet")
    import pyogrio

    gis = pyogrio.read_dataframe(SAMPLE / "sources.gpkg", layer="buildings")
    gis.index = np.arange(1, len(gis) + 1, dtype=np.int64)
    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("buildings", "vector", gis, "EPSG:9208", object_kind="building")))
    ids = [import_ifc(p, f, cache_dir=tmp_path).layers[0].id for f in sorted((SAMPLE / "ifc").glob("*.ifc"))]
    report = merge_ifc_buildings(p, ids, "buildings")
    assert report.links and all(lk.iou >= 0.9 for lk in report.links)
    assert report.conflicts_of("offset") or report.conflicts_of("footprint_mismatch")
