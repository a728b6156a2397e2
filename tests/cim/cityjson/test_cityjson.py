"""CityJSON 2.0: exports validate with zero errors, conformance cases import, invalid input is rejected."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.cityjson.extension import EXTENSION_FILE, extension_schema
from cim.cityjson.from_project import export_cityjson
from cim.cityjson.import_ import import_cityjson, read_cityjson
from cim.cityjson.validate import validate_cityjson
from cim.errors import CimInputError
from cim.ifc.importer import import_ifc
from cim.ifc.synthetic import Device, Georef, build_building_ifc, rectangle
from cim.merge.apply import merge_ifc_buildings
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer

E0, N0 = 561_000.0, 2_355_000.0
SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "district"


def _cases(shared):
    return sorted(p for p in (shared / "cityjson-conformance" / "v2_0").glob("*/*.city.json*"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    d = tmp_path_factory.mktemp("cj")
    build_building_ifc(d / "a.ifc", footprint=rectangle(0, 0, 20, 12), storeys=3, georef=Georef(E0, N0, 10.0),
                       devices=[Device("IfcSensor", (4, 4, 1), psets={"CIM_DataLink": {"Protocol": "MQTT"}})])
    p = Project()
    gis = gpd.GeoDataFrame({"cim_id": ["BLD-000001", "BLD-000002"], "height_m": [10.5, 7.0]},
                           geometry=[shapely.box(E0, N0, E0 + 20, N0 + 12), shapely.box(E0 + 50, N0, E0 + 60, N0 + 9)],
                           crs="EPSG:9208", index=np.array([1, 2], dtype=np.int64))
    roads = gpd.GeoDataFrame({"cim_id": ["RD-000001"], "name": ["Trần Phú"]},
                             geometry=[shapely.LineString([(E0 - 10, N0 - 5), (E0 + 80, N0 - 5)])], crs="EPSG:9208",
                             index=np.array([1], dtype=np.int64))
    plots = gpd.GeoDataFrame({"cim_id": ["PLT-000001"], "category": ["residential"]},
                             geometry=[shapely.box(E0 - 2, N0 - 2, E0 + 62, N0 + 14).difference(
                                 shapely.box(E0 + 30, N0 + 2, E0 + 35, N0 + 6))], crs="EPSG:9208",
                             index=np.array([1], dtype=np.int64))
    for name, gdf, kind in (("buildings", gis, "building"), ("roads", roads, "road"), ("plots", plots, "plot")):
        p.push(AddLayer(p, LayerRecord(name, "vector", gdf, "EPSG:9208", object_kind=kind)))
    lid = import_ifc(p, d / "a.ifc", cache_dir=d / "cache").layers[0].id
    merge_ifc_buildings(p, [lid], "buildings")
    return p


def test_an_export_with_buildings_roads_land_use_terrain_and_smart_elements_has_zero_errors(project, tmp_path):
    dem = (np.linspace(10, 12, 30).reshape(5, 6), (5.0, 0.0, E0 - 10, 0.0, -5.0, N0 + 20))
    report = export_cityjson(project, tmp_path / "d.city.json", dem=dem)
    assert report.errors == []
    doc = json.loads((tmp_path / "d.city.json").read_text())
    types = {o["type"] for o in doc["CityObjects"].values()}
    assert types == {"Building", "Road", "LandUse", "TINRelief", "+SmartElement"}
    b = doc["CityObjects"]["BLD-000001"]
    assert [g["lod"] for g in b["geometry"]] == ["0", "1", "2"]
    assert b["attributes"]["+cimSmartBuilding"]["ifcFile"] == "a.ifc"
    assert doc["metadata"]["referenceSystem"].endswith("/EPSG/0/9208")


def test_a_cityjsonseq_export_validates_line_by_line_and_imports_back(project, tmp_path):
    report = export_cityjson(project, tmp_path / "d.city.jsonl")
    assert report.errors == []
    lines = (tmp_path / "d.city.jsonl").read_text().splitlines()
    assert json.loads(lines[0])["type"] == "CityJSON" and all(
        json.loads(ln)["type"] == "CityJSONFeature" for ln in lines[1:])
    recs = import_cityjson(Project(), tmp_path / "d.city.jsonl")
    counts = {r.object_kind: len(r.data) for r in recs}
    assert counts == {"building": 2, "smart_element": 1, "road": 1, "plot": 1}


def test_buildings_and_smart_elements_round_trip_through_cityjson(project, tmp_path):
    export_cityjson(project, tmp_path / "d.city.json")
    p = Project()
    recs = {r.object_kind: r.data for r in import_cityjson(p, tmp_path / "d.city.json")}
    b = recs["building"].set_index("cim_id")
    assert b.loc["BLD-000001"].geometry.area == pytest.approx(240, rel=1e-3)
    assert b.loc["BLD-000001", "height_m"] == pytest.approx(10.5, abs=0.01)
    s = recs["smart_element"].iloc[0]
    assert s["system"] == "smart_buildings" and s["interface_protocol"] == "MQTT"
    assert p.undo_stack.texts() == ["Import CityJSON d.city.json"]


def test_every_conformance_case_the_validator_accepts_imports(shared_data):
    accepted = 0
    for path in _cases(shared_data):
        model = read_cityjson(path)
        n = len(model.doc["CityObjects"])
        recs = import_cityjson(Project(), path, crs=None if model.crs else "EPSG:2355")
        assert sum(len(r.data) for r in recs) == n, path.name
        accepted += 1
    assert accepted == 34


@pytest.mark.parametrize("damage, message", [
    (lambda d: d.update(version="1.1"), "version"),
    (lambda d: d.pop("transform"), "transform"),
    (lambda d: d["CityObjects"]["b"]["geometry"][0]["boundaries"][0][0].append(99), "out of range"),
    (lambda d: d["CityObjects"]["b"].update(type="House"), "unknown type"),
    (lambda d: d["CityObjects"]["b"].update(type="+Noise"), "not defined by any declared extension"),
    (lambda d: d["CityObjects"]["b"].update(children=["ghost"]), "does not exist"),
    (lambda d: d["CityObjects"]["b"]["geometry"][0].pop("lod"), "lod"),
    (lambda d: d["CityObjects"]["b"]["geometry"][0].update(semantics={"surfaces": [], "values": [0]}), "semantics"),
    (lambda d: d.update(vertices=[[0.5, 0, 0]]), "integer"),
])
def test_invalid_cityjson_is_rejected_with_a_message(tmp_path, damage, message):
    doc = {"type": "CityJSON", "version": "2.0", "transform": {"scale": [0.001] * 3, "translate": [0, 0, 0]},
           "CityObjects": {"b": {"type": "Building", "geometry": [
               {"type": "MultiSurface", "lod": "0", "boundaries": [[[0, 1, 2, 3]]]}]}},
           "vertices": [[0, 0, 0], [1000, 0, 0], [1000, 1000, 0], [0, 1000, 0]]}
    damage(doc)
    path = tmp_path / "bad.city.json"
    path.write_text(json.dumps(doc))
    p = Project()
    with pytest.raises(CimInputError, match=message):
        import_cityjson(p, path)
    assert not p.layers and not len(p.undo_stack)


def test_truncated_json_is_rejected(tmp_path, shared_data):
    text = _cases(shared_data)[0].read_text()
    path = tmp_path / "cut.city.json"
    path.write_text(text[: len(text) // 2])
    with pytest.raises(CimInputError, match="not valid JSON"):
        read_cityjson(path)


def test_the_extension_schema_file_declares_smart_elements_for_cityjson_2():
    ext = extension_schema()
    assert EXTENSION_FILE.name == "cim_smart.ext.json"
    assert ext["type"] == "CityJSONExtension" and ext["versionCityJSON"] == "2.0"
    assert "+SmartElement" in ext["extraCityObjects"]


def test_a_smart_element_breaking_the_extension_schema_is_an_error():
    doc = {"type": "CityJSON", "version": "2.0", "transform": {"scale": [1, 1, 1], "translate": [0, 0, 0]},
           "extensions": {"CIM_Smart": {"url": extension_schema()["url"], "version": "1.0"}},
           "CityObjects": {"s": {"type": "+SmartElement", "attributes": {"cimId": "SME-1", "system": "nope",
                                                                        "elementType": "x", "status": "planned"}}},
           "vertices": []}
    r = validate_cityjson(doc)
    assert not r.valid and "extension schema" in r.errors[0].message.en


@pytest.mark.slow
def test_the_sample_district_exports_with_zero_errors(tmp_path):
    if not (SAMPLE / "sources.gpkg").exists():
        pytest.skip("the sample district (sample_data/district) is not generated yet")
    import pyogrio

    p = Project(crs="EPSG:9208")
    kinds = {"buildings": "building", "roads": "road", "plots": "plot", "smart_elements": "smart_element"}
    names = {n for n, _ in pyogrio.list_layers(SAMPLE / "sources.gpkg")}
    for layer, kind in kinds.items():
        if layer in names:
            gdf = pyogrio.read_dataframe(SAMPLE / "sources.gpkg", layer=layer)
            gdf.index = np.arange(1, len(gdf) + 1, dtype=np.int64)
            p.push(AddLayer(p, LayerRecord(layer, "vector", gdf, "EPSG:9208", object_kind=kind)))
    ids = [import_ifc(p, f, cache_dir=tmp_path / "c").layers[0].id for f in sorted((SAMPLE / "ifc").glob("*.ifc"))]
    merge_ifc_buildings(p, ids, "buildings")
    report = export_cityjson(p, tmp_path / "district.city.json")
    assert report.errors == []
