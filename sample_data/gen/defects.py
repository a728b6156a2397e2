"""The deliberate defects, put into the clean layers, and their list (``defects.json``).

Each defect is one small, named change; everything not listed here stays clean. The list is the
fixture that checks and network validation are tested against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from sample_data.gen.district import District

HOSPITAL_SHIFT = (20.0, 15.0)  # 25 m: the hospital's IFC lands off its footprint (GEO-01)
MISSING_PLOT = "PLT-999999"


def _d(did, rule, layer, obj, vi, en, **extra) -> dict:
    return {"id": did, "rule": rule, "layer": layer, "object_id": obj, "description_vi": vi,
            "description_en": en, **extra}


def _next_id(layers, prefix: str, names) -> int:
    n = 0
    for name in names:
        s = layers[name]["cim_id"].str.slice(len(prefix) + 1).astype(int)
        n = max(n, int(s.max()))
    return n + 1


def _append(layers, name: str, rows: list[dict], geoms) -> None:
    import geopandas as gpd

    gdf = layers[name]
    new = gpd.GeoDataFrame(pd.DataFrame(rows, columns=[c for c in gdf.columns if c != "geometry"]),
                           geometry=gpd.GeoSeries(list(geoms), crs=gdf.crs), crs=gdf.crs)
    layers[name] = pd.concat([gdf, new], ignore_index=True)


def _far_point(layers, within_mask, edges, min_dist: float):
    """The point (10 m grid) inside the masked plots farthest from ``edges``."""
    plots = layers["plots"]
    area = shapely.union_all(plots.geometry[within_mask].buffer(-8.0).to_numpy())
    x0, y0, x1, y1 = area.bounds
    gx, gy = np.meshgrid(np.arange(np.ceil(x0 / 10) * 10, x1, 10.0), np.arange(np.ceil(y0 / 10) * 10, y1, 10.0))
    pts = shapely.points(gx.ravel(), gy.ravel())
    pts = pts[shapely.contains(area, pts)]
    bld = shapely.union_all(layers["buildings"].geometry.buffer(5.0).to_numpy())
    pts = pts[~shapely.intersects(bld, pts)]
    d = shapely.distance(pts, shapely.union_all(edges))
    k = int(np.argmax(d))
    assert d[k] >= min_dist, d[k]
    return pts[k], float(d[k])


def apply_defects(layers: dict, d: District) -> tuple[list[dict], dict]:
    """Mutate ``layers``; return the defect list and the IFC overrides for the writer."""
    out: list[dict] = []
    plots, bld, sm = layers["plots"], layers["buildings"], layers["smart_elements"]

    i = sm.index[sm["type"] == "cctv"][0]
    sm.loc[i, ["interface_protocol", "interface_target"]] = None
    sm.loc[i, "interface_interval_s"] = np.nan
    out.append(_d("D01", "INF-02", "smart_elements", sm.loc[i, "cim_id"],
                  "Camera giao thông không khai báo giao thức, chu kỳ và đích nhận dữ liệu (IOC).",
                  "A traffic camera declares no data interface protocol, interval or target (IOC)."))
    env = sm.index[sm["system"] == "smart_environment"]
    out.append(_d("D02", "INF-03", "smart_elements", sm.loc[env[0], "cim_id"],
                  "Hệ thống quan trắc môi trường không nêu tiêu chuẩn mở nào (mọi phần tử để trống open_standard).",
                  "The smart environment system names no open standard (open_standard empty on every element).",
                  system="smart_environment", object_ids=sm.loc[env, "cim_id"].tolist()))

    # --- plots: overlap, gap, missing FAR; chosen among residential plots with buildings
    with_b = set(bld["plot_id"])
    res = plots.index[(plots["category"] == "residential") & plots["cim_id"].isin(with_b)]
    geoms = plots.geometry.to_numpy()
    tree = shapely.STRtree(geoms)
    taken: set[int] = set()
    a = b = None
    for i in res[len(res) // 3:]:
        for j in tree.query(geoms[i], predicate="touches"):
            if j in res and j != i:
                shared = shapely.intersection(shapely.boundary(geoms[i]), shapely.boundary(geoms[j]))
                if shared.length > 60:
                    a, b = int(i), int(j)
                    break
        if a is not None:
            break
    strip = shapely.intersection(geoms[b], shared.buffer(3.0, cap_style="flat"))
    plots.loc[a, "geometry"] = shapely.union(geoms[a], strip)
    taken |= {a, b}
    out.append(_d("D03", "PLN-02", "plots", plots.loc[a, "cim_id"],
                  f"Lô {plots.loc[a, 'code']} chồng lấn lên lô {plots.loc[b, 'code']} một dải rộng 3 m.",
                  f"Plot {plots.loc[a, 'code']} overlaps plot {plots.loc[b, 'code']} by a 3 m strip.",
                  object_ids=[plots.loc[a, "cim_id"], plots.loc[b, "cim_id"]],
                  location=[round(c, 3) for c in strip.representative_point().coords[0]]))
    roads = set(plots.index[plots["name"] == "Đất giao thông"])
    c = None
    for i in res[2 * len(res) // 3:]:
        if int(i) in taken or any(shapely.touches(geoms[i], geoms[t]) for t in taken):
            continue
        for j in tree.query(geoms[i], predicate="touches"):
            shared = shapely.intersection(shapely.boundary(geoms[i]), shapely.boundary(geoms[j]))
            if int(j) in roads and shared.length > 60:
                c = int(i)
                break
        if c is not None:
            break
    parts = shapely.get_parts(shapely.line_merge(shared))
    shared = parts[np.argmax(shapely.length(parts))]
    gap = shapely.intersection(geoms[c], shared.buffer(3.0, cap_style="flat"))
    plots.loc[c, "geometry"] = shapely.difference(geoms[c], gap)
    taken.add(c)
    out.append(_d("D04", "PLN-02", "plots", plots.loc[c, "cim_id"],
                  f"Khe hở không thuộc lô nào giữa lô {plots.loc[c, 'code']} và đất giao thông (rộng 3 m).",
                  f"A 3 m gap belonging to no plot between plot {plots.loc[c, 'code']} and the road land.",
                  location=[round(v, 3) for v in gap.representative_point().coords[0]], gap_area_m2=round(gap.area, 1)))
    e = next(int(i) for i in res[len(res) // 2:] if int(i) not in taken)
    plots.loc[e, "far"] = np.nan
    taken.add(e)
    out.append(_d("D05", "PLN-02", "plots", plots.loc[e, "cim_id"],
                  f"Lô đất ở {plots.loc[e, 'code']} được xây dựng nhưng không có hệ số sử dụng đất.",
                  f"Buildable residential plot {plots.loc[e, 'code']} carries no FAR.", field="far"))

    # --- buildings: personal data, broken plot reference, smart school without BMS/IOC
    used_b = set(d.smart_buildings.values())
    resb = [int(i) for i in bld.index[bld["use"] == "residential"] if int(i) not in used_b]
    k = resb[len(resb) // 4]
    bld.loc[k, "name"] = "Nhà ông Nguyễn Văn Hùng – SĐT 0912 345 678"
    out.append(_d("D06", "SEC-01", "buildings", bld.loc[k, "cim_id"],
                  "Tên công trình chứa họ tên và số điện thoại của một cá nhân (dữ liệu cá nhân).",
                  "A building name holds a person's name and phone number (personal data).", field="name"))
    k = resb[3 * len(resb) // 4]
    bld.loc[k, "plot_id"] = MISSING_PLOT
    out.append(_d("D13", "ID-03", "buildings", bld.loc[k, "cim_id"],
                  f"Công trình tham chiếu tới lô đất {MISSING_PLOT} không tồn tại.",
                  f"The building refers to plot {MISSING_PLOT}, which does not exist.", field="plot_id"))
    school = d.smart_buildings["school"]
    out.append(_d("D12", "BLD-02", "buildings", bld.loc[school, "cim_id"],
                  "Công trình thông minh (có mô hình IFC) không khai báo hệ thống BMS và kết nối dữ liệu với IOC.",
                  "A smart building (with an IFC model) declares no BMS and no data link to the IOC."))
    hosp = d.smart_buildings["hospital"]
    out.append(_d("D14", "GEO-01", "buildings", bld.loc[hosp, "cim_id"],
                  "Mô hình IFC của bệnh viện bị lệch khoảng 25 m so với vết công trình (sai IfcMapConversion).",
                  "The hospital's IFC model lands about 25 m off its footprint (wrong IfcMapConversion).",
                  ifc_file="ifc/hospital.ifc", shift_m=list(HOSPITAL_SHIFT)))

    from sample_data.gen.defects_networks import network_defects

    out += network_defects(layers, d, _next_id, _append, _far_point, _d)
    out.append(_d("D15", "SMT-WASTE", "boundary", layers["boundary"].loc[0, "cim_id"],
                  "Khu vực quy hoạch không có phần tử nào của hệ thống quản lý chất thải rắn thông minh.",
                  "The plan area has no element of the smart solid-waste system at all.", system="smart_waste"))
    from sample_data.gen.defects_networks import lines_through_buildings

    out += lines_through_buildings(layers, _d, 16)
    out.sort(key=lambda x: x["id"])
    return out, {"hospital": HOSPITAL_SHIFT}
