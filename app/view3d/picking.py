"""What is under a pixel of the 3D view: a GIS building (layer id, fid) or an IFC element (GlobalId,
class, name), and the cells to highlight for the session's selection. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from layers.kinds import has_table


@dataclass
class Hit:
    layer_id: str
    fid: int | None                 # GIS building fid; for an IFC element: the GIS building it stands for
    element: dict | None = None     # IFC: guid, ifc_class, name, building_guid
    select_layer_id: str | None = None   # the layer whose feature ``fid`` is (the GIS buildings layer)


def pick(plotter, scene, actors: dict, project, x: int, y: int) -> Hit | None:
    """The building or IFC element at display pixel (x, y from the bottom-left), or None."""
    import vtk

    picker = vtk.vtkCellPicker()
    picker.SetTolerance(0.0005)
    if not picker.Pick(x, y, 0, plotter.renderer):
        return None
    actor, cell = picker.GetActor(), picker.GetCellId()
    if cell < 0:
        return None
    for layer in scene.layers:
        if actors.get(layer.layer_id) is not actor:
            continue
        if layer.kind == "buildings":
            return Hit(layer.layer_id, int(layer.fids[layer.owner[cell]]), select_layer_id=layer.layer_id)
        if layer.kind == "ifc":
            element = layer.elements.element(int(layer.owner[cell]))
            gis = gis_building_of(project, element["building_guid"])
            return Hit(layer.layer_id, gis[1] if gis else None, element, gis[0] if gis else None)
    return None


def gis_building_of(project, building_guid: str) -> tuple[str, int] | None:
    """(layer id, fid) of the GIS building linked to IFC building ``building_guid`` (``ifc_guid``)."""
    if not building_guid:
        return None
    for rec in project.ordered_layers():
        if not has_table(rec) or "ifc_guid" not in getattr(rec.data, "columns", ()):
            continue
        hit = np.flatnonzero(rec.data["ifc_guid"].fillna("").astype(str).to_numpy() == building_guid)
        if len(hit):
            return rec.id, int(rec.data.index[hit[0]])
    return None


def selected_cells(scene, session) -> list:
    """Meshes of the selected buildings: their extruded blocks, or the IFC elements standing for them."""
    meshes = []
    guids: set[str] = set()
    for rec in session.project.ordered_layers():
        fids = session.selected(rec.id)
        if len(fids) and has_table(rec) and "ifc_guid" in rec.data.columns:
            rows = rec.data.loc[rec.data.index.intersection(fids), "ifc_guid"]
            guids |= {str(g) for g in rows.fillna("").astype(str) if g}
    for layer in scene.layers:
        if layer.kind == "buildings":
            fids = session.selected(layer.layer_id)
            if len(fids) == 0:
                continue
            pos = np.flatnonzero(np.isin(layer.fids, fids))
            cells = np.flatnonzero(np.isin(layer.owner, pos))
        elif layer.kind == "ifc" and guids:
            elems = np.flatnonzero(np.isin(layer.elements.buildings.astype(str), list(guids)))
            cells = np.flatnonzero(np.isin(layer.owner, elems))
        else:
            continue
        if len(cells):
            meshes.append(layer.mesh.extract_cells(cells))
    return meshes
