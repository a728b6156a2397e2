"""3D view speed: load 100,000 extruded buildings (with a 512 x 512 DEM terrain) into one merged mesh and
orbit it off screen.

    xvfb-run -a python bench/bench_3d.py [--n 100000] [--frames 90] [--size 1280x800] [--repeat 5]
        [--screenshot out.png]

Load = footprints -> extruded mesh -> pyvista PolyData -> actor -> first frame. Orbit = frames per second
while the camera turns around the city (off-screen render window, same as the tests), with the actors
the 3D view makes (``layers.render.scene3d_actors``: block model with baked shading while moving).
The orbit is timed ``--repeat`` times; the median is reported (the machine is shared).
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
    ap.add_argument("--repeat", type=int, default=5, help="orbits timed; the median is reported")
    ap.add_argument("--screenshot", type=Path, help="save the full-detail and the moving frame (PNG)")
    args = ap.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    import pyvista as pv

    pv.OFF_SCREEN = True
    from layers.render.scene3d import SceneLayer, buildings_lod, buildings_mesh, terrain_mesh
    from layers.render.scene3d_actors import add_scene_layer, prepare_plotter, set_moving

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
    prepare_plotter(plotter)
    plotter.set_background("#dfe9f3", top="#9fc3e6")       # as the 3D view
    terrain = SceneLayer("dem", "terrain", terrain_mesh(dem, transform, origin),
                         lod=terrain_mesh(dem, transform, origin, max_cells=48))
    ground, ground_lod = add_scene_layer(plotter, terrain)
    full, block = add_scene_layer(plotter, SceneLayer("b", "buildings", mesh, np.arange(len(geoms)), owner, lod=lod))
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
    if args.screenshot:
        plotter.screenshot(str(args.screenshot.with_suffix(".still.png")))
    set_moving(plotter, True, (full, ground), (block, ground_lod))   # what the 3D view does while moving
    runs = [orbit(args.frames) for _ in range(max(args.repeat, 1))]
    fps = float(np.median(runs))
    if args.screenshot:
        plotter.screenshot(str(args.screenshot.with_suffix(".moving.png")))
    gl = plotter.ren_win.ReportCapabilities()
    renderer = next((ln.split(":", 1)[1].strip() for ln in gl.splitlines() if "renderer string" in ln), "?")
    res = {"buildings": len(geoms), "cells": int(mesh.n_cells), "lod_cells": int(lod.n_cells), "mesh_s": t_mesh,
           "load_s": t_load, "orbit_fps": fps, "orbit_fps_runs": runs,
           "full_detail_fps": still_fps, "window": [width, height],
           "gl_renderer": renderer}
    print(f"3d  buildings={len(geoms)} cells={mesh.n_cells} load_s={t_load:.2f} (meshes {t_mesh:.2f} s) "
          f"orbit_fps={fps:.1f} (median of {len(runs)}: {' '.join(f'{r:.1f}' for r in runs)}; block model {lod.n_cells} cells while moving) full_detail_fps={still_fps:.1f} "
          f"at {width}x{height} on {renderer}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_3d.json").write_text(json.dumps(res, indent=2))
    plotter.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
