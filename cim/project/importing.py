"""Use case: import a file as a layer, detecting its CRS and reprojecting to the project CRS.

A failed import leaves the project unchanged: the layer is added by one command at the very end.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cim.errors import CimInputError
from cim.feedback import Feedback
from cim.project.document import Project
from cim.project.edits import AddLayer
from cim.project.layer import LayerRecord

RASTER_SUFFIXES = {".tif", ".tiff", ".vrt", ".img", ".asc"}


def default_reader(path: Path) -> tuple[str, Callable]:
    """The built-in reader for a path: ``("raster", read_raster)`` or ``("vector", read_vector)``."""
    if path.suffix.lower() in RASTER_SUFFIXES:
        from cim.io.raster import read_raster

        return "raster", read_raster
    from cim.io.vector import read_vector

    return "vector", read_vector


def import_layer(project: Project, path: str | Path, *, layer: str | None = None, name: str | None = None,
                 crs_if_missing: str | None = None, encoding: str | None = None,
                 object_kind: str | None = None, reader: Callable | None = None, kind: str | None = None,
                 parent_id: str = "root", layer_id: str | None = None,
                 feedback: Feedback | None = None) -> LayerRecord:
    """Read ``path`` and add it to ``project`` as one undoable command. Returns the new layer."""
    feedback = feedback or Feedback()
    path = Path(path)
    if reader is None:
        kind, reader = default_reader(path)
    kind = kind or "vector"
    with feedback.step(0.0, 0.8):
        if kind == "vector":
            result = reader(path, layer=layer, encoding=encoding, feedback=feedback)
        else:
            result = reader(path)
    feedback.raise_if_canceled("import")
    if kind == "vector":
        record = _vector_record(project, path, result, name=name or layer or _stem(path),
                                crs_if_missing=crs_if_missing, object_kind=object_kind, feedback=feedback)
    elif kind == "raster":
        record = _raster_record(project, path, result, name=name or _stem(path), crs_if_missing=crs_if_missing)
    else:  # a plugin reader returning a ready record
        record = result
    feedback.raise_if_canceled("import")
    if layer_id:
        if layer_id in project.layers:
            raise CimInputError(path, f"a layer with id {layer_id!r} exists already", obj=record.name)
        record.id = layer_id
    project.push(AddLayer(project, record, parent_id=parent_id, index=0))
    feedback.set_progress(1.0)
    return record


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".cim.gpkg", ".city.json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _vector_record(project, path, result, *, name, crs_if_missing, object_kind, feedback) -> LayerRecord:
    import numpy as np

    if not hasattr(result, "gdf"):        # a plugin reader may return a plain GeoDataFrame
        result = _as_vector_read(path, result)
    gdf = result.gdf
    if len(gdf) and gdf.geometry.isna().all():
        raise CimInputError(path, f"none of the {len(gdf)} features has a geometry; the file may be damaged",
                            obj=name, hint="check the geometry file (.shp) or re-export the data")
    src_crs = result.crs
    if src_crs is None:
        if not crs_if_missing:
            raise CimInputError(path, "the data has no coordinate reference system (CRS)",
                                obj=name, hint="choose the CRS it was drawn in, e.g. --crs EPSG:9208 "
                                               "(VN-2000 / TM-3 Phú Thọ)")
        src_crs = crs_if_missing
        gdf = gdf.set_crs(src_crs, allow_override=True)
    with feedback.step(0.8, 0.95):
        if not _same_crs(src_crs, project.crs):
            gdf = _reproject(gdf, src_crs, project.crs, path, name)
    # GeoPackage fids are >= 1 and unique: renumber sources that start at 0 (Shapefile, GeoJSON)
    idx = gdf.index.to_numpy()
    if len(idx) and (idx.min() < 1 or not gdf.index.is_unique or not gdf.index.is_monotonic_increasing):
        gdf = gdf.copy()
        gdf.index = np.arange(1, len(gdf) + 1, dtype=np.int64)
    gdf.index.name = "fid"
    source = dict(result.source)
    source.update(source_crs=str(src_crs), invalid_count=int(len(result.invalid)),
                  warnings=list(result.warnings))
    for w in result.warnings:
        feedback.log(f"{path.name}: {w}", "warning")
    if len(result.invalid):
        feedback.log(f"{path.name}: {len(result.invalid)} invalid geometr(y/ies) kept and reported "
                     f"(first: {name} #{result.invalid.iloc[0].get('fid', '?')} — "
                     f"{result.invalid.iloc[0].get('reason', '')})", "warning")
    if len(gdf):
        source.setdefault("geometry_type", str(gdf.geom_type.iloc[0]))
    return LayerRecord(name=name, kind="vector", data=gdf, crs=project.crs, object_kind=object_kind,
                       source=source)


def _as_vector_read(path, gdf):
    import pandas as pd

    from cim.io.vector import VectorRead

    crs = gdf.crs.to_string() if gdf.crs is not None else None
    return VectorRead(gdf=gdf, crs=crs, source={"path": str(path), "format": path.suffix.lstrip(".")},
                      invalid=pd.DataFrame({"fid": [], "reason": []}))


def _raster_record(project, path, raster, *, name, crs_if_missing) -> LayerRecord:
    info = raster.info()
    crs = info.get("crs") or crs_if_missing
    if not crs:
        raise CimInputError(path, "the raster has no coordinate reference system (CRS)", obj=name,
                            hint="choose the CRS it was made in, e.g. --crs EPSG:9208")
    if not _same_crs(crs, project.crs):
        raise CimInputError(path, f"the raster is in {crs}, the project in {project.crs}",
                            obj=name, hint=f"warp it to {project.crs} first (gdalwarp -t_srs {project.crs})")
    return LayerRecord(name=name, kind="raster", data=raster, crs=project.crs,
                       source={"path": str(path), "sha256": raster.sha256, **{k: str(v) for k, v in info.items()}})


def _same_crs(a, b) -> bool:
    from pyproj import CRS

    try:
        return CRS.from_user_input(a).equals(CRS.from_user_input(b), ignore_axis_order=True)
    except Exception:
        return str(a) == str(b)


def _reproject(gdf, src, dst, path, name):
    from cim.crs.transform import reproject_frame

    try:
        return reproject_frame(gdf, src, dst)
    except Exception as exc:
        raise CimInputError(path, f"cannot reproject from {src} to {dst}: {exc}", obj=name,
                            hint="check the layer's CRS") from exc
