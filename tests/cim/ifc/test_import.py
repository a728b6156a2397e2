"""Importing IFC models: buildings, devices, cache, undo; bad input leaves the project unchanged."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cim.errors import Canceled, CimInputError
from cim.feedback import Feedback, RecordingFeedback
from cim.ifc.importer import import_ifc
from cim.project import Project

E0, N0 = 561_000.0, 2_355_000.0


def _snapshot(project):
    return (list(project.layers), len(project.undo_stack), project.undo_stack.index)


def test_an_office_imports_with_footprint_height_storeys_gfa_and_smart_devices(ifc_dir, tmp_path):
    p = Project()
    res = import_ifc(p, ifc_dir / "office.ifc", cache_dir=tmp_path)
    b = res.model.buildings.iloc[0]
    assert b.geometry.area == pytest.approx(30 * 18, rel=1e-3)
    assert b.geometry.centroid.distance(
        __import__("shapely").Point(E0 + 15 * np.cos(np.radians(30)) - 9 * np.sin(np.radians(30)),
                                    N0 + 15 * np.sin(np.radians(30)) + 9 * np.cos(np.radians(30)))) < 0.01
    assert b["storeys"] == 4 and b["floors"] == 4
    assert b["height_m"] == pytest.approx(4 * 3.5, abs=0.01) and b["base_z"] == pytest.approx(12.0)
    assert b["gfa_m2"] == pytest.approx(4 * 540) and b["gfa_source"] == "quantities"
    assert b["bms"] == "Niagara 4" and b["ioc_link"] == "MQTT ioc.phutho"
    dev = next(r for r in res.layers if r.object_kind == "smart_element").data
    kinds = dict(zip(dev["ifc_class"], zip(dev["system"], dev["type"])))
    assert kinds == {"IfcSensor": ("smart_buildings", "bms"), "IfcLightFixture": ("smart_lighting", "smart_lamp"),
                     "IfcFlowMeter": ("smart_water", "flow_meter")}
    assert (dev["building_guid"] == b["ifc_guid"]).all()
    sensor = dev[dev["ifc_class"] == "IfcSensor"].iloc[0]
    assert sensor["interface_protocol"] == "BACnet/IP" and sensor["interface_target"] == "IOC"
    assert b.geometry.buffer(0.01).contains(sensor.geometry)
    assert p.undo_stack.texts() == ["Import IFC office.ifc"]


def test_a_millimetre_model_without_quantities_gets_gfa_from_geometry(ifc_dir):
    res = import_ifc(Project(), ifc_dir / "house_mm.ifc")
    b = res.model.buildings.iloc[0]
    assert b.geometry.area == pytest.approx(80, rel=1e-3)
    assert b["gfa_source"] == "geometry" and b["gfa_m2"] == pytest.approx(160, rel=1e-3)
    assert b["height_m"] == pytest.approx(7.0, abs=0.01)


def test_an_ifc2x3_model_with_epset_lands_at_its_eastings(ifc_dir):
    res = import_ifc(Project(), ifc_dir / "old_2x3.ifc")
    minx, miny, *_ = res.model.buildings.total_bounds
    assert minx == pytest.approx(E0 + 200, abs=0.01) and miny == pytest.approx(N0, abs=0.01)


def test_reopening_from_the_geometry_cache_is_faithful_and_does_not_parse_the_ifc(ifc_dir, tmp_path):
    first = import_ifc(Project(), ifc_dir / "office.ifc", cache_dir=tmp_path)
    again = import_ifc(Project(), ifc_dir / "office.ifc", cache_dir=tmp_path)
    assert not first.from_cache and again.from_cache
    m1, m2 = first.model._mesh, again.model._mesh
    assert np.array_equal(m1.verts, m2.verts) and np.array_equal(m1.faces, m2.faces)
    assert list(m1.guids) == list(m2.guids)
    again.model._mesh = None
    again.model.path = "/nonexistent/office.ifc"   # a cache hit never opens the source
    assert len(again.model.meshes()) == len(m1)


def test_an_ifc_layer_survives_save_and_open(ifc_dir, tmp_path):
    from cim.project.store import open_project, save_project

    p = Project()
    import_ifc(p, ifc_dir / "office.ifc", cache_dir=tmp_path / "c")
    save_project(p, tmp_path / "p.cim.gpkg")
    q = open_project(tmp_path / "p.cim.gpkg")
    rec = next(r for r in q.layers.values() if r.kind == "ifc")
    assert rec.data.sha256 == p.layers[rec.id].data.sha256
    assert rec.data.georef.eastings == pytest.approx(E0)
    assert rec.data.buildings.geometry.iloc[0].area == pytest.approx(540, rel=1e-3)
    assert len(rec.data.meshes()) > 0
    assert any(e["ifc_class"] == "IfcSensor" and "CIM_DataLink" in json.loads(e["psets"])
               for e in rec.data.elements)


def test_undo_removes_every_layer_of_one_import(ifc_dir):
    p = Project()
    import_ifc(p, ifc_dir / "office.ifc")
    assert len(p.layers) == 2
    p.undo_stack.undo()
    assert not p.layers


def test_a_canceled_import_leaves_the_project_unchanged(ifc_dir):
    p = Project()
    fb = Feedback()
    fb.cancel()
    before = _snapshot(p)
    with pytest.raises(Canceled):
        import_ifc(p, ifc_dir / "office.ifc", feedback=fb)
    assert _snapshot(p) == before


@pytest.mark.parametrize("case", ["truncated", "unsupported", "no_geometry", "huge"])
def test_bad_ifc_gives_a_clear_message_and_leaves_the_project_unchanged(ifc_dir, tmp_path, case):
    from cim.ifc.synthetic import Georef, build_building_ifc, rectangle

    path = tmp_path / f"{case}.ifc"
    text = (ifc_dir / "office.ifc").read_text()
    if case == "truncated":
        path.write_text(text[: len(text) // 3])
    elif case == "unsupported":
        path.write_text(text.replace("FILE_SCHEMA(('IFC4'))", "FILE_SCHEMA(('IFC4X1'))"))
    elif case == "no_geometry":
        path = ifc_dir / "empty.ifc"
    else:
        build_building_ifc(path, footprint=rectangle(3e8, 0, 10, 10), storeys=1, georef=Georef(E0, N0))
    p = Project()
    before = _snapshot(p)
    with pytest.raises(CimInputError) as exc:
        import_ifc(p, path)
    assert str(path.name) in str(exc.value)
    assert {"truncated": "truncated", "unsupported": "IFC4X1", "no_geometry": "no geometry",
            "huge": "cannot be a position on Earth"}[case] in str(exc.value)
    assert _snapshot(p) == before


def test_map_coordinates_baked_into_the_geometry_are_flagged(tmp_path):
    from cim.ifc.synthetic import build_building_ifc, rectangle

    path = tmp_path / "baked.ifc"
    build_building_ifc(path, footprint=rectangle(E0, N0, 10, 10), storeys=1)
    fb = RecordingFeedback()
    res = import_ifc(Project(), path, place=(0.0, 0.0), feedback=fb)      # coordinates already on the map
    assert "LARGE_COORDINATES" in {w.code for w in res.warnings}
    assert any("far from the origin" in m or "from the origin" in m for _, m in fb.messages)


def test_progress_is_reported_up_to_one(ifc_dir):
    fb = RecordingFeedback()
    import_ifc(Project(), ifc_dir / "office.ifc", feedback=fb)
    assert fb.values[-1] == pytest.approx(1.0) and fb.values == sorted(fb.values)
