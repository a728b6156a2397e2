"""The taxonomy: kinds and fields, technical and smart systems (DOMAIN.md §2), land-use crosswalk."""

from __future__ import annotations

import pytest

from cim.model import taxonomy as t

DOMAIN_SMART_SYSTEMS = {
    "smart_traffic": {"adaptive_signal", "traffic_counter", "cctv", "electronic_toll", "vms"},
    "public_transport_parking": {"bus_stop", "transfer_hub", "smart_parking", "ev_charger", "bike_share",
                                 "av_infrastructure"},
    "smart_energy": {"smart_substation", "smart_meter", "rooftop_solar", "energy_management"},
    "smart_lighting": {"smart_lamp", "lighting_cabinet", "central_monitoring"},
    "smart_water": {"water_quality_sensor", "pressure_sensor", "flow_meter", "leak_detector", "customer_data"},
    "smart_drainage": {"flood_sensor", "water_level_sensor", "flood_warning", "pump_station"},
    "smart_waste": {"sensor_bin", "collection_point", "collection_route", "waste_to_energy"},
    "smart_environment": {"air_quality_station", "water_quality_station"},
    "digital_infrastructure": {"5g_site", "fibre_node", "iot_gateway", "data_centre", "ioc"},
    "smart_buildings": {"bim_model", "bms", "ioc_link", "energy_efficiency"},
}


def test_every_smart_system_of_domain_section_2_is_present_with_vietnamese_and_english_names():
    systems = t.smart_systems()
    assert tuple(systems) == t.SMART_SYSTEM_CODES
    for code, expected in DOMAIN_SMART_SYSTEMS.items():
        s = systems[code]
        assert s.name_vi and s.name_en and s.name_vi != s.name_en
        assert expected <= set(s.type_codes()), code
        for et in s.element_types:
            assert et.name_vi and et.name_en and et.system == code


def test_element_type_codes_are_unique_across_systems():
    all_codes = [et.code for s in t.smart_systems().values() for et in s.element_types]
    assert len(all_codes) == len(set(all_codes))
    assert t.system_of_element_type("flood_sensor") == "smart_drainage"
    assert t.system_of_element_type("no_such_thing") is None


def test_technical_network_systems_are_the_eight_of_inf_01_with_their_extra_fields():
    ns = t.network_systems()
    assert tuple(ns) == t.NETWORK_SYSTEM_CODES
    assert {f.name for f in t.fields_for("network_edge", "drainage")} >= {
        "from_node", "to_node", "diameter_mm", "material", "invert_up_m", "invert_down_m"}
    assert "voltage_kv" in {f.name for f in t.fields_for("network_edge", "energy")}
    assert "circuit" in {f.name for f in t.fields_for("network_edge", "lighting")}
    assert "outlet" in ns["drainage"].node_kinds and "lamp_pole" in ns["lighting"].node_kinds
    for s in t.smart_systems().values():
        assert s.network is None or s.network in ns


def test_every_kind_has_a_prefixed_id_field_labels_in_both_languages_and_a_known_geometry():
    prefixes = set()
    assert tuple(t.kinds()) == t.KIND_CODES
    for k in t.kinds().values():
        assert k.fields[0].name == "cim_id" and k.fields[0].required and not k.fields[0].nullable
        assert k.geometry_type in ("Point", "LineString", "Polygon")
        assert k.name_vi and k.name_en
        for f in k.fields:
            assert f.dtype in t.DTYPES and f.label_vi and f.label_en, (k.code, f.name)
        prefixes.add(k.prefix)
    assert len(prefixes) == len(t.kinds())


def test_smart_elements_require_the_fields_domain_section_2_asks_for():
    required = {f.name for f in t.get_kind("smart_element").required_fields()}
    assert required >= {"cim_id", "name", "type", "system", "status", "operator", "interface_protocol",
                        "interface_interval_s", "interface_target", "open_standard", "network_node_id",
                        "building_id"}
    assert t.get_kind("smart_element").field("status").values == t.STATUS_VALUES


def test_layer_names_round_trip_through_kind_for_layer_including_per_system_network_layers():
    for k in t.kinds().values():
        systems = t.NETWORK_SYSTEM_CODES if k.per_system else (None,)
        for s in systems:
            name = t.layer_name(k, s)
            kind, system = t.kind_for_layer(name)
            assert (kind.code, system) == (k.code, s)
    assert t.layer_name("network_node", "drainage") == "net_drainage_nodes"
    assert t.kind_for_layer("net_nowhere") is None and t.kind_for_layer("my_layer") is None
    with pytest.raises(ValueError):
        t.layer_name("network_edge")
    with pytest.raises(KeyError, match="known"):
        t.get_kind("castle")


def test_crosswalk_round_trips_category_to_code_and_back():
    cw = t.load_crosswalk()
    assert set(cw.categories) == {"residential", "mixed_use", "public_service", "education", "health",
                                  "commercial", "green_space", "water", "transport", "technical_infrastructure",
                                  "industrial", "other"}
    for cat in cw.categories:
        assert cw.category_of(cw.primary_code(cat)) == cat
    for code in cw.codes():
        assert code in cw.codes_of(cw.category_of(code))
    for code, cat in {"ODT": "residential", "ONT": "residential", "TMD": "commercial", "SKC": "industrial",
                      "DGT": "transport", "DVH": "public_service", "CXX": "green_space", "DGD": "education",
                      "DYT": "health", "DHT": "technical_infrastructure", "SON": "water", "MNC": "water"}.items():
        assert cw.category_of(code) == cat
    assert cw.category_of(" odt ") == "residential" and cw.category_of("XYZ") is None


def test_crosswalk_maps_a_column_of_codes_at_once():
    import pandas as pd

    s = pd.Series(["ODT", "dgt", None, "ZZZ"])
    out = t.load_crosswalk().categories_for(s)
    assert out.iloc[0] == "residential" and out.iloc[1] == "transport"
    assert pd.isna(out.iloc[2]) and pd.isna(out.iloc[3])


def test_a_province_can_ship_its_own_crosswalk_file(tmp_path):
    p = tmp_path / "province.toml"
    p.write_text('[categories.residential]\nname_vi = "Đất ở"\nname_en = "Residential"\nbuildable = true\n'
                 'codes = ["OTC", "ODT"]\n[categories.green_space]\nname_vi = "Cây xanh"\nname_en = "Green"\n'
                 'codes = ["CXD"]\n', encoding="utf-8")
    cw = t.load_crosswalk(p)
    assert cw.primary_code("residential") == "OTC" and cw.category_of("CXD") == "green_space"
    assert cw.to_dict()["residential"]["codes"] == ["OTC", "ODT"]


def test_a_crosswalk_with_one_code_in_two_categories_is_refused(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('[categories.a]\nname_vi = "A"\nname_en = "A"\ncodes = ["X"]\n'
                 '[categories.b]\nname_vi = "B"\nname_en = "B"\ncodes = ["X"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'X'"):
        t.load_crosswalk(p)


def test_importing_cim_model_loads_neither_pandas_nor_geopandas():
    import subprocess
    import sys

    code = ("import sys, cim.model, cim.model.relations, cim.model.schema, cim.model.ids;"
            "cim.model.taxonomy.kinds(); cim.model.taxonomy.smart_systems();"
            "bad = [m for m in ('pandas', 'geopandas', 'shapely', 'pyogrio') if m in sys.modules];"
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
