"""Smart elements and smart buildings of the sample district (DOMAIN.md §2, INF-02/03, SMT, BLD)."""

from __future__ import annotations

import shapely

from cim.model.taxonomy import SMART_SYSTEM_CODES


def test_every_smart_system_is_present_but_solid_waste_which_is_the_listed_gap(layers, defect):
    sm = layers["smart_elements"]
    missing = set(SMART_SYSTEM_CODES) - set(sm["system"])
    assert missing == {d["system"] for d in defect("SMT-WASTE")} == {"smart_waste"}


def test_every_element_declares_its_data_interface_but_the_listed_one(layers, defect):
    sm = layers["smart_elements"]
    cols = ["interface_protocol", "interface_interval_s", "interface_target"]
    bad = set(sm.loc[sm[cols].isna().any(axis=1), "cim_id"])
    assert bad == {d["object_id"] for d in defect("INF-02")}
    assert set(sm["interface_target"].dropna()) == {"IOC"}


def test_every_smart_system_names_an_open_standard_but_the_listed_one(layers, defect):
    sm = layers["smart_elements"]
    named = sm.groupby("system")["open_standard"].apply(lambda s: s.notna().any())
    assert set(named.index[~named]) == {d["system"] for d in defect("INF-03")}


def test_smart_lamps_hang_on_lighting_poles_but_the_listed_one(layers, defect):
    sm, poles = layers["smart_elements"], layers["net_lighting_nodes"].set_index("cim_id")
    lamps = sm[sm["type"] == "smart_lamp"]
    off = lamps[~lamps["network_node_id"].isin(poles.index)]
    assert set(off["cim_id"]) == {defect("D10")["object_id"]}
    on = lamps[lamps["network_node_id"].isin(poles.index)]
    assert (on.geometry.distance(poles.loc[on["network_node_id"]].geometry, align=False) < 0.01).all()
    lines = shapely.union_all(layers["net_lighting"].geometry.to_numpy())
    assert off.geometry.distance(lines).min() > 50.0


def test_flood_sensors_sit_by_a_drain_but_the_listed_one(layers, defect):
    sm = layers["smart_elements"]
    drains = shapely.union_all(layers["net_drainage"].geometry.to_numpy())
    sensors = sm[sm["type"] == "flood_sensor"]
    far = set(sensors.loc[sensors.geometry.distance(drains) > 30.0, "cim_id"])
    assert far == {defect("D11")["object_id"]}
    nodes = set(layers["net_drainage_nodes"]["cim_id"])
    assert sensors.loc[~sensors["cim_id"].isin(far), "network_node_id"].isin(nodes).all()


def test_smart_buildings_link_an_ifc_model_a_bms_and_the_ioc_but_the_listed_one(layers, defect, district):
    bld = layers["buildings"]
    smart = bld[bld["smart"]]
    assert 3 <= len(smart) <= 6
    assert smart["ifc_file"].notna().all() and smart["ifc_guid"].notna().all()
    assert all((district / f).is_file() for f in smart["ifc_file"])
    assert set(smart.loc[smart[["bms", "ioc_link"]].isna().any(axis=1), "cim_id"]) == {
        d["object_id"] for d in defect("BLD-02")}
    assert bld.loc[~bld["smart"], ["ifc_file", "bms", "ioc_link"]].isna().all().all()
    elements = layers["smart_elements"]
    in_smart = elements["building_id"].dropna()
    assert in_smart.isin(smart["cim_id"]).all()


def test_personal_data_appears_only_where_listed(layers, defect):
    import re

    phone = re.compile(r"(?<!\d)0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?!\d)")
    person = re.compile(r"\b(?:ông|bà|anh|chị)\s+[A-ZĐ]", re.IGNORECASE)
    hits = set()
    for name, gdf in layers.items():
        for col in gdf.columns:
            if col == "geometry" or gdf[col].dtype.kind in "biuf":
                continue
            text = gdf[col].dropna().astype(str)
            hit = text.str.contains(phone) | text.str.contains(person)
            hits |= {(name, i) for i in gdf.loc[hit[hit].index, "cim_id"]}
    assert hits == {(d["layer"], d["object_id"]) for d in defect("SEC-01")}
