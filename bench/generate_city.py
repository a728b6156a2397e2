"""Scale generator: a synthetic city with the sample district's schema, at any size.

    python bench/generate_city.py OUT.gpkg --plots 1000000 [--layers plots,buildings,roads,smart_elements]

Deterministic (fixed seed), vectorised (no per-feature Python loops): a grid of blocks separated by
streets, each block split into plots, one building per plot, smart elements scattered along streets.
Coordinates are VN-2000 / TM-3 104-45 (EPSG:9208) around the sample district.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

X0, Y0 = 540000.0, 2355000.0
BLOCK, STREET, PLOTS_PER_SIDE = 100.0, 20.0, 4          # 4 x 4 plots of 25 m in a 100 m block
CATEGORIES = np.array(["residential", "mixed_use", "commercial", "public_service", "green_space",
                       "education", "health", "technical_infrastructure"])
CODES = np.array(["ODT", "TMD", "TMD", "DVH", "CXX", "DGD", "DYT", "DHT"])
CAT_P = np.array([0.45, 0.15, 0.1, 0.08, 0.08, 0.06, 0.04, 0.04])
SMART_TYPES = np.array([("smart_lighting", "smart_lamp"), ("smart_traffic", "adaptive_signal"),
                        ("smart_traffic", "cctv"), ("public_transport_parking", "bus_stop"),
                        ("public_transport_parking", "ev_charger"), ("smart_drainage", "flood_sensor"),
                        ("smart_water", "pressure_sensor"), ("smart_waste", "sensor_bin"),
                        ("digital_infrastructure", "iot_gateway"), ("smart_environment", "air_quality_station")])


def grid_shape(n_plots: int) -> tuple[int, int]:
    blocks = max(1, int(np.ceil(n_plots / PLOTS_PER_SIDE**2)))
    nx = int(np.ceil(np.sqrt(blocks)))
    ny = int(np.ceil(blocks / nx))
    return nx, ny


def plots(n: int, seed: int = 1):
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    nx, ny = grid_shape(n)
    k = np.arange(n)
    block, cell = np.divmod(k, PLOTS_PER_SIDE**2)
    bx, by = block % nx, block // nx
    cx, cy = cell % PLOTS_PER_SIDE, cell // PLOTS_PER_SIDE
    size = BLOCK / PLOTS_PER_SIDE
    x = X0 + bx * (BLOCK + STREET) + cx * size
    y = Y0 + by * (BLOCK + STREET) + cy * size
    cat_idx = rng.choice(len(CATEGORIES), size=n, p=CAT_P)
    buildable = ~np.isin(CATEGORIES[cat_idx], ["green_space", "technical_infrastructure"])
    far = np.where(buildable, rng.uniform(0.8, 6.0, n).round(2), 0.0)
    area = size * size
    pop = np.where(CATEGORIES[cat_idx] == "residential", (far * area / 35).round(), 0).astype("int64")
    jobs = np.where(np.isin(CATEGORIES[cat_idx], ["commercial", "mixed_use", "public_service"]),
                    (far * area / 25).round(), 0).astype("int64")
    gdf = gpd.GeoDataFrame({
        "cim_id": np.char.add("PLT-", np.char.zfill(k.astype(str), 7)),
        "code": CODES[cat_idx], "category": CATEGORIES[cat_idx], "far": far,
        "density": np.where(buildable, rng.uniform(25, 70, n).round(1), 0.0),
        "height_max_m": np.where(buildable, (far * 4 + 6).round(1), 0.0),
        "population": pop, "jobs": jobs, "area_m2": np.full(n, area),
    }, geometry=shapely.box(x, y, x + size, y + size), crs="EPSG:9208")
    return gdf


def buildings(plot_gdf, seed: int = 2):
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    b = shapely.bounds(plot_gdf.geometry.values)
    n = len(b)
    inset = rng.uniform(3, 7, n)
    floors = rng.integers(1, 25, n)
    return gpd.GeoDataFrame({
        "cim_id": np.char.add("BLD-", np.char.zfill(np.arange(n).astype(str), 7)),
        "plot_id": plot_gdf["cim_id"].to_numpy(), "floors": floors.astype("int64"),
        "height_m": (floors * 3.3).round(1), "use": plot_gdf["category"].to_numpy(),
    }, geometry=shapely.box(b[:, 0] + inset, b[:, 1] + inset, b[:, 2] - inset, b[:, 3] - inset), crs="EPSG:9208")


def roads(n_plots: int):
    """Street centre lines between blocks, split at every crossing (a regular, noded grid)."""
    import geopandas as gpd
    import shapely

    nx, ny = grid_shape(n_plots)
    pitch = BLOCK + STREET
    xs = X0 - STREET / 2 + np.arange(nx + 1) * pitch
    ys = Y0 - STREET / 2 + np.arange(ny + 1) * pitch
    # horizontal segments
    hx, hy = np.meshgrid(np.arange(nx), np.arange(ny + 1))
    hx, hy = hx.ravel(), hy.ravel()
    h = np.stack([np.stack([xs[hx], ys[hy]], 1), np.stack([xs[hx + 1], ys[hy]], 1)], 1)
    vx, vy = np.meshgrid(np.arange(nx + 1), np.arange(ny))
    vx, vy = vx.ravel(), vy.ravel()
    v = np.stack([np.stack([xs[vx], ys[vy]], 1), np.stack([xs[vx], ys[vy + 1]], 1)], 1)
    seg = np.concatenate([h, v])
    n = len(seg)
    lines = shapely.linestrings(seg.reshape(-1, 2), indices=np.repeat(np.arange(n), 2))
    idx = np.arange(n)
    arterial = np.concatenate([hy % 10 == 0, vx % 10 == 0])
    cls = np.where(arterial, "arterial", np.where(idx % 3 == 0, "collector", "local"))
    return gpd.GeoDataFrame({
        "cim_id": np.char.add("RD-", np.char.zfill(idx.astype(str), 8)),
        "name": np.char.add("Đường số ", (idx % 500).astype(str)), "class": cls,
        "lanes": np.where(arterial, 4, 2).astype("int64"), "oneway": np.zeros(n, bool),
        "speed_kmh": np.where(arterial, 50, 30).astype("int64"), "grade": np.full(n, "level"),
        "pedestrian": np.ones(n, bool), "bicycle": np.ones(n, bool), "car": np.ones(n, bool),
        "bus": arterial,
    }, geometry=lines, crs="EPSG:9208")


def smart_elements(n_plots: int, seed: int = 3):
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    n = max(10, n_plots // 10)
    nx, ny = grid_shape(n_plots)
    pitch = BLOCK + STREET
    x = X0 + rng.uniform(0, nx * pitch, n)
    y = Y0 - STREET / 2 + rng.integers(0, ny + 1, n) * pitch
    t = rng.integers(0, len(SMART_TYPES), n)
    return gpd.GeoDataFrame({
        "cim_id": np.char.add("SE-", np.char.zfill(np.arange(n).astype(str), 7)),
        "name": np.char.add("Thiết bị ", np.arange(n).astype(str)),
        "type": SMART_TYPES[t, 1], "system": SMART_TYPES[t, 0],
        "status": np.where(rng.random(n) < 0.7, "existing", "planned"), "operator": "Trung tâm IOC tỉnh",
        "interface_protocol": "MQTT", "interface_interval_s": np.full(n, 60, dtype="int64"),
        "interface_target": "IOC", "open_standard": "OGC SensorThings",
    }, geometry=shapely.points(x, y), crs="EPSG:9208")


def main(argv=None) -> None:
    import pyogrio

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--plots", type=int, default=10_000)
    ap.add_argument("--layers", default="plots,buildings,roads,smart_elements")
    args = ap.parse_args(argv)
    wanted = args.layers.split(",")
    args.out.unlink(missing_ok=True)
    t = time.perf_counter()
    p = plots(args.plots)
    made = {"plots": lambda: p, "buildings": lambda: buildings(p), "roads": lambda: roads(args.plots),
            "smart_elements": lambda: smart_elements(args.plots)}
    for name in wanted:
        gdf = made[name]()
        pyogrio.write_dataframe(gdf, args.out, layer=name, driver="GPKG", use_arrow=True)
        print(f"{name}: {len(gdf):,} features")
    print(f"wrote {args.out} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
