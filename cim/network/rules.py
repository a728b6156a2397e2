"""What the network checks share: the rule texts, the system names and limits, one finding builder and
the DEM sampler. :mod:`cim.network.checks` (the individual checks) and :mod:`cim.network.validate` (the use
case that runs them) both import this module; neither imports the other's internals back.
"""

from __future__ import annotations

import numpy as np

from cim.findings import Finding, severity_of
from cim.text import Text

TERMINAL_KINDS = frozenset({"outlet", "supply_inlet", "end_cap", "boundary_connection", "plot_connection",
                            "service_connection", "reservoir", "substation", "exchange", "end", "terminal"})
# kinds of node that feed a network on their own: a part holding one is a separate network, not a defect
SOURCE_KINDS = frozenset({"outlet", "pump_station", "cabinet", "supply_inlet", "reservoir", "pumping_station",
                          "substation", "exchange", "boundary_connection"})
# smart element types that are systems or building equipment, not devices on the network's lines
NOT_ON_NETWORK = frozenset({"central_monitoring", "energy_management", "rooftop_solar", "customer_data",
                            "drainage_control", "flood_warning", "data_centre", "ioc"})
# Canonical system names are those of the domain model (cim/model/systems.toml, INF-01 and the SMT-* rules:
# "energy", not "power"); every other spelling of a layer name or ``system`` value goes through
# SYSTEM_ALIASES in canonical_system, the one place that maps them.
SMART_TO_NETWORK = {"smart_lighting": "lighting", "smart_drainage": "drainage", "smart_water": "water",
                    "smart_energy": "energy", "digital_infrastructure": "telecom"}
SYSTEM_ALIASES = {"power": "energy", "electricity": "energy", "electric": "energy", "electrical": "energy",
                  "water_supply": "water", "storm_drainage": "drainage", "roads": "road", "traffic": "road"}
ELEMENT_DISTANCE_M = {"lighting": 5.0, "drainage": 30.0, "water": 10.0, "energy": 10.0, "telecom": 10.0}
SYSTEM_VI = {"water": "cấp nước", "drainage": "thoát nước", "energy": "cấp điện", "lighting": "chiếu sáng",
             "telecom": "viễn thông", "road": "đường", "sewer": "nước thải", "gas": "cấp khí", "heating": "cấp nhiệt"}
UTILITIES = frozenset({"water", "drainage", "energy", "lighting", "telecom", "sewer", "gas", "heating"})

RULES: dict[str, tuple[str, str, str]] = {
    "NET-DANGLE": ("warning", "dangling end: only one line ends at node {node} and it is not a declared terminal",
                   "điểm treo: chỉ một tuyến kết thúc tại nút {node} và nút không được khai báo là điểm đầu/cuối"),
    "NET-COMPONENT": ("warning", "disconnected part of the {system} network: {nodes} node(s), {edges} edge(s) "
                      "not connected to the main part ({main} nodes)",
                      "phần mạng {system} bị tách rời: {nodes} nút, {edges} tuyến không nối với phần chính "
                      "({main} nút)"),
    "NET-DUPLICATE": ("error", "edge {edge} duplicates edge {other} (same line drawn twice)",
                      "tuyến {edge} trùng với tuyến {other} (vẽ hai lần)"),
    "NET-OVERLAP": ("warning", "edge {edge} overlaps edge {other} along {length:.1f} m",
                    "tuyến {edge} chồng lên tuyến {other} trên {length:.1f} m"),
    "NET-ZERO-LENGTH": ("error", "edge {edge} has zero length", "tuyến {edge} có chiều dài bằng 0"),
    "NET-SELF-LOOP": ("warning", "edge {edge} starts and ends at the same node {node}",
                      "tuyến {edge} bắt đầu và kết thúc tại cùng nút {node}"),
    "NET-UPHILL": ("error", "drain {edge} flows uphill: invert rises from {up:.2f} m to {down:.2f} m",
                   "cống {edge} chảy ngược dốc: cao độ đáy tăng từ {up:.2f} m lên {down:.2f} m"),
    "NET-UPHILL-DEM": ("warning", "drain {edge} (no invert levels) runs uphill on the terrain: ground rises "
                       "from {up:.2f} m to {down:.2f} m",
                       "cống {edge} (không có cao độ đáy) đi ngược dốc địa hình: mặt đất tăng từ {up:.2f} m "
                       "lên {down:.2f} m"),
    "NET-CROSS-BUILDING": ("error", "{system} line {edge} passes through building {building} ({length:.1f} m inside)",
                           "tuyến {system} {edge} đi xuyên qua công trình {building} ({length:.1f} m bên trong)"),
    "NET-ELEMENT-OFF": ("warning", "{type} {element} is {dist} from every {system} line (limit {limit:.0f} m): "
                        "not attached to its network",
                        "{type} {element} cách mọi tuyến {system} {dist} (giới hạn {limit:.0f} m): chưa gắn "
                        "vào mạng"),
    "NET-ELEMENT-NODE": ("warning", "{type} {element} names network node {node}, which does not exist",
                         "{type} {element} tham chiếu nút mạng {node} không tồn tại"),
}



class Bilingual(tuple):
    """A value shown differently in the English and the Vietnamese message: ``(en, vi)``."""


def network_finding(rule: str, system: str, x: float, y: float, **kw) -> Finding:
    """The :class:`~cim.findings.Finding` of ``rule`` at ``(x, y)``: ``bbox`` is the point itself,
    ``location`` its WKT, ``objects`` the smart element it names (if any); ``extra`` holds the system,
    the internal ``node_id``/``edge_id`` and the plain values of the message (a building's name, a length)."""
    from cim.report.numbers import vi_format

    sev, en, vi = RULES[rule]
    ids = {k: kw.pop(k) for k in ("node_id", "edge_id") if k in kw}
    kw_en = {k: (v[0] if isinstance(v, tuple) and len(v) == 2 else v) for k, v in kw.items()}
    kw_vi = {k: (v[1] if isinstance(v, tuple) and len(v) == 2 else v) for k, v in kw.items()}
    x, y = float(x), float(y)
    extra = {"system": system, **{k: int(v) for k, v in ids.items() if v is not None},
             **{k: v for k, v in kw_en.items() if isinstance(v, (int, float, str))}}
    return Finding(severity_of(sev), rule,
                   Text(vi_format(vi, system=SYSTEM_VI.get(system, system), **kw_vi), en.format(system=system, **kw_en)),
                   objects=(str(kw["element"]),) if kw.get("element") else (),
                   location=f"POINT ({x:.2f} {y:.2f})", bbox=(x, y, x, y), extra=extra)


def canonical_system(name: str | None) -> str:
    s = str(name or "").strip().lower()
    s = s[4:] if s.startswith("net_") else s
    return SYSTEM_ALIASES.get(s, s)


def sample_dem(dem, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Ground elevation at points (nearest cell, by affine index maths); NaN outside or on nodata."""
    array, transform, nodata = _dem_parts(dem)
    inv = ~transform
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    cols, rows = inv.a * xs + inv.b * ys + inv.c, inv.d * xs + inv.e * ys + inv.f
    r, c = np.floor(rows).astype(np.int64), np.floor(cols).astype(np.int64)
    inside = (r >= 0) & (c >= 0) & (r < array.shape[0]) & (c < array.shape[1])
    out = np.full(len(r), np.nan)
    out[inside] = array[r[inside], c[inside]]
    if nodata is not None:
        out[out == nodata] = np.nan
    return out


def _dem_parts(dem):
    if isinstance(dem, tuple):
        return dem[0], dem[1], dem[2] if len(dem) > 2 else None
    if hasattr(dem, "read") and hasattr(dem, "transform"):
        return dem.read(1).astype(float), dem.transform, dem.nodata
    for attr in ("array", "data", "values"):
        if hasattr(dem, attr) and hasattr(dem, "transform"):
            arr = np.asarray(getattr(dem, attr), dtype=float)
            return (arr[0] if arr.ndim == 3 else arr), dem.transform, getattr(dem, "nodata", None)
    import rasterio

    with rasterio.open(dem) as ds:
        return ds.read(1).astype(float), ds.transform, ds.nodata


