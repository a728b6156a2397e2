"""Station catchments: Euclidean rings and network walksheds / bicycle catchments.

Method (DOMAIN.md §7). A station's walk sources (its entrances, else the station point) are snapped
to the nearest node open to the mode (:func:`cim.network.analysis.to_nodes`); the snapping distance is
walked too, and a station whose sources all lie farther than ``max_snap_m`` from a walkable node is
"outside the pedestrian network": it keeps its Euclidean rings, its walkshed row says why it has none.
One Dijkstra per source to the largest radius (:func:`cim.network.analysis.reached`) gives every ring:
an edge is reached in full when the budgets left at its two ends cover it, else the part the budget
covers from each reached end (the network engineer's rule, :mod:`cim.network.walkshed`). The pieces
are buffered by ``buffer_m`` and unioned, holes filled (a block ringed by reached streets is inside), ring by ring, each ring adding only what the previous one
lacked; the polygon is clipped to its circle, so ``circle_ratio`` = walkshed area ÷ π r² is in (0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cim.feedback import Feedback
from cim.tod.params import TodParams

COLUMNS = ("station", "station_id", "name", "kind", "radius_m", "area_m2", "circle_ratio", "snap_m",
           "reached_nodes", "status", "message")
KIND_VI = {"circle": "vòng tròn", "walk": "đi bộ", "bike": "xe đạp"}


@dataclass
class Catchments:
    """One row per station × kind ("circle", "walk", "bike") × radius; geometry None where none exists."""

    frame: Any                              # GeoDataFrame with COLUMNS
    messages: list[dict] = field(default_factory=list)

    def of(self, kind: str):
        return self.frame[self.frame["kind"] == kind]


def circles(stations, radii) -> Any:
    import geopandas as gpd
    import pandas as pd
    import shapely

    st = stations.stations
    n, radii = len(st), np.asarray(radii, dtype=float)
    row, rad = np.repeat(np.arange(n), len(radii)), np.tile(radii, n)
    geoms = shapely.buffer(st.geometry.values[row], rad, quad_segs=16)
    return gpd.GeoDataFrame(pd.DataFrame({
        "station": row, "station_id": st["station_id"].to_numpy()[row], "name": st["name"].to_numpy()[row],
        "kind": "circle", "radius_m": rad, "area_m2": np.pi * rad ** 2, "circle_ratio": 1.0, "snap_m": 0.0,
        "reached_nodes": 0, "status": "ok", "message": ""}), geometry=geoms, crs=st.crs)


def station_distances(net, stations, cutoff: float, *, mode: str, max_snap_m: float, only=None):
    """Per station: (reached node positions, walked metres) within ``cutoff``, snapping included, and the
    snapping distance (inf for a station with no usable source). Sparse: only reached nodes are kept.
    ``only``: the stations searched (the others get no reached node)."""
    from cim.network.analysis import reached, to_nodes

    pos, snap = to_nodes(net, stations.sources, mode)
    ok = snap <= max_snap_m
    if only is not None:
        ok &= np.isin(stations.source_station, np.asarray(list(only), dtype=np.int64))
    n = len(stations)
    best_snap = np.full(n, np.inf)
    np.minimum.at(best_snap, stations.source_station, snap)
    out: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros(0, np.int64), np.zeros(0))] * n
    src = np.flatnonzero(ok)
    node_ids = net.nodes["node_id"].to_numpy()
    acc: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for lo in range(0, len(src), 8):              # 8 sources per Dijkstra call bounds the dense rows
        chunk = src[lo:lo + 8]
        dist = reached(net, node_ids[pos[chunk]], cutoff, mode=mode)
        for r, s in enumerate(chunk):
            nodes = np.flatnonzero(dist[r] <= cutoff - snap[s])
            d = dist[r, nodes] + snap[s]
            k = int(stations.source_station[s])
            if k in acc:                            # several entrances: the nearest one counts
                pn, pd_ = acc[k]
                allp, alld = np.r_[pn, nodes], np.r_[pd_, d]
                o = np.lexsort((alld, allp))
                allp, alld = allp[o], alld[o]
                first = np.r_[True, allp[1:] != allp[:-1]]
                acc[k] = (allp[first], alld[first])
            else:
                acc[k] = (nodes, d)
    for k, v in acc.items():
        out[k] = v
    return out, best_snap


def _pieces(net, nodes, d, radii, *, mode: str):
    """For each radius, the reached geometry pieces (full edges and partial prefixes), vectorised."""
    import shapely

    from cim.network.walkshed import incidence, line_prefix

    cost, fw, bw = net.edge_cost(mode, "length")
    e = np.unique(incidence(net)[nodes].indices)
    full_d = np.full(net.n_nodes, np.inf)
    full_d[nodes] = d
    du, dv, c = full_d[net.iu[e]], full_d[net.iv[e]], cost[e]
    geoms = np.asarray(net.edges.geometry.values[e], dtype=object)
    length = net.edges["length"].to_numpy(dtype=float)[e]
    out = []
    for r in radii:
        with np.errstate(invalid="ignore", divide="ignore"):
            au = np.where(fw[e] & np.isfinite(du), np.clip(np.where(c > 0, (r - du) / c, 1.0), 0, 1), 0.0)
            av = np.where(bw[e] & np.isfinite(dv), np.clip(np.where(c > 0, (r - dv) / c, 1.0), 0, 1), 0.0)
        whole = au + av >= 1.0
        su, sv = ~whole & (au > 0), ~whole & (av > 0)
        parts = line_prefix(np.concatenate([geoms[su], shapely.reverse(geoms[sv])]), np.r_[au[su] * length[su],
                                                                                av[sv] * length[sv]])
        out.append((e[whole], np.concatenate([geoms[whole], parts])))
    return out


def _fill_holes(geom):
    """Blocks enclosed by reached streets belong to the walkshed (the "generalised" service area)."""
    import shapely

    parts = shapely.get_parts(geom)
    return shapely.union_all(shapely.polygons(shapely.get_exterior_ring(parts)))


def shed_rows(net, stations, radii, *, kind: str, mode: str, params: TodParams, only=None,
              feedback: Feedback | None = None) -> dict:
    """``{station: (catchment rows, messages)}`` of the walk (or bicycle) catchments of the stations
    ``only`` (all by default): one row per radius. A station's rows depend only on the streets within
    ``max(radius, max_snap_m, its snapping distance)`` of its sources (network distance ≥ straight line)."""
    import shapely

    fb = feedback or Feedback()
    radii = np.sort(np.asarray(radii, dtype=float))
    st = stations.stations
    n = len(st)
    todo = range(n) if only is None else sorted(int(k) for k in only)
    dists, snap = station_distances(net, stations, float(radii[-1]), mode=mode, max_snap_m=params.max_snap_m,
                                    only=only)
    out = {}
    xy = stations.xy
    for done, k in enumerate(todo):
        fb.raise_if_canceled("catchments")
        rows, messages = out[k] = ([], [])
        nodes, d = dists[k]
        base = {"station": k, "station_id": st["station_id"].iat[k], "name": st["name"].iat[k], "kind": kind,
                "snap_m": float(snap[k])}
        if not np.isfinite(snap[k]) or snap[k] > params.max_snap_m:
            msg = (f"station {st['name'].iat[k]} lies {snap[k]:.0f} m from the nearest street open to {mode} "
                   f"(more than {params.max_snap_m:.0f} m): no {kind} catchment; Euclidean rings only")
            msg_vi = (f"ga {st['name'].iat[k]} cách đường {KIND_VI.get(kind, kind)} gần nhất {snap[k]:.0f} m "
                      f"(quá {params.max_snap_m:.0f} m): không có vùng {KIND_VI.get(kind, kind)}, chỉ có vòng tròn")
            messages.append({"station_id": base["station_id"], "kind": kind, "en": msg, "vi": msg_vi})
            rows += [{**base, "radius_m": r, "area_m2": np.nan, "circle_ratio": np.nan, "reached_nodes": 0,
                      "status": "outside_network", "message": msg, "geometry": None} for r in radii]
            continue
        prev_poly, prev_full = None, np.zeros(0, np.int64)
        centre = shapely.Point(xy[k])
        for r, (full, pieces) in zip(radii, _pieces(net, nodes, d, radii, mode=mode), strict=True):
            new = pieces
            if prev_poly is not None:       # full edges of the previous ring are already inside it
                keep_full = ~np.isin(full, prev_full)
                new = np.concatenate([pieces[:len(full)][keep_full], pieces[len(full):]])
            bufs = shapely.buffer(new, params.buffer_m, quad_segs=2) if len(new) else np.zeros(0, object)
            parts = list(bufs) + ([prev_poly] if prev_poly is not None else [])
            poly = _fill_holes(shapely.union_all(parts)) if parts else shapely.buffer(centre, params.buffer_m)
            prev_poly, prev_full = poly, full
            clipped = shapely.intersection(poly, shapely.buffer(centre, r, quad_segs=16))
            area = float(shapely.area(clipped))
            n_reached = int((d <= r).sum())
            status, msg = "ok", ""
            if n_reached <= 1 or area <= 0:
                status = "empty"
                msg = f"station {base['name']}: the {kind} catchment of {r:.0f} m reaches no street"
                messages.append({"station_id": base["station_id"], "kind": kind, "en": msg,
                                 "vi": f"ga {base['name']}: vùng {KIND_VI.get(kind, kind)} {r:.0f} m "
                                       "không tới được đường nào"})
            rows.append({**base, "radius_m": r, "area_m2": area, "circle_ratio": area / (np.pi * r * r),
                         "reached_nodes": n_reached, "status": status, "message": msg, "geometry": clipped})
        fb.set_progress((done + 1) / len(todo))
    return out


def sheds_frame(per_station: dict, crs):
    """The catchment frame and messages of :func:`shed_rows` (every station, in station order)."""
    import geopandas as gpd
    import pandas as pd

    rows = [r for k in sorted(per_station) for r in per_station[k][0]]
    messages = [m for k in sorted(per_station) for m in per_station[k][1]]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=crs), messages


def network_sheds(net, stations, radii, *, kind: str, mode: str, params: TodParams,
                  feedback: Feedback | None = None):
    """Walk (or bicycle) catchment polygons per station and radius, with the circle ratio."""
    per = shed_rows(net, stations, radii, kind=kind, mode=mode, params=params, feedback=feedback)
    return sheds_frame(per, stations.stations.crs)


def catchment_parts(stations, net=None, params: TodParams | None = None, *,
                    feedback: Feedback | None = None) -> dict:
    """What :func:`build_catchments` assembles: the circles, and the rows of each network kind per
    station (``{kind: (radii, mode, {station: (rows, messages)})}``), so a road edit redoes a few stations."""
    p = params or TodParams()
    fb = feedback or Feedback()
    parts: dict = {"circles": circles(stations, p.radii), "crs": stations.stations.crs, "sheds": {}}
    if net is not None:
        kinds = [("walk", p.radii, p.walk_mode, 0.0, 0.7 if p.bike_radii else 1.0)]
        if p.bike_radii:
            kinds.append(("bike", p.bike_radii, p.bike_mode, 0.7, 1.0))
        for kind, radii, mode, lo, hi in kinds:
            with fb.step(lo, hi):
                parts["sheds"][kind] = (radii, mode, shed_rows(net, stations, radii, kind=kind, mode=mode,
                                                               params=p, feedback=fb))
    return parts


def assemble_catchments(parts: dict) -> Catchments:
    import pandas as pd

    frames, messages = [parts["circles"]], []
    if not parts["sheds"]:
        messages.append({"station_id": None, "kind": "walk",
                         "en": "no street network: walksheds and network indicators need a road layer",
                         "vi": "không có mạng đường: cần lớp đường để tính vùng đi bộ"})
    for _, _, per in parts["sheds"].values():
        f, m = sheds_frame(per, parts["crs"])
        frames.append(f)
        messages += m
    frame = pd.concat(frames, ignore_index=True)
    return Catchments(frame=frame.set_crs(parts["crs"], allow_override=True), messages=messages)


def build_catchments(stations, net=None, params: TodParams | None = None, *,
                     feedback: Feedback | None = None) -> Catchments:
    """Circles for every radius, walksheds and bicycle catchments when a network is given."""
    return assemble_catchments(catchment_parts(stations, net, params, feedback=feedback))


def changed_edges(old, new) -> np.ndarray:
    """Geometries of the edges of network ``old`` not in ``new`` and of ``new`` not in ``old`` (same id,
    geometry and attributes): where a road edit changed the street network."""
    import pandas as pd
    import shapely

    def keys(net):                        # kept on the network: the next edit compares with it again
        if "tod_edge_keys" not in net._cache:
            e = net.edges
            attrs = pd.util.hash_pandas_object(pd.DataFrame(e.drop(columns=e.geometry.name)), index=False)
            wkb = pd.util.hash_array(shapely.to_wkb(np.asarray(e.geometry.values, dtype=object)).astype(object))
            net._cache["tod_edge_keys"] = attrs.to_numpy() ^ (wkb * np.uint64(0x9E3779B97F4A7C15))
        return net._cache["tod_edge_keys"]
    ko, kn = keys(old), keys(new)
    go = np.asarray(old.edges.geometry.values, dtype=object)[~np.isin(ko, kn)]
    gn = np.asarray(new.edges.geometry.values, dtype=object)[~np.isin(kn, ko)]
    return np.concatenate([go, gn])


def redo_near(parts: dict, stations, net, changed: np.ndarray, params: TodParams,
              feedback: Feedback | None = None) -> dict:
    """The catchment parts after a road edit that changed the edges ``changed``: only the stations with a
    source within ``max(radius, max_snap_m, its snapping distance) + buffer_m`` of them are searched again
    (a walk of ``r`` metres stays within ``r`` of its source), the others keep their rows (and polygons)."""
    import shapely

    if not len(changed):
        return parts
    tree = shapely.STRtree(changed)
    pts = shapely.points(stations.sources)
    out = dict(parts, sheds={})
    for kind, (radii, mode, per) in parts["sheds"].items():
        snap = np.array([max((r["snap_m"] for r in per[k][0]), default=np.inf) for k in
                         range(len(stations))], dtype=float)
        reach = max(float(np.max(radii)), params.max_snap_m) + params.buffer_m
        far = np.where(np.isfinite(snap), np.maximum(snap[stations.source_station], reach), np.inf)
        if np.isinf(far).any():           # a source with no snapping distance: its station is searched again
            hit = set(stations.source_station[np.isinf(far)].tolist())
            far = np.where(np.isinf(far), 0.0, far)
        else:
            hit = set()
        si, _ = tree.query(pts, predicate="dwithin", distance=far)
        hit |= set(stations.source_station[np.unique(si)].tolist())
        new = dict(per)
        if hit:
            redone = shed_rows(net, stations, radii, kind=kind, mode=mode, params=params, only=hit,
                               feedback=feedback)
            new.update({k: v if not _same_rows(per[k], v) else per[k] for k, v in redone.items()})
        out["sheds"][kind] = (radii, mode, new)
    return out


def _same_rows(a, b) -> bool:
    """The very same rows and polygons (compared as WKB): the old ones, and their polygon objects, are kept
    (the overlays kept by an incremental check are reused for the same objects)."""
    import shapely

    (ra, ma), (rb, mb) = a, b
    if ma != mb or len(ra) != len(rb):
        return False
    for x, y in zip(ra, rb, strict=True):
        gx, gy = x["geometry"], y["geometry"]
        if (gx is None) != (gy is None) or gx is not None and shapely.to_wkb(gx) != shapely.to_wkb(gy):
            return False
        if {k: v for k, v in x.items() if k != "geometry"} != {k: v for k, v in y.items() if k != "geometry"}:
            return False
    return True
