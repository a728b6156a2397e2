"""Run every benchmark at a moderate scale and regenerate ``docs/BENCHMARKS.md``: one table with every
figure and its baseline, measured in the same run.

    python bench/run_all.py [--only network,render] [--timeout 1800] [--from-json]

Each bench runs in its own process (with ``xvfb-run`` where it needs a display). Benches that write
``rows`` in ``bench/out/<bench>.json`` give their rows directly; for the others (startup, 3d, checks, TOD,
package/verify) the row is read from their JSON or printed figures, with the target of the issue as the
baseline when there is no other tool to compare with. A bench that fails or times out gets a row saying
so. ``--from-json`` rebuilds the table from the JSON files of the last run without running anything.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
DOC = REPO / "docs" / "BENCHMARKS.md"
XVFB = ["xvfb-run", "-a"] if shutil.which("xvfb-run") else []

# name -> (command, scale said in the table)
BENCHES = {
    "network": (["bench/bench_network.py", "--edges", "100000", "--points", "25", "--qgis-points", "5",
                 "--helsinki-pois", "1613"], "100,000-edge generated network; Helsinki OSM, all 1,613 POIs"),
    "render": (["bench/bench_render.py", "--n", "200000"], "200,000 rectangles"),
    "project_io": (["bench/bench_project_io.py", "--features", "200000", "--repeat", "2", "--keep", "bench/out/io"],
                   "200,000 polygons"),
    "startup": (XVFB + [sys.executable, "bench/bench_startup.py", "--repeat", "3"], "sample district"),
    "3d": (XVFB + [sys.executable, "bench/bench_3d.py", "--n", "20000", "--frames", "30", "--repeat", "3"],
           "20,000 buildings"),
    "checks": (["-m", "bench.bench_checks", "--plots", "45000"], "≈ 100,000 objects"),
    "recheck": (["-m", "bench.bench_recheck", "--plots", "100000", "--no-station"], "100,000 plots (≈ 260,000 objects)"),
    "tod": (["bench/bench_tod.py", "--plots", "100000", "--edges", "100000", "--stations", "25"],
            "100,000 plots, 100,000 edges, 25 stations"),
    "package": (["bench/bench_package.py", "--size-mb", "100"], "100 MB project; sample district verify"),
    "province": (["bench/bench_province.py", "--plots", "450000"], "≈ 1.1 M objects, each check engine"),
}


def run(name: str, timeout: float) -> dict:
    cmd, _ = BENCHES[name]
    if cmd[0] not in ("xvfb-run",) and not cmd[0].startswith("/"):
        cmd = [sys.executable, *cmd]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    load = os.getloadavg()[0]
    t = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s", "wall_s": timeout}
    log = {"returncode": proc.returncode, "wall_s": time.perf_counter() - t, "load_start": load,
           "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "stdout": proc.stdout[-6000:],
           "stderr": proc.stderr[-3000:]}
    (OUT / f"run_all_{name}.log.json").write_text(json.dumps(log, indent=1))
    return log


def _json(name: str) -> dict | None:
    p = OUT / f"bench_{name}.json"
    return json.loads(p.read_text()) if p.exists() else None


def _row(bench, measure, ours, ours_what, baseline, baseline_what, unit="s"):
    return {"bench": bench, "measure": measure, "ours": ours, "ours_what": ours_what, "baseline": baseline,
            "baseline_what": baseline_what, "unit": unit}


def rows_for(name: str, log: dict) -> list[dict]:
    scale = BENCHES[name][1]
    if name in ("network", "render", "project_io", "province"):
        data = _json(name)
        if data and "rows" in data:
            return data["rows"]
    if name == "startup" and (d := _json("startup")):
        return [_row("startup", "cold start to the painted sample project", d["cold_start_s"],
                     "spawn `cimstudio --screenshot` → first map frame (best of 3)", None, "no other tool")]
    if name == "3d" and (d := _json("3d")):
        return [_row("3d", f"load {d['buildings']:,} extruded buildings + DEM", d["load_s"], "mesh → first frame",
                     None, "no other tool"),
                _row("3d", f"orbit ({d['buildings']:,} buildings, {d['gl_renderer']})", d["orbit_fps"],
                     "frames per second while turning (median)", None, "no other tool", "fps")]
    if name == "checks" and (d := _json("checks")):
        bad = d.get("not_evaluated_or_skipped") or {}
        na = sum(str(v).startswith("not_applicable") for v in (bad.values() if isinstance(bad, dict) else bad))
        return [_row("checks", f"full Decree 269 pack ({d['objects']:,} objects)", d["full_s"],
                     f"all rules; {na} not applicable to the generated city, {len(bad) - na} crashed or skipped", None, "no other tool; target ≤ 15 s on 2 cores"),
                _row("checks", "re-check after one plot attribute edit", d["incremental_plot_attribute_ms"] / 1000,
                     "incremental re-check", None, "target ≤ 0.2 s")]
    if name == "recheck" and (d := _json("recheck")):
        return [_row("recheck", f"re-check after one plot {what} edit ({d['plots']:,} plots, {d['objects']:,} objects)",
                     d["recheck"][f"plot {what}"]["best_ms"] / 1000,
                     f"incremental re-check, whole pack (median {d['recheck'][f'plot {what}']['median_ms']:.0f} ms)",
                     None, "target ≤ 1 s (issue 17)") for what in ("attribute", "geometry")]
    if name == "tod":
        vals = dict(re.findall(r"^(\w+)\s+([\d.]+)\s*$", log.get("stdout", ""), flags=re.M))
        if "study_s" in vals:
            return [_row("tod", f"TOD study, {scale}", float(vals["study_s"]),
                         f"catchments + indicators + scorecard (CPU {vals.get('study_cpu_s', '?')} s)", None,
                         "no other tool; target ≤ 10 s")]
    if name == "package" and (d := _json("package")):
        out = [_row("package", "package + sign (100 MB project)", d["package_s"], "build_package", None,
                    f"hashing alone {d['hash_mb_s']:.0f} MB/s (target ≥ 200 MB/s)"),
               _row("package", "verify (hashes, signature)", d["verify_s"], "verify_package", None, "no other tool")]
        if "sample_verify_rerun_s" in d:
            out.append(_row("package", "verify the sample package with the Decree 269 re-run", d["sample_verify_rerun_s"],
                            "verify_package(rerun)", None, "target ≤ 20 s"))
        return out
    err = log.get("error") or (log.get("stderr") or "").strip().splitlines()[-1:] or ["no figures"]
    return [_row(name, f"{name} ({scale})", None, f"did not run: {err if isinstance(err, str) else err[0]}", None, "")]


def fmt(v, unit="s") -> str:
    if v is None:
        return "—"
    if unit == "fps":
        return f"{v:.1f} fps"
    return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.2f} s"


def table(rows: list[dict], meta: dict) -> str:
    lines = ["# Benchmarks", "",
             "Produced by `python bench/run_all.py` (do not edit by hand). Every figure is measured in the same run "
             "as its baseline, on the same input and machine.", "",
             f"Run: {meta['date']} on {meta['cpus']} cores shared with other work ({meta['load']}); "
             "moderate scale, not the issues' full sizes: " + "; ".join(
                 f"{k} — {v[1]}" for k, v in BENCHES.items()) + ".", "",
             "| bench | what is measured | ours | what we run | baseline | what the baseline runs | ratio |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        unit = r.get("unit", "s")
        ratio = ""
        if r["ours"] and r["baseline"]:
            ratio = f"{r['ours'] / r['baseline']:.2f}×"
        lines.append(f"| {r['bench']} | {r['measure']} | {fmt(r['ours'], unit)} | {r['ours_what']} | "
                     f"{fmt(r['baseline'], unit)} | {r['baseline_what']} | {ratio} |")
    lines += ["", "Ratio = ours ÷ baseline (below 1 = faster than the baseline). Reading the table: QGIS "
              "`native:serviceareafrompoint` rebuilds its graph for every point, so the like-for-like per-point "
              "comparison is the `QgsGraphAnalyzer.dijkstra` row (QGIS graph built once, as ours); the "
              "`scipy.sparse.csgraph` row is the floor of any Dijkstra on the same CSR graph.", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated bench names (default: all)")
    ap.add_argument("--timeout", type=float, default=1800.0)
    ap.add_argument("--from-json", action="store_true")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    names = args.only.split(",") if args.only else list(BENCHES)
    meta = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpus": os.cpu_count(),
            "load": os.getloadavg()[0]}
    all_rows, loads = [], []
    for name in BENCHES:
        if name in names and not args.from_json:
            print(f"running {name} …", flush=True)
            log = run(name, args.timeout)
        else:
            p = OUT / f"run_all_{name}.log.json"
            log = json.loads(p.read_text()) if p.exists() else {"error": "not run"}
        if "load_start" in log:
            loads.append(f"{name} {log['date']}, load {log['load_start']:.1f}")
        elif (d := _json(name)) and (la := d.get("load_average") or d.get("load_avg")):
            loads.append(f"{name} load {(la[0] if isinstance(la, list) else la):.1f}")
        rows = rows_for(name, log)
        for r in rows:
            print(f"  {r['measure']}: ours {fmt(r['ours'], r.get('unit', 's'))}, baseline "
                  f"{fmt(r['baseline'], r.get('unit', 's'))}", flush=True)
        all_rows += rows
    meta["load"] = ("1-minute load average when each bench started: " + "; ".join(loads) if loads
                    else f"load average {meta['load']:.1f}")
    DOC.write_text(table(all_rows, meta), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
