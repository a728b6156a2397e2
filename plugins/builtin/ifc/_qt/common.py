"""Small helpers shared by the IFC panels: the project's IFC layers, workers, warning text."""

from __future__ import annotations

from pathlib import Path

from layers.kinds import table_layers
from plugins.gui import ui_language


def ifc_layers(project) -> list:
    """The project's IFC model layers, in layer-tree order."""
    return [r for r in project.ordered_layers() if r.kind == "ifc"]


def building_layers(project) -> list:
    """Vector layers the merge can link IFC buildings to (GIS footprints with ``cim_id``)."""
    return [r for r in table_layers(project) if r.object_kind == "building"
            and "cim_id" in r.data.columns]


def plan_boundary(project):
    """The union of the project's plan-boundary polygons (project CRS), or None."""
    import shapely

    geoms = [g for r in table_layers(project) if r.object_kind == "boundary"
             for g in r.data.geometry.to_numpy() if g is not None]
    return shapely.union_all(geoms) if geoms else None


def cache_dir(project) -> Path | None:
    """The IFC geometry cache beside the project file (as the CLI uses), none for an unsaved project."""
    return Path(project.path).resolve().parent / ".cimcache" if project.path else None


def finding_text(w) -> str:
    """A georeferencing :class:`cim.findings.Finding` in the UI language."""
    return w.message.get(ui_language())


def run_ifc_task(window, title: str, fn, on_done, on_failed=None, **kw):
    """The window's worker (progress, Cancel, kept in ``window.files.tasks`` so closing waits for it)."""
    return window.run_task(title, fn, on_done, on_failed=on_failed, **kw)
