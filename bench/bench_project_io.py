"""Benchmark (issue 2): import, save and reopen of a large project against bare pyogrio, same run.

    python bench/bench_project_io.py [--features 1000000] [--keep DIR]

Figures printed:
- import: ``import_layer`` of an N-polygon GeoPackage vs a bare ``pyogrio.read_dataframe`` (goal ≤ 1.25×)
- save:   ``save_project`` vs a bare ``pyogrio.write_dataframe`` of the same frame (goal ≤ 1.5×)
- open:   ``open_project`` vs a bare ``pyogrio.read_dataframe`` of the saved table (goal ≤ 1.5×)
- ``python -c "import cim"`` wall time (goal ≤ 150 ms)
Import and open are compared with both pyogrio reads: the classic one and ``use_arrow=True`` (the
fastest bare read). Each timing is the best of ``--repeat`` runs (page cache warm for both sides).
Figures also go to ``bench/out/bench_project_io.json`` (``rows`` feed docs/BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv=None) -> None:
    import pyogrio

    from bench.generate_city import plots
    from cim.project import Project
    from cim.project.importing import import_layer
    from cim.project.store import open_project, save_project

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--features", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="folder to keep the generated files in")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="cim-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    src = work / f"plots_{args.features}.gpkg"
    if not src.exists():
        t = time.perf_counter()
        pyogrio.write_dataframe(plots(args.features), src, layer="plots", driver="GPKG")
        print(f"generated {src.name} ({src.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s")

    bare_read = best(lambda: pyogrio.read_dataframe(src), args.repeat)
    bare_arrow = best(lambda: pyogrio.read_dataframe(src, use_arrow=True), args.repeat)
    holder = {}

    def do_import():
        p = Project(crs="EPSG:9208")
        holder["rec"] = import_layer(p, src, layer="plots")
        holder["project"] = p

    ours_import = best(do_import, args.repeat)
    gdf = holder["rec"].data
    bare_out = work / "bare_write.gpkg"

    def bare_write():
        bare_out.unlink(missing_ok=True)
        pyogrio.write_dataframe(gdf, bare_out, layer="plots", driver="GPKG")

    bare_save = best(bare_write, args.repeat)
    proj_path = work / "bench.cim.gpkg"

    def do_save():
        proj_path.unlink(missing_ok=True)
        holder["project"].path = None
        save_project(holder["project"], proj_path)

    ours_save = best(do_save, args.repeat)
    table = pyogrio.list_layers(proj_path)[0][0]
    bare_reopen = best(lambda: pyogrio.read_dataframe(proj_path, layer=table), args.repeat)
    bare_reopen_arrow = best(lambda: pyogrio.read_dataframe(proj_path, layer=table, use_arrow=True), args.repeat)
    ours_open = best(lambda: open_project(proj_path), args.repeat)
    imp = [best(lambda: subprocess.run([sys.executable, "-c", "import cim"], check=True), 1) for _ in range(7)]
    startup = [best(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 1) for _ in range(7)]

    n = f"{args.features:,}"
    print(f"import {n} polygons: ours {ours_import:.2f} s, bare read_dataframe {bare_read:.2f} s "
          f"→ {ours_import / bare_read:.2f}× (goal ≤ 1.25×); vs bare Arrow read {bare_arrow:.2f} s "
          f"→ {ours_import / bare_arrow:.2f}×")
    print(f"save   {n} features: ours {ours_save:.2f} s, bare write_dataframe {bare_save:.2f} s "
          f"→ {ours_save / bare_save:.2f}× (goal ≤ 1.5×)")
    print(f"open   {n} features: ours {ours_open:.2f} s, bare read_dataframe {bare_reopen:.2f} s "
          f"→ {ours_open / bare_reopen:.2f}× (goal ≤ 1.5×); vs bare Arrow read {bare_reopen_arrow:.2f} s "
          f"→ {ours_open / bare_reopen_arrow:.2f}×")
    print(f"python -c 'import cim': {min(imp) * 1000:.0f} ms (bare interpreter {min(startup) * 1000:.0f} ms; "
          f"goal ≤ 150 ms)")
    size = f"{args.features:,} polygons"
    rows = [
        {"bench": "project_io", "measure": f"import ({size})", "ours": ours_import, "ours_what": "import_layer",
         "baseline": bare_read, "baseline_what": "pyogrio.read_dataframe"},
        {"bench": "project_io", "measure": f"import ({size}), Arrow", "ours": ours_import, "ours_what": "import_layer",
         "baseline": bare_arrow, "baseline_what": "pyogrio.read_dataframe(use_arrow=True)"},
        {"bench": "project_io", "measure": f"save ({size})", "ours": ours_save, "ours_what": "save_project (atomic)",
         "baseline": bare_save, "baseline_what": "pyogrio.write_dataframe"},
        {"bench": "project_io", "measure": f"open ({size})", "ours": ours_open, "ours_what": "open_project",
         "baseline": bare_reopen, "baseline_what": "pyogrio.read_dataframe of the saved table"},
        {"bench": "project_io", "measure": f"open ({size}), Arrow", "ours": ours_open, "ours_what": "open_project",
         "baseline": bare_reopen_arrow, "baseline_what": "pyogrio.read_dataframe(use_arrow=True) of the saved table"},
        {"bench": "project_io", "measure": "python -c 'import cim'", "ours": min(imp), "ours_what": "interpreter + import cim",
         "baseline": min(startup), "baseline_what": "bare interpreter"},
    ]
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_project_io.json").write_text(json.dumps({"rows": rows, "load_average": os.getloadavg()},
                                                          indent=2))


if __name__ == "__main__":
    main()
