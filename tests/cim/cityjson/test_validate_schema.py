"""CityJSON validation against the official CityJSON 2.0.2 schemas plus the structural checks, on the
3DGI conformance corpus (all valid) and on corpus files broken in one place each."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from cim.cityjson.import_ import import_cityjson, read_cityjson
from cim.cityjson.schema import SCHEMA_DIR, schema_errors
from cim.cityjson.validate import validate_cityjson
from cim.errors import CimInputError
from cim.feedback import RecordingFeedback
from cim.project import Project


def _case(shared, name: str) -> dict:
    return json.loads((shared / "cityjson-conformance" / "v2_0" / name / f"{name}.city.json").read_text())


def _all_cases(shared):
    return sorted((shared / "cityjson-conformance" / "v2_0").glob("*/*.city.json*"))


def test_the_packaged_schemas_are_the_official_2_0_2_files_unmodified(shared_data):
    vendored = shared_data / "cityjson-schemas"
    shipped = sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))
    assert "cityjson.schema.json" in shipped and "cityobjects.schema.json" in shipped
    for name in shipped:
        assert (SCHEMA_DIR / name).read_bytes() == (vendored / name).read_bytes(), name
    assert "CC BY 4.0" in (SCHEMA_DIR / "README.md").read_text()


def test_all_34_conformance_cases_pass_the_schema_and_the_structural_checks(shared_data):
    paths = _all_cases(shared_data)
    assert len(paths) == 34
    for path in paths:
        doc = json.loads(path.read_text())
        feature = doc["type"] == "CityJSONFeature"
        report = validate_cityjson(doc, feature=feature)
        assert report.errors == [], (path.name, report.errors)


@pytest.mark.parametrize("case, damage, message", [
    ("geometry_material_solid",
     lambda d: _geom(d).update(material={"irradiation": {"values": [[0, 0, 7]]}}), "material theme"),
    ("geometry_material_multisurface",
     lambda d: _geom(d)["material"].update({"x": {"value": 99}}), "out of range of appearance 'materials'"),
    ("geometry_texture_solid",
     lambda d: _geom(d)["texture"]["summer-textures"]["values"][0][0][0].__setitem__(0, 5),
     "texture index 5 out of range"),
    ("geometry_texture_multisurface",
     lambda d: _first_textured_ring(d).__setitem__(1, 4000), "texture coordinate index 4000"),
    ("geometry_texture_multisurface",
     lambda d: _first_textured_ring(d).pop(), "texture coordinates"),
    ("geometry_semantics_solid", lambda d: _geom(d).update(lod="banana"), "'banana' is not one of"),
    ("metadata_complete", lambda d: d["metadata"].update(geographicalExtent=[1.0, 2.0]),
     "metadata/geographicalExtent: [1.0, 2.0] is too short"),
    ("cityobject_complete", lambda d: next(iter(d["CityObjects"].values())).update(geographicalExtent=[0, 1]),
     "geographicalExtent"),
    ("metadata_complete", lambda d: d["metadata"].update(referenceSystem=42),
     "metadata/referenceSystem: must be of type 'string', not integer"),
    ("metadata_complete", lambda d: d["metadata"].update(referenceSystem="EPSG:7415"), "does not match"),
    ("geometry_semantics_multisurface", lambda d: _geom(d)["semantics"]["surfaces"][0].update(type="Roof"),
     "semantics/surfaces/0/type"),
    ("cityjson_minimal", lambda d: d["transform"].update(scale=[1, 1]), "transform/scale"),
    ("appearance_complete", lambda d: d["appearance"]["textures"][0].update(type="GIF"), "textures/0/type"),
])
def test_a_conformance_file_broken_in_one_place_is_rejected_with_that_place_named(
        shared_data, tmp_path, case, damage, message):
    doc = _case(shared_data, case)
    assert validate_cityjson(doc).errors == []
    bad = copy.deepcopy(doc)
    damage(bad)
    report = validate_cityjson(bad)
    assert not report.valid
    assert message in report.text(limit=20)
    path = tmp_path / f"{case}.city.json"
    path.write_text(json.dumps(bad))
    p = Project()
    with pytest.raises(CimInputError, match="not valid CityJSON 2.0") as err:
        import_cityjson(p, path, crs="EPSG:2355")
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert not p.layers and not len(p.undo_stack)


def _geom(doc: dict) -> dict:
    return next(o for o in doc["CityObjects"].values() if o.get("geometry"))["geometry"][0]


def _first_textured_ring(doc: dict) -> list:
    values = next(iter(_geom(doc)["texture"].values()))["values"]
    return next(ring for surface in values for ring in surface if ring[0] is not None)


@pytest.mark.parametrize("value", [["Building"], 7, None, {"a": 1}, True])
def test_a_city_object_type_of_the_wrong_json_type_is_an_error_not_a_crash(shared_data, value):
    doc = _case(shared_data, "cityobject_complete")
    next(iter(doc["CityObjects"].values()))["type"] = value
    report = validate_cityjson(doc)
    assert not report.valid and "'type' must be a string" in report.errors[0].message.en


def test_wrong_types_anywhere_in_a_geometry_are_errors_not_crashes(shared_data):
    doc = _case(shared_data, "geometry_semantics_solid")
    for value in (7, 1.5, None, "x", {"a": 1}, [[["a"]]], True):
        for key in ("boundaries", "semantics", "lod", "type", "material", "texture"):
            bad = copy.deepcopy(doc)
            _geom(bad)[key] = value
            assert not validate_cityjson(bad).valid, (key, value)


def test_deep_nesting_is_an_error_not_a_recursion_crash(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    path = tmp_path / "deep.city.json"
    path.write_text('{"type": "CityJSON", "version": "2.0", "CityObjects": {}, "vertices": ' + deep + "}")
    with pytest.raises(CimInputError, match="nested too deeply") as err:
        read_cityjson(path)
    assert str(path) in str(err.value)
    doc = {"type": "CityJSON", "version": "2.0", "transform": {"scale": [1, 1, 1], "translate": [0, 0, 0]},
           "CityObjects": {"x": {"type": "+Deep", "geometry": [{"type": "MultiPoint", "boundaries": []}]}},
           "vertices": []}
    inner = []
    nested = inner
    for _ in range(600):
        nested.append([])
        nested = nested[0]
    doc["CityObjects"]["x"]["geometry"][0]["boundaries"] = inner
    assert not validate_cityjson(doc).valid


def test_a_cityjsonseq_feature_is_checked_against_the_feature_schema():
    feat = {"type": "CityJSONFeature", "id": "a", "CityObjects": {"a": {"type": "Building"}}, "vertices": []}
    assert validate_cityjson(feat, feature=True).errors == []
    assert "'id' is a required property" in validate_cityjson(
        {k: v for k, v in feat.items() if k != "id"}, feature=True).text()
    assert schema_errors(dict(feat, transform={"scale": [1, 1, 1], "translate": [0, 0, 0]}), feature=True)


def test_the_cim_smart_extension_file_follows_the_official_extension_schema():
    from jsonschema import Draft7Validator

    from cim.cityjson.extension import extension_schema

    meta = json.loads((SCHEMA_DIR / "extension20.schema.json").read_text())
    assert [e.message for e in Draft7Validator(meta).iter_errors(extension_schema())] == []


def test_a_file_without_reference_system_is_refused_unless_a_crs_is_chosen(shared_data, tmp_path):
    path = shared_data / "cityjson-conformance" / "v2_0" / "cityobject_complete" / "cityobject_complete.city.json"
    assert read_cityjson(path).crs is None
    p = Project(crs="EPSG:9208")
    with pytest.raises(CimInputError, match="no referenceSystem") as err:
        import_cityjson(p, path)
    assert "--crs" in str(err.value) and str(path) in str(err.value)
    assert not p.layers
    fb = RecordingFeedback()
    recs = import_cityjson(p, path, crs="EPSG:9208", feedback=fb)
    assert recs and all(r.crs == "EPSG:9208" for r in recs)
    assert ("warning", "cityobject_complete.city.json: no referenceSystem in the file; its coordinates are "
                       "taken as EPSG:9208 (chosen at import)") in fb.messages


def test_a_reference_system_that_is_not_epsg_asks_for_a_crs(shared_data, tmp_path):
    doc = _case(shared_data, "metadata_complete")
    doc["metadata"]["referenceSystem"] = "https://www.opengis.net/def/crs/IGNF/0/LAMB93"
    path = tmp_path / "ignf.city.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(CimInputError, match="not an EPSG code"):
        import_cityjson(Project(), path)


def test_the_shipped_schema_folder_is_inside_the_package():
    assert SCHEMA_DIR.is_dir() and SCHEMA_DIR.parts[-4:] == ("resources", "cityjson", "schemas", "2.0.2")
    assert Path(SCHEMA_DIR / "cityjson.schema.json").is_file()


def test_a_transform_that_makes_coordinates_infinite_is_refused(shared_data, tmp_path):
    doc = _case(shared_data, "geometry_semantics_solid")
    doc["transform"].update(scale=[1e308, 1.0, 1.0], translate=[1e308, 0.0, 0.0])     # both finite numbers
    path = tmp_path / "inf.city.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(CimInputError, match="not coordinates on Earth"):
        read_cityjson(path)
    doc["transform"].update(scale=[10 ** 30, 1, 1], translate=[0, 0, 0])     # an integer beyond int64
    path.write_text(json.dumps(doc))
    with pytest.raises(CimInputError, match="not coordinates on Earth"):
        read_cityjson(path)


def _conformance(shared_data, name):
    return json.loads((shared_data / "cityjson-conformance" / "v2_0" / name / f"{name}.city.json").read_text())


@pytest.mark.parametrize("where", ["vertices", "translate", "scale"])
def test_integers_too_large_for_a_float_are_refused_not_a_crash(shared_data, tmp_path, where):
    doc = _conformance(shared_data, "cityjson_minimal")
    doc.setdefault("vertices", [[0, 0, 0]])
    if where == "vertices":
        doc["vertices"] = [[2**1100, 0, 0]] + doc["vertices"]
    else:
        doc["transform"][where] = [2**1100, 1, 1]
    f = tmp_path / "huge.city.json"
    f.write_text(json.dumps(doc))
    with pytest.raises(CimInputError) as err:
        import_cityjson(Project(crs="EPSG:9208"), f, crs="EPSG:9208")
    assert str(f) in str(err.value)


def test_template_boundaries_that_are_not_vertex_indices_are_refused_naming_the_object(shared_data, tmp_path):
    doc = _conformance(shared_data, "geometry_instance")
    tpl = doc["geometry-templates"]["templates"][0]

    def floats(b):
        return [floats(x) for x in b] if isinstance(b, list) else b + 0.5

    tpl["boundaries"] = floats(tpl["boundaries"])
    f = tmp_path / "tpl.city.json"
    f.write_text(json.dumps(doc))
    with pytest.raises(CimInputError) as err:
        import_cityjson(Project(crs="EPSG:9208"), f, crs="EPSG:9208")
    assert str(f) in str(err.value)
