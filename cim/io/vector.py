"""Read vector layers (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, KML, DXF, a zip of one) for the core.

    result = read_vector("lo_dat.shp")          # → VectorRead(gdf, crs, source, invalid, warnings)
    write_vector(result.gdf, "lo_dat.gpkg")     # atomic, driver from the extension
    list_layers("ban_do.gpkg")                  # → [LayerInfo(name, geometry_type, feature_count, crs)]

Bad input raises :class:`cim.errors.CimInputError` naming the file, the object and what to do.
Invalid geometries are kept and listed in ``VectorRead.invalid``; questionable but usable input
(no .prj, a rebuilt .shx, a guessed code page, TCVN3 text converted) is reported in ``warnings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cim.errors import CimInputError
from cim.feedback import Feedback
from cim.io import encoding as enc
from cim.io.frames import read_frame
from cim.io.shapefile import gdal_config, plan_shapefile
from cim.io.sources import FORMAT_NAMES, RASTER_SUFFIXES, SUPPORTED_TEXT, Source, resolve_source
from cim.io.vector_write import write_dataset

__all__ = ["LayerInfo", "VectorRead", "list_layers", "read_vector", "write_vector"]


@dataclass
class VectorRead:
    """One layer as read: the data, its CRS, where it came from and what was wrong with it."""

    gdf: object                          # GeoDataFrame, index: int64 feature ids named "fid"
    crs: str | None                      # "EPSG:9208", or WKT when no EPSG code matches; None if unknown
    source: dict                         # path, format, driver, layer, encoding, feature_count, sha256
                                         # (of the file given: the .shp of a shapefile, the .zip of an
                                         # archive), geometry_type, member (inside a zip)
    invalid: object                      # DataFrame[fid, reason] of invalid geometries (kept in gdf)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LayerInfo:
    name: str
    geometry_type: str | None            # None for attribute-only tables
    feature_count: int | None            # None when the format cannot count without reading
    crs: str | None


def list_layers(path) -> list[LayerInfo]:
    """The layers of a dataset, without reading features."""
    import pyogrio

    src = resolve_source(path)
    plan = plan_shapefile(src, None) if src.suffix == ".shp" else None
    gdal_path = plan.gdal_path if plan else src.gdal_path
    try:
        with gdal_config(plan.config if plan else {}), _gdal_errors(src):
            out = []
            for name, gtype in pyogrio.list_layers(gdal_path):
                info = pyogrio.read_info(gdal_path, layer=name)
                count = int(info["features"]) if info["features"] is not None and info["features"] >= 0 else None
                out.append(LayerInfo(str(name), None if gtype is None else str(gtype), count,
                                     crs_string(info["crs"])))
            return out
    finally:
        if plan:
            plan.cleanup()


def read_vector(path, *, layer: str | None = None, encoding: str | None = None,
                feedback: Feedback | None = None) -> VectorRead:
    """Read one layer of ``path``. ``layer`` is required when the dataset holds several."""
    feedback = feedback or Feedback()
    src = resolve_source(path)
    warnings = list(src.warnings)
    plan = plan_shapefile(src, encoding) if src.suffix == ".shp" else None
    gdal_path = plan.gdal_path if plan else src.gdal_path
    config = dict(plan.config) if plan else {}
    gdal_encoding = plan.gdal_encoding if plan else None
    codec = plan.codec if plan else _non_dbf_codec(src, encoding, warnings)
    if plan:
        warnings += plan.warnings
    if src.suffix == ".dxf" and enc.dxf_needs_utf8(_head(src)):
        config["DXF_ENCODING"] = "UTF-8"
    try:
        with gdal_config(config), _gdal_errors(src, layer):
            name, info = _choose_layer(src, gdal_path, layer, gdal_encoding)
            feedback.raise_if_canceled("reading the layer")
            with feedback.step(0.02, 0.9):
                frame = read_frame(gdal_path, layer=name, encoding=gdal_encoding, hash_path=src.path,
                                   expected=info["features"] if (info.get("features") or 0) > 0 else None,
                                   feedback=feedback, check_text=plan is not None)
    finally:
        if plan:
            plan.cleanup()
    gdf = frame.gdf
    dup = gdf.columns[gdf.columns.duplicated()]
    if len(dup):
        raise CimInputError(src.path, f"the file has more than one field named {str(dup[0])!r} "
                            "/ tệp có các trường trùng tên", obj=name,
                            hint="rename the duplicate fields (e.g. in QGIS) and import again")
    if getattr(gdf, "_geometry_column_name", None) not in gdf.columns:
        raise CimInputError(src.path, "the layer has no geometry (it is a plain table)", obj=name,
                            hint="choose a layer with points, lines or polygons")
    if codec:
        try:
            gdf = enc.recode_frame(gdf, codec)
        except UnicodeError as exc:
            raise CimInputError(src.path, f"the text is not valid {codec} ({exc.reason})", obj=name,
                                hint="pass the right encoding=, or fix the .cpg file") from exc
    if codec != enc.TCVN3:
        try:
            gdf, converted, suspicious = enc.fix_tcvn3_columns(gdf)
        except Exception as exc:
            if not type(exc).__module__.startswith("pyarrow"):
                raise
            # a text column the reader declared UTF-8 holds bytes that are not (a damaged .dbf or .cpg)
            raise CimInputError(src.path, f"the text of the file is not valid UTF-8 ({str(exc)[:80]})", obj=name,
                                hint="pass the right encoding= (e.g. 'cp1258'), or fix the .cpg file") from exc
        for c in converted:
            warnings.append(f"column {c!r} held TCVN3 (ABC) text and was converted to Unicode; capitals "
                            "typed with .VnTimeH fonts come out in lower case / đã chuyển mã TCVN3 sang Unicode")
        for c in suspicious:
            warnings.append(f"column {c!r} may hold TCVN3 (ABC) text; if it looks garbled, read again "
                            "with encoding='tcvn3'")
    feedback.set_progress(0.95)
    crs = crs_string(frame.meta.get("crs"))
    crs = _check_geographic(crs, gdf, warnings)
    if crs is None and not any("crs=None" in w for w in warnings):
        warnings.append("the data has no coordinate reference system (crs=None); choose it when importing")
    if crs is None and gdf.crs is not None:
        gdf = gdf.set_crs(None, allow_override=True)
    invalid = _invalid(gdf, frame)
    if frame.missing:
        warnings.append(f"{frame.missing} feature(s) have no geometry")
    driver = frame.meta.get("driver") or info.get("driver")
    source = {"path": str(src.path), "format": FORMAT_NAMES.get(driver, driver), "driver": driver,
              "layer": name, "encoding": plan.label if plan else (codec or "UTF-8"),
              "feature_count": int(len(gdf)), "sha256": frame.sha256,
              "geometry_type": info.get("geometry_type")}
    if src.member:
        source["member"] = src.member
    feedback.set_progress(1.0)
    return VectorRead(gdf, crs, source, invalid, warnings)


def write_vector(gdf, path, *, layer: str | None = None, driver: str | None = None,
                 encoding: str = "UTF-8", feedback: Feedback | None = None) -> Path:
    """Write ``gdf`` to ``path`` atomically; the driver follows the extension unless ``driver`` is given.

    GeoPackage keeps the ``fid`` index as feature ids, and a ``layer=`` written into an existing
    GeoPackage keeps its other layers. KML is written in WGS 84 (reprojected). DXF keeps geometry
    and the DXF fields (``Layer`` …) only, and logs what it dropped. Only Shapefile takes an
    ``encoding`` other than UTF-8 (named in its .cpg). Returns the path written.
    """
    return write_dataset(gdf, path, layer=layer, driver=driver, encoding=encoding, feedback=feedback)


# ------------------------------------------------------------------------------------------ helpers
def _non_dbf_codec(src: Source, encoding: str | None, warnings: list[str]) -> str | None:
    """Other formats are UTF-8 by definition; only ``encoding='tcvn3'`` means something for them."""
    if not encoding:
        return None
    codec = enc.normalize_codec(encoding)
    if codec == enc.TCVN3:
        return codec
    if codec != "utf-8":
        warnings.append(f"encoding={encoding!r} ignored: {src.suffix} text is always UTF-8")
    return None


def _head(src: Source, n: int = 4 << 20) -> bytes:
    if src.member is None:
        with open(src.path, "rb") as f:
            return f.read(n)
    import zipfile

    with zipfile.ZipFile(src.path) as zf, zf.open(src.member) as f:
        return f.read(n)


def _choose_layer(src: Source, gdal_path: str, layer: str | None, gdal_encoding):
    import pyogrio

    layers = pyogrio.list_layers(gdal_path)
    names = [str(n) for n, _ in layers]
    if layer is None:
        spatial = [str(n) for n, g in layers if g is not None]
        if len(layers) == 1:
            layer = names[0]
        elif len(spatial) == 1:
            layer = spatial[0]
        elif len(layers) == 0:
            raise CimInputError(src.path, "the dataset holds no layer", hint="check the file in QGIS")
        else:
            raise CimInputError(src.path, f"the dataset holds {len(layers)} layers: {', '.join(names)}",
                                hint=f"choose one with layer=, e.g. layer={names[0]!r} / chọn một lớp")
    elif layer not in names:
        raise CimInputError(src.path, f"there is no layer {layer!r}", obj=layer,
                            hint=f"the layers are: {', '.join(names)}")
    try:
        info = pyogrio.read_info(gdal_path, layer=layer, encoding=gdal_encoding)
    except UnboundLocalError as exc:        # pyogrio's get_crs on a CRS that GDAL cannot export to WKT
        raise CimInputError(src.path, "the coordinate reference system of the file (.prj) is damaged and "
                            "cannot be read / hệ tọa độ (.prj) bị hỏng", obj=layer,
                            hint="replace the .prj (or delete it and import with --crs EPSG:…)") from exc
    return layer, info


class _gdal_errors:
    """Turn GDAL/pyogrio failures into CimInputError naming the file and what to do."""

    def __init__(self, src: Source, layer: str | None = None) -> None:
        self.src, self.layer = src, layer

    def __enter__(self):
        return self

    def __exit__(self, et, exc, tb):
        if exc is None or isinstance(exc, CimInputError) or not isinstance(exc, Exception):
            return False
        if isinstance(exc, UnicodeDecodeError):
            raise CimInputError(self.src.path, f"the text is not valid {exc.encoding} ({exc.reason})",
                                obj=self.layer, hint="pass the right encoding= (e.g. 'cp1258'), or fix "
                                                     "the .cpg file") from exc
        if not (type(exc).__module__.startswith(("pyogrio", "pyarrow")) or isinstance(exc, OSError)):
            return False
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        src = self.src
        if re.search(r"not recognized as|not a supported|No such driver|Unsupported driver", msg, re.I):
            hint = f"CIM Studio reads {SUPPORTED_TEXT}"
            if src.suffix in RASTER_SUFFIXES:
                hint = "this looks like a raster: import it as a raster layer"
            raise CimInputError(src.path, "this is not a vector format CIM Studio can read "
                                          "/ không phải định dạng vector được hỗ trợ", hint=hint) from exc
        if re.search(r"malformed|not a database|file is encrypted|disk image", msg, re.I):
            raise CimInputError(src.path, f"the file is damaged ({msg})", obj=self.layer,
                                hint="copy it again from its source or restore it from a backup") from exc
        raise CimInputError(src.path, f"GDAL cannot read it: {msg}", obj=self.layer,
                            hint="open it in QGIS to check it; it may be damaged or incomplete") from exc


def crs_string(crs) -> str | None:
    """``"EPSG:9208"`` when an EPSG (or other authority) code matches, else WKT; ``None`` if missing."""
    if crs is None or (isinstance(crs, str) and not crs.strip()):
        return None
    if isinstance(crs, str) and re.fullmatch(r"[A-Za-z]+:\d+", crs.strip()):
        return crs.strip().upper()
    from pyproj import CRS

    try:
        c = CRS.from_user_input(crs)
    except Exception:
        return str(crs)
    auth = c.to_authority(min_confidence=70)
    return f"{auth[0]}:{auth[1]}" if auth else c.to_wkt()


def _check_geographic(crs: str | None, gdf, warnings: list[str]) -> str | None:
    """A lon/lat CRS with coordinates far outside ±180/±90 is a default, not the data's CRS."""
    if crs is None or not len(gdf):
        return crs
    from pyproj import CRS

    try:
        geographic = CRS.from_user_input(crs).is_geographic
    except Exception:
        return crs
    if not geographic:
        return crs
    x0, y0, x1, y1 = gdf.total_bounds
    if np.isfinite([x0, y0, x1, y1]).all() and (min(x0, x1) < -360 or max(x0, x1) > 360
                                                  or min(y0, y1) < -90.5 or max(y0, y1) > 90.5):
        warnings.append(f"the file says {crs} (longitude/latitude) but the coordinates ({x0:.0f}, {y0:.0f}) "
                        "are projected metres: the CRS is unknown (crs=None); choose it when importing")
        return None
    return crs


def _invalid(gdf, frame):
    import pandas as pd
    import shapely

    bad = np.flatnonzero(~frame.valid)
    geoms = np.asarray(gdf.geometry.array)
    reasons = shapely.is_valid_reason(geoms[bad]).astype(object) if len(bad) else np.empty(0, object)
    fids = gdf.index.to_numpy()
    if frame.unreadable:
        extra = {pos: why for pos, why in frame.unreadable.items()}
        for j, pos in enumerate(bad):
            if pos in extra:
                reasons[j] = extra.pop(pos)
        if extra:
            pos = np.fromiter(extra, dtype=np.int64)
            bad = np.concatenate([bad, pos])
            reasons = np.concatenate([reasons, np.array(list(extra.values()), dtype=object)])
            order = np.argsort(bad, kind="stable")
            bad, reasons = bad[order], reasons[order]
    return pd.DataFrame({"fid": fids[bad].astype(np.int64), "reason": pd.array(reasons, dtype="str")})
