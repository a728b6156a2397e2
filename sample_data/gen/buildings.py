"""Building footprints inside the buildable parcels, and the plot indicators that follow from them.

Footprints are strips of each parcel's oriented envelope, set back from the parcel edge and kept
clear of pedestrian paths; plot indicators (FAR, coverage, height) are set so that the buildings
on a plot respect them.
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from sample_data.gen.frame import rng

SETBACK = 6.0
GAP = 8.0

# category -> (strips min, max, floors min, max, floor height m, depth fraction min, max, label)
PROGRAMME = {
    "residential": (4, 7, 3, 5, 3.4, 0.35, 0.55, "Dãy nhà ở liên kế"),
    "residential_apt": (2, 3, 9, 15, 3.3, 0.35, 0.5, "Chung cư"),
    "mixed_use": (2, 3, 12, 21, 3.6, 0.4, 0.55, "Tòa nhà hỗn hợp"),
    "commercial": (1, 3, 4, 10, 4.2, 0.4, 0.6, "Công trình thương mại, dịch vụ"),
    "public_service": (1, 2, 3, 6, 3.9, 0.35, 0.5, "Công trình công cộng"),
    "education": (2, 3, 2, 4, 3.9, 0.3, 0.4, "Khối lớp học"),
    "health": (2, 2, 4, 8, 3.9, 0.35, 0.5, "Khối nhà bệnh viện"),
    "industrial": (2, 4, 1, 2, 6.0, 0.45, 0.6, "Nhà xưởng"),
    "technical_infrastructure": (1, 1, 1, 2, 4.5, 0.25, 0.35, "Nhà điều hành kỹ thuật"),
}


def _strips(inner, k: int, depth: float, r: np.random.Generator):
    """``k`` rectangles side by side along the long axis of ``inner``'s oriented envelope."""
    env = shapely.oriented_envelope(inner)
    c = shapely.get_coordinates(env)[:4]
    e1, e2 = c[1] - c[0], c[3] - c[0]
    if np.hypot(*e1) < np.hypot(*e2):
        e1, e2 = e2, e1
    L, W = np.hypot(*e1), np.hypot(*e2)
    u, v = e1 / L, e2 / W
    k = max(1, min(k, int((L + GAP) // (14.0 + GAP))))
    s = (L - (k - 1) * GAP) / k
    d = max(12.0, W * depth)
    off = r.uniform(0.0, max(W - d, 0.0))
    rects = []
    for i in range(k):
        a = c[0] + u * (i * (s + GAP)) + v * off
        rects.append(shapely.Polygon([a, a + u * s, a + u * s + v * d, a + v * d]))
    return rects


def build_buildings(faces, cats, lay) -> dict:
    """Footprints with their parcel index, use, floors and height (local metres)."""
    r = rng(4)
    geoms = np.array([f for f, _ in faces], dtype=object)
    ped_keep_out = shapely.buffer(lay.ped_paths, 5.0)
    out = {"geometry": [], "plot": [], "use": [], "floors": [], "height_m": [], "label": []}
    for i, (g, c) in enumerate(zip(geoms, cats)):
        if c not in PROGRAMME:
            continue
        key = c
        if c == "residential" and r.random() < 0.25:
            key = "residential_apt"
        kmin, kmax, fmin, fmax, fh, dmin, dmax, label = PROGRAMME[key]
        inner = shapely.difference(shapely.buffer(g, -SETBACK, join_style="mitre"), ped_keep_out)
        parts = shapely.get_parts(inner)
        if len(parts) == 0:
            continue
        inner = parts[np.argmax(shapely.area(parts))]
        if inner.area < 200:
            continue
        rects = _strips(inner, int(r.integers(kmin, kmax + 1)), r.uniform(dmin, dmax), r)
        for rect in rects:
            fp = rect if shapely.contains(inner, rect) else shapely.intersection(rect, inner)
            fp = _largest(fp)
            if fp is None or fp.area < 80.0 or not fp.is_valid:
                continue
            floors = int(r.integers(fmin, fmax + 1))
            out["geometry"].append(fp)
            out["plot"].append(i)
            out["use"].append("residential" if key == "residential_apt" else c)
            out["floors"].append(floors)
            out["height_m"].append(round(floors * fh + (1.2 if c in ("commercial", "mixed_use") else 0.0), 1))
            out["label"].append(label)
    return out


def _largest(g):
    parts = shapely.get_parts(g)
    parts = parts[shapely.get_type_id(parts) == 3]
    if len(parts) == 0:
        return None
    return shapely.normalize(shapely.simplify(parts[np.argmax(shapely.area(parts))], 0.0))


def plot_indicators(faces, cats, bld, buildable) -> dict:
    """FAR, coverage, maximum height/floors, population and jobs per plot, from the buildings."""
    n = len(faces)
    area = shapely.area(np.array([f for f, _ in faces], dtype=object))
    plot = np.asarray(bld["plot"], dtype=int)
    fp = shapely.area(np.array(bld["geometry"], dtype=object))
    floors = np.asarray(bld["floors"], dtype=float)
    height = np.asarray(bld["height_m"], dtype=float)
    gfa = np.bincount(plot, weights=fp * floors, minlength=n)
    cover = np.bincount(plot, weights=fp, minlength=n)
    hmax = np.zeros(n)
    fmax = np.zeros(n)
    np.maximum.at(hmax, plot, height)
    np.maximum.at(fmax, plot, floors)
    far = np.ceil(gfa / area * 10 + 1e-9) / 10 + 0.1
    density = np.minimum(np.ceil(cover / area * 100 / 5 + 1e-9) * 5 + 5, 100.0)
    height_max = np.ceil(hmax / 3 + 1e-9) * 3 + 3
    floors_max = fmax.astype(int) + 1
    cats = np.asarray(cats)
    res_share = np.select([cats == "residential", cats == "mixed_use"], [1.0, 0.5], 0.0)
    job_per_m2 = np.select([cats == "commercial", cats == "mixed_use", cats == "industrial",
                            np.isin(cats, ["public_service", "education", "health"]),
                            cats == "technical_infrastructure"], [1 / 25, 0.5 / 25, 1 / 60, 1 / 40, 1 / 200], 0.0)
    population = np.floor(gfa * res_share * 0.8 / 30.0).astype(int)
    jobs = np.floor(gfa * job_per_m2).astype(int)
    green = cats == "green_space"
    nobuild = ~np.asarray(buildable) & ~green
    far[green], density[green], height_max[green], floors_max[green] = 0.05, 5.0, 6.0, 1
    far[nobuild], density[nobuild], height_max[nobuild], floors_max[nobuild] = 0.0, 0.0, 0.0, 0
    return {"area_m2": np.round(area, 1), "far": np.round(far, 2), "density": density,
            "height_max_m": height_max, "floors_max": floors_max, "population": population,
            "jobs": jobs, "gfa": gfa}


def gfa_of(bld) -> np.ndarray:
    return np.round(shapely.area(np.array(bld["geometry"], dtype=object)) * np.asarray(bld["floors"]), 1)


def is_rectangle(g) -> bool:
    c = shapely.get_coordinates(g)
    return len(c) == 5 and math.isclose(g.area, shapely.oriented_envelope(g).area, rel_tol=1e-9)
