"""TOD-01..04: station areas (DOMAIN.md §3 and §7) through the pure functions of :mod:`cim.tod.rules`.

- TOD-01: declared TOD areas (polygons of kind ``tod_area``, or the layers named in ``area_layers``)
  lie within ``radius_m`` of a station; a TOD corridor's declared influence distance (``buffer_m``)
  does not exceed it.
- TOD-02: buildable plots whose point-on-surface lies within ``radius_m`` of a station have a FAR of
  at most ``far_cap_factor`` × QCVN (the plot's ``far_qcvn``, else ``qcvn_far``).
- TOD-03: where a station's catchments (``catchment_kind`` rings up to ``radius_m``) exceed the
  QCVN-like densities, the station names its infrastructure-capacity check (``evidence_field``).
- TOD-04: bus, bike, park-and-ride and a pedestrian link inside each station's ``catchment_m``
  walkshed (the circle where the walkshed could not be drawn).

TOD-03 and TOD-04 read the TOD study, run once per check run with the pack's parameters and kept in
the run cache (dropped when a layer it read changes; its expensive parts — catchments, overlays — are
kept there by what they read, so a plot edit re-overlays that plot only: :mod:`cim.tod.study_cache`);
the run keeps it for the report and package.
"""

from __future__ import annotations

import json

from cim.checks.base import CheckSkipped
from cim.report.numbers import number, short

RING_VI = {"walk": "vùng đi bộ", "circle": "vòng bán kính", "bike": "vùng xe đạp"}


def _stations(ctx):
    sel = [s for s in ctx.select("station") if len(s.rec.data)]
    if not sel:
        raise CheckSkipped("Dự án không có nhà ga: quy tắc TOD áp dụng cho khu vực quanh nhà ga.",
                           "The project has no station: TOD rules apply to station areas.")
    return sel


def _station_xy(ctx, sels):
    import numpy as np
    import shapely

    g = np.concatenate([ctx.geoms(s.rec) for s in sels])
    g = g[~(shapely.is_missing(g) | shapely.is_empty(g))]
    if not len(g):
        raise CheckSkipped("Nhà ga không có vị trí.", "The stations have no position.")
    return shapely.get_coordinates(shapely.point_on_surface(g))


def _rule_params(ctx) -> dict:
    out = {}
    if ctx.pack is not None:
        out = {r.id: r.params_for(ctx.province) for r in ctx.pack.rules if r.id.startswith("TOD-")}
    out[ctx.rule.id] = ctx.params
    return out


def _study(ctx, feedback):
    """The run's TOD study (cached under the layers it read and its parameters)."""
    from cim.tod.checking import ARTIFACT, params_from_rules, run_check_study, study_layers

    params = params_from_rules(_rule_params(ctx))
    lids = study_layers(ctx.project)
    ctx.inputs.update(lids)
    key = ("tod_study", *lids, json.dumps(params.to_dict(), sort_keys=True, default=str))
    study = ctx.cache.get(key, lambda: run_check_study(ctx.project, params, feedback=feedback, cache=ctx.cache))
    ctx.cache.data.setdefault("artifacts", {})[ARTIFACT] = study
    return study


def _obj_values(res, n: int, pos, **cols):
    """Per-row arrays of length ``n`` from result columns at positions ``pos``."""
    import numpy as np

    out = {}
    for name, col in cols.items():
        arr = np.full(n, "", dtype=object)
        arr[pos] = res[col].to_numpy(dtype=object)
        out[name] = arr
    return out


# ---------------------------------------------------------------------------- TOD-01
def tod01(ctx, feedback):
    import numpy as np
    import pandas as pd

    from cim.tod.rules import tod_area_radius

    sxy = _station_xy(ctx, _stations(ctx))
    radius = float(ctx.params.get("radius_m", 1000.0))
    areas = {s.id: s for s in ctx.select("tod_area")}
    for name in ctx.params.get("area_layers", ["tod_areas"]):
        areas.update({s.id: s for s in ctx.select("", layer=name)})
    out, n_areas, n_corr = [], 0, 0
    for sel in areas.values():
        rec = sel.rec
        res = tod_area_radius(ctx.geoms(rec), sxy, radius_m=radius)
        n_areas += len(res)
        bad = ~res["ok"].to_numpy()
        vals = {"distance_m": np.round(res["max_distance_m"].to_numpy(dtype=float), 1),
                "msg_vi": res["message_vi"].to_numpy(dtype=object), "msg_en": res["message_en"].to_numpy(dtype=object)}
        out += ctx.issues_for(rec, bad, "{layer} {id}: {msg_vi}", "{layer} {id}: {msg_en}", values=vals)
    for sel in ctx.select("corridor"):
        df = sel.rec.data
        if "buffer_m" not in df.columns:
            continue
        buf = pd.to_numeric(df["buffer_m"], errors="coerce").to_numpy(dtype=float)
        n_corr += int(np.isfinite(buf).sum())
        out += ctx.issues_for(
            sel.rec, np.isfinite(buf) & (buf > radius + 1e-9),
            "{layer} {id}: bán kính ảnh hưởng khai báo {buffer_m:g} m vượt giới hạn {radius:g} m quanh nhà ga",
            "{layer} {id}: declared influence distance {buffer_m:g} m exceeds the {radius:g} m station radius",
            values={"buffer_m": buf, "radius": radius})
    ctx.record(radius_m=radius, areas_checked=n_areas, corridors_checked=n_corr)
    if not n_areas and not n_corr:
        raise CheckSkipped("Đồ án không khai báo khu vực TOD (lớp tod_area hoặc bán kính ảnh hưởng của hành lang).",
                           "The plan declares no TOD area (a tod_area layer or a corridor influence distance).")
    return out


# ---------------------------------------------------------------------------- TOD-02
def tod02(ctx, feedback):
    import numpy as np

    from cim.tod.rules import far_over_cap

    from .checks_plots import _buildable

    stations = _stations(ctx)
    sxy = _station_xy(ctx, stations)
    p = ctx.params
    radius, factor = float(p.get("radius_m", 1000.0)), float(p.get("far_cap_factor", 1.5))
    qcvn = float(p.get("qcvn_far", 5.0))
    out, n_in, n_over, n_none = [], 0, 0, 0
    for sel in ctx.require("plot"):
        rec, df = sel.rec, sel.rec.data
        res = far_over_cap(df, sxy, radius_m=radius, qcvn_far=qcvn, factor=factor,
                           inside=_station_distance(ctx, stations, sxy, rec) <= radius)
        pos = np.flatnonzero(np.isin(df.index.to_numpy(), res["fid"].to_numpy()))
        no_far = ~np.isfinite(res["far"].to_numpy(dtype=float))
        # a plot that may not be built on needs no FAR (green space, roads): nothing to cap
        skip = no_far & ~_buildable(ctx, df)[pos]
        n_in += int((~skip).sum())
        n_over += int((~res["ok"] & ~no_far).sum())
        n_none += int((no_far & ~skip).sum())
        bad = np.zeros(len(df), dtype=bool)
        bad[pos] = ~res["ok"].to_numpy() & ~skip
        vals = _obj_values(res, len(df), pos, msg_vi="message_vi", msg_en="message_en")
        vals["cap"] = np.full(len(df), np.nan)
        vals["cap"][pos] = res["cap"].to_numpy(dtype=float)
        out += ctx.issues_for(rec, bad, "Lô {id} trong khu TOD: {msg_vi}", "Plot {id} in the TOD area: {msg_en}",
                              values=vals)
    ctx.record(radius_m=radius, far_cap_factor=factor, qcvn_far=qcvn, plots_in_area=n_in, over_cap=n_over,
               without_far=n_none)
    return out


def _station_distance(ctx, stations, sxy, rec):
    """Distance from each row's point-on-surface to the nearest station (inf without geometry), as
    :func:`cim.tod.scenarios.selected` measures it; kept in the run cache, patched for edited rows."""
    import numpy as np
    import shapely
    from scipy.spatial import cKDTree

    tree = cKDTree(np.atleast_2d(np.asarray(sxy, dtype=float)))

    def dist(geoms):
        ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        pts = np.zeros((len(geoms), 2))
        pts[ok] = shapely.get_coordinates(shapely.point_on_surface(geoms[ok]))
        return np.where(ok, tree.query(pts)[0], np.inf)

    def patch(d, changed, pos):
        if changed.id != rec.id:       # a station moved: measure again
            return None
        d[pos] = dist(np.asarray(changed.data.geometry.array[pos], dtype=object))
        return d
    key = ("tod_station_distance", rec.id, *(s.id for s in stations))
    return ctx.cache.get(key, lambda: dist(ctx.geoms(rec)), patch=patch)


# ---------------------------------------------------------------------------- TOD-03
def _station_rows(ctx, sels, station_ids):
    """{station_id: (selection, row position)} for the study's station ids (cim_id, else fid)."""
    import numpy as np

    found = {}
    for s in sels:
        df = s.rec.data
        ids = (df["cim_id"].astype(str).to_numpy() if "cim_id" in df.columns else df.index.astype(str).to_numpy())
        for sid in station_ids:
            hit = np.flatnonzero(ids == sid)
            if len(hit) and sid not in found:
                found[sid] = (s, int(hit[0]))
    return found


def _exceedances(rows) -> tuple[str, str]:
    """"walk 400 m: residents/ha 251 > 250, …; walk 800 m: …" in Vietnamese and English."""
    from cim.tod.capacity import CHECKS

    vi, en = [], []
    for _, r in rows.iterrows():
        ring = f"{r['kind']} {r['radius_m']:g} m"
        over = [(c, unit, name) for c, _, unit, name in CHECKS if bool(r.get(f"{c}_over", False))]
        vi_ring = f"{RING_VI.get(r['kind'], r['kind'])} {r['radius_m']:g} m"
        en.append(ring + ": " + ", ".join(f"{u} {r[c]:.1f} > {r[c + '_limit']:g}" for c, u, _ in over))
        vi.append(vi_ring + ": " + ", ".join(f"{n} {number(r[c], 1)} > {short(r[c + '_limit'])}" for c, _, n in over))
    return "; ".join(vi), "; ".join(en)


def tod03(ctx, feedback):
    import numpy as np

    sels = _stations(ctx)
    study = _study(ctx, feedback)
    p = ctx.params
    radius = float(p.get("radius_m", study.result.params.tod_radius_m))
    kind = str(p.get("catchment_kind", "walk"))
    field = str(p.get("evidence_field", "capacity_check"))
    # the study's capacity flags are capacity_required's, computed with the same parameters
    flags = study.result.capacity.assign(ok=~study.result.capacity["needs_capacity_check"])
    rows = flags[(flags["radius_m"] <= radius + 1e-9)]
    if kind in set(rows["kind"]):
        rows = rows[rows["kind"] == kind]
    else:
        rows = rows[rows["kind"] == "circle"]
    over = rows[~rows["ok"]]
    where = _station_rows(ctx, sels, list(dict.fromkeys(over["station_id"])))
    out, covered = [], []
    for sid, part in over.groupby("station_id", sort=True):
        sel, pos = where.get(sid, (None, None))
        df = sel.rec.data if sel is not None else None
        ref = str(df[field].iloc[pos]).strip() if df is not None and field in df.columns else ""
        if ref and ref.lower() not in ("nan", "none", "<na>"):
            covered.append(str(sid))
            continue
        why_vi, why_en = _exceedances(part)
        ev = dict(rings=[f"{k} {r:g} m" for k, r in zip(part["kind"], part["radius_m"], strict=True)],
                  water_m3_day=round(float(part["water_demand_m3_day"].max()), 1),
                  power_kw=round(float(part["power_demand_kw"].max()), 1))
        vi = (f"Nhà ga {{id}}: chỉ tiêu vượt ngưỡng tham chiếu QCVN ({why_vi}) nhưng đồ án chưa nêu đánh giá khả năng "
              f"đáp ứng hạ tầng (cấp nước, thoát nước, điện, giao thông; trường {field})")
        en = (f"Station {{id}}: indicators above the QCVN-like defaults ({why_en}) but the plan names no "
              f"infrastructure-capacity check (water, drainage, power, traffic; field {field})")
        if sel is None:
            out.append(ctx.project_issue(vi.format(id=sid), en.format(id=sid), evidence=ev))
            continue
        mask = np.zeros(len(df), dtype=bool)
        mask[pos] = True
        out += ctx.issues_for(sel.rec, mask, vi, en, values=ev)
    ctx.record(catchment_kind=str(rows["kind"].iloc[0]) if len(rows) else kind, radius_m=radius,
               rows_checked=len(rows), rows_over=len(over), stations_with_capacity_check=covered)
    return out


# ---------------------------------------------------------------------------- TOD-04
def tod04(ctx, feedback):
    import numpy as np

    from cim.tod.rules import intermodal_presence
    from cim.tod.study_cache import StudyMemo

    sels = _stations(ctx)
    study = _study(ctx, feedback)
    res, data = study.result, study.data
    radius = float(ctx.params.get("catchment_m", 800.0))
    st = res.stations.stations
    frame = res.catchments.frame
    polys = np.asarray(_circles(st, radius), dtype=object)
    used = np.full(len(st), "circle", dtype=object)
    walk = frame[(frame["kind"] == "walk") & (np.isclose(frame["radius_m"], radius))]
    if "status" in walk.columns:
        walk = walk[walk["status"] == "ok"]
    for sid, g in zip(walk["station_id"], walk.geometry, strict=True):
        k = np.flatnonzero(st["station_id"].to_numpy() == sid)
        if len(k) and g is not None and not g.is_empty:
            polys[k[0]], used[k[0]] = g, "walk"

    def presence():
        pres = intermodal_presence(st, data.elements, catchments=polys, net=data.net,
                                   max_snap_m=res.params.max_snap_m)
        pres["station_id"] = st["station_id"].to_numpy()
        return pres
    # it reads the stations, street network, catchments and elements only: kept across other edits
    memo = StudyMemo(ctx.cache, ctx.project, res.params)
    pres = ctx.cache.get(("tod04_presence", *memo.elem_lids, *memo.catch_lids, memo.tag, radius), presence)
    where = _station_rows(ctx, sels, list(pres["station_id"]))
    out = []
    for row in pres[~pres["ok"]].itertuples(index=False):
        sel, pos = where.get(row.station_id, (None, None))
        vi, en = f"Nhà ga {{id}}: {row.message_vi} ({radius:g} m)", f"Station {{id}}: {row.message_en} ({radius:g} m)"
        ev = {"missing": row.missing}
        if sel is None:
            out.append(ctx.project_issue(vi.format(id=row.station_id), en.format(id=row.station_id), evidence=ev))
            continue
        mask = np.zeros(len(sel.rec.data), dtype=bool)
        mask[pos] = True
        out += ctx.issues_for(sel.rec, mask, vi, en, values=ev)
    counts = {c: [int(v) for v in pres[c]] for c in pres.columns if c.startswith("n_")}
    ctx.record(catchment_m=radius, catchment=sorted(set(used.tolist())), **counts)
    return out


def _circles(stations, radius: float):
    import shapely

    return shapely.buffer(stations.geometry.values, radius, quad_segs=16)
