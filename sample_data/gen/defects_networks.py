"""Network and smart-element defects: a drain that ends nowhere, an island of water pipes, a pipe
laid uphill, a smart lamp on no circuit and a flood sensor far from any drain."""

from __future__ import annotations

import numpy as np
import shapely

from sample_data.gen.frame import origin


def network_defects(layers, d, next_id, append, far_point, mk) -> list[dict]:
    out = []
    e0, n0 = origin()
    dem = d.dem

    def z_at(p):  # world point -> DEM elevation
        return float(dem.sample(np.array([[p[0] - e0, p[1] - n0]]))[0])

    nid = next_id(layers, "NOD", [n for n in layers if n.endswith("_nodes")])
    eid = next_id(layers, "EDG", [n for n in layers if n.startswith("net_") and not n.endswith("_nodes")])
    bld_union = shapely.union_all(layers["buildings"].geometry.buffer(3.0).to_numpy())

    # D07: a pipe from a manhole running downhill into a manhole that goes nowhere
    nodes, edges = layers["net_drainage_nodes"], layers["net_drainage"]
    all_edges = shapely.union_all(edges.geometry.to_numpy())
    cand = nodes.index[(nodes["kind"] == "manhole")]
    chosen = None
    for i in cand[len(cand) // 2:]:
        p = np.asarray(nodes.geometry[i].coords[0])
        for ang in np.radians(np.arange(0, 360, 15) + 7.5):
            q = p + 35.0 * np.array([np.cos(ang), np.sin(ang)])
            seg = shapely.LineString([p, q])
            if (z_at(q) < z_at(p) - 0.3 and not shapely.intersects(bld_union, seg)
                    and shapely.distance(shapely.Point(q), all_edges) > 20.0):
                chosen = (i, q)
                break
        if chosen:
            break
    i, q = chosen
    x_id, x_inv = nodes.loc[i, "cim_id"], float(nodes.loc[i, "invert_m"])
    dn, de = f"NOD-{nid:06d}", f"EDG-{eid:06d}"
    nid, eid = nid + 1, eid + 1
    zq = round(z_at(q), 2)
    append(layers, "net_drainage_nodes", [{"cim_id": dn, "system": "drainage", "kind": "manhole", "terminal": False,
                                           "elevation_m": zq, "name": None, "status": "planned",
                                           "invert_m": round(zq - 2.0, 2)}], [shapely.Point(q)])
    append(layers, "net_drainage", [{"cim_id": de, "system": "drainage", "from_node": x_id, "to_node": dn,
                                     "name": "Cống thoát nước mưa D400 – nhánh cụt", "status": "planned",
                                     "diameter_mm": 400.0, "material": "Bê tông cốt thép (BTCT)",
                                     "invert_up_m": x_inv, "invert_down_m": round(min(zq - 2.0, x_inv - 0.1), 2)}],
           [shapely.LineString([nodes.geometry[i].coords[0], q])])
    out.append(mk("D07", "INF-05", "net_drainage_nodes", dn,
                  "Đầu cống thoát nước cụt: hố ga cuối không phải cửa xả và không nối tiếp đi đâu.",
                  "A drainage pipe ends in a manhole that is not an outlet and leads nowhere (dangling end).",
                  object_ids=[dn, de]))

    # D09: a pipe whose inverts rise in the direction of flow
    edges = layers["net_drainage"]
    inner = edges.index[edges["name"].str.startswith("Cống thoát nước mưa D400 –")
                        & ~edges["name"].str.contains("nhánh cụt")]
    j = inner[len(inner) // 3]
    up = float(edges.loc[j, "invert_up_m"])
    edges.loc[j, "invert_down_m"] = round(up + 0.35, 2)
    out.append(mk("D09", "INF-05", "net_drainage", edges.loc[j, "cim_id"],
                  "Cống thoát nước có cao độ đáy cuối cao hơn đầu (dốc ngược chiều dòng chảy).",
                  "A drainage pipe's downstream invert is higher than its upstream invert (it runs uphill).",
                  field="invert_down_m"))

    # D08: an island of water pipes in a garden, 12 m or more from the mesh
    water = layers["net_water"]
    mesh = shapely.union_all(water.geometry.to_numpy())
    plots = layers["plots"]
    gardens = plots.index[plots["name"] == "Vườn hoa, sân chơi"]
    for g in gardens:
        poly = plots.geometry[g]
        inner_poly = poly.buffer(-8.0)
        if inner_poly.is_empty or inner_poly.area < 1500:
            continue
        c = np.asarray(shapely.point_on_surface(inner_poly).coords[0])
        pts = [c + np.array([dx, 0.0]) for dx in (-30.0, -10.0, 10.0, 30.0)]
        line = shapely.LineString(pts)
        if shapely.within(line, inner_poly) and shapely.distance(line, mesh) >= 12.0:
            break
    ids_n = [f"NOD-{nid + k:06d}" for k in range(4)]
    ids_e = [f"EDG-{eid + k:06d}" for k in range(3)]
    nid, eid = nid + 4, eid + 3
    kinds = ["end_cap", "junction", "junction", "hydrant"]
    append(layers, "net_water_nodes", [{"cim_id": ids_n[k], "system": "water", "kind": kinds[k],
                                        "terminal": k in (0, 3), "elevation_m": round(z_at(pts[k]), 2),
                                        "name": "Trụ cứu hỏa" if k == 3 else None, "status": "planned"}
                                       for k in range(4)], [shapely.Point(p) for p in pts])
    append(layers, "net_water", [{"cim_id": ids_e[k], "system": "water", "from_node": ids_n[k],
                                  "to_node": ids_n[k + 1], "name": "Ống cấp nước D110 – vườn hoa",
                                  "status": "planned", "diameter_mm": 110.0, "material": "HDPE"}
                                 for k in range(3)], [shapely.LineString([pts[k], pts[k + 1]]) for k in range(3)])
    out.append(mk("D08", "INF-05", "net_water", ids_e[0],
                  "Một nhánh ống cấp nước (3 đoạn) không nối với mạng cấp nước: thành phần rời rạc.",
                  "A branch of three water pipes is not connected to the supply network: a disconnected component.",
                  object_ids=ids_e))

    # D10, D11: a smart lamp on no circuit; a flood sensor far from any drain
    sm = layers["smart_elements"]
    sid = next_id(layers, "SME", ["smart_elements"])
    green = (plots["category"] == "green_space").to_numpy()
    lamp, dl = far_point(layers, green, layers["net_lighting"].geometry.to_numpy(), 60.0)
    sensor, ds = far_point(layers, green, layers["net_drainage"].geometry.to_numpy(), 100.0)
    base = sm.iloc[0].to_dict()
    rows = []
    for k, (typ, name, system, proto, std) in enumerate([
            ("smart_lamp", "Đèn thông minh trong công viên", "smart_lighting", "TALQ", "TALQ 2.x"),
            ("flood_sensor", "Cảm biến ngập trong công viên", "smart_drainage", "LoRaWAN", "OGC SensorThings API")]):
        row = {**base, "cim_id": f"SME-{sid + k:06d}", "name": name, "type": typ, "system": system,
               "status": "planned", "interface_protocol": proto, "interface_interval_s": 300.0,
               "interface_target": "IOC", "open_standard": std, "network_node_id": None, "building_id": None}
        row["operator"] = ("Ban Quản lý hạ tầng đô thị phường Thụy Vân" if typ == "smart_lamp"
                           else "Công ty Thoát nước đô thị Việt Trì")
        row.pop("geometry", None)
        rows.append(row)
    append(layers, "smart_elements", rows, [lamp, sensor])
    out.append(mk("D10", "SMT-LIGHT", "smart_elements", rows[0]["cim_id"],
                  f"Đèn thông minh không thuộc lộ chiếu sáng nào (cách tuyến chiếu sáng gần nhất {dl:.0f} m).",
                  f"A smart lamp is on no lighting circuit ({dl:.0f} m from the nearest lighting line).",
                  system="smart_lighting"))
    out.append(mk("D11", "SMT-DRAIN", "smart_elements", rows[1]["cim_id"],
                  f"Cảm biến ngập đặt xa mọi tuyến thoát nước ({ds:.0f} m), không gắn với mạng thoát nước.",
                  f"A flood sensor stands {ds:.0f} m from any drain and is attached to no drainage node.",
                  system="smart_drainage"))
    return out


SYSTEM_NAMES = {"water": ("cấp nước", "water"), "drainage": ("thoát nước", "drainage"),
                "energy": ("cấp điện", "power"), "lighting": ("chiếu sáng", "lighting"),
                "telecom": ("viễn thông", "telecom")}


def lines_through_buildings(layers, mk, first: int) -> list[dict]:
    """Utility lines passing through a building footprint (neither end inside it, more than 1 cm inside).

    The layout lays a few service lines straight across buildings; they were not put there on purpose,
    but they are real defects (INF-05, NET-CROSS-BUILDING), so the list names every one of them: one
    entry per line and building, numbered from ``first``."""
    bld = layers["buildings"]
    bg = bld.geometry.to_numpy()
    tree = shapely.STRtree(bg)
    found = []
    for system in SYSTEM_NAMES:
        lines = layers[f"net_{system}"]
        g = lines.geometry.to_numpy()
        li, bi = tree.query(g, predicate="intersects")
        ends = (shapely.intersects(bg[bi], shapely.get_point(g[li], 0))
                | shapely.intersects(bg[bi], shapely.get_point(g[li], -1)))
        inside = shapely.length(shapely.intersection(g[li], bg[bi]))
        for k in np.flatnonzero(~ends & (inside > 0.01)):
            found.append((system, str(lines["cim_id"].iat[li[k]]), str(bld["cim_id"].iat[bi[k]]), float(inside[k])))
    out = []
    for n, (system, line, building, length) in enumerate(sorted(found)):
        vi, en = SYSTEM_NAMES[system]
        out.append(mk(f"D{first + n:02d}", "INF-05", f"net_{system}", line,
                      f"Tuyến {vi} {line} đi xuyên qua công trình {building} ({length:.1f} m bên trong); do cách bố "
                      "trí tuyến của bộ sinh dữ liệu, không đặt cố ý nhưng là lỗi thật.",
                      f"The {en} line {line} passes through building {building} ({length:.1f} m inside); it comes "
                      "from the generator's layout, not placed on purpose, but it is a real defect.",
                      net_rule="NET-CROSS-BUILDING", building_id=building, length_inside_m=round(length, 1)))
    return out
