"""Benchmark: TOD study of 25 stations × 3 walk rings (400/800/1000 m) with every indicator, on a
generated city of 1,000,000 plots (+ 1,000,000 buildings, 100,000 smart elements) and a street network
of about 1,000,000 edges.

    python bench/bench_tod.py [--plots 1000000] [--edges 1000000] [--stations 25] [--bike]

Plots, buildings and smart elements come from ``bench/generate_city.py`` (the sample schema); the
streets from :func:`cim.network.synthetic.grid_roads` (irregular 60–140 m grid, noded by
:func:`cim.network.topology.build_network`). The network build is the network engineer's step and
is timed apart; the study time (wall clock, and CPU seconds of this process — the fair figure on a
shared machine) covers the walk graph, Dijkstra, walkshed polygons, overlays,
walking access and the scorecard. Target: study ≤ 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def stations_over(plots, roads, n: int):
    """``n`` stations on a regular grid over the plots' extent, each moved to the nearest street vertex."""
    import geopandas as gpd
    import numpy as np
    import shapely
    from scipy.spatial import cKDTree

    x0, y0, x1, y1 = plots.total_bounds
    g = int(np.ceil(np.sqrt(n)))
    gx, gy = np.meshgrid((np.arange(g) + 0.5) / g, (np.arange(g) + 0.5) / g)
    want = np.column_stack([x0 + gx.ravel() * (x1 - x0), y0 + gy.ravel() * (y1 - y0)])[:n]
    xy = shapely.get_coordinates(roads.geometry.values)
    _, near = cKDTree(xy).query(want)
    return gpd.GeoDataFrame({"cim_id": [f"STN-{i + 1:03d}" for i in range(n)],
                             "name": [f"Ga {i + 1}" for i in range(n)]},
                            geometry=shapely.points(xy[near]), crs=plots.crs)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plots", type=int, default=1_000_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--stations", type=int, default=25)
    ap.add_argument("--bike", action="store_true", help="also bicycle catchments of 1, 2 and 3 km")
    args = ap.parse_args(argv)

    from bench.generate_city import buildings, plots, smart_elements
    from cim.network.synthetic import grid_roads
    from cim.network.topology import build_network
    from cim.tod.capacity import capacity_flags
    from cim.tod.catchments import build_catchments
    from cim.tod.indicators import TodData, compute_indicators
    from cim.tod.params import TodParams
    from cim.tod.scorecard import scorecard
    from cim.tod.stations import station_table

    t = time.perf_counter()
    p = plots(args.plots)
    b = buildings(p)
    e = smart_elements(args.plots)
    roads = grid_roads(args.edges)
    t_gen = time.perf_counter() - t
    t = time.perf_counter()
    net = build_network(roads, system="road")
    t_net = time.perf_counter() - t
    stations = station_table(stations_over(p, roads, args.stations))
    params = TodParams(bike_radii=(1000.0, 2000.0, 3000.0) if args.bike else ())
    data = TodData(plots=p, buildings=b, elements=e, net=net)

    t0, c0 = time.perf_counter(), time.process_time()
    catch = build_catchments(stations, net, params)
    t1, c1 = time.perf_counter(), time.process_time()
    table, _ = compute_indicators(catch, data, params)
    card = scorecard(table, params)
    capacity_flags(table, params)
    t2, c2 = time.perf_counter(), time.process_time()
    walk = catch.of("walk")
    res = {
        "plots": len(p), "buildings": len(b), "smart_elements": len(e), "edges": net.n_edges, "nodes": net.n_nodes,
        "stations": len(stations), "catchment_rows": len(catch.frame), "indicator_rows": len(table),
        "cpus": os.cpu_count(), "generate_s": round(t_gen, 2), "network_build_s": round(t_net, 2),
        "catchments_s": round(t1 - t0, 2), "indicators_s": round(t2 - t1, 2), "study_s": round(t2 - t0, 2),
        "study_cpu_s": round(c2 - c0, 2), "catchments_cpu_s": round(c1 - c0, 2), "indicators_cpu_s": round(c2 - c1, 2),
        "load_avg_1min": round(os.getloadavg()[0], 1),
        "walk_ratio_min": round(float(walk["circle_ratio"].min()), 3),
        "walk_ratio_max": round(float(walk["circle_ratio"].max()), 3),
        "plots_in_1000m_circles": int(table.loc[(table["kind"] == "circle") & (table["radius_m"] == 1000),
                                                "plots"].sum()),
        "scorecard_rows": len(card),
    }
    for k, v in res.items():
        print(f"{k:24s} {v}")
    print(f"{'target':24s} study ≤ 10 s: wall {'met' if res['study_s'] <= 10 else 'NOT met'}, "
          f"CPU {'met' if res['study_cpu_s'] <= 10 else 'NOT met'} (load {res['load_avg_1min']} on {res['cpus']} cores)")
    return res


if __name__ == "__main__":
    main()
