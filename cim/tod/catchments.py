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


def station_distances(net, stations, cutoff: float, *, mode: str, max_snap_m: float):
    """Per station: (reached node positions, walked metres) within ``cutoff``, snapping included, and the
    snapping distance (inf for a station with no usable source). Sparse: only reached nodes are kept."""
    from cim.network.analysis import reached, to_nodes

    pos, snap = to_nodes(net, stations.sources, mode)
    ok = snap <= max_snap_m
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


def network_sheds(net, stations, radii, *, kind: str, mode: str, params: TodParams,
                  feedback: Feedback | None = None):
    """Walk (or bicycle) catchment polygons per station and radius, with the circle ratio."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    fb = feedback or Feedback()
    radii = np.sort(np.asarray(radii, dtype=float))
    st = stations.stations
    n = len(st)
    dists, snap = station_distances(net, stations, float(radii[-1]), mode=mode, max_snap_m=params.max_snap_m)
    rows, messages = [], []
    xy = stations.xy
    for k in range(n):
        fb.raise_if_canceled("catchments")
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
        fb.set_progress((k + 1) / n)
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=st.crs), messages


def build_catchments(stations, net=None, params: TodParams | None = None, *,
                     feedback: Feedback | None = None) -> Catchments:
    """Circles for every radius, walksheds and bicycle catchments when a network is given."""
    import pandas as pd

    p = params or TodParams()
    fb = feedback or Feedback()
    parts = [circles(stations, p.radii)]
    messages: list[dict] = []
    if net is None:
        messages.append({"station_id": None, "kind": "walk",
                         "en": "no street network: walksheds and network indicators need a road layer",
                         "vi": "không có mạng đường: cần lớp đường để tính vùng đi bộ"})
    else:
        with fb.step(0.0, 0.7):
            walk, m = network_sheds(net, stations, p.radii, kind="walk", mode=p.walk_mode, params=p, feedback=fb)
        parts.append(walk)
        messages += m
        if p.bike_radii:
            with fb.step(0.7, 1.0):
                bike, m = network_sheds(net, stations, p.bike_radii, kind="bike", mode=p.bike_mode, params=p,
                                        feedback=fb)
            parts.append(bike)
            messages += m
    frame = pd.concat(parts, ignore_index=True)
    return Catchments(frame=frame.set_crs(stations.stations.crs, allow_override=True), messages=messages)
