"""The shipped smart-building IDS: valid IDS 1.0; failures become CIM issues linked to elements."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.errors import CimInputError
from cim.ids.check import check_ids, check_project_ids, load_ids, shipped_ids
from cim.ifc.importer import import_ifc
from cim.ifc.synthetic import Device, Georef, build_building_ifc, rectangle
from cim.merge.apply import merge_ifc_buildings
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer

E0, N0 = 561_000.0, 2_355_000.0
GOOD = {"CIM_DataLink": {"Protocol": "MQTT", "Target": "IOC", "OpenStandard": "OGC SensorThings API"}}


def test_the_shipped_ids_is_valid_ids_1_0_with_bms_and_ioc_requirements():
    doc = load_ids(shipped_ids())
    text = shipped_ids().read_text(encoding="utf-8")
    assert len(doc.specifications) == 5
    assert "BMS_System" in text and "IOC_Link" in text and "Nghị định 269" in text


def test_a_complete_smart_building_passes_the_shipped_ids():
    f = build_building_ifc(None, georef=Georef(E0, N0), devices=[Device("IfcSensor", (1, 1, 1), psets=GOOD)],
                           building_psets={"CIM_SmartBuilding": {"BMS_System": "Niagara", "IOC_Link": "IOC"}})
    res = check_ids(f, load_ids(shipped_ids()))
    assert res.passed and not res.issues


def test_missing_bms_and_device_interface_become_issues_on_the_right_elements():
    f = build_building_ifc(None, georef=Georef(E0, N0), devices=[Device("IfcSensor", (1, 1, 1), psets=GOOD),
                                                               Device("IfcLightFixture", (2, 2, 1))],
                           building_psets={"CIM_SmartBuilding": {"IOC_Link": "IOC"}})
    res = check_ids(f, load_ids(shipped_ids()))
    assert not res.passed
    by_class = {}
    for i in res.issues:
        by_class.setdefault(i.extra["ifc_class"], set()).add(i.extra["specification"].split()[0])
    assert by_class == {"IfcBuilding": {"BLD-02a"}, "IfcLightFixture": {"INF-02", "INF-03"}}


def test_project_issues_are_linked_to_the_merged_cim_building(tmp_path):
    build_building_ifc(tmp_path / "a.ifc", footprint=rectangle(0, 0, 20, 12), georef=Georef(E0, N0),
                       devices=[Device("IfcSensor", (3, 3, 1))])
    p = Project()
    gis = gpd.GeoDataFrame({"cim_id": ["BLD-000007"]}, geometry=[shapely.box(E0, N0, E0 + 20, N0 + 12)],
                           crs="EPSG:9208", index=np.array([1], dtype=np.int64))
    p.push(AddLayer(p, LayerRecord("buildings", "vector", gis, "EPSG:9208", object_kind="building")))
    lid = import_ifc(p, tmp_path / "a.ifc").layers[0].id
    merge_ifc_buildings(p, [lid], "buildings")
    (res,) = check_project_ids(p, shipped_ids())
    assert res.issues and {i.objects[0] for i in res.issues} == {"BLD-000007"}
    assert {i.layer_id for i in res.issues} == {lid}


def test_an_invalid_ids_file_is_rejected(tmp_path):
    bad = tmp_path / "bad.ids"
    bad.write_text(shipped_ids().read_text(encoding="utf-8").replace("<specifications>", "<specs>", 1))
    with pytest.raises(CimInputError, match="not a valid IDS"):
        load_ids(bad)
