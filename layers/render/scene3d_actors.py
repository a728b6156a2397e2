"""pyvista actors for the layers of a 3D scene (no Qt), shared by the 3D view and ``bench/bench_3d.py``
so the bench measures what the view draws.

Frame rate on software OpenGL (llvmpipe) is bound by per-pixel work: pyvista's default light kit has
five lights, and evaluating them for every fragment costs more than the geometry of the interaction
stand-ins. So the stand-ins shown while the camera moves (``lod``) carry their shading baked into their
colours (a fixed sun, Lambert) and are drawn unlit; the full-detail meshes keep the lit look for the
still frame. The gradient sky is a full-window shader pass that costs as much as the whole block model:
while moving the sky is one flat colour (the gradient's middle). No anti-aliasing, depth peeling, edges
or point sprites on big meshes.
"""

from __future__ import annotations

import numpy as np

#: direction the light comes from for baked shading (from the south-east, 50° up), normalised
SUN = np.array([0.45, -0.55, 0.75]) / np.linalg.norm([0.45, -0.55, 0.75])
AMBIENT = 0.55


def shade(rgb: np.ndarray, normals: np.ndarray, ambient: float = AMBIENT) -> np.ndarray:
    """``rgb`` (n, 3) uint8 lit by :data:`SUN` (Lambert, two-sided) on top of ``ambient``."""
    lam = np.abs(np.asarray(normals, dtype=np.float64) @ SUN)
    k = ambient + (1.0 - ambient) * lam
    return np.clip(np.asarray(rgb, dtype=np.float64) * k[:, None] * 1.08, 0, 255).astype(np.uint8)


def baked(mesh):
    """A copy of ``mesh`` (PolyData or StructuredGrid with ``rgb`` on cells or points) whose colours
    carry the shading, to be drawn with ``lighting=False``."""
    surf = mesh.extract_surface(algorithm="dataset_surface") if not hasattr(mesh, "faces") else mesh.copy(deep=False)
    if "rgb" in surf.cell_data and surf.n_cells:
        n = surf.compute_normals(cell_normals=True, point_normals=False, split_vertices=False,
                                 consistent_normals=False, auto_orient_normals=False)
        surf.cell_data["rgb"] = shade(surf.cell_data["rgb"], n.cell_data["Normals"])
    elif "rgb" in surf.point_data and surf.n_points:
        n = surf.compute_normals(cell_normals=False, point_normals=True, split_vertices=False,
                                 consistent_normals=False, auto_orient_normals=False)
        surf.point_data["rgb"] = shade(surf.point_data["rgb"], n.point_data["Normals"])
    return surf


def _rgb_kw(mesh) -> dict:
    has = "rgb" in mesh.cell_data or "rgb" in mesh.point_data
    return {"scalars": "rgb", "rgb": True} if has else {"color": (217, 207, 193)}


def add_scene_layer(plotter, layer):
    """Add ``layer`` (a :class:`layers.render.scene3d.SceneLayer`); returns ``(actor, lod_actor)``,
    the level-of-detail actor (hidden) or None."""
    m, kind = layer.mesh, layer.kind
    lod = None
    if kind == "terrain":
        actor = plotter.add_mesh(m, lighting=True, smooth_shading=True, pickable=False, **_rgb_kw(m))
    elif kind in ("buildings", "ifc"):
        actor = plotter.add_mesh(m, pickable=True, show_edges=False, lighting=True, **_rgb_kw(m))
    elif kind == "lines":
        color = tuple(int(c) for c in m.field_data["color"]) if "color" in m.field_data else (80, 80, 80)
        actor = plotter.add_mesh(m, color=color, line_width=2.5, pickable=False, lighting=False)
    else:
        actor = plotter.add_mesh(m, point_size=6, render_points_as_spheres=m.n_points < 20000, pickable=False,
                                 **_rgb_kw(m))
    if getattr(layer, "lod", None) is not None:
        lod_mesh = baked(layer.lod)
        lod = plotter.add_mesh(lod_mesh, lighting=False, pickable=False, **_rgb_kw(lod_mesh))
        lod.SetVisibility(False)
    return actor, lod


def prepare_plotter(plotter) -> None:
    """Renderer settings for software OpenGL: no multisampling, FXAA or depth peeling."""
    plotter.disable_anti_aliasing()
    plotter.disable_depth_peeling()


def set_moving(plotter, moving: bool, full_actors=(), lod_actors=()) -> None:
    """Switch between the still frame (full detail, gradient sky) and the moving one (stand-ins, flat sky)."""
    ren = plotter.renderer
    if moving and ren.GetGradientBackground():
        bottom, top = ren.GetBackground(), ren.GetBackground2()
        ren._cim_sky = bottom
        ren.SetBackground(*[(a + b) / 2 for a, b in zip(bottom, top)])
        ren.SetGradientBackground(False)
    elif not moving and getattr(ren, "_cim_sky", None) is not None:
        ren.SetBackground(*ren._cim_sky)
        ren._cim_sky = None
        ren.SetGradientBackground(True)
    for a in full_actors:
        a.SetVisibility(not moving)
    for a in lod_actors:
        a.SetVisibility(moving)
