"""What the georeferencing panel shows: one IFC model, either an imported layer of the project or a
file inspected without importing it (no Qt: plain data read through the core)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

OPENING_CODES = frozenset({"SCHEMA_PRERELEASE", "ENTITIES_DROPPED", "LARGE_COORDINATES"})


@dataclass
class GeorefSource:
    name: str
    path: Path                     # the IFC file on disk (never written to)
    schema: str
    opened_as: str
    georef: object                 # cim.ifc.georef.Georef (current: after a placement, the placed one)
    logeoref: dict
    findings: list = field(default_factory=list)
    layer_id: str | None = None    # None: a file inspected without importing it
    pending: bool = False          # a file placed by hand whose corrected copy is not written yet


def model_path(project, model) -> Path:
    p = Path(model.path)
    if not p.is_absolute() and project.path is not None:
        p = Path(project.path).resolve().parent / p
    return p


def from_layer(project, rec, boundary) -> GeorefSource:
    """The model of an ``ifc`` layer; findings re-checked against its current placement."""
    import shapely

    from cim.ifc.georef_checks import check_georef

    model = rec.data
    geoms = [g for g in model.buildings.geometry.to_numpy() if g is not None and not g.is_empty]
    footprint = shapely.union_all(geoms) if geoms else None
    kept = [w for w in model.warnings if w.code in OPENING_CODES]
    findings = kept + check_georef(model.georef, footprint=footprint, plan_boundary=boundary)
    return GeorefSource(rec.name, model_path(project, model), model.declared_schema, model.schema, model.georef,
                        dict(model.logeoref or {}), findings, layer_id=rec.id)


def inspect_file(path: str | Path, feedback=None) -> GeorefSource:
    """Read a file's georeferencing the way ``cimstudio georef`` does (runs in a worker)."""
    from cim.ifc.georef_inspect import inspect_georef

    path = Path(path)
    rep = inspect_georef(path, feedback=feedback)     # in a child process: a bad file cannot kill the app
    return GeorefSource(path.name, path, rep["schema"], rep["opened_as"], rep["georef"], rep["logeoref"],
                        rep["findings"])
