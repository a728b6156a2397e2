"""INF-03, INF-05 and the Python parts of SMT rules (adaptive signals at junctions, flood sensors at
DEM low points). Networks are built and validated with ``cim.network`` (vectorised)."""

from __future__ import annotations

from cim.checks.base import CheckSkipped
from cim.report.numbers import number, short


def _label(code: str, lang: str) -> str:
    try:
        from cim.model.taxonomy import smart_systems

        s = smart_systems().get(code)
        return s.name(lang) if s else code
    except ImportError:  # pragma: no cover
        return code


def inf03(ctx, feedback):
    import numpy as np

    from cim.checks.conditions import condition_mask

    out = []
    for sel in ctx.require("smart_element"):
        df = sel.rec.data
        if "system" not in df.columns:
            continue
        empty = condition_mask(df, {"field": "open_standard", "op": "empty"})
        systems = df["system"].astype("string").fillna("")
        for system in sorted(set(systems[empty])):
            m = empty & (systems == system).to_numpy()
            total = int((systems == system).sum())
            ids, fids = ctx.ids(sel.rec)[m], ctx.fids(sel.rec)[m]
            b = ctx.bounds(sel.rec)[m]
            bbox = (np.nanmin(b[:, 0]), np.nanmin(b[:, 1]), np.nanmax(b[:, 2]), np.nanmax(b[:, 3]))
            whole = int(m.sum()) == total
            vi, en = _label(system, "vi"), _label(system, "en")
            out.append(ctx.project_issue(
                (f"Hệ thống “{vi}” không nêu tiêu chuẩn mở nào ({total} phần tử)" if whole else
                 f"Hệ thống “{vi}”: {int(m.sum())}/{total} phần tử chưa nêu tiêu chuẩn mở"),
                (f"System '{en}' names no open standard ({total} elements)" if whole else
                 f"System '{en}': {int(m.sum())}/{total} elements name no open standard"),
                layer=sel.rec, fids=fids, object_ids=ids, bbox=bbox,
                evidence={"system": system, "without_standard": int(m.sum()), "elements": total}))
    return out


def _dem(ctx):
    rasters = [r for r in ctx.rasters() if "dem" in r.name.lower() or "địa hình" in r.name.lower()]
    if not rasters:
        return None

    def read():
        with rasters[0].data.open() as ds:
            return ds.read(1).astype(float), ds.transform, ds.nodata
    return ctx.cache.get(("dem", rasters[0].id), read)


def _network_of(ctx, sel, nodes: dict, tol: float):
    """The network of an edge layer: as built (``u``/``v`` topology of ``network build``) when the layer
    carries it, so INF-05 and ``cimstudio network validate`` see the same graph; else built from the lines."""
    from cim.network.layers import from_frames
    from cim.network.topology import attach_declared_nodes, build_network
    from cim.network.validate import canonical_system

    rec = sel.rec
    info = rec.source.get("network") if isinstance(rec.source, dict) else None
    data = rec.data
    if info and info.get("role") == "edges" and {"edge_id", "u", "v", "length"} <= set(data.columns):
        system = canonical_system(info.get("system") or "")
        nrec = next((r for r in ctx.project.layers.values() if r.name == info.get("nodes_layer")), None)
        if nrec is not None:
            ctx.read(nrec.id)
            return from_frames(data, nrec.data, system=system, crs=rec.crs), nrec, system
    system = canonical_system(_system_of(sel, data))
    net = build_network(data, system=system, tolerance=tol, layer=rec.name)
    nrec = nodes.get(system)
    if nrec is not None and len(nrec.data):
        net = attach_declared_nodes(net, nrec.data, tolerance=tol, layer=nrec.name)
    return net, nrec, system


def _system_of(sel, data) -> str:
    if sel.layer_system:
        return sel.layer_system
    if "system" in data.columns and len(data):
        vals = data["system"].dropna().astype(str)
        if len(vals):
            return str(vals.iloc[0])
    return sel.rec.name


def inf05(ctx, feedback):
    """INF-05: every network validated with :func:`cim.network.validate.validate_network` — the same
    function (and, for built networks, the same stored topology) as ``cimstudio network validate``;
    utility lines are checked against the project's buildings (NET-CROSS-BUILDING)."""
    import numpy as np

    from cim.network.checks import components
    from cim.network.validate import UTILITIES, canonical_system, validate_network

    edges = ctx.require("network_edge")
    nodes = {canonical_system(s.layer_system): s.rec for s in ctx.select("network_node") if s.layer_system}
    wanted = set(ctx.params.get("rules", []))
    tol = float(ctx.params.get("tolerance_m", 0.05))
    dem = _dem(ctx)
    buildings = [s.rec.data for s in ctx.select("building")]
    if buildings:
        import pandas as pd

        buildings = pd.concat(buildings, ignore_index=True) if len(buildings) > 1 else buildings[0]
    out, parts = [], {}
    for sel in edges:
        rec = sel.rec
        net, nrec, system = _network_of(ctx, sel, nodes, tol)
        ncomp, lab = components(net)
        parts[rec.name] = ncomp
        found = validate_network(net, tolerance=tol, dem=dem,
                                 dem_tolerance_m=float(ctx.params.get("dem_tolerance_m", 0.1)),
                                 buildings=buildings if len(buildings) and system in UTILITIES else None)
        found = [f for f in found if not wanted or f.code in wanted]
        if not found:
            continue
        e, n = net.edges, net.nodes
        ecim = e["cim_id"].astype("string").fillna("").to_numpy(dtype=object) if "cim_id" in e else np.full(len(e), "", object)
        ncim = n["cim_id"].astype("string").fillna("").to_numpy(dtype=object) if "cim_id" in n else np.full(len(n), "", object)
        for f in found:
            objs: list[str] = []
            node_id, edge_id = f.extra.get("node_id"), f.extra.get("edge_id")
            if node_id is not None:
                k = int(net.node_positions([node_id])[0])
                objs.append(ncim[k])
                if f.code == "NET-COMPONENT":
                    objs += list(ecim[lab[net.iu] == lab[k]])
                else:
                    objs += list(ecim[(net.iu == k) | (net.iv == k)])
            if edge_id is not None:
                objs += list(ecim[e["edge_id"].to_numpy() == edge_id])
            objs = list(dict.fromkeys(o for o in objs if o))
            layer_rec = nrec if node_id is not None and f.code == "NET-DANGLE" and nrec is not None else rec
            evidence = {"net_rule": f.code, "system": system}
            if f.code == "NET-CROSS-BUILDING":
                evidence["building"] = str(f.extra.get("building", ""))
            x, y = f.bbox[:2]
            out.append(ctx.project_issue(
                f"[{f.code}] {rec.name}: {f.message.vi}", f"[{f.code}] {rec.name}: {f.message.en}",
                layer=layer_rec, object_ids=objs, bbox=(x - 5, y - 5, x + 5, y + 5), location=f.location,
                evidence=evidence))
    ctx.record(components=parts)
    return out


def _junctions(ctx, roads, p):
    """Road ends shared by ≥ ``min_degree`` lines of which ≥ 2 are major (cached per road layer)."""
    import numpy as np
    import pandas as pd
    import shapely

    ends, major = [], []
    for sel in roads:
        df = sel.rec.data
        col = next((c for c in ("road_class", "class") if c in df.columns), None)
        g = ctx.geoms(sel.rec)
        ok = ~shapely.is_missing(g) & ~shapely.is_empty(g)
        g = g[ok]
        is_major = df[col].astype(object).isin(p.get("classes", ["arterial", "collector"])).to_numpy()[ok] \
            if col else np.zeros(len(g), bool)
        for which in (0, -1):
            ends.append(shapely.get_coordinates(shapely.get_point(g, which)))
            major.append(is_major)
    xy = np.round(np.concatenate(ends), 1)
    maj = np.concatenate(major)
    key = pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1], "m": maj.astype(int)})
    agg = key.groupby(["x", "y"], sort=True).agg(deg=("m", "size"), major=("m", "sum")).reset_index()
    return agg[(agg["deg"] >= int(p.get("min_degree", 4))) & (agg["major"] >= 2)]


def adaptive_junctions(ctx, feedback):
    """Part of SMT-TRAFFIC: junctions of ≥ ``min_degree`` road ends where ≥ 2 major roads meet need an
    adaptive signal within ``distance_m``; share ≥ ``min_share``."""
    import numpy as np
    import shapely

    p = ctx.params
    roads = ctx.require("road")
    key = ("junctions", *[s.id for s in roads], str(p.get("classes")), int(p.get("min_degree", 4)))
    j = ctx.cache.get(key, lambda: _junctions(ctx, roads, p))
    if not len(j):
        raise CheckSkipped("Không có nút giao chính nào.", "No major junction in the road network.")
    pts = shapely.points(j["x"].to_numpy(), j["y"].to_numpy())
    sig = [ctx.geoms(s.rec)[ctx.rows(s) & (s.rec.data["type"].astype("string") == "adaptive_signal").fillna(False).to_numpy()]
           for s in ctx.select("smart_element") if "type" in s.rec.data.columns]
    sig = np.concatenate(sig) if sig else np.empty(0, dtype=object)
    tree = shapely.STRtree(sig)
    hit = np.zeros(len(pts), dtype=bool)
    if len(sig):
        hit[np.unique(tree.query(pts, predicate="dwithin", distance=float(p.get("distance_m", 30.0)))[0])] = True
    share = float(hit.mean())
    need = float(p.get("min_share", 0.8))
    ctx.record(junctions=len(pts), with_signal=int(hit.sum()), share=round(share, 4), min_share=need)
    if share >= need:
        return []
    miss = pts[~hit]
    return [ctx.project_issue(
        f"{int(hit.sum())}/{len(pts)} nút giao chính ({share:.0%}) có đèn tín hiệu thích ứng, yêu cầu ≥ {need:.0%}",
        f"{int(hit.sum())}/{len(pts)} major junctions ({share:.0%}) have an adaptive signal, required ≥ {need:.0%}",
        bbox=shapely.bounds(shapely.multipoints(miss)), location=shapely.to_wkt(shapely.multipoints(miss[:50]), rounding_precision=1),
        evidence={"missing_junctions": int((~hit).sum())})]


def dem_low_points(ctx, feedback):
    """Part of SMT-DRAIN: every low area of the DEM (cells under the ``percentile``, connected, at
    least ``min_area_m2``) has a flood or water-level sensor within ``distance_m``."""
    import numpy as np
    import shapely
    from scipy import ndimage

    p = ctx.params
    dem = _dem(ctx)
    if dem is None:
        raise CheckSkipped("Dự án không có mô hình số độ cao (DEM).", "The project has no DEM.")
    arr, transform, nodata = dem
    valid = np.isfinite(arr) & ((arr != nodata) if nodata is not None else True)
    level = np.percentile(arr[valid], float(p.get("percentile", 5.0)))
    low = valid & (arr <= level)
    labels, n = ndimage.label(low)
    cell = abs(transform.a * transform.e)
    sizes = np.bincount(labels.ravel(), minlength=n + 1) * cell
    zones = [k for k in range(1, n + 1) if sizes[k] >= float(p.get("min_area_m2", 2000.0))]
    types = p.get("sensor_types", ["flood_sensor", "water_level_sensor"])
    sens = [ctx.geoms(s.rec)[(s.rec.data["type"].astype("string").isin(types)).fillna(False).to_numpy()]
            for s in ctx.select("smart_element") if "type" in s.rec.data.columns]
    sens = np.concatenate(sens) if sens else np.empty(0, dtype=object)
    tree = shapely.STRtree(sens)
    d = float(p.get("distance_m", 150.0))
    out, covered = [], 0
    for k in zones:
        r, c = np.nonzero(labels == k)
        x = transform.c + transform.a * (c + 0.5) + transform.b * (r + 0.5)
        y = transform.f + transform.d * (c + 0.5) + transform.e * (r + 0.5)
        pts = shapely.points(x, y)
        ok = len(sens) and len(tree.query(pts, predicate="dwithin", distance=d)[0])
        if ok:
            covered += 1
            continue
        lo = int(np.argmin(arr[r, c]))
        out.append(ctx.project_issue(
            f"Vùng trũng {number(sizes[k])} m² (cao độ ≤ {number(level, 2)} m) không có cảm biến ngập trong {short(d)} m",
            f"Low area of {sizes[k]:.0f} m² (elevation ≤ {level:.2f} m) has no flood sensor within {d:g} m",
            bbox=(float(x.min()), float(y.min()), float(x.max()), float(y.max())),
            location=f"POINT ({x[lo]:.1f} {y[lo]:.1f})", evidence={"area_m2": round(float(sizes[k]), 1)}))
    ctx.record(low_areas=len(zones), covered=covered, level_m=round(float(level), 3))
    return out
