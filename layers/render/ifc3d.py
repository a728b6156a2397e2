"""IFC models in the 3D scene (no Qt): one merged triangle mesh per IFC layer, coloured by IFC class,
each cell knowing its element, and the GIS footprints those models stand for (so the view can drop
their extruded LoD1 blocks).

The triangles come from the core (:func:`cim.ifc.scene_mesh.placed_mesh`: geometry cache, georeferencing
into the project CRS); here they are only shifted to the scene origin and turned into pyvista data.
"""

from __future__ import annotations

import numpy as np

from layers.render.colors import parse_color

#: IFC class → colour (families by prefix; the first matching prefix wins)
CLASS_COLORS: tuple[tuple[str, str], ...] = (
    ("IfcWindow", "#8fb8d8"), ("IfcCurtainWall", "#8fb8d8"), ("IfcPlate", "#8fb8d8"),
    ("IfcDoor", "#9a6b43"), ("IfcRoof", "#b5533c"), ("IfcSlab", "#c9c4bb"), ("IfcWall", "#efe6d6"),
    ("IfcColumn", "#d8d2c6"), ("IfcBeam", "#d8d2c6"), ("IfcStair", "#bdb6aa"), ("IfcRailing", "#7d7d7d"),
    ("IfcSensor", "#e4572e"), ("IfcLightFixture", "#ffd23f"), ("IfcFlow", "#3a86ff"), ("IfcPipe", "#3a86ff"),
    ("IfcDistribution", "#3a86ff"), ("IfcCourse", "#6d6d6d"), ("IfcPavement", "#6d6d6d"),
)
DEFAULT_COLOR = "#d9d4ca"


def class_rgb(classes) -> np.ndarray:
    """(n, 3) uint8 colours of IFC class names."""
    classes = np.asarray(classes, dtype=object)
    out = np.tile(np.array(parse_color(DEFAULT_COLOR)[:3], dtype=np.uint8), (len(classes), 1))
    done = np.zeros(len(classes), dtype=bool)
    for prefix, color in CLASS_COLORS:
        hit = ~done & np.array([str(c).startswith(prefix) for c in classes], dtype=bool)
        if hit.any():
            out[hit] = parse_color(color)[:3]
            done |= hit
    return out


def ifc_polydata(placed, origin, exaggeration: float = 1.0):
    """A :class:`cim.ifc.scene_mesh.PlacedMesh` as one pyvista PolyData of triangles around ``origin``.

    Cell data: ``rgb`` (the IFC class colour) and ``element`` (index into the placed mesh's element
    arrays)."""
    import pyvista as pv

    pts = np.empty((len(placed.verts), 3), dtype=np.float64)
    pts[:, 0] = placed.verts[:, 0] - origin[0]
    pts[:, 1] = placed.verts[:, 1] - origin[1]
    pts[:, 2] = (placed.verts[:, 2] - origin[2]) * exaggeration
    n = len(placed.faces)
    cells = np.empty((n, 4), dtype=np.int64)
    cells[:, 0] = 3
    cells[:, 1:] = placed.faces
    poly = pv.PolyData(pts, cells.ravel()) if n else pv.PolyData(pts)
    rgb = class_rgb(placed.classes)[placed.element_of_face] if n else np.zeros((0, 3), np.uint8)
    poly.cell_data["rgb"] = rgb
    poly.cell_data["element"] = np.asarray(placed.element_of_face, dtype=np.int64)
    return poly


def linked_to_ifc(gis_frame, ifc_buildings: list, min_iou: float = 0.5) -> np.ndarray:
    """Boolean mask of GIS building rows that an IFC building stands for: linked by the merge
    (``ifc_guid`` column) or, when not merged yet, overlapping an IFC footprint with IoU ≥ ``min_iou``."""
    from cim.merge.matching import footprint_pairs

    n = len(gis_frame)
    mask = np.zeros(n, dtype=bool)
    if not ifc_buildings or n == 0:
        return mask
    guids = {str(g) for b in ifc_buildings for g in b["ifc_guid"].astype(str) if g}
    if "ifc_guid" in gis_frame.columns:
        mask |= gis_frame["ifc_guid"].fillna("").astype(str).isin(guids).to_numpy()
    geoms = np.concatenate([b.geometry.to_numpy() for b in ifc_buildings])
    geoms = np.array([g if g is not None and not g.is_empty else None for g in geoms], dtype=object)
    geoms = geoms[geoms != None]  # noqa: E711  (element-wise)
    if len(geoms):
        pairs = footprint_pairs(geoms, gis_frame.geometry.to_numpy())
        hit = pairs.best_gis[pairs.best_iou >= min_iou]
        mask[hit[hit >= 0]] = True
    return mask
