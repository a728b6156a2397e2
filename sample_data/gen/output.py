"""Write the district: the GeoPackage, the DEM, the IFC buildings, plan.json and defects.json."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely

from sample_data.gen.dem import write_dem
from sample_data.gen.district import SMART_BUILDINGS, District
from sample_data.gen.frame import FIXED_DATE, origin
from sample_data.gen.frames import PLAN_ID
from sample_data.gen.ifc_buildings import IfcSpec, write_ifc

LAYER_ORDER = ("boundary", "plots", "buildings", "roads", "rail", "stations", "station_platforms",
               "station_entrances", "corridors", "water_bodies",
               "net_water", "net_water_nodes", "net_drainage", "net_drainage_nodes", "net_energy",
               "net_energy_nodes", "net_lighting", "net_lighting_nodes", "net_telecom", "net_telecom_nodes",
               "smart_elements")
SYNTHETIC_NOTE = "Dữ liệu tổng hợp (synthetic: true) – CIM Studio sample district, not a real plan"

PLAN = {
    "plan_id": PLAN_ID,
    "name": "Quy hoạch phân khu khu vực ga Việt Trì Tây (TOD), tỷ lệ 1/2000 – dữ liệu mẫu tổng hợp",
    "name_en": "Zoning plan of the Việt Trì Tây station area (TOD), 1:2000 – synthetic sample data",
    "level": "phan_khu",
    "scale": 2000,
    "province": "Phú Thọ",
    "commune": "phường Thụy Vân",
    "approving_body": "Ủy ban nhân dân tỉnh Phú Thọ",
    "decision_no": "0000/QĐ-UBND",
    "decision_date": "2026-01-15",
    "producer": "CIM Studio – đơn vị tư vấn giả định (synthetic)",
    "version": "1.0.0",
    "crs": "EPSG:9208",
    "synthetic": True,
    "note": "Synthetic data made by `python -m sample_data.generate`; place, names and numbers are fictional.",
}


def write_ifcs(layers, d: District, out: Path, overrides: dict) -> None:
    bld = layers["buildings"]
    e0, n0 = origin()
    for k, (role, b) in enumerate(d.smart_buildings.items()):
        _, _, fname, schema = SMART_BUILDINGS[role]
        geom = bld.geometry[b]
        corners = shapely.get_coordinates(geom)[:4]
        c = np.asarray(geom.centroid.coords[0])
        ground = float(d.dem.sample(np.array([[c[0] - e0, c[1] - n0]]))[0])
        links = None
        if role != "school":
            links = {"BMS_System": "BMS BACnet/IP", "BMS_Protocol": "BACnet/IP", "IOC_Link": "IOC",
                     "IOC_Protocol": "MQTT", "IOC_Interval_s": 60, "IOC_Topic": f"phutho/ioc/buildings/{bld.loc[b, 'cim_id']}"}
        spec = IfcSpec(path=out / "ifc" / fname, schema=schema, name=str(bld.loc[b, "name"]),
                       cim_id=str(bld.loc[b, "cim_id"]), corners=corners, ground_z=ground,
                       floors=int(bld.loc[b, "floors"]), height_m=float(bld.loc[b, "height_m"]),
                       gfa_m2=float(bld.loc[b, "gfa_m2"]), seed=1000 + k, millimetres=role == "tower",
                       shift=overrides.get(role, (0.0, 0.0)), smart_links=links, devices=role == "ioc")
        guid = write_ifc(spec)
        bld.loc[b, "ifc_file"] = f"ifc/{fname}"
        bld.loc[b, "ifc_guid"] = guid


def write_gpkg(layers: dict, path: Path) -> None:
    import pyogrio

    if path.exists():
        path.unlink()
    old = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_DATE + "Z"})
    try:
        for name in LAYER_ORDER:
            pyogrio.write_dataframe(layers[name], path, layer=name, driver="GPKG",
                                    layer_options={"DESCRIPTION": SYNTHETIC_NOTE})
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": old})


def write_json(obj, path: Path) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_all(layers: dict, d: District, defects: list, overrides: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_ifcs(layers, d, out, overrides)
    write_gpkg(layers, out / "sources.gpkg")
    write_dem(d.dem, out / "dem.tif")
    write_json(PLAN, out / "plan.json")
    write_json({"synthetic": True, "plan_id": PLAN_ID, "crs": "EPSG:9208", "defects": defects}, out / "defects.json")
