"""Map rendering speed: 1,000,000 rectangles at 1600 x 1000, full extent and 5 % extent, against QGIS.

Generates ``bench/out/rects_1m.gpkg`` once (a 1000 x 1000 grid of rectangles of random size, 7 land-use
classes), renders it with ``layers.render`` (best of 3, after building the snapshot and spatial index),
and in the same run renders it with QGIS's own renderer (``shared/baselines/qgis_render.py`` under the
system Python, when python3-qgis is installed).

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


def ours(path: Path, save_png: bool) -> dict:
    import pyogrio

    from layers.render import Viewport, snapshot_vector
    from layers.render.map import render_map

    t = time.perf_counter()
    gdf = pyogrio.read_dataframe(path, layer="rects", use_arrow=True)
    t_read = time.perf_counter() - t
    style = {"fill": "#f6c36b", "stroke": "#8a7f6a", "width": 1}
    t = time.perf_counter()
    snap = snapshot_vector("rects", gdf, style)
    t_snap = time.perf_counter() - t
    full = Viewport.fit(snap.extent, W, H, margin=0.0)
    x0, y0, x1, y1 = snap.extent
    cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) * 0.025, (y1 - y0) * 0.025
    zoom = Viewport.fit((cx - hw, cy - hh, cx + hw, cy + hh), W, H, margin=0.0)   # QgsRectangle.scale(0.05)
    t = time.perf_counter()
    snap.query(zoom.extent)          # builds the spatial index (once per snapshot)
    t_index = time.perf_counter() - t
    render = lambda vp: render_map([snap], vp, background="#ffffff", labels=False)  # noqa: E731
    render(full)
    t_full = best(lambda: render(full))
    t_zoom = best(lambda: render(zoom), repeat=10)
    if save_png:
        from PIL import Image

        Image.fromarray(render(full)).save(OUT / "render_full.png")
        Image.fromarray(render(zoom)).save(OUT / "render_zoom5.png")
    return {"features": len(gdf), "read_s": t_read, "snapshot_s": t_snap, "index_s": t_index,
            "full_extent_s": t_full, "zoom5pct_s": t_zoom, "zoom_features": len(snap.query(zoom.extent))}


def qgis(path: Path) -> dict | None:
    script = SHARED / "baselines" / "qgis_render.py"
    py = Path("/usr/bin/python3")
    if not script.exists() or not py.exists():
        return None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run([str(py), str(script), str(path), "rects", str(W), str(H)], capture_output=True, text=True,
                         env=env, timeout=900)
    m = re.search(r"features=(\d+) full_extent_s=([\d.]+) zoom5pct_s=([\d.]+)", run.stdout)
    if not m:
        print("QGIS baseline did not run:", (run.stderr or run.stdout)[-800:], file=sys.stderr)
        return None
    return {"features": int(m.group(1)), "full_extent_s": float(m.group(2)), "zoom5pct_s": float(m.group(3))}


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
    print(f"ours  features={o['features']} full_extent_s={o['full_extent_s']:.3f} zoom5pct_s={o['zoom5pct_s']:.4f} "
          f"(read {o['read_s']:.2f} s, snapshot {o['snapshot_s']:.2f} s, index {o['index_s']:.2f} s, "
          f"{o['zoom_features']} features in the 5 % view)")
    if not args.no_qgis:
        q = qgis(path)
        res["qgis"] = q
        if q:
            print(f"qgis  features={q['features']} full_extent_s={q['full_extent_s']:.3f} zoom5pct_s={q['zoom5pct_s']:.4f}")
            print(f"speed-up: full extent {q['full_extent_s'] / o['full_extent_s']:.1f}x, "
                  f"5 % extent {q['zoom5pct_s'] / o['zoom5pct_s']:.1f}x")
        else:
            print("qgis  not available (apt-get install qgis python3-qgis)")
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_render.json").write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
