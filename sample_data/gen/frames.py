"""The district as GeoDataFrames in EPSG:9208, one per layer, with ``cim_id`` on every object."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from sample_data.gen.district import CODE, District, plot_codes
from sample_data.gen.frame import CRS, to_world, world_xy
from sample_data.gen.layout import LAKE_NAME, RAIL_NAME, RIVER_NAME, STATION_NAME

NET_ORDER = ("water", "drainage", "energy", "lighting", "telecom")
PLAN_ID = "QH-PT-2026-0001"


def ids(prefix: str, n: int, start: int = 1) -> list[str]:
    return [f"{prefix}-{i:06d}" for i in range(start, start + n)]


def _gdf(data: dict, geoms) -> object:
    import geopandas as gpd

    return gpd.GeoDataFrame(pd.DataFrame(data), geometry=gpd.GeoSeries(to_world(geoms), crs=CRS), crs=CRS)


def _text(values) -> pd.Series:
    return pd.Series(list(values), dtype="object")


def to_layers(d: District) -> tuple[dict, dict]:
    """``({layer name: GeoDataFrame}, {index maps})`` for the clean district."""
    layers, maps = {}, {}
    lay = d.lay
    layers["boundary"] = _gdf({"cim_id": ["BND-000001"], "name": ["Ranh giới quy hoạch phân khu ga Việt Trì Tây"],
                               "plan_id": [PLAN_ID], "area_ha": [round(lay.boundary.area / 1e4, 2)]},
                              [lay.boundary])
    layers["rail"] = _gdf({"cim_id": ["RLW-000001"], "name": [RAIL_NAME], "gauge_mm": [1435], "tracks": [2],
                           "electrified": [True], "grade": ["viaduct"], "status": ["planned"]}, [lay.rail_line])
    layers["stations"] = _gdf({"cim_id": ["STN-000001"], "name": [STATION_NAME], "line": [RAIL_NAME],
                               "rail_id": ["RLW-000001"], "station_type": ["ga hành khách trên cao (TOD)"],
                               "status": ["planned"]}, [lay.station])
    layers["station_platforms"] = _gdf({"cim_id": ["PLF-000001"], "station_id": ["STN-000001"],
                                        "name": ["Ke ga trên cao"], "length_m": [250.0]}, [lay.platform])
    layers["station_entrances"] = _gdf({"cim_id": ids("ENT", 2), "station_id": ["STN-000001"] * 2,
                                        "name": ["Lối vào phía Bắc", "Lối vào phía Nam"],
                                        "step_free": [True, True]}, lay.entrances)
    layers["corridors"] = _gdf({"cim_id": ["COR-000001"], "name": ["Hành lang TOD tuyến đường sắt qua ga Việt Trì Tây"],
                                "mode": ["rail"], "buffer_m": [1000.0], "rail_id": ["RLW-000001"]}, [lay.rail_line])
    layers["water_bodies"] = _gdf({"cim_id": ids("WTR", 2), "name": [RIVER_NAME, LAKE_NAME],
                                   "water_type": ["stream", "lake"]}, [lay.river, lay.lake])
    roads = lay.roads
    cols = ["name", "road_class", "lanes", "oneway", "speed_kmh", "width_m", "grade", "allow_car", "allow_bus",
            "allow_bike", "allow_walk"]
    data = {"cim_id": ids("RD", len(roads))}
    data.update({c: [r[c] for r in roads] for c in cols})
    data["lanes"] = np.asarray(data["lanes"], dtype=np.int64)
    layers["roads"] = _gdf(data, [r["geometry"] for r in roads])

    n = len(d.plots)
    plot_ids = ids("PLT", n)
    ind = d.ind
    layers["plots"] = _gdf({
        "cim_id": plot_ids, "code": plot_codes(d.cats), "category": d.cats, "landuse_code": [CODE[c] for c in d.cats],
        "name": _text(d.names), "buildable": np.asarray(ind["buildable"], dtype=bool),
        "area_m2": ind["area_m2"], "far": ind["far"].astype(float), "density": ind["density"].astype(float),
        "height_max_m": ind["height_max_m"].astype(float), "floors_max": ind["floors_max"].astype(np.int64),
        "population": ind["population"].astype(np.int64), "jobs": ind["jobs"].astype(np.int64)}, d.plots)
    b = d.bld
    nb = len(b["geometry"])
    bld_ids = ids("BLD", nb)
    smart = np.zeros(nb, dtype=bool)
    smart[list(d.smart_buildings.values())] = True
    fp = shapely.area(np.asarray(b["geometry"], dtype=object))
    layers["buildings"] = _gdf({
        "cim_id": bld_ids, "plot_id": [plot_ids[p] for p in b["plot"]], "name": b["name"], "use": b["use"],
        "floors": np.asarray(b["floors"], dtype=np.int64), "height_m": np.asarray(b["height_m"], dtype=float),
        "gfa_m2": np.round(fp * np.asarray(b["floors"]), 1), "smart": smart,
        "bms": _text([None] * nb), "ioc_link": _text([None] * nb), "ifc_file": _text([None] * nb),
        "ifc_guid": _text([None] * nb)}, b["geometry"])
    for role, i in d.smart_buildings.items():
        if role != "school":  # defect BLD-02: the smart school declares neither
            layers["buildings"].loc[i, "bms"] = "BMS BACnet/IP"
            layers["buildings"].loc[i, "ioc_link"] = "IOC (MQTT, 60 s)"
    maps["plot_ids"], maps["bld_ids"] = plot_ids, bld_ids

    node_no, edge_no = 1, 1
    maps["node_ids"] = {}
    for system in NET_ORDER:
        net = d.nets[system]
        nn, ne = len(net.nodes["xy"]), len(net.edges["from"])
        nid, eid = ids("NOD", nn, node_no), ids("EDG", ne, edge_no)
        node_no, edge_no = node_no + nn, edge_no + ne
        maps["node_ids"][system] = nid
        xy = np.asarray(net.nodes["xy"])
        ndata = {"cim_id": nid, "system": [system] * nn, "kind": net.nodes["kind"],
                 "terminal": np.asarray(net.nodes["terminal"], dtype=bool),
                 "elevation_m": d.dem.sample(xy), "name": _text(net.nodes["name"]), "status": ["planned"] * nn}
        for key in sorted({k for e in net.nodes["extra"] for k in e}):
            ndata[key] = [e.get(key) for e in net.nodes["extra"]]
        layers[f"net_{system}_nodes"] = _gdf(ndata, shapely.points(xy))
        edata = {"cim_id": eid, "system": [system] * ne, "from_node": [nid[i] for i in net.edges["from"]],
                 "to_node": [nid[i] for i in net.edges["to"]], "name": _text(net.edges["name"]),
                 "status": ["planned"] * ne}
        for key in sorted({k for e in net.edges["extra"] for k in e}):
            edata[key] = [e.get(key) for e in net.edges["extra"]]
        layers[f"net_{system}"] = _gdf(edata, net.edges["geometry"])
    rows = d.elements.rows
    layers["smart_elements"] = _gdf({
        "cim_id": ids("SME", len(rows)), "name": [r["name"] for r in rows], "type": [r["type"] for r in rows],
        "system": [r["system"] for r in rows], "status": [r["status"] for r in rows],
        "operator": [r["operator"] for r in rows], "interface_protocol": _text(r["interface_protocol"] for r in rows),
        "interface_interval_s": [r["interface_interval_s"] for r in rows],
        "interface_target": _text(r["interface_target"] for r in rows),
        "open_standard": _text(r["open_standard"] for r in rows),
        "network_node_id": _text(maps["node_ids"][r["node"][0]][r["node"][1]] if r["node"] else None for r in rows),
        "building_id": _text(bld_ids[r["building"]] if r["building"] is not None else None for r in rows)},
        shapely.points(np.asarray([r["xy"] for r in rows])))
    maps["world_xy"] = world_xy
    return layers, maps
