"""What ``cimstudio georef`` and the georeferencing panel read from an IFC file, parsed in a child process
(:func:`cim.ifc.isolated.run_isolated`): a damaged or hostile file that crashes or hangs ifcopenshell is
reported as a clear error instead of taking the app down."""

from __future__ import annotations

from pathlib import Path

from cim.feedback import Feedback


def read_georef_report(path: str | Path, *, empty_scale: str = "derive", feedback: Feedback | None = None) -> dict:
    """(runs in the child) schema, opened-as schema, :class:`~cim.ifc.georef.Georef`, LoGeoRef level and the
    findings of opening and of the georeferencing checks (:class:`cim.findings.Finding`) — all picklable."""
    from cim.ifc.georef import read_georef
    from cim.ifc.georef_checks import check_georef, logeoref
    from cim.ifc.opening import open_ifc

    src = open_ifc(Path(path))
    if feedback is not None:
        feedback.raise_if_canceled("IFC georeferencing")
    g = read_georef(src.file, empty_scale=empty_scale)
    return {"schema": src.declared_schema, "opened_as": src.schema, "georef": g,
            "logeoref": logeoref(src.file).to_dict(),
            "findings": list(src.warnings) + check_georef(g)}


def inspect_georef(path: str | Path, *, empty_scale: str = "derive", feedback: Feedback | None = None) -> dict:
    """:func:`read_georef_report` in a child process with the IFC time and memory limits."""
    from cim.ifc.isolated import run_isolated

    return run_isolated("cim.ifc.georef_inspect:read_georef_report", path, empty_scale=empty_scale,
                        feedback=feedback)


def read_footprint_here(path: str | Path, *, feedback: Feedback | None = None):
    """(runs in the child) the :class:`~cim.ifc.georef.Georef` of ``path`` and the convex hull of its
    triangulated geometry in map coordinates (a shapely polygon, or None without geometry)."""
    import shapely

    from cim.ifc.geometry import triangulate
    from cim.ifc.georef import read_georef
    from cim.ifc.opening import open_ifc

    src = open_ifc(Path(path))
    g = read_georef(src.file)
    mesh = triangulate(src.file, threads=1, feedback=feedback, path=path)
    if not len(mesh.verts):
        return g, None
    xy = g.map_from_metres(mesh.verts)[:, :2]
    return g, shapely.convex_hull(shapely.multipoints(xy))


def model_footprint(path: str | Path, *, feedback: Feedback | None = None):
    """:func:`read_footprint_here` in a child process with the IFC time and memory limits (rule GEO-01)."""
    from cim.ifc.isolated import run_isolated

    return run_isolated("cim.ifc.georef_inspect:read_footprint_here", path, feedback=feedback,
                        outcome=("the model could not be evaluated", "không đánh giá được mô hình"))
