"""The IFC device table (cim/ifc/devices.toml): codes of the taxonomy, PredefinedType before class."""

from __future__ import annotations

from cim.ifc.devices import DEVICE_CLASSES, DEVICE_MAP, classify
from cim.model.taxonomy import smart_systems


def test_every_device_maps_to_an_element_type_of_its_smart_system():
    systems = smart_systems()
    assert len(DEVICE_MAP) >= 25
    for (cls, _), (system, etype) in DEVICE_MAP.items():
        assert cls.startswith("Ifc") and cls in DEVICE_CLASSES
        assert etype in systems[system].type_codes(), (cls, system, etype)


def test_a_predefined_type_wins_over_its_class_and_an_unknown_one_falls_back_to_the_class():
    assert classify("IfcSensor", "flowsensor") == ("smart_water", "flow_meter")
    assert classify("IfcSensor", "NOTDEFINED") == ("smart_buildings", "bms")
    assert classify("IfcCommunicationsAppliance", None) == ("digital_infrastructure", "iot_gateway")
    assert classify("IfcCommunicationsAppliance", "ANTENNA") == ("digital_infrastructure", "5g_site")
    assert classify("IfcElectricDistributionBoard", "DISTRIBUTIONBOARD") == ("smart_lighting", "lighting_cabinet")


def test_a_class_outside_the_table_is_a_building_management_device():
    assert classify("IfcWall", None) == ("smart_buildings", "bms")
