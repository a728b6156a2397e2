"""Land-use plots: a planar partition of the boundary into road, rail, water and block parcels.

All plot outlines come from one noded linework polygonized at once, so neighbouring plots share
their vertices exactly: no overlaps, no gaps (until the defects module puts some in).
"""

from __future__ import annotations

import numpy as np
import shapely

from sample_data.gen.frame import rng
from sample_data.gen.layout import DEPRESSION_CENTRE, RIVERSIDE_OFFSET, ROAD_CLASSES, Layout

CUTS = (375.0, 875.0, 1375.0, 1875.0)  # where road, rail and river land is cut into plots
PARCEL_SIZE = 125.0


def road_land(lay: Layout):
    """The right-of-way of every vehicular road (pedestrian paths take no land of their own)."""
    geoms, widths = [], []
    for r in lay.roads:
        if r["road_class"] != "pedestrian":
            geoms.append(r["geometry"])
            widths.append(ROAD_CLASSES[r["road_class"]][2] / 2)
    land = shapely.unary_union(shapely.buffer(np.array(geoms, dtype=object), widths, quad_segs=4))
    return shapely.intersection(land, lay.boundary)



def _grid_cuts(area):
    lines = [shapely.LineString([(c, -10), (c, 2010)]) for c in CUTS]
    lines += [shapely.LineString([(-10, c), (2010, c)]) for c in CUTS]
    return shapely.intersection(np.array(lines, dtype=object), shapely.buffer(area, 1.0))


def _parcel_cuts(block, r: np.random.Generator, fine: bool) -> list:
    area = block.area
    if area < 9000:
        return []
    mrr = shapely.oriented_envelope(block)
    c = shapely.get_coordinates(mrr)[:4]
    e1, e2 = c[1] - c[0], c[3] - c[0]
    if np.hypot(*e1) < np.hypot(*e2):
        e1, e2 = e2, e1
    L, W = np.hypot(*e1), np.hypot(*e2)
    u, v = e1 / L, e2 / W
    size = PARCEL_SIZE * (0.8 if fine else 1.0)
    nl = max(1, int(round(L / size)))
    nw = max(1, int(round(W / (size * 1.1))))
    cuts = []
    origin = c[0]
    for i in range(1, nl):
        f = (i + r.uniform(-0.12, 0.12)) / nl
        p = origin + u * L * f
        cuts.append(shapely.LineString([p - v * 5, p + v * (W + 5)]))
    for j in range(1, nw):
        f = (j + r.uniform(-0.1, 0.1)) / nw
        p = origin + v * W * f
        cuts.append(shapely.LineString([p - u * 5, p + u * (L + 5)]))
    if not cuts:
        return []
    return list(shapely.intersection(np.array(cuts, dtype=object), shapely.buffer(block, 1.0)))


def build_faces(lay: Layout):
    """Polygons of the partition, each with its role: water, rail, road or block (a parcel)."""
    water = shapely.union(lay.river, lay.lake)
    land = road_land(lay)
    base = [shapely.boundary(lay.boundary), shapely.boundary(water), shapely.boundary(lay.rail_corridor),
            shapely.boundary(land)]
    base = list(shapely.intersection(np.array(base, dtype=object), lay.boundary))
    blocks = _classify(shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.unary_union(base)))),
                       water, lay.rail_corridor, land)
    r = rng(2)
    cuts = list(_grid_cuts(shapely.union_all([land, lay.rail_corridor, lay.river])))
    for geom, role in blocks:
        if role == "block":
            fine = shapely.distance(geom, lay.station) < 350
            cuts += _parcel_cuts(geom, r, fine)
    lines = shapely.unary_union(np.array(base + cuts, dtype=object))
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    faces = faces[shapely.area(faces) > 1e-6]
    classified = _classify(faces, water, lay.rail_corridor, land)
    return _classify(_merge_slivers(classified), water, lay.rail_corridor, land), land


def _merge_slivers(classified, min_area: float = 150.0):
    """Fold faces smaller than ``min_area`` into the neighbour they share most boundary with
    (a neighbour of the same role first), so no plot is a sliver."""
    geoms = [f for f, _ in classified]
    roles = [r for _, r in classified]
    alive = [True] * len(geoms)
    for i in np.argsort([g.area for g in geoms]):
        if geoms[i].area >= min_area:
            break
        best, best_key = None, None
        for j in range(len(geoms)):
            if j == i or not alive[j] or not shapely.intersects(geoms[i], geoms[j]):
                continue
            shared = shapely.length(shapely.intersection(shapely.boundary(geoms[i]), shapely.boundary(geoms[j])))
            key = (roles[j] == roles[i], shared)
            if shared > 0 and (best_key is None or key > best_key):
                best, best_key = j, key
        if best is not None:
            geoms[best] = shapely.union(geoms[best], geoms[i])
            alive[i] = False
    return np.array([g for g, a in zip(geoms, alive) if a], dtype=object)


def _classify(faces, water, rail, land):
    pts = shapely.point_on_surface(faces)
    out = []
    in_w, in_r, in_l = shapely.contains(water, pts), shapely.contains(rail, pts), shapely.contains(land, pts)
    for f, w, ra, la in zip(faces, in_w, in_r, in_l):
        out.append((f, "water" if w else "rail" if ra else "road" if la else "block"))
    # deterministic order: north to south, west to east (by representative point)
    key = np.array([(-round(p.y, 3), round(p.x, 3)) for p in pts])
    order = np.lexsort((key[:, 1], key[:, 0]))
    return [out[i] for i in order]


# (category, target point, count): special parcels chosen as the nearest free block parcels
SPECIAL = [
    ("technical_infrastructure", (1930.0, 80.0), 1, "Trạm biến áp 110 kV Thụy Vân"),
    ("technical_infrastructure", (80.0, 80.0), 1, "Trạm bơm tăng áp cấp nước"),
    ("public_service", (700.0, 1250.0), 1, "Trung tâm điều hành đô thị thông minh"),
    ("public_service", (1150.0, 880.0), 1, "Nhà văn hóa phường"),
    ("public_service", (1120.0, 1620.0), 1, "Trụ sở UBND phường Thụy Vân"),
    ("education", (180.0, 900.0), 1, "Trường THCS Thụy Vân"),
    ("education", (1380.0, 380.0), 1, "Trường tiểu học Thụy Vân"),
    ("education", (620.0, 1620.0), 1, "Trường mầm non Hoa Sen"),
    ("education", (1650.0, 820.0), 1, "Trường THPT Việt Trì Tây"),
    ("health", (1130.0, 630.0), 1, "Bệnh viện đa khoa khu vực Việt Trì Tây"),
    ("health", (380.0, 1390.0), 1, "Trạm y tế phường"),
    ("other", (130.0, 1880.0), 1, "Đình Thụy Vân (di tích)"),
]


def assign_categories(faces, lay: Layout):
    """Category, plan symbol order and name for each face (vectorised where it matters)."""
    r = rng(3)
    geoms = np.array([f for f, _ in faces], dtype=object)
    roles = np.array([role for _, role in faces])
    pts = shapely.point_on_surface(geoms)
    n = len(faces)
    cat = np.full(n, "residential", dtype=object)
    name = np.full(n, None, dtype=object)
    cat[roles == "road"] = "transport"
    cat[roles == "rail"] = "transport"
    name[roles == "rail"] = "Hành lang an toàn đường sắt"
    name[roles == "road"] = "Đất giao thông"
    is_lake = shapely.intersects(geoms, lay.lake.buffer(-1.0))
    cat[roles == "water"] = "water"
    name[(roles == "water") & is_lake] = "Hồ điều hòa"
    name[(roles == "water") & ~is_lake] = "Ngòi Thụy Vân"
    block = roles == "block"
    d_river = shapely.distance(pts, lay.river_line)
    d_station = shapely.distance(pts, lay.station)
    d_lake = shapely.distance(geoms, lay.lake)
    d_hollow = shapely.distance(geoms, shapely.Point(DEPRESSION_CENTRE))
    d_entr = np.minimum(*[shapely.distance(geoms, e) for e in lay.entrances])
    green = block & ((d_river < RIVERSIDE_OFFSET) | (d_lake < 2.0) | (d_hollow < 1.0))
    cat[green] = "green_space"
    name[block & (d_river < RIVERSIDE_OFFSET)] = "Cây xanh ven ngòi"
    name[block & (d_lake < 2.0)] = "Công viên hồ điều hòa"
    name[block & (d_hollow < 1.0)] = "Công viên trũng chứa nước mưa"
    plaza = block & ~green & (d_entr < 1.0)
    cat[plaza] = "transport"
    name[plaza] = "Quảng trường ga, bãi đỗ xe"
    free = block & ~green & ~plaza
    xy = shapely.get_coordinates(pts)
    for c, target, count, nm in SPECIAL:
        d = np.hypot(xy[:, 0] - target[0], xy[:, 1] - target[1])
        d[~free] = np.inf
        for i in np.argsort(d)[:count]:
            cat[i], name[i], free[i] = c, nm, False
    near = free & (d_station < 330)
    cat[near] = "mixed_use"
    arterial_side = free & ~near & (d_station < 750) & (
        (np.abs(xy[:, 0] - 1000) < 140) | (np.abs(xy[:, 1] - 500) < 140))
    cat[arterial_side] = "commercial"
    industrial = free & (xy[:, 0] > 1480) & (xy[:, 1] < 430) & (cat == "residential")
    cat[industrial] = "industrial"
    parks = free & (cat == "residential") & (r.random(n) < 0.07)
    cat[parks] = "green_space"
    name[parks] = "Vườn hoa, sân chơi"
    return cat, name
