"""Per IFC building: footprint (LoD0), base elevation, height, storeys, gross floor area, LoD1 block.

Footprints are the union of the upward/downward-facing triangles of the building's elements after
georeferencing (vectorised: one transform of all vertices, one union per building).
GFA comes from quantities (``Qto_BuildingStoreyBaseQuantities.GrossFloorArea``, IFC2X3
``BaseQuantities``; else the spaces' ``Qto_SpaceBaseQuantities``), else from geometry
(footprint area × storeys above ground), and says which in ``gfa_source``.
"""

from __future__ import annotations

import json

import numpy as np

from cim.ifc.geometry import MeshSet
from cim.ifc.georef import Georef
from cim.ifc.structure import Structure, find_property, psets_of

BUILDING_COLUMNS = ("ifc_guid", "name", "base_z", "height_m", "storeys", "floors", "gfa_m2", "gfa_source",
                    "bms", "ioc_link", "psets", "ifc_file")


def element_building(mesh: MeshSet, structure: Structure) -> np.ndarray:
    """Building GlobalId (or '') of each element of ``mesh``."""
    b = structure.building_of
    return np.array([b.get(int(i), "") for i in mesh.ids], dtype="U22")


def footprints(mesh: MeshSet, verts_map: np.ndarray, element_bldg: np.ndarray, guids) -> dict:
    """``{building guid: (polygon, zmin, zmax)}`` from the flat-facing triangles of each building."""
    import shapely

    out = {}
    if not len(mesh.faces):
        return out
    tri = verts_map[mesh.faces]                                   # (F, 3, 3)
    e1, e2 = tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]
    normal = np.cross(e1, e2)
    norm = np.linalg.norm(normal, axis=1)
    area2d = 0.5 * np.abs(normal[:, 2])
    flat = (norm > 0) & (np.abs(normal[:, 2]) > 0.5 * norm) & (area2d > 1e-6)
    face_bldg = element_bldg[mesh.element_of_face()]
    vert_bldg = element_bldg[mesh.element_of_vertex()]
    for guid in guids:
        sel = flat & (face_bldg == guid)
        vz = verts_map[vert_bldg == guid, 2]
        if not sel.any() or not len(vz):
            continue
        t = tri[sel][:, :, :2]
        rings = np.concatenate([t, t[:, :1]], axis=1)
        polys = shapely.polygons(rings)
        fp = shapely.union_all(polys, grid_size=1e-4)
        fp = shapely.buffer(shapely.buffer(fp, 0.05, join_style="mitre"), -0.05, join_style="mitre")
        fp = shapely.make_valid(shapely.simplify(fp, 0.01))
        out[guid] = (fp, float(vz.min()), float(vz.max()))
    return out


def building_rows(ifc, structure: Structure, mesh: MeshSet, georef: Georef, *, ifc_file: str = "") -> list[dict]:
    """One row per IfcBuilding (a ``geometry`` key holds its footprint polygon in map coordinates)."""
    verts_map = georef.map_from_metres(mesh.verts) if len(mesh.verts) else np.zeros((0, 3))
    ebld = element_building(mesh, structure)
    guids = [b.GlobalId for b in structure.buildings]
    fps = footprints(mesh, verts_map, ebld, guids)
    rows = []
    for b in structure.buildings:
        storeys = structure.storeys_of.get(b.GlobalId, [])
        elev = np.array([_elevation_m(s, georef) for s in storeys]) if storeys else np.zeros(0)
        above = int((elev >= -0.5).sum()) if len(elev) else 0
        fp, zmin, zmax = fps.get(b.GlobalId, (None, np.nan, np.nan))
        psets = psets_of(b)
        gfa, source = _gfa_from_quantities(storeys, b, georef)
        if gfa is None and fp is not None:
            gfa, source = float(fp.area) * max(above, 1), "geometry"
        rows.append({
            "ifc_guid": b.GlobalId, "name": b.Name or "", "base_z": zmin,
            "height_m": (zmax - zmin) if fp is not None else np.nan,
            "storeys": len(storeys), "floors": above, "gfa_m2": np.nan if gfa is None else gfa,
            "gfa_source": source or "", "bms": str(find_property(psets, "BMS_System", "BMS", "BuildingManagementSystem") or ""),
            "ioc_link": str(find_property(psets, "IOC_Link", "IOCDataLink", "IOCLink", "ioc_link") or ""),
            "psets": json.dumps(psets, ensure_ascii=False, default=str), "ifc_file": ifc_file,
            "geometry": fp})
    return rows


def _elevation_m(storey, georef: Georef) -> float:
    return float(storey.Elevation or 0.0) * georef.length_unit_m


def _gfa_from_quantities(storeys, building, georef: Georef) -> tuple[float | None, str | None]:
    area_factor = 1.0  # ifcopenshell returns quantities in the file's area unit; CIM projects use m²
    total, found = 0.0, False
    for st in storeys:
        q = psets_of(st, qtos=True)
        v = find_property(q, "GrossFloorArea")
        if v is not None:
            total += float(v) * area_factor
            found = True
    if found:
        return total, "quantities"
    q = psets_of(building, qtos=True)
    v = find_property(q, "GrossFloorArea")
    if v is not None:
        return float(v) * area_factor, "quantities"
    spaces = [s for st in storeys for s in _spaces(st)]
    vals = [find_property(psets_of(s, qtos=True), "GrossFloorArea", "NetFloorArea") for s in spaces]
    vals = [float(v) for v in vals if v is not None]
    if vals:
        return sum(vals) * area_factor, "quantities (spaces)"
    return None, None


def _spaces(storey):
    out = []
    for rel in getattr(storey, "IsDecomposedBy", ()) or ():
        out.extend(o for o in rel.RelatedObjects if o.is_a("IfcSpace"))
    return out


def lod1_solid(polygon, base_z: float, height: float) -> tuple[np.ndarray, list]:
    """A prism over ``polygon``'s exterior: (vertices (n, 3), list of faces as vertex-index rings)."""
    import shapely

    poly = shapely.geometry.polygon.orient(polygon, sign=1.0)
    xy = np.asarray(poly.exterior.coords)[:-1]
    n = len(xy)
    bottom = np.column_stack([xy, np.full(n, base_z)])
    top = np.column_stack([xy, np.full(n, base_z + height)])
    verts = np.vstack([bottom, top])
    faces = [list(range(n - 1, -1, -1)), list(range(n, 2 * n))]
    faces += [[i, (i + 1) % n, n + (i + 1) % n, n + i] for i in range(n)]
    return verts, faces
