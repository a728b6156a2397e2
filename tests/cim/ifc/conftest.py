"""Small georeferenced IFC models built in a temp folder with ifcopenshell.api (cim.ifc.synthetic)."""

from __future__ import annotations

import pytest

from cim.ifc.synthetic import Device, Georef, build_building_ifc, rectangle

E0, N0 = 561_000.0, 2_355_000.0   # VN-2000 / TM-3 104°45′ (EPSG:9208), Phú Thọ


@pytest.fixture(scope="session")
def ifc_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("ifc")
    build_building_ifc(d / "office.ifc", name="Office", footprint=rectangle(0, 0, 30, 18), storeys=4,
                       georef=Georef(E0, N0, 12.0, 30.0),
                       devices=[Device("IfcSensor", (5, 5, 1), "TEMPERATURESENSOR",
                                       psets={"CIM_DataLink": {"Protocol": "BACnet/IP", "Target": "IOC",
                                                                    "OpenStandard": "BACnet"}}),
                                Device("IfcLightFixture", (10, 5, 3)),
                                Device("IfcFlowMeter", (2, 2, 0.5), "WATERMETER")],
                       building_psets={"CIM_SmartBuilding": {"BMS_System": "Niagara 4", "IOC_Link": "MQTT ioc.phutho"}})
    build_building_ifc(d / "house_mm.ifc", name="House", footprint=rectangle(0, 0, 10, 8), storeys=2,
                       length_unit="MILLIMETRE", georef=Georef(E0 + 100, N0, 12.0, 0.0), gfa_quantities=False)
    build_building_ifc(d / "old_2x3.ifc", schema="IFC2X3", name="Old", footprint=rectangle(0, 0, 12, 12),
                       storeys=2, georef=Georef(E0 + 200, N0, 12.0, 0.0, style="epset_site"))
    build_building_ifc(d / "nogeo.ifc", name="Nowhere", footprint=rectangle(0, 0, 10, 10), storeys=1)
    build_building_ifc(d / "empty.ifc", name="Empty", storeys=1, geometry=False, georef=Georef(E0, N0))
    return d
