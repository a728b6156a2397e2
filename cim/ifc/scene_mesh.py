"""An imported IFC model's triangles placed in a project CRS, for viewers (the 3D view, exports).

The geometry comes from the model's geometry cache (:meth:`cim.ifc.model.IfcModel.meshes`, keyed by
file SHA-256 + settings + GlobalId; the IFC is parsed only on a miss). Vertices go model metres →
map coordinates with the model's georeferencing (:meth:`cim.ifc.georef.Georef.map_from_metres`) →
the target CRS (the georeferencing's EPSG code, else the layer's CRS, as :func:`analyse_ifc` assumes),
vectorised. Each element keeps its GlobalId, IFC class, name and building, for identify.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cim.feedback import Feedback


@dataclass
class PlacedMesh:
    """Triangles of all elements of one IFC model in a map CRS. ``faces`` index ``verts`` globally."""

    verts: np.ndarray          # (V, 3) float64, map coordinates (x, y in the target CRS, z as placed)
    faces: np.ndarray          # (F, 3) int64
    element_of_face: np.ndarray  # (F,) index into the element arrays below
    guids: np.ndarray          # (n,) GlobalId
    classes: np.ndarray        # (n,) IFC class (IfcWall …)
    names: np.ndarray          # (n,) element Name ('' when none)
    buildings: np.ndarray      # (n,) GlobalId of the element's IfcBuilding ('' when none)

    @property
    def n_triangles(self) -> int:
        return int(len(self.faces))

    def element(self, i: int) -> dict:
        return {"guid": str(self.guids[i]), "ifc_class": str(self.classes[i]), "name": str(self.names[i]),
                "building_guid": str(self.buildings[i])}


def default_cache_dir(project_path: str | Path | None) -> Path | None:
    """The geometry cache beside a saved project (``.cimcache``), as ``cimstudio import-ifc`` uses."""
    return Path(project_path).resolve().parent / ".cimcache" if project_path else None


def placed_mesh(model, target_crs: str | None, *, layer_crs: str | None = None,
                cache_dir: str | Path | None = None, feedback: Feedback | None = None) -> PlacedMesh:
    """The triangles of ``model`` (an :class:`cim.ifc.model.IfcModel`) in ``target_crs``.

    ``layer_crs`` is the CRS the model's footprints are in (the map CRS when the georeferencing names
    no EPSG code); ``cache_dir`` is used when the model remembers none.
    """
    mesh = model.meshes(cache_dir=model.cache_dir or cache_dir, feedback=feedback)
    g = model.georef
    verts = g.map_from_metres(mesh.verts) if len(mesh.verts) else np.zeros((0, 3))
    src = f"EPSG:{g.epsg}" if g.epsg else layer_crs
    if len(verts) and src and target_crs and not _same_crs(src, target_crs):
        from cim.crs.transform import transform_xy

        x, y = transform_xy(verts[:, 0], verts[:, 1], src, target_crs)
        verts = np.column_stack([x, y, verts[:, 2]])
    info = {str(e.get("guid")): e for e in (model.elements or [])}
    names = np.array([str(info.get(str(gid), {}).get("name", "")) for gid in mesh.guids], dtype=object)
    blds = np.array([str(info.get(str(gid), {}).get("building_guid", "")) for gid in mesh.guids], dtype=object)
    return PlacedMesh(verts, np.asarray(mesh.faces, dtype=np.int64), mesh.element_of_face(),
                      np.asarray(mesh.guids).astype(object), np.asarray(mesh.classes).astype(object), names, blds)


def _same_crs(a: str, b: str) -> bool:
    if a == b:
        return True
    from pyproj import CRS

    return CRS.from_user_input(a) == CRS.from_user_input(b)
