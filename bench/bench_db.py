"""Database benchmark: publish a generated city to PostGIS (binary COPY) and run the set-based
predicates in PostGIS, DuckDB spatial (reading the GeoPackage) and shapely, plus a re-check of one
edited plot. Starts its own throwaway cluster unless ``--db`` is given.

    python bench/bench_db.py --plots 50000 [--db postgresql://…]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


OUTPUTS: dict = {}


def _timed(label, fn, results):
    t = time.perf_counter()
    out = fn()
    results.append((label, time.perf_counter() - t, len(out) if hasattr(out, "__len__") else out))
    print(f"{label:48} {results[-1][1]:8.2f} s  {results[-1][2] if isinstance(results[-1][2], int) else ''}",
          flush=True)
    OUTPUTS[label] = out
    return out


def _same(kind: str) -> bool:
    outs = [[r[:2] for r in v] for k, v in OUTPUTS.items() if k.endswith(kind) and isinstance(v, list)]
    return len(outs) == 3 and outs[0] == outs[1] == outs[2]


def run(dsn: str, plots: int, work: Path) -> list:
    import pyogrio

    from cim.db import setchecks as S
    from cim.db.connect import connect
    from cim.db.schema import init_database
    from cim.db.sync import push
    from cim.project.document import Project
    from cim.project.layer import LayerRecord

    gpkg = work / "city.gpkg"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate_city.py"), str(gpkg), "--plots", str(plots),
                    "--layers", "plots,buildings,smart_elements"], check=True, capture_output=True)
    import numpy as np

    project = Project(crs="EPSG:9208")
    frames = {n: pyogrio.read_dataframe(gpkg, layer=n, fid_as_index=True) for n in ("plots", "buildings", "smart_elements")}
    plots = frames["plots"]
    shift = np.zeros(len(plots), dtype=bool)
    shift[::100] = True                      # 1 % of the plots pushed 3 m sideways: real overlaps to find
    plots.loc[shift, "geometry"] = plots.geometry[shift].translate(3.0, 0.0)
    pts = frames["buildings"][["cim_id", "geometry"]].copy()
    pts["cim_id"] = "PT-" + pts["cim_id"].astype(str)
    pts["geometry"] = pts.geometry.representative_point()
    frames["building_points"] = pts
    for name, gdf in frames.items():
        project.layers[f"lyr_{name}"] = LayerRecord(name=name, kind="vector", data=gdf, crs="EPSG:9208",
                                                    id=f"lyr_{name}", object_kind=name.rstrip("s"))
    from cim.project.store import save_project

    save_project(project, work / "city.cim.gpkg")     # the DuckDB engine reads this project file
    gpkg = work / "city.cim.gpkg"
    objects = sum(len(r.data) for r in project.layers.values())
    res = [("objects", 0.0, objects)]
    print(f"objects: {objects}", flush=True)
    with connect(dsn) as conn:
        init_database(conn)
        _timed("publish (COPY binary + audit trigger)", lambda: push(conn, project, dsn="bench").inserted, res)
        conn.execute("ANALYZE")
        _timed("PostGIS overlaps", lambda: S.pg_overlaps(conn, "plots"), res)
        _timed("PostGIS point-in-plot", lambda: S.pg_points_in(conn, "building_points", "plots"), res)
        _timed("PostGIS within 5 m", lambda: S.pg_within(conn, "smart_elements", "buildings", 5.0), res)
        conn.execute("UPDATE cim_data.plots SET geom = ST_Translate(geom, 3, 0) WHERE cim_id = "
                     "(SELECT min(cim_id) FROM cim_data.plots)")
        one = conn.execute("SELECT min(cim_id) FROM cim_data.plots").fetchone()[0]

        def recheck():
            return conn.execute("SELECT b.cim_id FROM cim_data.plots a JOIN cim_data.plots b ON b.cim_id <> a.cim_id "
                                "AND ST_Intersects(a.geom, b.geom) WHERE a.cim_id = %s "
                                "AND ST_Area(ST_Intersection(a.geom, b.geom)) >= 1", (one,)).fetchall()
        _timed("PostGIS re-check of one edited plot (overlaps)", recheck, res)
    # DuckDB in its own process: its spatial extension carries its own GDAL, and with pyogrio's GDAL in the
    # same process it crashed (segfaults in memcpy / spatial.duckdb_extension at 100-150 k plots)
    out = subprocess.run([sys.executable, __file__, "--duck", str(gpkg)], capture_output=True, text=True)
    if out.returncode != 0:
        print(f"DuckDB process failed ({out.returncode}): {out.stderr[-500:]}", flush=True)
    else:
        import json

        for label, sec, found in json.loads(out.stdout.splitlines()[-1]):
            OUTPUTS[label] = [tuple(x) for x in found]
            res.append((label, sec, len(found)))
            print(f"{label:48} {sec:8.2f} s  {len(found)}", flush=True)
    p, b, s, bp = (project.layers[f"lyr_{n}"].data for n in ("plots", "buildings", "smart_elements", "building_points"))
    _timed("shapely overlaps", lambda: S.mem_overlaps(p), res)
    _timed("shapely point-in-plot", lambda: S.mem_points_in(bp, p), res)
    _timed("shapely within 5 m", lambda: S.mem_within(s, b, 5.0), res)
    return res


def duck_part(gpkg: str) -> None:
    import json

    from cim.db import setchecks as S

    t = time.perf_counter()
    con = S.duck(gpkg, {"plots": "plots", "smart_elements": "smart_elements", "buildings": "buildings",
                        "building_points": "building_points"})
    out = [("DuckDB load GeoPackage", time.perf_counter() - t, [])]
    for label, fn in (("DuckDB overlaps", lambda: S.duck_overlaps(con, "plots")),
                      ("DuckDB point-in-plot", lambda: S.duck_points_in(con, "building_points", "plots")),
                      ("DuckDB within 5 m", lambda: S.duck_within(con, "smart_elements", "buildings", 5.0))):
        t = time.perf_counter()
        found = fn()
        out.append((label, time.perf_counter() - t, found))
    print(json.dumps(out))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plots", type=int, default=20_000)
    ap.add_argument("--db", help="an empty database to use (default: a throwaway cluster)")
    ap.add_argument("--duck", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.duck:
        duck_part(args.duck)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            run(args.db, args.plots, Path(tmp))
        else:
            from cim.db.cluster import Cluster

            with Cluster() as c:
                run(c.create_database("bench"), args.plots, Path(tmp))
    for kind in ("overlaps", "point-in-plot", "within 5 m"):
        print(f"identical findings in PostGIS, DuckDB and shapely ({kind}): {_same(kind)}")


if __name__ == "__main__":
    main()
