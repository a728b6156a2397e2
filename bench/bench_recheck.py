"""Benchmark: the incremental re-check after one edit on a large generated city (issue 17: ≤ 1 s).

    python -m bench.bench_recheck [--plots 100000] [--repeat 3] [--verify]

Builds the generated city (:func:`bench.bench_checks.build_project`), runs the whole Decree-269 pack
once, then times :meth:`CheckSession.recheck` after one edit of a plot's attribute (``far``), one of a
plot's geometry (shrunk by 1 m), of a road
near the first station and of the road farthest from it (moved by 0.5 m), and, for reference, one of a station's attribute (which invalidates the
TOD study's catchments: not bound by the target). The slowest re-run rules of each edit are printed.
``--verify`` also runs the whole pack afresh after the edits and checks that the incremental findings are
identical (status and every issue of every rule). Figures go to ``bench/out/bench_recheck.json`` with the
1-minute load average (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path


def findings(run) -> dict:
    return {r.rule: (r.status, [i.to_dict() for i in r.issues]) for r in run.results}


def _far_road(roads, stations) -> int:
    """The road farthest from every station."""
    import numpy as np

    d = np.min([roads.data.geometry.distance(g).to_numpy() for g in stations.data.geometry], axis=0)
    return int(roads.data.index[int(np.argmax(d))])


def main(argv=None) -> dict:
    from bench.bench_checks import build_project
    from cim.checks.runner import run_checks
    from cim.checks.session import CheckSession
    from cim.project.feature_edits import ChangeAttribute, ChangeGeometry
    from plugins.check_registry import check_registry

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plots", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="edits timed per kind (best and median reported)")
    ap.add_argument("--verify", action="store_true", help="compare with a full run after the edits")
    ap.add_argument("--no-road", action="store_true", help="skip the road edits")
    ap.add_argument("--no-station", action="store_true", help="skip the station edit (slow: rebuilds the study)")
    args = ap.parse_args(argv)
    load0 = os.getloadavg()[0]
    t = time.perf_counter()
    p = build_project(args.plots)
    n = sum(len(r.data) for r in p.layers.values())
    print(f"generated {n:,} objects ({args.plots:,} plots) in {time.perf_counter() - t:.1f} s; load {load0:.1f}")
    reg = check_registry()
    pack = reg.pack("decree269")
    checks = reg.checks_for(pack)
    session = CheckSession(p, checks, pack=pack)
    t = time.perf_counter()
    session.run_all()
    full = time.perf_counter() - t
    print(f"full pack: {full:.2f} s")
    plots = p.layer_by_name("plots")
    stations = p.layer_by_name("stations")
    fid0 = int(plots.data.index[len(plots.data) // 2])          # a plot in the middle (near a station)
    edits = {
        "plot attribute": lambda k: ChangeAttribute(p, plots.id, fid0 + k, "far", 7.5 + k),
        "plot geometry": lambda k: ChangeGeometry(p, plots.id, fid0 + 100 + k,
                                                  plots.data.geometry.loc[fid0 + 100 + k].buffer(-1.0)),
    }
    roads = p.layer_by_name("roads") or next(r for r in p.layers.values() if r.object_kind == "road")
    if not args.no_road:          # a road near the first station moved by 2 m, then one far from all stations
        import shapely

        near_fid = int(roads.data.geometry.distance(stations.data.geometry.iloc[0]).idxmin())
        far_fid = _far_road(roads, stations)
        edits["road geometry (near a station)"] = lambda k: ChangeGeometry(
            p, roads.id, near_fid, shapely.affinity.translate(roads.data.geometry.loc[near_fid], 0.5, 0))
        edits["road geometry (far from stations)"] = lambda k: ChangeGeometry(
            p, roads.id, far_fid, shapely.affinity.translate(roads.data.geometry.loc[far_fid], 0.5, 0))
    if not args.no_station:
        sfid = int(stations.data.index[0])
        edits["station attribute"] = lambda k: ChangeAttribute(p, stations.id, sfid, "name", f"Ga sửa {k}")
    timings, slowest = {}, {}
    for label, make in edits.items():
        times = []
        for k in range(args.repeat if label != "station attribute" else 1):
            p.push(make(k))
            before = {id(r) for r in session.run.results}
            t = time.perf_counter()
            again = session.recheck()
            dt = time.perf_counter() - t
            times.append(dt)
            if dt <= min(times):
                rerun = sorted((r for r in again.results if id(r) not in before), key=lambda r: -r.seconds)
                slowest[label] = {r.rule: round(r.seconds * 1000) for r in rerun[:4]}
        times.sort()
        timings[label] = {"best_ms": times[0] * 1000, "median_ms": times[len(times) // 2] * 1000}
        top = ", ".join(f"{k} {v} ms" for k, v in slowest[label].items())
        print(f"re-check after one {label} edit: best {times[0] * 1000:.0f} ms, median "
              f"{times[len(times) // 2] * 1000:.0f} ms (slowest re-run rules: {top})")
    same = None
    if args.verify:
        t = time.perf_counter()
        fresh = run_checks(p, checks, pack=pack)
        a, b = findings(session.run), findings(fresh)
        same = a == b
        diff = sorted(r for r in set(a) | set(b) if a.get(r) != b.get(r))
        print(f"full run after the edits: {time.perf_counter() - t:.1f} s; incremental findings identical: {same}"
              + (f" (differ: {', '.join(diff)})" if diff else ""))
    out = {"objects": n, "plots": args.plots, "cpus": os.cpu_count(), "load_avg": load0, "load_avg_start": load0,
           "load_avg_end": os.getloadavg()[0], "full_s": full, "recheck": timings, "slowest_rules_ms": slowest,
           "identical_to_full_run": same}
    dest = Path(__file__).resolve().parent / "out"
    dest.mkdir(exist_ok=True)
    for name in (f"bench_recheck_{args.plots}.json", "bench_recheck.json"):      # by size, and the last run
        (dest / name).write_text(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    res = main()
    raise SystemExit(1 if res["identical_to_full_run"] is False else 0)
