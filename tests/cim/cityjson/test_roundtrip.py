"""Import → (save, reopen) → export keeps every City Object: type, LoD, geometry type, semantics,
materials, textures, templates, parents/children, attributes as attributes with their JSON types, and
vertices within the file's transform precision. Checked on the 34 conformance cases and on a realistic
multi-type city model built from the sample district."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.cityjson.from_project import export_cityjson
from cim.cityjson.import_ import _merge_seq, import_cityjson, read_cityjson
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer
from cim.project.store import open_project, save_project

from .citymodel import build_city_model


def _load(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except ValueError:
        return _merge_seq(path, [json.loads(ln) for ln in text.splitlines() if ln.strip()])


def canonical(doc: dict) -> tuple[dict, np.ndarray]:
    """Every City Object with each index replaced by what it points to (vertex → "V" plus its real
    coordinates in a separate array, material → the material, texture → texture and uv coordinates,
    template → the template geometry), so that two documents compare object by object."""
    t = doc.get("transform") or {"scale": [1, 1, 1], "translate": [0, 0, 0]}
    v = np.asarray(doc["vertices"], dtype=float).reshape(-1, 3) * t["scale"] + t["translate"]
    app, tpl, coords = doc.get("appearance") or {}, doc.get("geometry-templates") or {}, []

    def vx(b, table=None):
        if isinstance(b, list):
            return [vx(x, table) for x in b]
        coords.append(v[b] if table is None else np.asarray(table[b]))
        return "V"

    def mat(values):
        return [mat(x) for x in values] if isinstance(values, list) else (
            None if values is None else app["materials"][values])

    def tex(values):
        if isinstance(values, list) and values and not isinstance(values[0], list):
            return [None] if values[0] is None else [app["textures"][values[0]]] + [
                app["vertices-texture"][i] for i in values[1:]]
        return [tex(x) for x in values]

    def geom(g, template=False):
        g = dict(g)
        if g["type"] == "GeometryInstance":
            g["template"] = geom(tpl["templates"][g["template"]], template=True)
            g["boundaries"] = vx(g["boundaries"])
            return g
        g["boundaries"] = vx(g["boundaries"], tpl.get("vertices-templates") if template else None)
        if "material" in g:
            g["material"] = {k: {"value": app["materials"][m["value"]]} if "value" in m else {"values": mat(m["values"])}
                             for k, m in g["material"].items()}
        if "texture" in g:
            g["texture"] = {k: {"values": tex(x["values"])} for k, x in g["texture"].items()}
        return g

    out = {}
    for oid in sorted(doc["CityObjects"]):
        o = dict(doc["CityObjects"][oid])
        o["geometry"] = [geom(g) for g in o.get("geometry", [])]
        if "address" in o:
            o["address"] = [dict(a, location=dict(a["location"], boundaries=vx(a["location"]["boundaries"])))
                            if "location" in a else a for a in o["address"]]
        for k in ("parents", "children"):
            if k in o:
                o[k] = sorted(o[k])
        if not o["geometry"]:
            del o["geometry"]
        out[oid] = o
    return out, np.asarray(coords, dtype=float).reshape(-1, 3)


def _round_trip(src: Path, tmp: Path, crs: str, *, out_name: str = "out.city.json", save: bool = True):
    project = Project(crs=crs)
    import_cityjson(project, src, crs=None if read_cityjson(src).crs else crs)
    if save:
        save_project(project, tmp / "p.cim.gpkg")
        project = open_project(tmp / "p.cim.gpkg")
    out = tmp / out_name
    report = export_cityjson(project, out)
    assert report.errors == [], report.errors
    return out


def _assert_same(src: Path, out: Path, tolerance: float) -> dict:
    a, ca = canonical(_load(src))
    b, cb = canonical(_load(out))
    assert sorted(a) == sorted(b)
    for oid in a:
        assert a[oid] == b[oid], oid
    assert ca.shape == cb.shape
    if len(ca):
        assert np.abs(ca - cb).max() <= tolerance
    return a


def _cases(shared):
    return sorted((shared / "cityjson-conformance" / "v2_0").glob("*/*.city.json*"))


def test_every_conformance_case_survives_import_save_reopen_and_export(shared_data, tmp_path):
    for i, src in enumerate(_cases(shared_data)):
        d = tmp_path / str(i)
        d.mkdir()
        out = _round_trip(src, d, read_cityjson(src).crs or "EPSG:2355")
        scale = (json.loads(src.read_text()).get("transform") or {}).get("scale") or [1, 1, 1]
        _assert_same(src, out, max(scale) / 2 + 1e-9)


def test_extensions_of_the_source_are_declared_again(shared_data, tmp_path):
    src = shared_data / "cityjson-conformance" / "v2_0" / "cityobject_extended" / "cityobject_extended.city.json"
    out = _round_trip(src, tmp_path, "EPSG:2355")
    declared = json.loads(out.read_text())["extensions"]
    assert set(json.loads(src.read_text())["extensions"]) <= set(declared)
    assert "CIM_Smart" in declared


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("city") / "viet_tri_tay.city.json"
    build_city_model(path)
    return path


def test_a_realistic_multi_type_city_model_keeps_every_object_through_a_saved_project(city, tmp_path):
    out = _round_trip(city, tmp_path, "EPSG:9208")
    objs = _assert_same(city, out, 0.0005 + 1e-9)
    types = Counter(o["type"] for o in objs.values())
    assert len(objs) == 627
    assert {"Building", "BuildingPart", "Road", "TransportSquare", "PlantCover", "WaterBody", "Bridge",
            "GenericCityObject", "SolitaryVegetationObject", "CityFurniture", "Railway", "LandUse", "TINRelief",
            "CityObjectGroup", "+SmartElement"} == set(types)
    back = json.loads(out.read_text())
    b = next(o for o in back["CityObjects"].values() if o["type"] == "Building" and "texture" in o["geometry"][1])
    assert [g["lod"] for g in b["geometry"]] == ["1", "2.2"]
    assert [g["type"] for g in b["geometry"]] == ["Solid", "Solid"]
    assert {s["type"] for s in b["geometry"][1]["semantics"]["surfaces"]} == {"GroundSurface", "RoofSurface",
                                                                             "WallSurface"}
    attrs = b["attributes"]
    assert isinstance(attrs["storeysAboveGround"], int) and isinstance(attrs["measuredHeight"], float)
    assert isinstance(attrs["smart"], bool) and attrs["tags"][0] == "sample" and attrs["owner"] is None
    assert attrs["address"] == {"ward": "phường Nông Trang", "city": "Việt Trì"}
    assert len(back["appearance"]["materials"]) == 4 and len(back["appearance"]["textures"]) == 2
    assert len(back["geometry-templates"]["templates"]) == 2


def test_building_bases_stay_on_the_terrain(city, tmp_path):
    out = _round_trip(city, tmp_path, "EPSG:9208", save=False)
    doc = json.loads(out.read_text())
    v = np.asarray(doc["vertices"]) * doc["transform"]["scale"] + doc["transform"]["translate"]
    lows = [min(v[i, 2] for i in _flat(o["geometry"][0]["boundaries"]))
            for o in doc["CityObjects"].values() if o["type"] == "Building"]
    assert min(lows) > 5.0      # the sample DEM ranges 7.5–38 m: nothing flattened to z = 0


def _flat(b):
    if isinstance(b, list):
        for x in b:
            yield from _flat(x)
    else:
        yield b


def test_attributes_are_columns_of_the_layer_not_one_json_string(city):
    project = Project(crs="EPSG:9208")
    recs = {r.object_kind: r for r in import_cityjson(project, city)}
    b = recs["building"].data
    assert "attributes" not in b.columns
    row = b.set_index("cityjson_id").loc["NL-BLD-000001"]
    assert row["function"] == "residential" and row["storeysAboveGround"] == 3 and row["roofType"] in ("hipped", "flat")
    assert row["base_z"] > 5 and row["cityjson_lods"] == "1,2.2"
    assert recs["building"].source["cityjson"]["attributes"]["storeysAboveGround"] == ["storeysAboveGround", "int"]
    others = recs[None].data
    assert set(others["cityjson_type"]) >= {"PlantCover", "Bridge", "GenericCityObject", "SolitaryVegetationObject"}


def test_a_finer_transform_scale_is_kept_on_export(tmp_path):
    src = tmp_path / "fine.city.json"
    build_city_model(src, buildings=20, scale=0.0001)
    out = _round_trip(src, tmp_path, "EPSG:9208", save=False)
    assert json.loads(out.read_text())["transform"]["scale"] == [0.0001] * 3
    _assert_same(src, out, 0.00005 + 1e-9)


def test_a_cityjsonseq_export_keeps_every_object_and_imports_back(city, tmp_path):
    out = _round_trip(city, tmp_path, "EPSG:9208", out_name="out.city.jsonl", save=False)
    lines = out.read_text().splitlines()
    assert json.loads(lines[0])["type"] == "CityJSON" and "geometry-templates" in json.loads(lines[0])
    assert all(json.loads(ln)["type"] == "CityJSONFeature" for ln in lines[1:])
    _assert_same(city, out, 0.0005 + 1e-9)


def test_a_model_in_another_crs_is_moved_into_the_project_crs(city, tmp_path):
    doc = json.loads(city.read_text())
    doc["metadata"]["referenceSystem"] = "https://www.opengis.net/def/crs/EPSG/0/9210"   # VN-2000 TM-3 105-00
    src = tmp_path / "other_zone.city.json"
    src.write_text(json.dumps(doc))
    project = Project(crs="EPSG:9208")
    recs = import_cityjson(project, src)
    assert all(r.source["cityjson"]["scale"] is None for r in recs)
    report = export_cityjson(project, tmp_path / "out.city.json")
    assert report.errors == []
    a, ca = canonical(doc)
    b, cb = canonical(json.loads((tmp_path / "out.city.json").read_text()))
    assert sorted(a) == sorted(b) and ca.shape == cb.shape
    assert np.abs(ca[:, 2] - cb[:, 2]).max() < 0.001            # heights kept
    moved = np.abs(ca[:, 0] - cb[:, 0]) > 10_000                 # x moved to the other zone …
    tree_leaves = 20 * 9 + 20 * 4     # 40 trees: templates of 3 triangles or 1 quad, relative to the tree
    assert moved.sum() == len(ca) - tree_leaves


def test_roads_drawn_as_polygons_export_as_surfaces_and_gis_buildings_keep_their_base(tmp_path):
    e0, n0 = 564_500.0, 2_359_000.0
    p = Project(crs="EPSG:9208")
    roads = gpd.GeoDataFrame({"cim_id": ["RD-1", "RD-2", "RD-3"], "name": ["Hùng Vương", "Trần Phú", "Ngõ 5"]},
                             geometry=[shapely.box(e0, n0, e0 + 200, n0 + 12),
                                       shapely.MultiPolygon([shapely.box(e0, n0 + 20, e0 + 9, n0 + 90),
                                                             shapely.box(e0 + 20, n0 + 20, e0 + 29, n0 + 90)]),
                                       shapely.LineString([(e0, n0 - 10), (e0 + 90, n0 - 10)])],
                             crs="EPSG:9208", index=np.array([1, 2, 3], dtype=np.int64))
    blds = gpd.GeoDataFrame({"cim_id": ["B-1"], "height_m": [9.0], "base_z": [17.25]},
                            geometry=[shapely.box(e0 + 40, n0 + 20, e0 + 60, n0 + 35)], crs="EPSG:9208",
                            index=np.array([1], dtype=np.int64))
    smart = gpd.GeoDataFrame({"cim_id": ["SME-1"], "system": ["smart_lighting"], "type": ["lamp"]},
                             geometry=[shapely.box(e0 + 70, n0 + 20, e0 + 71, n0 + 21)], crs="EPSG:9208",
                             index=np.array([1], dtype=np.int64))
    p.push(AddLayer(p, LayerRecord("smart", "vector", smart, "EPSG:9208", object_kind="smart_element")))
    p.push(AddLayer(p, LayerRecord("roads", "vector", roads, "EPSG:9208", object_kind="road")))
    p.push(AddLayer(p, LayerRecord("buildings", "vector", blds, "EPSG:9208", object_kind="building")))
    report = export_cityjson(p, tmp_path / "r.city.json")
    assert report.errors == []
    doc = json.loads((tmp_path / "r.city.json").read_text())
    objs = doc["CityObjects"]
    assert [g["type"] for g in objs["RD-1"]["geometry"]] == ["MultiSurface"]
    assert len(objs["RD-2"]["geometry"][0]["boundaries"]) == 2
    assert [g["type"] for g in objs["RD-3"]["geometry"]] == ["MultiLineString"]
    assert [g["type"] for g in objs["SME-1"]["geometry"]] == ["MultiPoint"]      # drawn as an area
    v = np.asarray(doc["vertices"]) * doc["transform"]["scale"] + doc["transform"]["translate"]
    block = objs["B-1"]["geometry"][1]
    zs = v[list(_flat(block["boundaries"])), 2]
    assert zs.min() == pytest.approx(17.25) and zs.max() == pytest.approx(26.25)
