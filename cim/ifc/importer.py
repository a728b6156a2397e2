"""Use case: import an IFC file into a project as one undoable step.

Adds an ``ifc`` layer (building footprints + model metadata) and, when the model has them, vector
layers of smart elements, corridors (alignments) and network edges. Everything is computed first;
the layers are added by one macro command at the very end, so a failure or a cancel leaves the
project unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cim.errors import CimInputError
from cim.feedback import Feedback


@dataclass
class IfcImportResult:
    layers: list = field(default_factory=list)   # LayerRecords added
    warnings: list = field(default_factory=list)       # cim.findings.Finding
    from_cache: bool = False
    model: object = None


def analyse_ifc(path: str | Path, *, target_crs: str | None = None, cache_dir: str | Path | None = None,
                empty_scale: str = "derive", settings: dict | None = None, threads: int | None = None,
                plan_boundary=None, require_geometry: bool = True, place: tuple[float, ...] | None = None,
                feedback: Feedback | None = None, isolate: bool = True) -> dict:
    """Read everything the CIM takes from an IFC file, touching no project. Returns a dict of frames.

    A model without georeferencing needs ``place`` = (E, N[, rotation°]) in ``target_crs``
    (:func:`cim.ifc.place.placement_at_import`); without it, it is refused.

    The file is parsed and tessellated in a child process with a time and a memory limit
    (:mod:`cim.ifc.isolated`): a file that crashes ifcopenshell natively, hangs or exhausts memory
    is a :class:`CimInputError` naming it, never the death of the caller."""
    kwargs = dict(target_crs=target_crs, cache_dir=cache_dir, empty_scale=empty_scale, settings=settings,
                  threads=threads, plan_boundary=plan_boundary, require_geometry=require_geometry, place=place)
    if isolate:
        from cim.ifc.isolated import run_isolated

        return run_isolated("cim.ifc.importer:_analyse_here", path, feedback=feedback, **kwargs)
    return _analyse_here(path, feedback=feedback, **kwargs)


def _analyse_here(path: str | Path, *, target_crs: str | None = None, cache_dir: str | Path | None = None,
                  empty_scale: str = "derive", settings: dict | None = None, threads: int | None = None,
                  plan_boundary=None, require_geometry: bool = True, place: tuple[float, ...] | None = None,
                  feedback: Feedback | None = None) -> dict:
    import geopandas as gpd
    import shapely

    from cim.ifc.buildings import building_rows
    from cim.ifc.devices import device_rows
    from cim.ifc.geometry import cached_triangulate
    from cim.ifc.georef import georef_finding, read_georef
    from cim.ifc.georef_checks import check_georef, logeoref
    from cim.ifc.infra import alignment_rows, pipe_network
    from cim.ifc.model import IfcModel
    from cim.ifc.opening import open_ifc
    from cim.ifc.place import placement_at_import
    from cim.ifc.structure import element_table, read_structure

    feedback = feedback or Feedback()
    path = Path(path)
    with feedback.step(0.0, 0.1):
        src = open_ifc(path)
    for w in src.warnings:
        feedback.log(f"{path.name}: {w.message.en}", "warning")
    ifc = src.file
    g = placement_at_import(path, read_georef(ifc, empty_scale=empty_scale), place, target_crs)
    structure = read_structure(ifc)
    feedback.raise_if_canceled("IFC import")
    with feedback.step(0.1, 0.8):
        mesh, from_cache = cached_triangulate(ifc, src.sha256, cache_dir, settings=settings, threads=threads,
                                              feedback=feedback, path=path)
    if require_geometry and len(mesh) == 0:
        raise CimInputError(path, "the IFC file has no geometry that can be triangulated "
                                  "/ tệp IFC không có hình học", obj=src.declared_schema,
                            hint="export the model with its 3D body representations (IFC Reference View)")
    feedback.raise_if_canceled("IFC import")
    file_ref = str(path.resolve())
    brows = building_rows(ifc, structure, mesh, g, ifc_file=file_ref)
    source_crs = f"EPSG:{g.epsg}" if g.epsg else (target_crs or None)
    geoms = [r.pop("geometry") for r in brows]
    buildings = gpd.GeoDataFrame(brows, geometry=geoms, crs=source_crs)
    drows = device_rows(ifc, structure, g, ifc_file=file_ref)
    devices = gpd.GeoDataFrame(drows, geometry=shapely.points([r.pop("geometry") for r in drows]) if drows
                               else [], crs=source_crs)
    arows = alignment_rows(ifc, g)
    corridors = gpd.GeoDataFrame(arows, geometry=[shapely.linestrings(r.pop("coords")) for r in arows],
                                 crs=source_crs)
    erows, _nodes = pipe_network(ifc, mesh, g)
    edges = gpd.GeoDataFrame(erows, geometry=[shapely.linestrings(r.pop("coords")) for r in erows],
                             crs=source_crs)
    frames = {"buildings": buildings, "devices": devices, "corridors": corridors, "network": edges}
    if target_crs and source_crs and source_crs != target_crs:
        frames = {k: v.to_crs(target_crs) if len(v) else v.set_crs(target_crs, allow_override=True)
                  for k, v in frames.items()}
    fp = shapely.union_all(frames["buildings"].geometry.dropna().to_numpy()) if len(buildings) else None
    findings = check_georef(g, footprint=fp, plan_boundary=plan_boundary)
    warnings = list(src.warnings) + findings
    if len(mesh.verts) and np.abs(mesh.verts).max() > 1e5:
        warnings.append(georef_finding(
            "LARGE_COORDINATES", "Map coordinates are stored in the geometry itself (far from the origin): "
            "float32 viewers lose precision; CIM Studio keeps float64 and shifts the origin.",
            "Toạ độ bản đồ được lưu trực tiếp trong hình học (xa gốc toạ độ)."))
    model = IfcModel(path=file_ref, sha256=src.sha256, declared_schema=src.declared_schema, schema=src.schema,
                     georef=g, buildings=frames["buildings"], logeoref=logeoref(ifc).to_dict(),
                     warnings=warnings, elements=element_table(ifc, structure), settings=dict(settings or {}),
                     cache_dir=str(cache_dir) if cache_dir else None)
    model._mesh = mesh
    feedback.set_progress(1.0)
    return {"model": model, "from_cache": from_cache, **{k: v for k, v in frames.items() if k != "buildings"}}


def ifc_layer_records(project_crs: str | None, path: str | Path, analysed: dict, *,
                      name: str | None = None) -> list:
    """The layer records an import adds (the ``ifc`` layer first, then its derived vector layers),
    built from :func:`analyse_ifc`'s result without touching any project (safe in a worker thread)."""
    from cim.ifc.model import KIND
    from cim.project.layer import LayerRecord

    path = Path(path)
    model = analysed["model"]
    base = name or path.stem
    layer = LayerRecord(name=base, kind=KIND, data=model, crs=project_crs, object_kind="building",
                        source={"path": model.path, "sha256": model.sha256, "schema": model.declared_schema})
    records = [layer]
    extra = (("devices", "smart_element", "thiết bị"), ("corridors", "corridor", "hành lang"),
             ("network", "network_edge", "mạng"))
    for key, kind, _vi in extra:
        gdf = analysed[key]
        if len(gdf):
            gdf = gdf.reset_index(drop=True)
            gdf.index = np.arange(1, len(gdf) + 1, dtype=np.int64)
            gdf.index.name = "fid"
            records.append(LayerRecord(name=f"{base} — {key}", kind="vector", data=gdf, crs=project_crs,
                                       object_kind=kind, source={"ifc_layer": layer.id, "path": model.path}))
    return records


def add_ifc_layers(project, path: str | Path, records: list, *, group: str | None = None) -> None:
    """Add the records of :func:`ifc_layer_records` to ``project`` as one undoable macro, inside the
    layer group named ``group`` (made when missing) or at the top of the tree."""
    from cim.project.edits import AddGroup, AddLayer

    with project.undo_stack.macro(f"Import IFC {Path(path).name}"):
        parent = "root"
        if group:
            node = project.tree.group(group)
            if node is None:
                add = AddGroup(project, group)
                project.push(add)
                node = add.node
            parent = node.id
        for rec in records:
            project.push(AddLayer(project, rec, parent_id=parent))


def import_ifc(project, path: str | Path, *, cache_dir: str | Path | None = None, name: str | None = None,
               empty_scale: str = "derive", settings: dict | None = None, threads: int | None = None,
               plan_boundary=None, place: tuple[float, ...] | None = None,
               feedback: Feedback | None = None) -> IfcImportResult:
    """Import ``path`` into ``project`` (one undo step). Raises :class:`CimInputError` on bad input."""
    from cim.ifc.model import register

    register()
    feedback = feedback or Feedback()
    path = Path(path)
    with feedback.step(0.0, 0.95):
        res = analyse_ifc(path, target_crs=project.crs, cache_dir=cache_dir, empty_scale=empty_scale,
                          settings=settings, threads=threads, plan_boundary=plan_boundary, place=place,
                          feedback=feedback)
    feedback.raise_if_canceled("IFC import")
    records = ifc_layer_records(project.crs, path, res, name=name)
    add_ifc_layers(project, path, records)
    feedback.set_progress(1.0)
    model = res["model"]
    return IfcImportResult(layers=records, warnings=model.warnings, from_cache=res["from_cache"], model=model)
