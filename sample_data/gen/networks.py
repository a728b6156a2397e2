"""Water supply (a looped mesh under the streets) and storm drainage (downhill to river outlets)."""

from __future__ import annotations

import numpy as np
import shapely

from sample_data.gen.dem import Dem
from sample_data.gen.frame import SIZE, rng
from sample_data.gen.graph import Network, StreetGraph, oriented, street_graph
from sample_data.gen.layout import EAST_BANK_ROAD, RIVER_HALF_WIDTH, WEST_BANK_ROAD, Layout

COVER = 2.0  # drain invert below ground at every manhole (m)
OUTFALL_REACH = 75.0  # a sink this close to the river gets an outfall
WATER_DIAMETER = {"arterial": 400.0, "collector": 250.0, "local": 150.0}


def _on_boundary(xy) -> bool:
    return bool(min(xy[0], xy[1], SIZE - xy[0], SIZE - xy[1]) < 0.01)


def vehicle(r) -> bool:
    return r["road_class"] != "pedestrian"


def build_water(lay: Layout, inlet_xy, pump_xy) -> tuple[Network, StreetGraph]:
    """Pipes under every vehicular street (the bridge carries one too); valves at some junctions."""
    r = rng(5)
    g = street_graph(lay.roads, vehicle)
    net = Network("water")
    deg = g.degree()
    inlet = int(g.nearest_node([shapely.Point(inlet_xy)])[0])
    for i, xy in enumerate(g.xy):
        if i == inlet:
            net.add_node(xy, "supply_inlet", True, "Điểm đấu nối tuyến ống truyền dẫn D600")
        elif deg[i] == 1:
            net.add_node(xy, "boundary_connection" if _on_boundary(xy) else "end_cap", True)
        elif deg[i] >= 3 and r.random() < 0.35:
            net.add_node(xy, "valve", False, "Van khóa")
        else:
            net.add_node(xy, "junction", False)
    for a, b, geom, road in zip(g.u, g.v, g.geoms, g.roads):
        d = WATER_DIAMETER[road["road_class"]]
        net.add_edge(geom, int(a), int(b), f"Ống cấp nước D{d:.0f} – {road['name']}",
                     diameter_mm=d, material="Gang dẻo (DI)" if d >= 250 else "HDPE")
    # the booster pumping station feeds the mesh at its nearest junction
    near = int(g.nearest_node([shapely.Point(pump_xy)])[0])
    p = net.add_node(pump_xy, "pumping_station", True, "Trạm bơm tăng áp")
    net.add_edge(shapely.LineString([pump_xy, g.xy[near]]), p, near, "Ống đẩy trạm bơm D300",
                 diameter_mm=300.0, material="Gang dẻo (DI)")
    return net, g


def build_drainage(lay: Layout, dem: Dem) -> tuple[Network, dict]:
    """A downhill DAG under the streets: every pipe falls on the DEM and on its inverts, every sink
    is an outlet on the river bank. Streets whose water cannot reach the river by falling get no
    pipe (their last stretch towards a high boundary end is dropped)."""
    g = street_graph(lay.roads, lambda r: vehicle(r) and r["grade"] == "at_grade"
                     and r["name"] not in (WEST_BANK_ROAD, EAST_BANK_ROAD))
    z = dem.sample(g.xy)
    dz = z[g.u] - z[g.v]
    ok = np.abs(dz) >= 0.15
    src = np.where(dz > 0, g.u, g.v)[ok]
    dst = np.where(dz > 0, g.v, g.u)[ok]
    eidx = np.nonzero(ok)[0]
    d_river = shapely.distance(shapely.points(g.xy), lay.river_line)
    alive = np.ones(len(src), dtype=bool)
    while True:  # prune edges into sinks that are not by the river, until none is left
        outdeg = np.bincount(src[alive], minlength=g.n)
        indeg = np.bincount(dst[alive], minlength=g.n)
        bad = (outdeg == 0) & (indeg > 0) & (d_river > OUTFALL_REACH)
        drop = alive & bad[dst]
        if not drop.any():
            break
        alive &= ~drop
    src, dst, eidx = src[alive], dst[alive], eidx[alive]
    used = np.unique(np.r_[src, dst])
    outdeg = np.bincount(src, minlength=g.n)
    indeg = np.bincount(dst, minlength=g.n)
    net = Network("drainage")
    idx = {}
    for i in used:
        kind = "inlet" if indeg[i] == 0 and outdeg[i] == 1 else "manhole"
        idx[i] = net.add_node(g.xy[i], kind, kind == "inlet", invert_m=round(float(z[i]) - COVER, 2))
    # catchment length upstream of each edge, for the pipe size
    order = np.argsort(-z[src], kind="stable")
    upstream = np.zeros(g.n)
    length = shapely.length(g.geoms[eidx])
    carried = np.zeros(len(src))
    for k in order:
        carried[k] = upstream[src[k]] + length[k]
        upstream[dst[k]] += carried[k]
    for k in range(len(src)):
        a, b = int(src[k]), int(dst[k])
        geom = oriented(g.geoms[eidx[k]], g.xy[a])
        road = g.roads[eidx[k]]
        dia = 400.0 if carried[k] < 500 else 600.0 if carried[k] < 1500 else 800.0 if carried[k] < 3000 else 1000.0
        net.add_edge(geom, idx[a], idx[b], f"Cống thoát nước mưa D{dia:.0f} – {road['name']}",
                     diameter_mm=dia, material="Bê tông cốt thép (BTCT)",
                     invert_up_m=round(float(z[a]) - COVER, 2), invert_down_m=round(float(z[b]) - COVER, 2))
    # outfalls: every sink gets a short pipe to an outlet on the river bank
    outlets = []
    river_in = shapely.intersection(lay.river_line, shapely.buffer(lay.boundary, -5.0))
    for i in used:
        if outdeg[i] == 0 and indeg[i] > 0:
            p = np.asarray(g.xy[i])
            q = np.asarray(river_in.interpolate(river_in.project(shapely.Point(p))).coords[0])
            o = q + (p - q) / np.hypot(*(p - q)) * (RIVER_HALF_WIDTH + 2.0)
            zo = float(dem.sample(o)[0])
            inv_o = round(min(zo - 1.0, float(z[i]) - COVER - 0.2), 2)
            j = net.add_node(o, "outlet", True, f"Cửa xả ra {'Ngòi Thụy Vân'}", invert_m=inv_o)
            net.add_edge(shapely.LineString([p, o]), idx[i], j, "Cống xả D1000", diameter_mm=1000.0,
                         material="Bê tông cốt thép (BTCT)", invert_up_m=round(float(z[i]) - COVER, 2),
                         invert_down_m=inv_o)
            outlets.append(j)
    return net, {"graph": g, "z": z, "outlets": outlets, "node_index": idx}
