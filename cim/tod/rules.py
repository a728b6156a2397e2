"""Pure functions behind the check pack's TOD rules (DOMAIN.md §3, TOD-01..04).

Each takes frames/arrays and numbers, returns a DataFrame with one row per checked object, an ``ok``
column and bilingual messages; the check pack turns failing rows into issues and keeps the legal
basis and severity in its rule pack. Distances are metres in the project CRS.

- :func:`tod_area_radius`     TOD-01: a TOD area lies within ``radius_m`` of a station
- :func:`far_over_cap`        TOD-02: FAR in the TOD area ≤ ``factor`` × the QCVN FAR
- :func:`capacity_required`   TOD-03: indicators above QCVN-like defaults need a capacity check
- :func:`intermodal_presence` TOD-04: bus, bike, park-and-ride and a pedestrian link in the catchment
"""

from __future__ import annotations

import numpy as np

from cim.tod.params import TodParams

#: TOD-04 element groups: name -> element types (any of them satisfies the group) [I]
INTERMODAL_GROUPS = {"bus": ("bus_stop", "transfer_hub"), "bike": ("bike_share",),
                     "park_and_ride": ("smart_parking",)}


def _xy(stations) -> np.ndarray:
    import shapely

    if hasattr(stations, "geometry"):
        return shapely.get_coordinates(shapely.point_on_surface(np.asarray(stations.geometry.values, dtype=object)))
    if hasattr(stations, "xy"):
        return stations.xy
    return np.atleast_2d(np.asarray(stations, dtype=float))


def tod_area_radius(areas, stations, radius_m: float = 1000.0):
    """TOD-01. For each TOD area polygon: the station it is measured from (the one whose farthest
    vertex distance is least), that distance, and ``ok`` = distance ≤ ``radius_m``."""
    import pandas as pd
    import shapely

    geoms = np.asarray(areas.geometry.values if hasattr(areas, "geometry") else areas, dtype=object)
    sxy = _xy(stations)
    coords, idx = shapely.get_coordinates(geoms, return_index=True)
    n = len(geoms)
    best = np.full(n, np.inf)
    which = np.full(n, -1)
    for s, (x, y) in enumerate(sxy):     # a handful of stations, each vectorised over every vertex
        far = np.full(n, -np.inf)
        np.maximum.at(far, idx, np.hypot(coords[:, 0] - x, coords[:, 1] - y))
        better = far < best
        best[better], which[better] = far[better], s
    ok = best <= radius_m
    return pd.DataFrame({
        "area": np.arange(n), "station": which, "max_distance_m": best, "radius_m": radius_m, "ok": ok,
        "message_en": np.where(ok, "", [f"TOD area reaches {d:.0f} m from the station (limit {radius_m:.0f} m)"
                                        for d in best]),
        "message_vi": np.where(ok, "", [f"khu vực TOD cách ga tới {d:.0f} m (giới hạn {radius_m:.0f} m)"
                                        for d in best])})


def far_over_cap(plots, stations, *, radius_m: float = 1000.0, qcvn_far: float = 5.0, factor: float = 1.5,
                 far_field: str = "far", qcvn_field: str = "far_qcvn", inside=None):
    """TOD-02. Plots whose point-on-surface lies within ``radius_m`` of a station, their FAR and the cap
    ``factor`` × QCVN FAR (the plot's ``far_qcvn`` when present, else ``qcvn_far``); ``ok`` = FAR ≤ cap.
    Plots without FAR are listed with ``ok`` = False and say so. ``inside``: those plots (a bool per row)
    when the caller already knows them (:func:`cim.tod.scenarios.selected`)."""
    import pandas as pd

    from cim.tod.scenarios import selected

    if inside is None:
        inside = selected(plots, _xy(stations), radius_m)
    sub = plots.loc[inside, [c for c in (far_field, qcvn_field) if c in plots.columns]]   # not every column
    far = (pd.to_numeric(sub[far_field], errors="coerce").to_numpy(dtype=float) if far_field in sub.columns
           else np.full(len(sub), np.nan))
    base = (pd.to_numeric(sub[qcvn_field], errors="coerce").to_numpy(dtype=float) if qcvn_field in sub.columns
            else np.full(len(sub), np.nan))
    base = np.where(np.isfinite(base), base, qcvn_far)
    cap = factor * base
    ok = np.isfinite(far) & (far <= cap + 1e-9)
    en = np.full(len(sub), "", dtype=object)
    vi = np.full(len(sub), "", dtype=object)
    bad = np.flatnonzero(~ok)              # messages for the failing plots only
    none = ~np.isfinite(far[bad])
    over = bad[~none]
    en[bad[none]] = "plot has no FAR: the cap cannot be checked"
    vi[bad[none]] = "lô đất không có hệ số sử dụng đất"
    en[over] = [f"FAR {f:.2f} exceeds the TOD cap {c:.2f}" for f, c in zip(far[over].tolist(), cap[over].tolist(),
                                                                           strict=True)]
    vi[over] = [f"hệ số sử dụng đất {f:.2f} vượt mức trần TOD {c:.2f}"
                for f, c in zip(far[over].tolist(), cap[over].tolist(), strict=True)]
    return pd.DataFrame({"fid": sub.index.to_numpy(), "far": far, "qcvn_far": base, "cap": cap, "ok": ok,
                         "message_en": en, "message_vi": vi})


def capacity_required(indicators, params: TodParams | None = None):
    """TOD-03. Catchment rows whose densities exceed the QCVN-like defaults: ``ok`` is False there (the plan
    must carry an infrastructure-capacity check), with the estimated water and power demand."""
    from cim.tod.capacity import capacity_flags

    flags = capacity_flags(indicators, params)
    return flags.assign(ok=~flags["needs_capacity_check"])


def intermodal_presence(stations, elements, *, radius_m: float = 1000.0, catchments=None, net=None,
                        groups: dict | None = None, max_snap_m: float = 150.0):
    """TOD-04. Per station: intermodal elements inside its catchment (``catchments``: one polygon per
    station, else the circle of ``radius_m``) by group, the groups missing, and whether a pedestrian link
    joins the station to the street network (when ``net`` is given)."""
    import pandas as pd
    import shapely

    from cim.tod.overlay import points_in

    groups = groups or INTERMODAL_GROUPS
    sxy = _xy(stations)
    n = len(sxy)
    polys = (np.asarray(catchments, dtype=object) if catchments is not None
             else shapely.buffer(shapely.points(sxy), radius_m, quad_segs=16))
    out = pd.DataFrame({"station": np.arange(n)})
    if elements is not None and len(elements):
        exy = shapely.get_coordinates(shapely.centroid(np.asarray(elements.geometry.values, dtype=object)))
        typ = elements["type"].astype(str).to_numpy() if "type" in elements.columns else np.full(len(exy), "")
        ci, ei = points_in(polys, exy)
    else:
        ci, ei, typ = np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, dtype=object)
    missing = [[] for _ in range(n)]
    for g, types in groups.items():
        cnt = np.bincount(ci[np.isin(typ[ei], types)], minlength=n)
        out[f"n_{g}"] = cnt
        for s in np.flatnonzero(cnt == 0):
            missing[s].append(g)
    if net is not None:
        from cim.network.analysis import to_nodes

        _, snap = to_nodes(net, sxy, "walk")
        out["pedestrian_link"] = snap <= max_snap_m
        for s in np.flatnonzero(snap > max_snap_m):
            missing[s].append("pedestrian_link")
    out["missing"] = [", ".join(m) for m in missing]
    out["ok"] = [not m for m in missing]
    out["message_en"] = [f"no {', '.join(m)} in the station catchment" if m else "" for m in missing]
    out["message_vi"] = [f"vùng ảnh hưởng của ga thiếu: {', '.join(m)}" if m else "" for m in missing]
    return out
