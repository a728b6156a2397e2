"""The district's skeleton in local metres: boundary, river, lake, railway, station and streets.

Roads come out noded: every at-grade line is split where it meets another, and pieces are tagged
with the attributes of the street they came from. The bridge is kept out of the noding so that it
passes over the riverside promenade without a node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely import LineString, Point

from sample_data.gen.frame import SIZE

RIVER_HALF_WIDTH = 15.0
PROMENADE_OFFSET = 25.0
RIVERSIDE_OFFSET = 60.0
RAIL_HALF_WIDTH = 15.0
STATION_HALF_WIDTH = 30.0
STATION_X = 625.0
PLATFORM_LENGTH = 250.0
LAKE_CENTRE = (375.0, 625.0)
DEPRESSION_CENTRE = (1600.0, 1350.0)

# class -> (lanes, speed km/h, right-of-way width m, car, bus, bike, walk)
ROAD_CLASSES = {
    "arterial": (6, 60.0, 36.0, True, True, True, True),
    "collector": (4, 50.0, 24.0, True, True, True, True),
    "local": (2, 30.0, 15.0, True, False, True, True),
    "pedestrian": (0, 5.0, 4.0, False, False, True, True),
}

# (axis, coordinate, class, name)
GRID = [
    ("x", 250.0, "local", "Phố Tiên Sơn"),
    ("x", 500.0, "collector", "Đường Châu Phong"),
    ("x", 750.0, "local", "Phố Minh Lang"),
    ("x", 1000.0, "arterial", "Đường Nguyễn Tất Thành"),
    ("x", 1250.0, "local", "Phố Long Châu Sa"),
    ("x", 1500.0, "collector", "Đường Nguyễn Du"),
    ("x", 1750.0, "local", "Phố Hòa Phong"),
    ("y", 250.0, "local", "Phố Vân Cơ"),
    ("y", 500.0, "arterial", "Đường Hùng Vương"),
    ("y", 750.0, "local", "Phố Thanh Miếu"),
    ("y", 1000.0, "collector", "Đường Trần Phú"),
    ("y", 1250.0, "local", "Phố Hy Cương"),
    ("y", 1500.0, "local", "Phố Gia Cẩm"),
    ("y", 1750.0, "collector", "Đường Âu Cơ"),
]
BRIDGE_STREET = "Đường Âu Cơ"
ONEWAY_STREETS = {"Phố Long Châu Sa"}
RIVER_NAME = "Ngòi Thụy Vân"
LAKE_NAME = "Hồ điều hòa Văn Lang Tây"
WEST_BANK_ROAD = "Đường Bạch Đằng"
EAST_BANK_ROAD = "Đường Ven Ngòi"
PROMENADE = "Đường dạo ven Ngòi Thụy Vân"
STATION_NAME = "Ga Việt Trì Tây"
RAIL_NAME = "Đường sắt Lào Cai – Hà Nội – Hải Phòng"


@dataclass
class Layout:
    boundary: object
    river_line: object
    river: object
    lake: object
    rail_line: object
    rail_corridor: object
    station: object
    platform: object
    entrances: list
    roads: list = field(default_factory=list)  # dicts with geometry and attributes, noded
    ped_paths: object = None  # union of pedestrian lines (buildings keep clear of them)


def river_centreline() -> LineString:
    """A gently meandering small river cutting the north-east corner, flowing south-east."""
    a, b = np.array([1180.0, 2110.0]), np.array([2110.0, 1180.0])
    t = np.linspace(0.0, 1.0, 141)
    along = a + np.outer(t, b - a)
    normal = np.array([1.0, 1.0]) / np.sqrt(2.0)
    lateral = 35.0 * np.sin(2 * np.pi * t * 2.2) * np.sin(np.pi * t)
    return LineString(along + np.outer(lateral, normal))


def rail_y(x):
    return 1200.0 - 0.2 * np.asarray(x, dtype=float)


def build_layout() -> Layout:
    boundary = shapely.box(0.0, 0.0, SIZE, SIZE)
    river_line = river_centreline()
    river = shapely.intersection(river_line.buffer(RIVER_HALF_WIDTH, cap_style="flat"), boundary)
    ang = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    rad = 70.0 + 8.0 * np.sin(3 * ang) + 4.0 * np.cos(5 * ang)
    lake = shapely.Polygon(np.c_[LAKE_CENTRE[0] + rad * np.cos(ang), LAKE_CENTRE[1] + rad * np.sin(ang)])

    rail_line = LineString([(-50.0, float(rail_y(-50))), (SIZE + 50.0, float(rail_y(SIZE + 50)))])
    rail_in = shapely.intersection(rail_line, boundary)
    d = np.array([1.0, -0.2]) / np.hypot(1.0, 0.2)
    nrm = np.array([-d[1], d[0]])  # left of the direction of travel: north side
    st = np.array([STATION_X, float(rail_y(STATION_X))])
    half = PLATFORM_LENGTH / 2
    station_box = shapely.Polygon([st - d * (half + 40) - nrm * STATION_HALF_WIDTH,
                                   st + d * (half + 40) - nrm * STATION_HALF_WIDTH,
                                   st + d * (half + 40) + nrm * STATION_HALF_WIDTH,
                                   st - d * (half + 40) + nrm * STATION_HALF_WIDTH])
    rail_corridor = shapely.union(rail_in.buffer(RAIL_HALF_WIDTH, cap_style="flat"), station_box)
    rail_corridor = shapely.intersection(rail_corridor, boundary)
    platform = shapely.Polygon([st - d * half - nrm * 6, st + d * half - nrm * 6,
                                st + d * half + nrm * 6, st - d * half + nrm * 6])
    entrances = [Point(st + nrm * 45.0), Point(st - nrm * 45.0)]

    lay = Layout(boundary=boundary, river_line=river_line, river=river, lake=lake, rail_line=rail_in,
                 rail_corridor=rail_corridor, station=Point(st), platform=platform, entrances=entrances)
    lay.roads, lay.ped_paths = _build_roads(lay)
    return lay


def _attrs(cls: str, name: str, grade: str = "at_grade") -> dict:
    lanes, speed, width, car, bus, bike, walk = ROAD_CLASSES[cls]
    return {"name": name, "road_class": cls, "lanes": lanes, "oneway": name in ONEWAY_STREETS,
            "speed_kmh": speed, "width_m": width, "grade": grade, "allow_car": car, "allow_bus": bus,
            "allow_bike": bike, "allow_walk": walk}


def _build_roads(lay: Layout):
    sources: list[tuple[LineString, dict, str]] = []  # (line, attrs, role)
    for axis, c, cls, name in GRID:
        line = LineString([(c, -100), (c, SIZE + 100)]) if axis == "x" else LineString([(-100, c), (SIZE + 100, c)])
        sources.append((line, _attrs(cls, name), "grid"))
    west = shapely.offset_curve(lay.river_line, -RIVERSIDE_OFFSET, quad_segs=8, join_style="round")
    east = shapely.offset_curve(lay.river_line, RIVERSIDE_OFFSET, quad_segs=8, join_style="round")
    prom = shapely.offset_curve(lay.river_line, -PROMENADE_OFFSET, quad_segs=8, join_style="round")
    sources.append((west, _attrs("collector", WEST_BANK_ROAD), "riverside"))
    sources.append((east, _attrs("local", EAST_BANK_ROAD), "riverside"))
    sources.append((prom, _attrs("pedestrian", PROMENADE), "promenade"))
    # station access: from each entrance straight to the next street, and through the station
    n_ent, s_ent = lay.entrances
    sources.append((LineString([n_ent.coords[0], (n_ent.x, 1251.0)]), _attrs("pedestrian", "Lối đi bộ ga phía Bắc"), "ped"))
    sources.append((LineString([s_ent.coords[0], (s_ent.x, 999.0)]), _attrs("pedestrian", "Lối đi bộ ga phía Nam"), "ped"))
    sources.append((LineString([n_ent.coords[0], s_ent.coords[0]]), _attrs("pedestrian", "Lối đi qua ga"), "ped"))

    lines = shapely.intersection(np.array([s[0] for s in sources], dtype=object), lay.boundary)
    noded = shapely.get_parts(shapely.unary_union(lines))
    # which source each piece came from: the source line that covers its midpoint
    mids = shapely.line_interpolate_point(noded, 0.5, normalized=True)
    tree = shapely.STRtree(lines)
    src = tree.query_nearest(mids, return_distance=False, all_matches=False)[1]
    dist_river = shapely.distance(mids, lay.river_line)
    prom_in = shapely.intersection(prom, lay.boundary)
    touches_prom = np.minimum(shapely.distance(shapely.get_point(noded, 0), prom_in),
                              shapely.distance(shapely.get_point(noded, -1), prom_in)) < 1e-6
    keep, out_attrs = [], []
    for i, g in enumerate(noded):
        line, attrs, role = sources[src[i]]
        attrs = dict(attrs)
        if role == "grid" and dist_river[i] < RIVERSIDE_OFFSET - 1.0:
            side = _side_of_river(lay.river_line, mids[i])
            if (side < 0 and dist_river[i] > PROMENADE_OFFSET + 1.0 and touches_prom[i]
                    and attrs["name"] != BRIDGE_STREET):
                attrs = _attrs("pedestrian", f"Lối xuống {PROMENADE}")  # connector to the promenade
            else:
                continue
        keep.append(g)
        out_attrs.append(attrs)
    keep = np.array(keep, dtype=object)
    # drop short stubs left past a street by the station paths (degree-1 pieces under 3 m)
    ends = np.r_[shapely.get_coordinates(shapely.get_point(keep, 0)), shapely.get_coordinates(shapely.get_point(keep, -1))]
    keys, counts = np.unique(np.round(ends, 6), axis=0, return_counts=True)
    deg = {tuple(k): c for k, c in zip(keys, counts)}
    lengths = shapely.length(keep)
    roads = []
    for g, a, length in zip(keep, out_attrs, lengths):
        c = shapely.get_coordinates(g)
        d0, d1 = deg[tuple(np.round(c[0], 6))], deg[tuple(np.round(c[-1], 6))]
        if length < 3.0 and min(d0, d1) == 1:
            continue
        roads.append({"geometry": g, **a})
    roads = _merge_through_nodes(roads)
    roads += _bridge(lay, west, east, roads)
    ped = shapely.unary_union([r["geometry"] for r in roads if r["road_class"] == "pedestrian"])
    return roads, ped


def _merge_through_nodes(roads: list[dict]) -> list[dict]:
    """Join two pieces of the same street that meet at a node nothing else touches (a split left
    by a line that was later removed, e.g. under the bridge)."""
    def key(p):
        return tuple(np.round(p, 6))

    while True:
        ends: dict[tuple, list[int]] = {}
        for i, r in enumerate(roads):
            c = shapely.get_coordinates(r["geometry"])
            ends.setdefault(key(c[0]), []).append(i)
            ends.setdefault(key(c[-1]), []).append(i)
        pair = next(((a, b) for v in ends.values() if len(v) == 2 for a, b in [v]
                     if a != b and {k: x for k, x in roads[a].items() if k != "geometry"}
                     == {k: x for k, x in roads[b].items() if k != "geometry"}), None)
        if pair is None:
            return roads
        a, b = pair
        merged = shapely.line_merge(shapely.union(roads[a]["geometry"], roads[b]["geometry"]))
        roads[a] = {**roads[a], "geometry": merged}
        del roads[b]


def _side_of_river(river_line, pt) -> float:
    """> 0 on the left (north-east) bank, < 0 on the right (south-west) bank."""
    s = shapely.line_locate_point(river_line, pt)
    a = np.array(river_line.interpolate(max(s - 1, 0)).coords[0])
    b = np.array(river_line.interpolate(s + 1).coords[0])
    p = np.array(pt.coords[0])
    u, w = b - a, p - a
    return float(u[0] * w[1] - u[1] * w[0])


def _bridge(lay: Layout, west, east, roads) -> list[dict]:
    """The one bridge: the bridge street between the two riverside roads, over the promenade."""
    y = next(c for axis, c, _, name in GRID if name == BRIDGE_STREET)
    street = LineString([(0, y), (SIZE, y)])
    pw = shapely.intersection(street, west)
    pe = shapely.intersection(street, east)
    nodes = shapely.get_coordinates(np.array([r["geometry"] for r in roads], dtype=object))
    tree = shapely.STRtree(shapely.points(nodes))
    snapped = []
    for p in (pw, pe):  # reuse the exact node coordinates of the at-grade network
        i = tree.query_nearest(p)[0]
        snapped.append(tuple(nodes[i]))
    geom = LineString(snapped)
    return [{"geometry": geom, **_attrs("collector", BRIDGE_STREET, grade="bridge"),
             "name": f"Cầu {RIVER_NAME} ({BRIDGE_STREET})"}]
