"""GEO-01: every IFC model a building refers to is georeferenced onto VN-2000, lands on its footprint
and inside the plan boundary, with a consistent unit scale (reads the models with ``cim.ifc``)."""

from __future__ import annotations

import functools

from cim.checks.base import CheckSkipped
from cim.report.numbers import number, short


@functools.lru_cache(maxsize=64)
def _model(path: str, mtime: float):
    """(georef, footprint polygon in map coordinates or None) of one IFC file, or the
    :class:`CimError` that reading it ended with (cached per file and modification time, failures
    too: a file that crashes the reader is not read again until it changes). The file is read in a
    child process with the IFC time and memory limits (:mod:`cim.ifc.isolated`): a native crash or a
    hang of ifcopenshell is a finding, not the end of the app."""
    from cim.errors import Canceled, CimError
    from cim.ifc.georef_inspect import model_footprint

    try:
        return model_footprint(path)
    except Canceled:
        raise
    except CimError as exc:
        return exc


def geo01(ctx, feedback):
    import numpy as np
    import shapely

    try:
        from cim.ifc.georef_checks import is_vn2000_epsg
        from cim.ifc.references import resolve
    except ImportError as exc:  # pragma: no cover - cim.ifc not installed
        raise CheckSkipped("Chờ mô-đun IFC (cim.ifc).", "Waiting for the IFC module (cim.ifc).", "waiting") from exc
    sels = [s for s in ctx.select("building") if "ifc_file" in s.rec.data.columns]
    refs = [(s.rec, s.rec.data["ifc_file"].astype("string").fillna("").str.strip()) for s in sels]
    if not any((col != "").any() for _, col in refs):
        raise CheckSkipped("Không có công trình nào tham chiếu mô hình IFC.", "No building refers to an IFC model.")
    boundary = [ctx.geoms(s.rec) for s in ctx.select("boundary")]
    plan = shapely.union_all(np.concatenate(boundary)) if boundary else None
    tol = float(ctx.params.get("footprint_tolerance_m", 5.0))
    btol = float(ctx.params.get("boundary_tolerance_m", 1.0))
    out = []
    for rec, col in refs:
        geoms = ctx.geoms(rec)
        for pos in np.flatnonzero((col != "").to_numpy()):
            name = col.iat[pos]
            feedback.raise_if_canceled("GEO-01")
            path = resolve(ctx.project, rec, name, ctx.params.get("base_dirs", []))
            mask = np.zeros(len(rec.data), dtype=bool)
            mask[pos] = True

            def issue(vi, en, rec=rec, mask=mask, name=name, **ev):
                return ctx.issues_for(rec, mask, "{id}: " + vi, "{id}: " + en, values={"ifc_file": name, **ev})
            if path is None:
                out += issue(f"không tìm thấy tệp IFC “{name}”", f"IFC file '{name}' not found")
                continue
            got = _model(str(path.resolve()), path.stat().st_mtime)
            if isinstance(got, Exception):
                out += issue(f"không đánh giá được mô hình “{name}”: {got}",
                             f"could not evaluate model '{name}': {got}")
                continue
            g, foot = got
            if not g.present:
                out += issue(f"mô hình “{name}” chưa được định vị (không có IfcMapConversion/ePSet_MapConversion)",
                             f"model '{name}' is not georeferenced (no IfcMapConversion/ePSet_MapConversion)")
                continue
            if g.epsg is None or not is_vn2000_epsg(g.epsg):
                out += issue(f"mô hình “{name}” không dùng hệ VN-2000 ({g.crs_name or 'không khai báo'})",
                             f"model '{name}' is not on VN-2000 ({g.crs_name or 'none declared'})")
                continue
            if any(w.code == "SCALE_DERIVED" for w in g.warnings):
                out += issue(f"mô hình “{name}” để trống Scale trong khi đơn vị dài không phải mét: tỷ lệ được suy ra",
                             f"model '{name}' leaves Scale empty with a non-metre length unit: scale was derived",
                             scale=g.scale)
            if foot is None:
                continue
            d = float(shapely.distance(shapely.centroid(foot), shapely.centroid(geoms[pos])))
            if d > tol:
                out += issue(f"mô hình “{name}” lệch {number(d, 1)} m so với vết công trình (cho phép {short(tol)} m): "
                             "kiểm tra IfcMapConversion (Eastings/Northings)",
                             f"model '{name}' lands {d:.1f} m off the building footprint (limit {tol:g} m): "
                             "check IfcMapConversion (Eastings/Northings)", offset_m=round(d, 2))
            if plan is not None and not shapely.covers(shapely.buffer(plan, btol), foot):
                out += issue(f"mô hình “{name}” nằm ngoài ranh giới quy hoạch",
                             f"model '{name}' lies outside the plan boundary")
    return out
