"""Smart elements of every smart system of DOMAIN.md §2 — except solid waste, left out on purpose.

Elements are placed where they belong (signals at arterial junctions, lamps on poles, sensors on
pipes, devices in smart buildings) and refer to network nodes and buildings by index; ids are
given when the layers are written.
"""

from __future__ import annotations

import numpy as np
import shapely

from sample_data.gen.frame import rng
from sample_data.gen.layout import DEPRESSION_CENTRE, Layout

IOC = "IOC"
OP = {
    "traffic": "Trung tâm Điều hành giao thông tỉnh Phú Thọ",
    "transport": "Trung tâm Quản lý vận tải hành khách công cộng Phú Thọ",
    "energy": "Công ty Điện lực Phú Thọ",
    "lighting": "Ban Quản lý hạ tầng đô thị phường Thụy Vân",
    "water": "Công ty Cổ phần Cấp nước Phú Thọ",
    "drainage": "Công ty Thoát nước đô thị Việt Trì",
    "environment": "Sở Nông nghiệp và Môi trường tỉnh Phú Thọ",
    "digital": "Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Phú Thọ",
    "telco": "Doanh nghiệp viễn thông (hạ tầng dùng chung)",
    "building": "Chủ đầu tư công trình",
}
# type -> (system, protocol, interval s, open standard, operator key)
TYPES = {
    "adaptive_signal": ("smart_traffic", "NTCIP 1202 (SNMP)", 1, "NTCIP 1202", "traffic"),
    "traffic_counter": ("smart_traffic", "DATEX II", 60, "DATEX II", "traffic"),
    "cctv": ("smart_traffic", "ONVIF / RTSP", 1, "ONVIF Profile S", "traffic"),
    "vms": ("smart_traffic", "NTCIP 1203 (SNMP)", 60, "NTCIP 1203", "traffic"),
    "bus_stop": ("public_transport_parking", "GTFS-Realtime", 30, "GTFS", "transport"),
    "transfer_hub": ("public_transport_parking", "GTFS-Realtime", 30, "GTFS", "transport"),
    "smart_parking": ("public_transport_parking", "MQTT", 60, "OGC SensorThings API", "transport"),
    "ev_charger": ("public_transport_parking", "OCPP 2.0.1", 60, "OCPP 2.0.1", "energy"),
    "bike_share": ("public_transport_parking", "GBFS", 60, "GBFS 2.3", "transport"),
    "av_infrastructure": ("public_transport_parking", "C-V2X (ETSI ITS)", 0.1, "ETSI ITS-G5 / C-ITS", "transport"),
    "smart_substation": ("smart_energy", "IEC 61850 MMS", 1, "IEC 61850", "energy"),
    "smart_meter": ("smart_energy", "DLMS/COSEM", 900, "IEC 62056 (DLMS/COSEM)", "energy"),
    "rooftop_solar": ("smart_energy", "Modbus TCP (SunSpec)", 300, "SunSpec Modbus", "building"),
    "energy_management": ("smart_energy", "OpenADR 2.0b", 300, "OpenADR 2.0b", "energy"),
    "smart_lamp": ("smart_lighting", "TALQ", 300, "TALQ 2.x", "lighting"),
    "lighting_cabinet": ("smart_lighting", "TALQ", 60, "TALQ 2.x", "lighting"),
    "central_monitoring": ("smart_lighting", "TALQ", 60, "TALQ 2.x", "lighting"),
    "water_quality_sensor": ("smart_water", "MQTT", 300, "OGC SensorThings API", "water"),
    "pressure_sensor": ("smart_water", "MQTT", 60, "OGC SensorThings API", "water"),
    "flow_meter": ("smart_water", "Modbus TCP", 60, "OGC SensorThings API", "water"),
    "leak_detector": ("smart_water", "LoRaWAN", 3600, "LoRaWAN 1.0.4", "water"),
    "customer_data": ("smart_water", "HTTPS REST", 86400, "OpenAPI 3.1", "water"),
    "flood_sensor": ("smart_drainage", "LoRaWAN", 300, "OGC SensorThings API", "drainage"),
    "water_level_sensor": ("smart_drainage", "MQTT", 60, "OGC SensorThings API", "drainage"),
    "flood_warning": ("smart_drainage", "HTTPS (CAP 1.2)", 60, "OASIS CAP 1.2", "drainage"),
    "pump_station": ("smart_drainage", "OPC UA", 10, "OPC UA (IEC 62541)", "drainage"),
    "drainage_control": ("smart_drainage", "OPC UA", 10, "OPC UA (IEC 62541)", "drainage"),
    # no open standard for the whole environment system: defect INF-03 (see defects.py)
    "air_quality_station": ("smart_environment", "MQTT", 300, None, "environment"),
    "water_quality_station": ("smart_environment", "MQTT", 300, None, "environment"),
    "5g_site": ("digital_infrastructure", "NETCONF", 300, "3GPP 5G NR", "telco"),
    "fibre_node": ("digital_infrastructure", "SNMP", 300, "ITU-T G.984 (GPON)", "telco"),
    "iot_gateway": ("digital_infrastructure", "MQTT", 60, "oneM2M", "digital"),
    "data_centre": ("digital_infrastructure", "Redfish (HTTPS)", 60, "DMTF Redfish", "digital"),
    "ioc": ("digital_infrastructure", "HTTPS (OGC API)", 1, "OGC API – Features", "digital"),
    "bim_model": ("smart_buildings", "IFC", 86400, "IFC 4 (ISO 16739-1)", "building"),
    "bms": ("smart_buildings", "BACnet/IP", 60, "BACnet (ISO 16484-5)", "building"),
    "ioc_link": ("smart_buildings", "MQTT", 60, "OGC SensorThings API", "building"),
    "energy_efficiency": ("smart_buildings", "BACnet/IP", 900, "ISO 50001", "building"),
}
LABEL = {
    "adaptive_signal": "Đèn tín hiệu thích ứng", "traffic_counter": "Thiết bị đếm xe", "cctv": "Camera giao thông",
    "vms": "Biển báo điện tử", "bus_stop": "Điểm dừng xe buýt", "transfer_hub": "Điểm trung chuyển ga",
    "smart_parking": "Bãi đỗ xe thông minh", "ev_charger": "Trạm sạc xe điện", "bike_share": "Trạm xe đạp công cộng",
    "av_infrastructure": "Điểm đón trả xe tự hành", "smart_substation": "Trạm biến áp thông minh",
    "smart_meter": "Công tơ thông minh", "rooftop_solar": "Điện mặt trời mái nhà",
    "energy_management": "Hệ thống quản lý năng lượng", "smart_lamp": "Đèn thông minh",
    "lighting_cabinet": "Tủ chiếu sáng thông minh", "central_monitoring": "Giám sát chiếu sáng tập trung",
    "water_quality_sensor": "Cảm biến chất lượng nước", "pressure_sensor": "Cảm biến áp lực",
    "flow_meter": "Đồng hồ lưu lượng", "leak_detector": "Thiết bị dò rò rỉ", "customer_data": "Dữ liệu khách hàng nước",
    "flood_sensor": "Cảm biến ngập", "water_level_sensor": "Cảm biến mực nước",
    "flood_warning": "Bảng cảnh báo ngập", "pump_station": "Trạm bơm tiêu thoát nước",
    "drainage_control": "Điều khiển vận hành thoát nước", "air_quality_station": "Trạm quan trắc không khí",
    "water_quality_station": "Trạm quan trắc nước mặt", "5g_site": "Trạm 5G", "fibre_node": "Nút cáp quang",
    "iot_gateway": "Cổng IoT", "data_centre": "Trung tâm dữ liệu", "ioc": "Trung tâm IOC",
    "bim_model": "Mô hình BIM", "bms": "Hệ thống BMS", "ioc_link": "Kết nối IOC",
    "energy_efficiency": "Quản lý năng lượng tòa nhà",
}


class Elements:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.r = rng(7)

    def add(self, type_: str, xy, *, node=None, building=None, status=None, name=None) -> int:
        system, proto, interval, standard, op = TYPES[type_]
        n = sum(1 for row in self.rows if row["type"] == type_) + 1
        self.rows.append({
            "type": type_, "system": system, "xy": tuple(float(c) for c in xy),
            "name": name or f"{LABEL[type_]} {n:02d}",
            "status": status or ("existing" if self.r.random() < 0.3 else "planned"),
            "operator": OP[op], "interface_protocol": proto, "interface_interval_s": float(interval),
            "interface_target": IOC, "open_standard": standard, "node": node, "building": building})
        return len(self.rows) - 1


def _beside(xy, r: np.random.Generator, dist: float = 7.0):
    a = r.uniform(0, 2 * np.pi)
    return np.asarray(xy) + dist * np.array([np.cos(a), np.sin(a)])


def build_smart(ctx) -> Elements:
    """``ctx``: the district under construction (see ``sample_data.generate``)."""
    lay: Layout = ctx.lay
    g = ctx.street_graph
    el = Elements()
    r = el.r
    nets, info = ctx.nets, ctx.net_info
    # --- smart traffic: adaptive signals and cameras at junctions on arterials and collectors
    deg = g.degree()
    major = np.zeros(g.n, dtype=bool)
    for a, b, road in zip(g.u, g.v, g.roads):
        if road["road_class"] in ("arterial", "collector"):
            major[a] = major[b] = True
    arterial = np.zeros(g.n, dtype=bool)
    for a, b, road in zip(g.u, g.v, g.roads):
        if road["road_class"] == "arterial":
            arterial[a] = arterial[b] = True
    junctions = np.nonzero(major & (deg >= 4))[0]
    for i in junctions:
        el.add("adaptive_signal", _beside(g.xy[i], r, 9.0))
    for i in junctions[arterial[junctions]]:
        el.add("cctv", _beside(g.xy[i], r, 12.0))
    mids = [shapely.line_interpolate_point(gm, 0.5, normalized=True) for gm, rd in zip(g.geoms, g.roads)
            if rd["road_class"] == "arterial"]
    for p in mids[::3]:
        el.add("traffic_counter", _beside(p.coords[0], r, 8.0))
    for xy in ((40.0, 510.0), (990.0, 40.0)):
        el.add("vms", xy, name="Biển báo điện tử cửa ngõ")
    # --- public transport and parking
    for gm, rd in zip(g.geoms, g.roads):
        if rd["road_class"] in ("arterial", "collector") and gm.length > 150 and r.random() < 0.45:
            el.add("bus_stop", _beside(gm.interpolate(0.5, normalized=True).coords[0], r, 10.0))
    n_ent, s_ent = lay.entrances
    el.add("transfer_hub", np.asarray(s_ent.coords[0]) + [18.0, -12.0], name="Điểm trung chuyển xe buýt – Ga Việt Trì Tây")
    el.add("bike_share", np.asarray(n_ent.coords[0]) + [-15.0, 10.0])
    el.add("bike_share", np.asarray(s_ent.coords[0]) + [-15.0, -10.0])
    el.add("av_infrastructure", np.asarray(s_ent.coords[0]) + [30.0, -14.0], status="planned")
    plaza = [f for f, c, nm in zip(ctx.plots, ctx.cats, ctx.names) if nm == "Quảng trường ga, bãi đỗ xe"]
    for p in plaza[:2]:
        c = shapely.point_on_surface(p).coords[0]
        el.add("smart_parking", c, name="Bãi đỗ xe thông minh ga (P+R)")
        el.add("ev_charger", np.asarray(c) + [12.0, 0.0])
    for key in ("Bệnh viện đa khoa khu vực Việt Trì Tây", "Trung tâm điều hành đô thị thông minh"):
        i = ctx.names.index(key)
        c = np.asarray(shapely.point_on_surface(ctx.plots[i]).coords[0])
        el.add("smart_parking", c + [0.0, -2.0])
        el.add("ev_charger", c + [10.0, -2.0])
    # --- smart energy
    en = nets["energy"]
    el.add("smart_substation", en.nodes["xy"][info["energy"]["root"]], node=("energy", info["energy"]["root"]),
           status="existing", name="Trạm biến áp 110/22 kV Thụy Vân (giám sát SCADA)")
    for j in info["energy"]["leaves"][::5]:
        el.add("smart_meter", en.nodes["xy"][j], node=("energy", j))
    # --- smart lighting: every lamp on the arterials, and their cabinets
    li = nets["lighting"]
    for c in info["lighting"]["circuits"]:
        if c["road_class"] == "arterial":
            el.add("lighting_cabinet", li.nodes["xy"][c["cabinet"]], node=("lighting", c["cabinet"]),
                   name=f"Tủ chiếu sáng thông minh {c['code']}")
            for p in c["poles"]:
                el.add("smart_lamp", li.nodes["xy"][p], node=("lighting", p), name=f"Đèn thông minh {c['code']}")
    # --- smart water: sensors on mesh nodes
    wa = nets["water"]
    kinds = np.array(wa.nodes["kind"])
    inlet = int(np.nonzero(kinds == "supply_inlet")[0][0])
    el.add("flow_meter", wa.nodes["xy"][inlet], node=("water", inlet), status="existing")
    inner = np.nonzero(np.isin(kinds, ["junction", "valve"]))[0]
    for j in inner[:: max(1, len(inner) // 5)][:5]:
        el.add("pressure_sensor", wa.nodes["xy"][j], node=("water", int(j)))
    for j in inner[3:: max(1, len(inner) // 3)][:3]:
        el.add("leak_detector", wa.nodes["xy"][j], node=("water", int(j)))
    for j in inner[7:: max(1, len(inner) // 2)][:2]:
        el.add("water_quality_sensor", wa.nodes["xy"][j], node=("water", int(j)))
    pump = int(np.nonzero(kinds == "pumping_station")[0][0])
    el.add("flow_meter", wa.nodes["xy"][pump], node=("water", pump))
    # --- smart drainage: level sensors at outlets, flood sensors at the lowest manholes
    dr = nets["drainage"]
    for j in info["drainage"]["outlets"][::3]:
        el.add("water_level_sensor", dr.nodes["xy"][j], node=("drainage", j))
    dxy = np.array(dr.nodes["xy"])
    manholes = np.nonzero(np.array(dr.nodes["kind"]) == "manhole")[0]
    z = ctx.dem.sample(dxy[manholes])
    for j in manholes[np.argsort(z, kind="stable")[:4]]:
        el.add("flood_sensor", _beside(dxy[j], r, 4.0), node=("drainage", int(j)))
    hollow = shapely.Point(DEPRESSION_CENTRE)
    k = int(manholes[np.argmin(shapely.distance(shapely.points(dxy[manholes]), hollow))])
    el.add("flood_sensor", _beside(dxy[k], r, 4.0), node=("drainage", k), name="Cảm biến ngập khu trũng")
    el.add("flood_warning", _beside(dxy[k], r, 10.0), node=("drainage", k), name="Bảng cảnh báo ngập khu trũng")
    el.add("pump_station", _beside(dxy[k], r, 20.0), node=("drainage", k), status="planned",
           name="Trạm bơm tiêu úng khu trũng")
    # --- environment (no open standard anywhere: INF-03)
    ind = [i for i, c in enumerate(ctx.cats) if c == "industrial"]
    el.add("air_quality_station", shapely.point_on_surface(ctx.plots[ind[0]]).coords[0])
    el.add("air_quality_station", np.asarray(n_ent.coords[0]) + [25.0, 20.0])
    el.add("water_quality_station", dr.nodes["xy"][info["drainage"]["outlets"][-1]])
    # --- digital infrastructure: radio sites and cabinets of the telecom tree
    te = nets["telecom"]
    for j in info["telecom"]["leaves"]:
        kind = te.nodes["kind"][j]
        el.add("5g_site" if kind == "radio_site" else "fibre_node", te.nodes["xy"][j], node=("telecom", j))
    for j in info["telecom"]["leaves"][1::3]:
        el.add("iot_gateway", _beside(te.nodes["xy"][j], r, 3.0), node=("telecom", j))
    # --- elements inside the smart buildings
    sb = ctx.smart_buildings
    ioc_b = sb["ioc"]
    c = ctx.bld_centroid(ioc_b)
    root = info["telecom"]["root"]
    el.add("ioc", c, building=ioc_b, node=("telecom", root), status="planned",
           name="Trung tâm giám sát, điều hành đô thị thông minh (IOC)")
    el.add("data_centre", c + [3.0, 0.0], building=ioc_b, node=("telecom", root), status="planned")
    el.add("central_monitoring", c + [-3.0, 0.0], building=ioc_b)
    el.add("energy_management", c + [0.0, 3.0], building=ioc_b)
    el.add("drainage_control", c + [0.0, -3.0], building=ioc_b)
    el.add("customer_data", c + [3.0, 3.0], building=ioc_b, status="planned")
    for role, b in sb.items():
        c = ctx.bld_centroid(b)
        el.add("bim_model", c, building=b, name=f"Mô hình BIM {ctx.bld['name'][b]}")
        if role != "school":  # the school declares no BMS or IOC link (defect BLD-02)
            el.add("bms", c + [2.0, 0.0], building=b)
            el.add("ioc_link", c + [0.0, 2.0], building=b)
        if role in ("ioc", "tower"):
            el.add("energy_efficiency", c + [-2.0, 0.0], building=b)
            el.add("rooftop_solar", c + [-2.0, -2.0], building=b)
    return el
