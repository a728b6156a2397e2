"""A generated street network with the sample ``roads`` schema, at any size (tests and benchmarks).

Deterministic for a seed and vectorised. Streets follow an irregular grid (block sides 60–140 m);
each street is digitised as polylines running over several blocks, so noding has real work to do:
most polylines carry a vertex at every crossing (OpenStreetMap-style shared vertices), about a third
of the north–south ones carry none (crossings must be computed), consecutive polylines leave gaps of
a few millimetres (snapping), some north–south spans are bridges over the east–west streets and
some east–west spans are tunnels under the north–south streets (neither is noded with what it
passes). Every crossing at grade is a junction and every street end meets another, so the built
network has no dangles, one component, no duplicates: a clean network.

Coordinates are VN-2000 / TM-3 104°45′ (EPSG:9208) near the sample district.
"""

from __future__ import annotations

import numpy as np

X0, Y0 = 540000.0, 2355000.0
COLUMNS = ("cim_id", "name", "class", "lanes", "oneway", "speed_kmh", "grade", "pedestrian", "bicycle", "car",
           "bus")


def grid_size(n_edges: int) -> int:
    """Intersections per side so that the noded grid has about ``n_edges`` edges (2k² − 2k)."""
    return max(3, int(round((1 + np.sqrt(1 + 2 * max(n_edges, 4))) / 2)))


def _streets(coord_along, coord_across, k, rng, *, sparse_share, grade_name, grade_every, gap):
    """Polylines for k parallel streets with k vertices each; returns (coords (along, across), line index,
    per-line attrs)."""
    # run breaks: at interior positions 1..k-2, probability 0.3
    brk = np.zeros((k, k), dtype=bool)
    brk[:, 1:-1] = rng.random((k, k - 2)) < 0.3
    brk[:, 0] = brk[:, -1] = False
    # grade-separated spans: on every `grade_every`-th street, a span of 3 blocks starting at 2 (mod 7)
    street = np.repeat(np.arange(k), k)
    pos = np.tile(np.arange(k), k)
    sep_street = (np.arange(k) % grade_every == grade_every // 2)
    span_start = (pos % 7 == 2) & (pos + 3 <= k - 1) & sep_street[street]
    span_end = np.zeros(k * k, dtype=bool)
    span_end[np.flatnonzero(span_start) + 3] = True
    in_span = np.zeros(k * k, dtype=bool)
    for d in (1, 2):
        in_span[np.flatnonzero(span_start) + d] = True
    flat_brk = brk.ravel() | span_start | span_end
    flat_brk[in_span] = False
    is_first = pos == 0
    is_last = pos == k - 1
    rep = 1 + (flat_brk & ~is_first & ~is_last)
    idx = np.repeat(np.arange(k * k), rep)
    second = np.zeros(len(idx), dtype=bool)
    second[np.cumsum(rep)[rep == 2] - 1] = True
    start = is_first[idx] | second
    line = np.cumsum(start) - 1
    n_lines = int(line[-1]) + 1
    # which lines are grade-separated (start vertex is a span start and it is the second copy / first)
    line_start_vertex = idx[np.flatnonzero(start)]
    sep = span_start[line_start_vertex]
    sparse = (rng.random(n_lines) < sparse_share) | sep
    interior = ~start & np.r_[~start[1:], False]              # not first and not last vertex of its line
    keep = ~(interior & sparse[line])
    idx, line, second = idx[keep], line[keep], second[keep]
    along = coord_along[pos[idx]].copy()
    across = coord_across[street[idx]].copy()
    along[second] += gap[0] + (gap[1] - gap[0]) * rng.random(int(second.sum()))
    grade = np.where(sep, grade_name, "level")
    return along, across, line, grade, street[line_start_vertex]


def grid_roads(n_edges: int = 10_000, *, seed: int = 0, crs: str = "EPSG:9208", gap_m: float = 0.004):
    """A GeoDataFrame of street polylines whose noded network has about ``n_edges`` edges."""
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    k = grid_size(n_edges)
    xs = X0 + np.r_[0.0, np.cumsum(rng.uniform(60, 140, k - 1))]
    ys = Y0 + np.r_[0.0, np.cumsum(rng.uniform(60, 140, k - 1))]
    gap = (0.0, gap_m)
    hx, hy, hl, hg, hs = _streets(xs, ys, k, rng, sparse_share=0.15, grade_name="tunnel", grade_every=23, gap=gap)
    vy, vx, vl, vg, vs = _streets(ys, xs, k, rng, sparse_share=0.3, grade_name="bridge", grade_every=19, gap=gap)
    nh = int(hl[-1]) + 1
    x = np.r_[hx, vx]
    y = np.r_[hy, vy]
    line = np.r_[hl, vl + nh]
    geoms = shapely.linestrings(np.column_stack([x, y]), indices=line)
    n = len(geoms)
    street = np.r_[hs, vs + k]
    grade = np.r_[hg, vg]
    arterial = street % 10 == 0
    collector = ~arterial & (street % 3 == 0)
    r = rng.random(n)
    pedestrian_only = ~arterial & ~collector & (r < 0.05) & (grade == "level")
    oneway = ~arterial & ~pedestrian_only & (r > 0.9)
    cls = np.where(arterial, "arterial", np.where(collector, "collector",
                                                  np.where(pedestrian_only, "pedestrian", "local")))
    ids = np.arange(n)
    return gpd.GeoDataFrame({
        "cim_id": np.char.add("RD-", np.char.zfill(ids.astype(str), 8)),
        "name": np.char.add(np.where(street < k, "Đường ngang ", "Đường dọc "), (street % k).astype(str)),
        "class": cls,
        "lanes": np.where(arterial, 4, np.where(pedestrian_only, 0, 2)).astype("int64"),
        "oneway": oneway,
        "speed_kmh": np.where(arterial, 50.0, np.where(collector, 40.0, np.where(pedestrian_only, 5.0, 30.0))),
        "grade": grade,
        "pedestrian": np.ones(n, dtype=bool),
        "bicycle": np.ones(n, dtype=bool),
        "car": ~pedestrian_only,
        "bus": arterial | collector,
    }, geometry=geoms, crs=crs)


def station_points(roads, n: int = 25, *, seed: int = 1) -> np.ndarray:
    """``n`` points spread over the network's extent, each on a street vertex (for walksheds)."""
    import shapely

    rng = np.random.default_rng(seed)
    xy = shapely.get_coordinates(roads.geometry.values)
    x0, y0 = xy.min(axis=0)
    x1, y1 = xy.max(axis=0)
    g = int(np.ceil(np.sqrt(n)))
    gx, gy = np.meshgrid((np.arange(g) + 0.5) / g, (np.arange(g) + 0.5) / g)
    want = np.column_stack([x0 + gx.ravel() * (x1 - x0), y0 + gy.ravel() * (y1 - y0)])[:n]
    from scipy.spatial import cKDTree

    _, near = cKDTree(xy).query(want + rng.normal(0, 1, want.shape))
    return xy[near]
