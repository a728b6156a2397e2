"""Write a GeoDataFrame to a GIS file, atomically: a half-written file never replaces a good one.

Single-file formats are written to a temporary file in the same folder, flushed to disk and moved
over the target with ``os.replace``. A Shapefile's parts are written to a temporary folder beside it
and moved one by one (each move is atomic; stale sidecars of the old version are removed).
Writing a ``layer=`` into an existing GeoPackage keeps its other layers (the copy is edited, then moved).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from cim.errors import CimInputError
from cim.feedback import Feedback
from cim.io import encoding as enc
from cim.io.atomic import atomic_path, fsync_dir, fsync_file

WRITE_DRIVERS: dict[str, str] = {
    ".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON", ".json": "GeoJSON",
    ".fgb": "FlatGeobuf", ".kml": "LIBKML", ".dxf": "DXF",
}
DRIVER_ALIASES = {"gpkg": "GPKG", "geopackage": "GPKG", "shapefile": "ESRI Shapefile", "shp": "ESRI Shapefile",
                  "esri shapefile": "ESRI Shapefile", "geojson": "GeoJSON", "flatgeobuf": "FlatGeobuf",
                  "fgb": "FlatGeobuf", "kml": "LIBKML", "libkml": "LIBKML", "dxf": "DXF"}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd")
DXF_FIELDS = ("Layer", "SubClasses", "Linetype", "EntityHandle", "Text")


def write_dataset(gdf, path, *, layer: str | None = None, driver: str | None = None,
                  encoding: str = "UTF-8", feedback: Feedback | None = None) -> Path:
    """The implementation of :func:`cim.io.vector.write_vector`."""
    feedback = feedback or Feedback()
    path = Path(path).expanduser()
    drv = _driver_for(path, driver)
    codec = enc.normalize_codec(encoding) or None
    if codec is None or codec == enc.TCVN3:
        raise CimInputError(path, f"cannot write text in encoding {encoding!r}",
                            hint="use 'UTF-8' (or a Windows code page such as 'cp1258' for a Shapefile)")
    if codec != "utf-8" and drv != "ESRI Shapefile":
        raise CimInputError(path, f"{drv} files are always UTF-8; encoding={encoding!r} is only for Shapefile",
                            hint="leave encoding at 'UTF-8'")
    folder = path.parent
    if not folder.is_dir():
        raise CimInputError(path, f"the folder {folder} does not exist / thư mục không tồn tại",
                            hint="create the folder first or choose another place to save")
    if path.is_dir():
        raise CimInputError(path, "a folder of that name exists", hint="choose a file name")
    layer_name = layer or path.stem
    frame = _prepare(gdf, path, drv, feedback)
    if drv == "ESRI Shapefile":
        frame = _fit_dbf(frame, path, layer_name, codec, feedback)
    kwargs = {"driver": drv, "layer": layer_name}
    if drv == "ESRI Shapefile":
        kwargs["encoding"] = "UTF-8" if codec == "utf-8" else codec.upper()
    if len(frame) == 0:
        kwargs["geometry_type"] = "Unknown"
    try:
        if drv == "ESRI Shapefile":
            _write_shapefile(frame, path, kwargs)
        else:
            _write_single(frame, path, kwargs, keep_other_layers=drv == "GPKG" and layer is not None)
    except CimInputError:
        raise
    except PermissionError as exc:
        raise CimInputError(path, "cannot write here: permission denied / không có quyền ghi",
                            hint="choose a folder you can write to, or close the file in other programs") from exc
    except OSError as exc:
        raise CimInputError(path, f"cannot write the file: {exc.strerror or exc}",
                            hint="check the disk space and that the folder is writable") from exc
    except Exception as exc:  # GDAL's own errors (pyogrio.errors.*) name the problem; keep the text
        raise CimInputError(path, f"GDAL cannot write it: {str(exc).strip().splitlines()[0] if str(exc) else exc}",
                            obj=layer_name, hint=_write_hint(drv)) from exc
    feedback.set_progress(1.0)
    return path


def _driver_for(path: Path, driver: str | None) -> str:
    import pyogrio

    if driver:
        drv = DRIVER_ALIASES.get(driver.lower(), driver)
    else:
        drv = WRITE_DRIVERS.get(path.suffix.lower())
        if drv is None:
            raise CimInputError(path, f"unknown vector format {path.suffix or '(no extension)'!r}",
                                hint="use .gpkg, .shp, .geojson, .fgb, .kml or .dxf, or pass driver=")
    mode = pyogrio.list_drivers().get(drv)
    if mode is None or "w" not in mode:
        raise CimInputError(path, f"the format {drv!r} cannot be written here",
                            hint="write GeoPackage (.gpkg), Shapefile, GeoJSON, FlatGeobuf, KML or DXF")
    return drv


def _prepare(gdf, path: Path, drv: str, feedback: Feedback):
    frame = gdf
    if drv == "GPKG" and frame.index.name == "fid" and frame.index.is_unique and "fid" not in frame.columns \
            and frame.index.dtype.kind in "iu":
        frame = frame.reset_index()                       # GDAL takes a "fid" column as the feature ids
    else:
        frame = frame.reset_index(drop=True)
    if drv == "LIBKML":
        if frame.crs is None:
            raise CimInputError(path, "KML needs longitude/latitude but the data has no CRS",
                                hint="set the layer's CRS first")
        if frame.crs.to_epsg() != 4326:
            frame = frame.to_crs("EPSG:4326")
    if drv == "DXF":
        geom = frame.geometry.name
        dropped = [c for c in frame.columns if c != geom and c not in DXF_FIELDS]
        if dropped:
            feedback.log(f"{path.name}: DXF keeps only geometry and {', '.join(DXF_FIELDS)}; "
                         f"dropped {', '.join(map(str, dropped))}", "warning")
            frame = frame.drop(columns=dropped)
    return frame


DBF_NAME_BYTES = 10
DBF_TEXT_BYTES = 254


def _char_bytes(ch: str, codec: str) -> int:
    """Bytes ``ch`` takes in ``codec``; a letter the code page lacks is written decomposed (as GDAL's
    iconv does for cp1258: “ả” → “a” + combining hook, “ố” → “ô” + combining acute)."""
    try:
        return len(ch.encode(codec))
    except UnicodeEncodeError:
        import unicodedata

        d = unicodedata.normalize("NFD", ch)
        if len(d) < 2:
            return 1
        return _char_bytes(unicodedata.normalize("NFC", d[:-1]), codec) + _char_bytes(d[-1], codec)


def _nbytes(text: str, codec: str) -> int:
    if codec == "utf-8":
        return len(text.encode("utf-8", errors="replace"))
    return sum(_char_bytes(ch, codec) for ch in text)


def _cut(text: str, limit: int, codec: str) -> str:
    """The longest start of ``text`` that takes at most ``limit`` bytes in ``codec`` (whole characters)."""
    if _nbytes(text, codec) <= limit:
        return text
    total = 0
    for i, ch in enumerate(text):
        total += _char_bytes(ch, codec) if codec != "utf-8" else len(ch.encode("utf-8", errors="replace"))
        if total > limit:
            return text[:i]
    return text


def dbf_field_names(columns, codec: str = "utf-8") -> dict[str, str]:
    """Column → DBF field name: at most 10 bytes, unique without regard to case (as dBase compares
    them); a name that fits keeps it, a cut name that would clash gets ``_1``, ``_2`` …"""
    out: dict[str, str] = {}
    used: set[str] = set()
    for c in columns:
        if _nbytes(str(c), codec) <= DBF_NAME_BYTES and str(c).lower() not in used:
            out[c] = str(c)
            used.add(str(c).lower())
    for c in columns:
        if c in out:
            continue
        cand, i = _cut(str(c), DBF_NAME_BYTES, codec), 0
        while cand.lower() in used or not cand:
            i += 1
            cand = _cut(str(c), DBF_NAME_BYTES - len(f"_{i}"), codec) + f"_{i}"
        out[c] = cand
        used.add(cand.lower())
    return out


def _fit_dbf(frame, path: Path, layer: str, codec: str, feedback: Feedback):
    """A Shapefile's table takes 10-byte field names and 254-byte texts: rename and cut here (GDAL
    would do it with a warning nobody reads) and say which fields of which layer, suggesting GeoPackage."""
    geom = frame.geometry.name
    names = dbf_field_names([c for c in frame.columns if c != geom], codec)
    renamed = {c: n for c, n in names.items() if n != c}
    import pandas as pd

    cut: dict[str, int] = {}
    for c in [c for c in frame.columns if c != geom and (pd.api.types.is_object_dtype(frame[c])
                                                         or pd.api.types.is_string_dtype(frame[c]))]:
        text = frame[c].map(lambda v: v if isinstance(v, str) else "")
        # cheap test first (a text of ≤ 63 characters takes ≤ 252 bytes in any encoding), bytes only then
        maybe = (text.str.len() > DBF_TEXT_BYTES // 4).to_numpy()
        long = maybe.copy()
        long[maybe] = [_nbytes(v, codec) > DBF_TEXT_BYTES for v in text[maybe]]
        if long.any():
            if not cut:
                frame = frame.copy()
            frame.loc[long, c] = [_cut(v, DBF_TEXT_BYTES, codec) for v in text[long]]
            cut[c] = int(long.sum())
    if renamed:
        frame = frame.rename(columns=renamed)
    if renamed or cut:
        feedback.log(shapefile_limits_message(path, layer, renamed, cut), "warning")
    return frame


def shapefile_limits_message(path: Path, layer: str, renamed: dict[str, str], cut: dict[str, int]) -> str:
    """One line (English / Vietnamese) naming the renamed fields and the fields whose texts were cut."""
    en, vi = [], []
    if renamed:
        pairs = ", ".join(f"{a} → {b}" for a, b in renamed.items())
        en.append(f"{len(renamed)} field name(s) longer than 10 characters were shortened: {pairs}")
        vi.append(f"{len(renamed)} tên trường dài hơn 10 ký tự đã bị rút ngắn: {pairs}")
    if cut:
        total = sum(cut.values())
        fields = ", ".join(f"{renamed.get(c, c)} ({n})" for c, n in cut.items())
        en.append(f"{total} text value(s) longer than 254 bytes were cut in {fields}")
        vi.append(f"{total} giá trị văn bản dài hơn 254 byte đã bị cắt trong {fields}")
    return (f"{path.name} [layer {layer}]: Shapefile limits: " + "; ".join(en)
            + ". Export to GeoPackage (.gpkg) to keep every name and value whole. / "
            + "Giới hạn của Shapefile: " + "; ".join(vi)
            + ". Hãy xuất ra GeoPackage (.gpkg) để giữ nguyên tên và giá trị.")


def _arrow() -> bool:
    from cim.io.frames import has_arrow

    return has_arrow()


def _write_single(frame, path: Path, kwargs: dict, *, keep_other_layers: bool) -> None:
    import pyogrio

    with atomic_path(path) as tmp:
        if keep_other_layers and path.exists():
            shutil.copyfile(path, tmp)
            kwargs = {**kwargs, "layer_options": {"OVERWRITE": "YES"}}
        pyogrio.write_dataframe(frame, tmp, use_arrow=_arrow() and kwargs["driver"] in ("GPKG", "FlatGeobuf"),
                                **kwargs)


def _write_shapefile(frame, path: Path, kwargs: dict) -> None:
    import pyogrio

    tmpdir = Path(tempfile.mkdtemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent))
    try:
        target = tmpdir / (path.stem + ".shp")
        pyogrio.write_dataframe(frame, target, **kwargs)
        written = {p.suffix.lower(): p for p in tmpdir.iterdir()}
        for p in written.values():
            fsync_file(p)
        for suffix in SHAPEFILE_PARTS:                       # main file last: readers see a complete set
            if suffix == ".shp":
                continue
            _move_part(written.get(suffix), path.with_suffix(suffix))
        _move_part(written[".shp"], path)
        fsync_dir(path.parent)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _move_part(new: Path | None, target: Path) -> None:
    if new is not None:
        os.replace(new, target)
        return
    for cand in (target, target.with_suffix(target.suffix.upper())):
        cand.unlink(missing_ok=True)                         # a stale .cpg/.prj/.qix would lie about the data




def _write_hint(drv: str) -> str:
    return {"ESRI Shapefile": "a Shapefile holds one geometry type and 10-character field names; "
                              "try GeoPackage (.gpkg)",
            "DXF": "DXF takes points, lines and polygons with a Layer field only",
            "LIBKML": "KML takes longitude/latitude geometries"}.get(drv, "try GeoPackage (.gpkg)")
