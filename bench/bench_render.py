"""Map rendering speed: 1,000,000 rectangles at 1600 x 1000, cold (from the project file) and warm
(cached), full extent and 5 % extent, against QGIS at the same size and the same anti-aliasing (off:
our scanline renderer does not anti-alias).

Generates ``bench/out/rects_1m.gpkg`` once (a 1000 x 1000 grid of rectangles of random size, 7 land-use
classes), renders it with ``layers.render`` (best of 3, after building the snapshot and spatial index),
and in the same run renders it with QGIS's own renderer (``bench/baselines/qgis_render.py`` under the
system Python, when python3-qgis is installed; otherwise it says "QGIS not installed"). Both sides read
the same ``.cim.gpkg`` project file. Figures go to ``bench/out/bench_render.json``.

    python bench/bench_render.py [--n 1000000] [--no-qgis] [--save-png]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(HERE.parent))
W, H = 1600, 1000


def generate(path: Path, n: int, seed: int = 7) -> Path:
    import geopandas as gpd
    import shapely

    side = int(np.ceil(np.sqrt(n)))
    i = np.arange(n)
    rng = np.random.default_rng(seed)
    x = 560000.0 + (i % side) * 10.0
    y = 2358000.0 + (i // side) * 10.0
    w, h = rng.uniform(3, 8, n), rng.uniform(3, 8, n)
    gdf = gpd.GeoDataFrame({"cls": rng.integers(0, 7, n).astype("int32")},
                           geometry=shapely.box(x, y, x + w, y + h), crs="EPSG:9208")
    path.parent.mkdir(parents=True, exist_ok=True)
    gdf.to_file(path, layer="rects", driver="GPKG", engine="pyogrio", use_arrow=True)
    return path


def best(fn, repeat=3) -> float:
    t_best = 1e9
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        t_best = min(t_best, time.perf_counter() - t)
    return t_best


def project_file(path: Path) -> Path:
    """The rectangles as a CIM project file (made once): the cold render starts from it."""
    proj = path.with_suffix(".cim.gpkg")
    if not proj.exists():
        from cim.project import Project
        from cim.project.importing import import_layer
        from cim.project.store import save_project

        p = Project(crs="EPSG:9208")
        import_layer(p, path, layer="rects", name="rects")
        save_project(p, proj)
    return proj


def ours(path: Path, save_png: bool) -> dict:
    from cim.project.store import open_project
    from layers.render import Viewport, snapshot_vector
    from layers.render.map import render_map

    proj = project_file(path)
    style = {"fill": "#f6c36b", "stroke": "#8a7f6a", "width": 1}

    def render(snap, vp):
        return render_map([snap], vp, background="#ffffff", labels=False)

    # cold: open the project file, snapshot the layer, first frame (nothing cached)
    t = time.perf_counter()
    gdf = open_project(proj).find_layer("rects").data
    t_read = time.perf_counter() - t
    snap = snapshot_vector("rects", gdf, style)
    full = Viewport.fit(snap.extent, W, H, margin=0.0)
    render(snap, full)
    t_cold = time.perf_counter() - t
    x0, y0, x1, y1 = snap.extent
    cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) * 0.025, (y1 - y0) * 0.025
    zoom = Viewport.fit((cx - hw, cy - hh, cx + hw, cy + hh), W, H, margin=0.0)   # QgsRectangle.scale(0.05)
    t_warm = best(lambda: render(snap, full))            # warm: the snapshot (our cache) is kept
    render(snap, zoom)                                   # builds the spatial index once
    t_zoom = best(lambda: render(snap, zoom), repeat=10)
    if save_png:
        from PIL import Image

        Image.fromarray(render(snap, full)).save(OUT / "render_full.png")
        Image.fromarray(render(snap, zoom)).save(OUT / "render_zoom5.png")
    return {"features": len(gdf), "open_s": t_read, "cold_s": t_cold, "warm_s": t_warm, "zoom5pct_s": t_zoom,
            "zoom_features": len(snap.query(zoom.extent)), "antialias": 0}


def qgis(path: Path) -> dict | None:
    script = HERE / "baselines" / "qgis_render.py"
    py = Path("/usr/bin/python3")
    if not py.exists() or subprocess.run([str(py), "-c", "import qgis.core"], capture_output=True).returncode:
        return None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run([str(py), str(script), str(project_file(path)), "rects", str(W), str(H), "0"],
                         capture_output=True, text=True, env=env, timeout=900)
    m = re.search(r"features=(\d+) cold_s=([\d.]+) warm_s=([\d.]+) zoom5pct_s=([\d.]+)", run.stdout)
    if not m:
        print("QGIS baseline did not run:", (run.stderr or run.stdout)[-800:], file=sys.stderr)
        return None
    return {"features": int(m.group(1)), "cold_s": float(m.group(2)), "warm_s": float(m.group(3)),
            "zoom5pct_s": float(m.group(4)), "antialias": 0}


def rows(res: dict) -> list[dict]:
    o, q = res["ours"], res.get("qgis") or {}
    size = f"{o['features']:,} rectangles, {W}×{H}, no anti-aliasing"
    miss = "" if q else " — QGIS not installed (apt-get install -y qgis python3-qgis)"
    return [
        {"bench": "render", "measure": f"cold render from the project file ({size})", "ours": o["cold_s"],
         "ours_what": "open_project + snapshot + first frame", "baseline": q.get("cold_s"),
         "baseline_what": "QgsVectorLayer on the same .cim.gpkg + first QgsMapRendererSequentialJob" + miss},
        {"bench": "render", "measure": f"warm render, full extent ({size})", "ours": o["warm_s"],
         "ours_what": "render_map with the cached snapshot", "baseline": q.get("warm_s"),
         "baseline_what": "same QGIS layer rendered again (re-reads the file, page cache warm)" + miss},
        {"bench": "render", "measure": f"warm render, 5 % extent ({size})", "ours": o["zoom5pct_s"],
         "ours_what": "render_map, cached snapshot + spatial index", "baseline": q.get("zoom5pct_s"),
         "baseline_what": "QGIS, same layer, 5 % extent" + miss},
    ]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--no-qgis", action="store_true")
    ap.add_argument("--save-png", action="store_true")
    args = ap.parse_args(argv)
    path = OUT / ("rects_1m.gpkg" if args.n == 1_000_000 else f"rects_{args.n}.gpkg")
    if not path.exists():
        t = time.perf_counter()
        generate(path, args.n)
        print(f"generated {path} in {time.perf_counter() - t:.1f} s")
    res = {"ours": ours(path, args.save_png)}
    o = res["ours"]
    print(f"ours  features={o['features']} cold_s={o['cold_s']:.3f} warm_s={o['warm_s']:.3f} "
          f"zoom5pct_s={o['zoom5pct_s']:.4f} (open {o['open_s']:.2f} s, {o['zoom_features']} features in the 5 % view)")
    res["qgis"] = None if args.no_qgis else qgis(path)
    q = res["qgis"]
    if q:
        print(f"qgis  features={q['features']} cold_s={q['cold_s']:.3f} warm_s={q['warm_s']:.3f} "
              f"zoom5pct_s={q['zoom5pct_s']:.4f}")
    else:
        print("qgis  QGIS not installed (apt-get install -y qgis python3-qgis)" if not args.no_qgis else "qgis  skipped")
    res["rows"] = rows(res)
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_render.json").write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
