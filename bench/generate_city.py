"""Scale generator: a synthetic city with the sample district's schema, at any size.

    python bench/generate_city.py OUT.gpkg --plots 1000000 [--layers plots,buildings,roads,smart_elements,…]

Deterministic (fixed seed), vectorised (no per-feature Python loops): a grid of blocks separated by
streets, each block split into plots, one building per plot, smart elements scattered along streets.
Coordinates are VN-2000 / TM-3 104-45 (EPSG:9208) around the sample district.

:func:`city` adds what every Decree-269 rule needs, so that each one really runs at scale: industrial
plots, smart buildings (BMS, IOC link, three of them with a small georeferenced IFC model written to
``ifc_dir``), development projects referenced by plots, energy and water networks on the street grid
(``net_energy``/``net_water`` + ``_nodes``, the sample's layer names and ``system`` values) with smart
substations at the substations, and a rail line with stations, a TOD corridor and TOD areas.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

X0, Y0 = 540000.0, 2355000.0
BLOCK, STREET, PLOTS_PER_SIDE = 100.0, 20.0, 4          # 4 x 4 plots of 25 m in a 100 m block
CATEGORIES = np.array(["residential", "mixed_use", "commercial", "public_service", "green_space",
                       "education", "health", "technical_infrastructure", "industrial"])
CODES = np.array(["ODT", "TMD", "TMD", "DVH", "CXX", "DGD", "DYT", "DHT", "SKC"])
CAT_P = np.array([0.43, 0.15, 0.1, 0.08, 0.08, 0.06, 0.04, 0.04, 0.02])
PROJECT_BLOCKS = 8          # a development project covers 8 x 8 blocks (every other one is declared)
SUBSTATION_EVERY = 37       # one energy node in 37 is a substation (with a smart substation beside it)
STATION_SPACING = 2000.0    # metres between stations on the generated rail line
IFC_MODELS = 3              # smart buildings with a generated IFC model (GEO-01 reads each one)
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
    smart = (rng.random(n) < 0.02) & (floors >= 9)            # tall buildings declared smart (BLD-01/02)
    return gpd.GeoDataFrame({
        "cim_id": np.char.add("BLD-", np.char.zfill(np.arange(n).astype(str), 7)),
        "plot_id": plot_gdf["cim_id"].to_numpy(), "floors": floors.astype("int64"),
        "height_m": (floors * 3.3).round(1), "use": plot_gdf["category"].to_numpy(), "smart": smart,
        "bms": np.where(smart, "Niagara 4", ""),
        "ioc_link": np.where(smart & (rng.random(n) < 0.9), "MQTT ioc.phutho.gov.vn", ""),
        "ifc_file": np.full(n, "", dtype=object), "ifc_guid": np.full(n, "", dtype=object),
    }, geometry=shapely.box(b[:, 0] + inset, b[:, 1] + inset, b[:, 2] - inset, b[:, 3] - inset), crs="EPSG:9208")


def grid_segments(n_plots: int):
    """The street grid: crossing coordinates ``(xs, ys)``, segments ``(k, 2, 2)`` between neighbouring
    crossings, the crossing indices ``(k, 2)`` at their ends (``j * (nx + 1) + i``) and the arterial mask."""
    nx, ny = grid_shape(n_plots)
    pitch = BLOCK + STREET
    xs = X0 - STREET / 2 + np.arange(nx + 1) * pitch
    ys = Y0 - STREET / 2 + np.arange(ny + 1) * pitch
    hx, hy = np.meshgrid(np.arange(nx), np.arange(ny + 1))
    hx, hy = hx.ravel(), hy.ravel()
    h = np.stack([np.stack([xs[hx], ys[hy]], 1), np.stack([xs[hx + 1], ys[hy]], 1)], 1)
    vx, vy = np.meshgrid(np.arange(nx + 1), np.arange(ny))
    vx, vy = vx.ravel(), vy.ravel()
    v = np.stack([np.stack([xs[vx], ys[vy]], 1), np.stack([xs[vx], ys[vy + 1]], 1)], 1)
    ends = np.concatenate([np.stack([hy * (nx + 1) + hx, hy * (nx + 1) + hx + 1], 1),
                           np.stack([vy * (nx + 1) + vx, (vy + 1) * (nx + 1) + vx], 1)])
    arterial = np.concatenate([hy % 10 == 0, vx % 10 == 0])
    return xs, ys, np.concatenate([h, v]), ends, arterial


def roads(n_plots: int):
    """Street centre lines between blocks, split at every crossing (a regular, noded grid)."""
    import geopandas as gpd
    import shapely

    _, _, seg, _, arterial = grid_segments(n_plots)
    n = len(seg)
    lines = shapely.linestrings(seg.reshape(-1, 2), indices=np.repeat(np.arange(n), 2))
    idx = np.arange(n)
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


def networks(n_plots: int, seed: int = 4) -> dict:
    """Energy and water networks along the street grid: ``net_<system>`` edges (``from_node``/``to_node``)
    and ``net_<system>_nodes`` (``kind``: junction, substation, source), as in the sample district."""
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    xs, ys, seg, ends, arterial = grid_segments(n_plots)
    gx, gy = np.meshgrid(xs, ys)
    nxy = np.stack([gx.ravel(), gy.ravel()], 1)
    nn, ne = len(nxy), len(seg)
    lines = shapely.linestrings(seg.reshape(-1, 2), indices=np.repeat(np.arange(ne), 2))
    elev = (20 + 0.001 * (nxy[:, 0] - X0) + rng.uniform(0, 0.5, nn)).round(2)
    out = {}
    for system, prefix, kind in (("energy", "E", np.where(np.arange(nn) % SUBSTATION_EVERY == 0, "substation", "junction")),
                                 ("water", "W", np.where(np.arange(nn) == 0, "source", "junction"))):
        nid = np.char.add(f"N{prefix}-", np.char.zfill(np.arange(nn).astype(str), 7))
        out[f"net_{system}_nodes"] = (gpd.GeoDataFrame({
            "cim_id": nid, "system": system, "kind": kind, "terminal": kind != "junction", "elevation_m": elev,
            "name": np.char.add(f"Nút {system} ", np.arange(nn).astype(str)), "status": "existing",
        }, geometry=shapely.points(nxy), crs="EPSG:9208"), "network_node")
        extra = ({"cable_type": np.where(arterial, "XLPE 3x240", "XLPE 3x95"), "voltage_kv": np.full(ne, 22.0)}
                 if system == "energy" else {"diameter_mm": np.where(arterial, 300, 110).astype("int64"),
                                             "material": "HDPE"})
        out[f"net_{system}"] = (gpd.GeoDataFrame({
            "cim_id": np.char.add(f"L{prefix}-", np.char.zfill(np.arange(ne).astype(str), 7)), "system": system,
            "from_node": nid[ends[:, 0]], "to_node": nid[ends[:, 1]],
            "name": np.char.add(f"Tuyến {system} ", np.arange(ne).astype(str)), "status": "existing", **extra,
        }, geometry=lines, crs="EPSG:9208"), "network_edge")
    return out


def substation_elements(nodes, start: int):
    """A smart substation 5 m from every substation node (SMT-ENERGY: within 50 m)."""
    import geopandas as gpd
    import shapely

    sub = nodes[nodes["kind"].to_numpy() == "substation"]
    xy = shapely.get_coordinates(sub.geometry.values) + 5.0
    n = len(sub)
    return gpd.GeoDataFrame({
        "cim_id": np.char.add("SE-", np.char.zfill((start + np.arange(n)).astype(str), 7)),
        "name": np.char.add("Trạm biến áp thông minh ", np.arange(n).astype(str)), "type": "smart_substation",
        "system": "smart_energy", "status": "existing", "operator": "Điện lực Phú Thọ", "interface_protocol": "IEC 61850",
        "interface_interval_s": np.full(n, 60, dtype="int64"), "interface_target": "IOC",
        "open_standard": "IEC 61850", "network_node_id": sub["cim_id"].to_numpy(),
    }, geometry=shapely.points(xy), crs="EPSG:9208")


def transit(n_plots: int) -> dict:
    """A rail line across the middle of the grid, stations every :data:`STATION_SPACING` m, the TOD
    corridor along the line and a TOD area (800 m circle) round each station."""
    import geopandas as gpd
    import shapely

    nx, ny = grid_shape(n_plots)
    pitch = BLOCK + STREET
    y = Y0 - STREET / 2 + (ny // 2) * pitch
    x1 = X0 + nx * pitch
    line = shapely.linestrings([[X0 - STREET, y], [x1, y]])
    sx = X0 + np.arange(STATION_SPACING / 2, max(x1 - X0, STATION_SPACING / 2 + 1), STATION_SPACING)
    n = len(sx)
    pts = shapely.points(np.stack([sx, np.full(n, y)], 1))
    sid = np.char.add("STA-", np.char.zfill(np.arange(n).astype(str), 6))
    crs = "EPSG:9208"
    return {
        "rail": (gpd.GeoDataFrame({"cim_id": ["RLW-000001"], "name": ["Đường sắt đô thị số 1"], "gauge_mm": [1435],
                                   "tracks": [2], "electrified": [True], "grade": ["elevated"], "status": ["planned"]},
                                  geometry=[line], crs=crs), "rail"),
        "stations": (gpd.GeoDataFrame({
            "cim_id": sid, "name": np.char.add("Ga số ", np.arange(n).astype(str)), "line": "Tuyến 1",
            "rail_id": "RLW-000001", "station_type": "ga trên cao (TOD)", "status": "planned",
            "capacity_check": np.where(np.arange(n) % 2 == 0, "Báo cáo đánh giá hạ tầng kỹ thuật 2026", ""),
        }, geometry=pts, crs=crs), "station"),
        "corridors": (gpd.GeoDataFrame({"cim_id": ["COR-000001"], "name": ["Hành lang TOD tuyến 1"], "mode": ["rail"],
                                        "buffer_m": [1000.0], "rail_id": ["RLW-000001"]}, geometry=[line], crs=crs),
                      "corridor"),
        "tod_areas": (gpd.GeoDataFrame({"cim_id": np.char.add("TOD-", np.char.zfill(np.arange(n).astype(str), 6)),
                                        "station_id": sid, "name": np.char.add("Khu TOD ga số ", np.arange(n).astype(str))},
                                       geometry=shapely.buffer(pts, 800.0, quad_segs=16), crs=crs), "tod_area"),
    }


def development_projects(plot_gdf, n_plots: int):
    """Every other square of :data:`PROJECT_BLOCKS` x :data:`PROJECT_BLOCKS` blocks is a declared
    development project; its plots carry ``project_id`` (written into ``plot_gdf``, ID-02)."""
    import geopandas as gpd
    import shapely

    nx, ny = grid_shape(n_plots)
    pitch = BLOCK + STREET
    block = np.arange(len(plot_gdf)) // PLOTS_PER_SIDE**2
    gx, gy = (block % nx) // PROJECT_BLOCKS, (block // nx) // PROJECT_BLOCKS
    gnx = -(-nx // PROJECT_BLOCKS)
    group = gy * gnx + gx
    declared = group % 2 == 0
    ids = np.char.add("DA-BENCH-", np.char.zfill(group.astype(str), 5))
    plot_gdf["project_id"] = np.where(declared, ids, "")
    g = np.unique(group[declared])
    x0 = X0 + (g % gnx) * PROJECT_BLOCKS * pitch
    y0 = Y0 + (g // gnx) * PROJECT_BLOCKS * pitch
    side = PROJECT_BLOCKS * pitch - STREET
    return gpd.GeoDataFrame({"project_id": np.char.add("DA-BENCH-", np.char.zfill(g.astype(str), 5)),
                             "name": np.char.add("Dự án phát triển ", g.astype(str)), "investor": "Nhà đầu tư thử"},
                            geometry=shapely.box(x0, y0, x0 + side, y0 + side), crs="EPSG:9208")


def ifc_models(bld, ifc_dir: Path, count: int = IFC_MODELS) -> None:
    """Write a small georeferenced IFC model (EPSG:9208) for the first ``count`` smart buildings, placed on
    their footprint, and point their ``ifc_file``/``ifc_guid`` at it (GEO-01, BLD-01)."""
    import shapely

    from cim.ifc.synthetic import Georef, build_building_ifc, rectangle

    ifc_dir.mkdir(parents=True, exist_ok=True)
    for k, pos in enumerate(np.flatnonzero(bld["smart"].to_numpy())[:count]):
        x0, y0, x1, y1 = shapely.bounds(bld.geometry.values[pos])
        name = f"bench_building_{k}.ifc"
        f = build_building_ifc(ifc_dir / name, name=f"Công trình {k}", footprint=rectangle(0, 0, x1 - x0, y1 - y0),
                               storeys=3, georef=Georef(float(x0), float(y0), 20.0))
        bld.iloc[pos, bld.columns.get_loc("ifc_file")] = name
        bld.iloc[pos, bld.columns.get_loc("ifc_guid")] = f.by_type("IfcBuilding")[0].GlobalId


def city(n_plots: int, ifc_dir: Path | None = None) -> dict:
    """Every generated layer: ``{name: (GeoDataFrame, object kind)}``; with ``ifc_dir``, IFC models too."""
    import pandas as pd

    pl = plots(n_plots)
    projects = development_projects(pl, n_plots)
    bld = buildings(pl)
    if ifc_dir is not None:
        ifc_models(bld, Path(ifc_dir))
    nets = networks(n_plots)
    se = smart_elements(n_plots)
    se["network_node_id"] = ""
    se = pd.concat([se, substation_elements(nets["net_energy_nodes"][0], len(se))], ignore_index=True)
    return {"plots": (pl, "plot"), "buildings": (bld, "building"), "roads": (roads(n_plots), "road"),
            "smart_elements": (se, "smart_element"), "development_projects": (projects, None),
            **nets, **transit(n_plots)}


def main(argv=None) -> None:
    import pyogrio

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--plots", type=int, default=10_000)
    ap.add_argument("--layers", default="", help="comma-separated layer names (default: all)")
    args = ap.parse_args(argv)
    args.out.unlink(missing_ok=True)
    t = time.perf_counter()
    layers = city(args.plots, args.out.parent / "ifc")
    wanted = args.layers.split(",") if args.layers else list(layers)
    for name in wanted:
        gdf = layers[name][0]
        pyogrio.write_dataframe(gdf, args.out, layer=name, driver="GPKG", use_arrow=True)
        print(f"{name}: {len(gdf):,} features")
    print(f"wrote {args.out} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
