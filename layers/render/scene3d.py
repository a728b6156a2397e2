"""The 3D scene of a project as a few merged pyvista meshes (no Qt): terrain from the DEM (optionally
draped with an orthophoto), all buildings of a layer extruded into one mesh, networks as lines.

Each mesh remembers which layer and feature each of its cells came from, so a pick in 3D maps back to
the same selection as the 2D canvas.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from layers.render.colors import parse_color, ramp_lut
from layers.render.extrude import extrude_footprints, polylines, sample_grid

STOREY_M = 3.3
DEFAULT_HEIGHT_M = 9.0


@dataclass
class SceneLayer:
    layer_id: str
    kind: str                      # terrain | buildings | lines | points
    mesh: object                   # pyvista dataset
    fids: np.ndarray | None = None  # cell owner index -> fid (buildings, lines)
    owner: np.ndarray | None = None
    lod: object = None             # a coarse block model shown while the camera moves (buildings)
    elements: object = None        # ifc: the cim.ifc.scene_mesh.PlacedMesh (cell "element" → GlobalId …)


@dataclass
class Scene:
    origin: tuple[float, float, float]
    layers: list[SceneLayer] = field(default_factory=list)
    n_blocks_replaced: int = 0     # GIS buildings drawn by their IFC model instead of a LoD1 block
    dem: tuple | None = None       # (array, transform, nodata) for sampling heights
    warnings: list[str] = field(default_factory=list)   # what could not be shown, as readable sentences


def _colors_rgb(packed: np.ndarray) -> np.ndarray:
    return np.stack([(packed >> s) & 255 for s in (0, 8, 16)], axis=1).astype(np.uint8)


def terrain_mesh(dem: np.ndarray, transform, origin, exaggeration: float = 1.0, nodata=None,
                 ramp: str = "terrain", max_cells: int = 256):
    import pyvista as pv

    a, _, c, _, e, f = tuple(transform)[:6]
    step = max(1, int(np.ceil(max(dem.shape) / max_cells)))
    z = np.asarray(dem[::step, ::step], dtype=np.float64)
    valid = np.isfinite(z) & ((z != nodata) if nodata is not None else True)
    fill = float(np.nanmin(np.where(valid, z, np.nan))) if valid.any() else 0.0
    z = np.where(valid, z, fill)
    rows, cols = z.shape
    xs = c + a * step * (np.arange(cols) + 0.5) - origin[0]
    ys = f + e * step * (np.arange(rows) + 0.5) - origin[1]
    gx, gy = np.meshgrid(xs, ys)
    grid = pv.StructuredGrid(gx, gy, (z - origin[2]) * exaggeration)
    lo, hi = np.percentile(z, 1), np.percentile(z, 99)
    t = np.clip((z - lo) / max(hi - lo, 1e-9), 0, 1)
    lut = ramp_lut(ramp, 256)
    rgb = lut[(t * 255).astype(np.uint8)][..., :3]
    grid.point_data["rgb"] = rgb.transpose(1, 0, 2).reshape(-1, 3)   # points run down the rows first
    return grid


def buildings_mesh(geoms, heights, base, origin, colors_packed=None, exaggeration: float = 1.0):
    import pyvista as pv

    mesh = extrude_footprints(geoms, np.asarray(heights) * exaggeration, (np.asarray(base) - origin[2])
                              * exaggeration, origin=(origin[0], origin[1], 0.0))
    poly = pv.PolyData(mesh.points, mesh.faces)
    if colors_packed is not None and len(mesh.owner):
        rgb = _colors_rgb(np.asarray(colors_packed)[mesh.owner]).astype(np.float32)
        rgb[:mesh.n_walls] *= 0.78          # walls a shade darker than roofs: the city reads in 3D
        poly.cell_data["rgb"] = rgb.astype(np.uint8)
    poly.cell_data["owner"] = mesh.owner
    return poly, mesh.owner


def buildings_lod(geoms, heights, base, origin, colors_packed=None, exaggeration: float = 1.0,
                  max_blocks: int = 800):
    """The interaction stand-in for a buildings mesh (see :func:`layers.render.extrude.block_lod`)."""
    import pyvista as pv

    from layers.render.extrude import block_lod

    mesh, rgb = block_lod(geoms, np.asarray(heights) * exaggeration, (np.asarray(base) - origin[2]) * exaggeration,
                          colors_packed, max_blocks, origin=(origin[0], origin[1], 0.0))
    poly = pv.PolyData(mesh.points, mesh.faces)
    if rgb is not None:
        rgb = rgb.astype(np.float32)
        rgb[:mesh.n_walls] *= 0.78
        poly.cell_data["rgb"] = rgb.astype(np.uint8)
    return poly


def building_heights(frame) -> np.ndarray:
    n = len(frame)
    for col, scale in (("height_m", 1.0), ("height", 1.0), ("floors", STOREY_M), ("floors_max", STOREY_M)):
        if col in frame.columns:
            v = np.asarray(frame[col].to_numpy(dtype=float, na_value=np.nan), dtype=float) * scale
            return np.where(np.isfinite(v) & (v > 0), v, DEFAULT_HEIGHT_M)
    return np.full(n, DEFAULT_HEIGHT_M)


IFC_MODES = ("replace", "both", "blocks")


def build_scene(project, *, exaggeration: float = 1.0, visible_only: bool = True, ifc_mode: str = "replace",
                cache_dir=None) -> Scene:
    """Terrain, buildings, IFC models, networks and points of ``project`` as merged meshes.

    ``ifc_mode``: ``"replace"`` shows imported IFC models and drops the LoD1 blocks of the GIS buildings
    they stand for; ``"both"`` shows models and blocks; ``"blocks"`` shows no IFC model. ``cache_dir``
    is the IFC geometry cache for models that remember none (default: beside the project file)."""
    import pyvista as pv

    from layers.kinds import layer_kind
    from layers.render.defaults import default_style
    from layers.render.style import resolve_style

    recs = [r for r in project.ordered_layers() if not visible_only or project.tree.is_visible(r.id)]
    role = {r.id: layer_kind(r).scene3d for r in recs}
    dem_rec = next((r for r in recs if role[r.id] == "terrain" and _band_count(r) == 1), None)
    dem = None
    if dem_rec is not None:
        info = dem_rec.data.info()
        b = info["bounds"]
        h, w = info.get("shape", (512, 512))[-2:] if "shape" in info else (512, 512)
        scale = max(1, int(np.ceil(max(h, w) / 512)))
        arr = dem_rec.data.read_window(tuple(b), (h // scale, w // scale))
        band = np.ma.filled(arr[0].astype(float), np.nan)
        transform = ((b[2] - b[0]) / band.shape[1], 0, b[0], 0, -(b[3] - b[1]) / band.shape[0], b[3])
        dem = (band, transform, None)
    frames = [(r, layer_kind(r).features(r)) for r in recs if role[r.id] == "features"]
    frames = [(r, f) for r, f in frames if f is not None and len(f)]
    ext = [f.total_bounds for _, f in frames]
    if dem is not None:
        bb = dem_rec.data.info()["bounds"]
        ext.append(np.array(bb))
    e = np.array(ext) if ext else np.zeros((1, 4))
    zmin = float(np.nanmin(dem[0])) if dem is not None and np.isfinite(dem[0]).any() else 0.0
    origin = (float((e[:, 0].min() + e[:, 2].max()) / 2), float((e[:, 1].min() + e[:, 3].max()) / 2), zmin)
    scene = Scene(origin=origin, dem=dem)
    if dem is not None:
        scene.layers.append(SceneLayer(dem_rec.id, "terrain", terrain_mesh(dem[0], dem[1], origin, exaggeration),
                                       lod=terrain_mesh(dem[0], dem[1], origin, exaggeration, max_cells=48)))

    def ground(geoms):
        if dem is None:
            return np.full(len(geoms), origin[2])
        import shapely

        xy = shapely.get_coordinates(shapely.centroid(geoms))
        z = sample_grid(dem[0], dem[1], xy)
        return np.where(np.isfinite(z), z, origin[2])

    ifc_buildings = _add_ifc_layers(scene, project, [r for r in recs if role[r.id] == "model"], ifc_mode,
                                    exaggeration, cache_dir)
    for rec, gdf in frames:
        geoms = np.asarray(gdf.geometry.array, dtype=object)
        style = rec.style or default_style(rec.name, rec.object_kind, list(gdf.columns), str(gdf.geom_type.iloc[0]))
        kind = str(gdf.geom_type.iloc[0]).lower()
        is_building = rec.object_kind == "building" or "building" in rec.name.lower()
        if "polygon" in kind and is_building:
            if "use" in gdf.columns:    # 3D shows what buildings are for, in the land-use colours
                from layers.render.defaults import LANDUSE_COLORS

                style = {"type": "categorised", "field": "use", "categories": LANDUSE_COLORS, "default": "#d9cfc1"}
            colors = resolve_style(style, gdf, len(gdf)).fill
            if ifc_mode == "replace" and ifc_buildings:
                from layers.render.ifc3d import linked_to_ifc

                keep = ~linked_to_ifc(gdf, ifc_buildings)
                scene.n_blocks_replaced += int((~keep).sum())
                gdf, geoms, colors = gdf[keep], geoms[keep], np.asarray(colors)[keep]
                if len(gdf) == 0:
                    continue
            heights, base = building_heights(gdf), ground(geoms)
            poly, owner = buildings_mesh(geoms, heights, base, origin, colors, exaggeration)
            lod = buildings_lod(geoms, heights, base, origin, colors, exaggeration) if len(gdf) > 20000 else None
            scene.layers.append(SceneLayer(rec.id, "buildings", poly, gdf.index.to_numpy(), owner, lod=lod))
        elif "line" in kind:
            pts, lines, owner = polylines(geoms, (ground(geoms) + 0.6), origin)
            pts[:, 2] *= exaggeration
            mesh = pv.PolyData(pts, lines=lines)
            rgba = parse_color(style.get("stroke", "#555555"))
            scene.layers.append(SceneLayer(rec.id, "lines", mesh, gdf.index.to_numpy(), owner))
            mesh.field_data["color"] = np.array(rgba[:3], dtype=np.uint8)
        elif "point" in kind:
            import shapely

            xy = shapely.get_coordinates(geoms)
            if len(xy) != len(geoms):
                continue
            z = (ground(geoms) + 2.0 - origin[2]) * exaggeration
            mesh = pv.PolyData(np.column_stack([xy - origin[:2], z]).astype(np.float32))
            colors = resolve_style(style, gdf, len(gdf)).fill
            mesh.point_data["rgb"] = _colors_rgb(colors)
            scene.layers.append(SceneLayer(rec.id, "points", mesh, gdf.index.to_numpy(), np.arange(len(gdf))))
    return scene


def _add_ifc_layers(scene: Scene, project, recs, ifc_mode: str, exaggeration: float, cache_dir) -> list:
    """One mesh per IFC layer in ``recs`` (the layers whose 3D part is a model; see
    :mod:`layers.render.ifc3d`); returns their building frames."""
    if ifc_mode not in IFC_MODES:
        raise ValueError(f"ifc_mode must be one of {IFC_MODES}")
    if ifc_mode == "blocks":
        return []
    from cim.errors import CimError
    from cim.ifc.scene_mesh import default_cache_dir, placed_mesh
    from layers.render.ifc3d import ifc_polydata

    cache = cache_dir or default_cache_dir(getattr(project, "path", None))
    shown = []
    for rec in recs:
        model = rec.data
        crs = model.buildings.crs.to_string() if model.buildings.crs is not None else rec.crs or project.crs
        try:
            placed = placed_mesh(model, project.crs, layer_crs=crs, cache_dir=cache)
        except (CimError, OSError) as exc:
            scene.warnings.append(f"{rec.name}: {exc}")
            continue
        if placed.n_triangles == 0:
            continue
        poly = ifc_polydata(placed, scene.origin, exaggeration)
        scene.layers.append(SceneLayer(rec.id, "ifc", poly, model.buildings.index.to_numpy(),
                                       poly.cell_data["element"], elements=placed))
        shown.append(model.buildings)
    return shown


def _band_count(rec) -> int:
    try:
        return int(rec.data.info().get("count", 1))
    except Exception:   # unreadable raster: not a DEM
        return 0
