"""Power (22 kV feeders from a 110 kV substation), telecom (fibre from the exchange) and street
lighting (one chain of poles per circuit, each fed by a cabinet)."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.ops import substring

from sample_data.gen.graph import Network, StreetGraph, oriented
from sample_data.gen.layout import ROAD_CLASSES, Layout

POLE_SPACING = 40.0
CIRCUIT_MAX = 1000.0


def _attach_point(plot, node_xy) -> np.ndarray:
    """A point just inside ``plot`` on the side facing ``node_xy``."""
    near = np.asarray(shapely.shortest_line(shapely.Point(node_xy), plot).coords[1])
    c = np.asarray(shapely.point_on_surface(plot).coords[0])
    d = c - near
    return near + d / max(np.hypot(*d), 1e-9) * 4.0


def _tree_network(system: str, g: StreetGraph, root_xy, root_kind: str, root_name: str,
                  leaves: list[tuple[np.ndarray, str, str]], edge_extra: dict, leaf_extra: dict,
                  junction_kind: str) -> tuple[Network, dict]:
    """Shortest-path tree from a root along the streets to every leaf (a Steiner-like tree whose
    only degree-1 nodes are the root and the leaves, all declared terminals)."""
    net = Network(system)
    root_g = int(g.nearest_node([shapely.Point(root_xy)])[0])
    leaf_g = g.nearest_node(shapely.points([xy for xy, _, _ in leaves]))
    used = g.tree_to(root_g, leaf_g)
    idx = {}
    for i in np.unique(np.r_[g.u[used], g.v[used], root_g]):
        idx[int(i)] = net.add_node(g.xy[i], junction_kind, False)
    for k in used:
        a, b = int(g.u[k]), int(g.v[k])
        net.add_edge(g.geoms[k], idx[a], idx[b], f"{edge_extra['label']} – {g.roads[k]['name']}",
                     **{k2: v for k2, v in edge_extra.items() if k2 != "label"})
    r = net.add_node(root_xy, root_kind, True, root_name)
    net.add_edge(shapely.LineString([root_xy, g.xy[root_g]]), r, idx[root_g], f"{edge_extra['label']} – đầu nguồn",
                 **{k2: v for k2, v in edge_extra.items() if k2 != "label"})
    leaf_ids = []
    for (xy, kind, name), gi in zip(leaves, leaf_g):
        j = net.add_node(xy, kind, True, name)
        net.add_edge(shapely.LineString([g.xy[gi], xy]), idx[int(gi)], j, f"{edge_extra['label']} – nhánh",
                     **{k2: v for k2, v in leaf_extra.items()})
        leaf_ids.append(j)
    return net, {"root": r, "leaves": leaf_ids}


def build_energy(g: StreetGraph, substation_plot, plots, gfa) -> tuple[Network, dict]:
    """22 kV feeders from the substation to a transformer in every plot with much floor area."""
    root_xy = np.asarray(shapely.point_on_surface(substation_plot).coords[0])
    order = np.argsort(-gfa, kind="stable")
    chosen = [i for i in order if gfa[i] >= 9000.0][:60]
    chosen.sort()
    near = g.nearest_node(shapely.point_on_surface(np.array([plots[i] for i in chosen], dtype=object)))
    leaves = [(_attach_point(plots[i], g.xy[n]), "transformer", f"Trạm biến áp phân phối 22/0,4 kV số {k + 1}")
              for k, (i, n) in enumerate(zip(chosen, near))]
    edge = {"label": "Cáp ngầm trung thế 22 kV", "voltage_kv": 22.0, "cable_type": "XLPE 3x240 mm²"}
    leaf = {"voltage_kv": 22.0, "cable_type": "XLPE 3x95 mm²"}
    net, info = _tree_network("energy", g, root_xy, "substation", "Trạm biến áp 110/22 kV Thụy Vân",
                              leaves, edge, leaf, "junction")
    info["leaf_plots"] = chosen
    return net, info


def build_telecom(g: StreetGraph, exchange_xy, sites: list[tuple[np.ndarray, str, str]]) -> tuple[Network, dict]:
    """Fibre from the exchange (in the IOC building's plot) to radio sites and street cabinets."""
    edge = {"label": "Tuyến cáp quang", "cable_type": "Cáp quang ngầm", "fibre_count": 96}
    leaf = {"cable_type": "Cáp quang ngầm", "fibre_count": 24}
    return _tree_network("telecom", g, np.asarray(exchange_xy), "exchange", "Tổng đài / trung tâm dữ liệu IOC",
                         sites, edge, leaf, "handhole")


def build_lighting(lay: Layout) -> tuple[Network, dict]:
    """One chain per circuit: a cabinet, then a pole every ~40 m along the street's right edge."""
    net = Network("lighting")
    circuits = []
    names = sorted({r["name"] for r in lay.roads if r["road_class"] != "pedestrian"})
    for s_no, name in enumerate(names, start=1):
        pieces = [r for r in lay.roads if r["name"] == name]
        cls = pieces[0]["road_class"]
        merged = shapely.line_merge(shapely.union_all([p["geometry"] for p in pieces]))
        parts = sorted(shapely.get_parts(merged), key=lambda p: (-p.length, p.coords[0]))
        for p_no, part in enumerate(parts):
            if part.length < 60.0:
                continue
            off = shapely.offset_curve(part, -(ROAD_CLASSES[cls][2] / 2 - 1.5), quad_segs=4, join_style="mitre")
            off = max(shapely.get_parts(off), key=lambda q: q.length) if off.geom_type != "LineString" else off
            n_circ = int(np.ceil(off.length / CIRCUIT_MAX))
            bounds = np.linspace(0.0, off.length, n_circ + 1)
            for c_no in range(n_circ):
                code = f"CS-{s_no:02d}{chr(65 + p_no)}-{c_no + 1}"
                seg = substring(off, bounds[c_no], bounds[c_no + 1])
                n_poles = max(2, int(np.ceil(seg.length / POLE_SPACING)))
                pos = np.linspace(0.0, seg.length, n_poles + 1)
                pts = shapely.get_coordinates(shapely.line_interpolate_point(seg, pos))
                cab = net.add_node(pts[0], "cabinet", True, f"Tủ điều khiển chiếu sáng {code}", circuit=code)
                prev, poles = cab, []
                for k in range(1, len(pts)):
                    last = k == len(pts) - 1
                    j = net.add_node(pts[k], "lamp_pole", last, None, circuit=code)
                    piece = substring(seg, pos[k - 1], pos[k])
                    net.add_edge(oriented(piece, pts[k - 1]), prev, j, f"Cáp chiếu sáng {code} – {name}", circuit=code)
                    prev = j
                    poles.append(j)
                circuits.append({"code": code, "street": name, "road_class": cls, "cabinet": cab, "poles": poles})
    return net, {"circuits": circuits}
