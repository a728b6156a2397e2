"""Generate a road network at any size with the sample ``roads`` schema, into a GeoPackage.

    python bench/gen_network.py OUT.gpkg --edges 1000000 [--seed 0] [--stations 25]

Deterministic for a seed. The streets are polylines over an irregular grid with shared vertices,
computed crossings, snapping gaps, bridges and tunnels (see ``cim/network/synthetic.py``); the noded
network has about ``--edges`` edges and is clean (validation finds nothing). A ``stations`` point
layer holds ``--stations`` points spread over the extent (walkshed sources).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def generate(out: Path, edges: int, seed: int = 0, stations: int = 25) -> Path:
    import geopandas as gpd
    import pyogrio

    from cim.network.synthetic import grid_roads, station_points

    roads = grid_roads(edges, seed=seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    pyogrio.write_dataframe(roads, out, layer="roads", driver="GPKG", use_arrow=True)
    pts = station_points(roads, stations, seed=seed + 1)
    st = gpd.GeoDataFrame({"cim_id": [f"STN-{i + 1:06d}" for i in range(len(pts))],
                           "name": [f"Ga {i + 1}" for i in range(len(pts))]},
                          geometry=gpd.points_from_xy(pts[:, 0], pts[:, 1]), crs=roads.crs)
    pyogrio.write_dataframe(st, out, layer="stations", driver="GPKG")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--edges", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stations", type=int, default=25)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    generate(args.out, args.edges, args.seed, args.stations)
    print(f"wrote {args.out} (about {args.edges:,} network edges) in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
