"""Use case: validate a network (DOMAIN.md §3, INF-05). Each finding has a rule id, a location and
a message in Vietnamese and English.

Rules: NET-DANGLE (a line end no other line meets, unless the node is a declared terminal),
NET-COMPONENT (a part not connected to the largest one), NET-DUPLICATE, NET-OVERLAP, NET-ZERO-LENGTH,
NET-SELF-LOOP, NET-UPHILL (a drain whose downstream invert is higher than its upstream invert),
NET-UPHILL-DEM (a drain without inverts running up the terrain), NET-CROSS-BUILDING (a pipe or cable
passing through a building), NET-ELEMENT-OFF (a smart element of this system farther than the
threshold from every line of it: a lamp off every lighting circuit, a flood sensor far from any drain),
NET-ELEMENT-NODE (a smart element naming a network node that does not exist).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from cim.network.model import Network, find_column

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


@dataclass(frozen=True)
class NetworkIssue:
    rule: str
    severity: str
    system: str
    x: float
    y: float
    message: str
    message_vi: str
    node_id: int | None = None
    edge_id: int | None = None
    element: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["legal_basis"] = "INF-05"
        return d


def _issue(rule: str, system: str, x: float, y: float, **kw) -> NetworkIssue:
    from cim.report.numbers import vi_format

    sev, en, vi = RULES[rule]
    ids = {k: kw.pop(k) for k in ("node_id", "edge_id") if k in kw}
    if "element" in kw:
        ids["element"] = kw["element"]
    kw_en = {k: (v[0] if isinstance(v, tuple) and len(v) == 2 else v) for k, v in kw.items()}
    kw_vi = {k: (v[1] if isinstance(v, tuple) and len(v) == 2 else v) for k, v in kw.items()}
    return NetworkIssue(rule, sev, system, float(x), float(y), en.format(system=system, **kw_en),
                        vi_format(vi, system=SYSTEM_VI.get(system, system), **kw_vi), **ids, extra={k: v for k, v in kw_en.items()
                                                                          if isinstance(v, (int, float, str))})


def issues_frame(issues: list[NetworkIssue], crs=None):
    """Findings as a point GeoDataFrame (a layer the app can zoom to)."""
    import geopandas as gpd

    rows = [i.to_dict() for i in issues]
    for r in rows:
        r.pop("extra", None)
    x = np.array([i.x for i in issues], dtype=float)
    y = np.array([i.y for i in issues], dtype=float)
    return gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy(x, y), crs=crs)


def canonical_system(name: str | None) -> str:
    s = str(name or "").strip().lower()
    s = s[4:] if s.startswith("net_") else s
    return SYSTEM_ALIASES.get(s, s)


def validate_network(net: Network, *, tolerance: float = 0.01, dem=None, buildings=None, smart_elements=None,
                     element_distance: float | dict | None = None, dem_tolerance_m: float = 0.1,
                     invert_tolerance_m: float = 0.0, overlaps: bool = True, boundary=None,
                     boundary_tolerance_m: float = 1.0, feedback=None) -> list[NetworkIssue]:
    """Every finding on ``net`` (empty list = clean). ``dem`` is a raster path, an open rasterio dataset
    or ``(array, affine, nodata)``; ``buildings``, ``smart_elements`` and ``boundary`` (the plan
    boundary: line ends on it or outside it continue beyond the plan and are not dangles) are
    GeoDataFrames in the network CRS."""
    from cim.feedback import Feedback
    from cim.network import checks

    fb = feedback or Feedback()
    system = canonical_system(net.system)
    out: list[NetworkIssue] = []
    steps = [
        lambda: checks.structural(net, system, tolerance, _issue),
        lambda: checks.connectivity(net, system, _issue, terminal_kinds=TERMINAL_KINDS, source_kinds=SOURCE_KINDS,
                                    boundary=boundary, boundary_tol=boundary_tolerance_m),
        lambda: checks.duplicates(net, system, tolerance, _issue, overlaps=overlaps),
    ]
    if system == "drainage":
        steps.append(lambda: checks.uphill(net, system, dem, dem_tolerance_m, invert_tolerance_m, _issue))
    if buildings is not None and system in UTILITIES:
        steps.append(lambda: checks.through_buildings(net, system, buildings, tolerance, _issue))
    if smart_elements is not None:
        limits = dict(ELEMENT_DISTANCE_M)
        if isinstance(element_distance, dict):
            limits.update(element_distance)
        elif element_distance is not None:
            limits = {k: float(element_distance) for k in set(limits) | {system}}
        steps.append(lambda: checks.elements(net, system, smart_elements, limits.get(system, 10.0), _issue,
                                             SMART_TO_NETWORK, NOT_ON_NETWORK))
    for k, step in enumerate(steps):
        fb.raise_if_canceled("validate network")
        out += step()
        fb.set_progress((k + 1) / len(steps))
    return out


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


def element_system_column(frame) -> str | None:
    return "system" if "system" in frame.columns else None


__all__ = ["NetworkIssue", "RULES", "validate_network", "issues_frame", "sample_dem", "find_column"]
