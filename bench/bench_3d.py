"""3D view speed: load 100,000 extruded buildings (with a 512 x 512 DEM terrain) into one merged mesh and
orbit it off screen.

    python bench/bench_3d.py [--n 100000] [--frames 90] [--size 1280x800]

Load = footprints -> extruded mesh -> pyvista PolyData -> actor -> first frame. Orbit = frames per second
while the camera turns around the city (off-screen render window, same as the tests).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def footprints(n: int, seed: int = 3):
    """Rotated rectangles (convex) and some L-shaped blocks (non-convex), on a street grid."""
    import shapely

    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    i = np.arange(n)
    cx, cy = (i % side) * 25.0, (i // side) * 25.0
    w, h = rng.uniform(8, 18, n), rng.uniform(8, 16, n)
    a = rng.uniform(-0.3, 0.3, n)
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]], dtype=float) / 2
    px = corners[None, :, 0] * w[:, None]
    py = corners[None, :, 1] * h[:, None]
    rx = cx[:, None] + px * np.cos(a)[:, None] - py * np.sin(a)[:, None]
    ry = cy[:, None] + px * np.sin(a)[:, None] + py * np.cos(a)[:, None]
    geoms = shapely.polygons(np.stack([rx, ry], axis=2))
    ell = rng.random(n) < 0.1                     # 10 % L-shaped: a notch cut from a corner
    notch = shapely.box(cx[ell], cy[ell], cx[ell] + w[ell], cy[ell] + h[ell])
    geoms[ell] = shapely.difference(geoms[ell], notch)
    heights = rng.choice([7.0, 10.0, 14.0, 21.0, 35.0, 60.0], n, p=[0.3, 0.25, 0.2, 0.13, 0.08, 0.04])
    return geoms, heights, (cx.max() + 20, cy.max() + 20)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--frames", type=int, default=90)
    ap.add_argument("--size", default="1280x800")
    args = ap.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    import pyvista as pv

    pv.OFF_SCREEN = True
    from layers.render.scene3d import buildings_lod, buildings_mesh, terrain_mesh

    geoms, heights, (sx, sy) = footprints(args.n)
    dem = 20 + 8 * np.sin(np.linspace(0, 6, 512))[None, :] * np.cos(np.linspace(0, 4, 512))[:, None]
    transform = (sx / 512, 0, -10.0, 0, -sy / 512, sy - 10)
    origin = (sx / 2, sy / 2, 0.0)
    t0 = time.perf_counter()
    base = np.full(len(geoms), 20.0)
    colors = np.full(len(geoms), 0xFF6BC3F6, dtype=np.uint32)
    mesh, owner = buildings_mesh(geoms, heights, base, origin, colors)
    lod = buildings_lod(geoms, heights, base, origin, colors)
    t_mesh = time.perf_counter() - t0
    plotter = pv.Plotter(off_screen=True, window_size=(width, height))
    plotter.disable_anti_aliasing()       # software GL here: multisampling costs ~3x per frame
    ground = plotter.add_mesh(terrain_mesh(dem, transform, origin), scalars="rgb", rgb=True)
    ground_lod = plotter.add_mesh(terrain_mesh(dem, transform, origin, max_cells=48), scalars="rgb", rgb=True)
    ground_lod.SetVisibility(False)
    full = plotter.add_mesh(mesh, scalars="rgb", rgb=True)
    block = plotter.add_mesh(lod, scalars="rgb", rgb=True)
    block.SetVisibility(False)
    plotter.camera_position = "iso"
    plotter.reset_camera()
    plotter.camera.zoom(1.4)
    plotter.render()
    plotter.screenshot(return_img=True)
    t_load = time.perf_counter() - t0

    def orbit(frames):
        t = time.perf_counter()
        for _ in range(frames):
            plotter.camera.azimuth += 360.0 / args.frames
            plotter.render()
        return frames / (time.perf_counter() - t)
    still_fps = orbit(max(args.frames // 6, 5))          # full detail every frame
    for a in (full, ground):                              # what the 3D view does while the camera moves
        a.SetVisibility(False)
    for a in (block, ground_lod):
        a.SetVisibility(True)
    fps = orbit(args.frames)
    gl = plotter.ren_win.ReportCapabilities()
    renderer = next((ln.split(":", 1)[1].strip() for ln in gl.splitlines() if "renderer string" in ln), "?")
    res = {"buildings": len(geoms), "cells": int(mesh.n_cells), "lod_cells": int(lod.n_cells), "mesh_s": t_mesh,
           "load_s": t_load, "orbit_fps": fps, "full_detail_fps": still_fps, "window": [width, height],
           "gl_renderer": renderer}
    print(f"3d  buildings={len(geoms)} cells={mesh.n_cells} load_s={t_load:.2f} (meshes {t_mesh:.2f} s) "
          f"orbit_fps={fps:.1f} (block model {lod.n_cells} cells while moving) full_detail_fps={still_fps:.1f} "
          f"at {width}x{height} on {renderer}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_3d.json").write_text(json.dumps(res, indent=2))
    plotter.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
