"""The fast vector read: pyogrio's Arrow stream → GeoDataFrame, with geometry validity on the side.

Same result as ``pyogrio.read_dataframe(path, use_arrow=True, fid_as_index=True)`` (a test holds the
two equal), but quicker, so that checking validity and hashing the file cost next to nothing:

- WKB goes straight from the Arrow batches to ``shapely.from_wkb`` (pyogrio converts it to a pandas
  column first);
- while the next batch is read and parsed, a worker thread runs ``shapely.is_valid`` on the last one
  and another hashes the file (both release the GIL);
- one feedback check (progress, cancel) per batch.

Without pyarrow, or when the Arrow stream cannot carry the data, the classic pyogrio path is used.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cim.feedback import Feedback

BATCH_SIZE = 16384


@dataclass
class Frame:
    """A read layer before the domain clean-up in :mod:`cim.io.vector`."""

    gdf: object                       # GeoDataFrame, index "fid"
    valid: np.ndarray                 # bool per row: valid, or no geometry at all
    meta: dict                        # pyogrio metadata (crs, geometry_type, fields …)
    sha256: str | None = None
    unreadable: dict[int, str] = field(default_factory=dict)   # row position → why the WKB did not parse
    arrow: bool = True
    missing: int = 0                  # features without geometry


def has_arrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def read_frame(gdal_path: str, *, layer=None, encoding=None, hash_path: Path | None = None,
               expected: int | None = None, feedback: Feedback | None = None,
               use_arrow: bool | None = None, check_text: bool = False) -> Frame:
    """Read one layer; ``hash_path`` (if given) is hashed at the same time.

    ``check_text`` validates the UTF-8 of every string first (for sources whose text encoding was
    guessed): invalid text then fails on the classic path with a ``UnicodeDecodeError``.
    """
    feedback = feedback or Feedback()
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cim-read")
    try:
        sha = pool.submit(file_sha256, hash_path) if hash_path is not None else None
        frame = None
        if use_arrow is not False and has_arrow():
            frame = _read_arrow(gdal_path, layer, encoding, expected, feedback, pool, check_text)
        if frame is None:
            frame = _read_classic(gdal_path, layer, encoding, feedback, pool)
        frame.sha256 = sha.result() if sha is not None else None
        return frame
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _read_arrow(gdal_path, layer, encoding, expected, feedback, pool, check_text=False) -> Frame | None:
    import pyarrow as pa
    import shapely
    from pyogrio.raw import open_arrow

    geoms, checks, wkb_columns, batches = [], [], [], []
    done = 0
    with open_arrow(gdal_path, layer=layer, encoding=encoding, return_fids=True, use_pyarrow=True,
                    datetime_as_string=True, batch_size=BATCH_SIZE) as (meta, reader):
        geom_name = meta["geometry_name"] or "wkb_geometry"
        schema = reader.schema
        gi = schema.get_field_index(geom_name)
        for batch in reader:
            feedback.raise_if_canceled("reading the layer")
            if gi >= 0:
                wkb = batch.column(gi)
                wkb = wkb.storage if isinstance(wkb, pa.ExtensionArray) else wkb
                g = shapely.from_wkb(wkb.to_numpy(zero_copy_only=False), on_invalid="ignore")
                geoms.append(g)
                wkb_columns.append(wkb)
                checks.append(pool.submit(_check, g))     # validity in a worker, GIL released
                batch = batch.remove_column(gi)
            batches.append(batch)
            done += batch.num_rows
            if expected:
                feedback.set_progress(0.9 * min(done / expected, 1.0))
    attr_schema = schema.remove(gi) if gi >= 0 else schema
    table = pa.Table.from_batches(batches, schema=attr_schema)
    del batches
    if check_text:
        try:
            table.validate(full=True)
        except pa.ArrowInvalid:
            return None
    try:
        df = _arrow_to_pandas(table, meta)
    except UnicodeDecodeError:
        return None   # text that is not UTF-8 cannot travel through Arrow: use the classic path
    del table
    unreadable, valid, missing, offset = {}, [], [], 0
    for g, wkb, check in zip(geoms, wkb_columns, checks, strict=True):
        ok, absent = check.result()
        bad = np.flatnonzero(absent & ~wkb.is_null().to_numpy(zero_copy_only=False))
        if len(bad):   # WKB that GEOS refused: keep the feature, repaired if shapely can
            _repair_wkb(wkb, g, bad, offset, unreadable)
            ok[bad], absent[bad] = _check(g[bad])
        valid.append(ok)
        missing.append(absent)
        offset += len(g)
    geometry = np.concatenate(geoms) if geoms else np.empty(0, dtype=object)
    valid = np.concatenate(valid) if valid else np.ones(len(df), bool)
    gdf = _geodataframe(df, geometry, meta["crs"], has_geometry=gi >= 0)
    feedback.set_progress(1.0)
    frame = Frame(gdf, valid, meta, unreadable=unreadable, arrow=True)
    frame.missing = int(sum(int(m.sum()) for m in missing))
    return frame


def _check(g):
    """(valid, missing) per geometry; a missing geometry counts as valid."""
    import shapely

    from cim.io.validity import is_valid

    missing = shapely.is_missing(g)
    return is_valid(g) | missing, missing


def _repair_wkb(wkb, g, bad, offset, unreadable) -> None:
    import shapely

    for i in bad:
        raw = wkb[int(i)].as_py()
        try:
            shapely.from_wkb(raw, on_invalid="raise")
            why = "unreadable geometry"
        except Exception as exc:  # GEOSException: the message says what is wrong
            why = str(exc).splitlines()[0]
        try:
            g[i] = shapely.from_wkb(raw, on_invalid="fix")
        except Exception:
            g[i] = None
        state = "repaired on reading" if g[i] is not None else "geometry left empty"
        unreadable[offset + int(i)] = f"Unreadable geometry ({why}); {state}"


def _arrow_to_pandas(table, meta):
    """``Table.to_pandas`` the way pyogrio does it: datetimes parsed, JSON fields decoded, fid as index."""
    import json

    import pandas as pd

    df = table.to_pandas(self_destruct=True)
    for dtype, column in zip(meta["dtypes"], meta["fields"], strict=True):
        if dtype is not None and dtype.startswith("datetime") and dtype != "datetime64[D]":
            df[column] = _parse_datetime(df[column])
    for subtype, column in zip(meta["ogr_subtypes"], meta["fields"], strict=True):
        if subtype == "OFSTJSON" and pd.api.types.infer_dtype(df[column]) == "string":
            try:
                df[column] = df[column].map(json.loads, na_action="ignore")
            except Exception:
                pass
    df = df.set_index(meta["fid_column"])
    df.index.name = "fid"
    return df


def _parse_datetime(series):
    try:
        from pyogrio.geopandas import _try_parse_datetime
    except ImportError:  # pragma: no cover - private helper moved: parse like pyogrio does
        import pandas as pd

        try:
            return pd.to_datetime(series, format="ISO8601", utc=False).dt.as_unit("ms")
        except (ValueError, TypeError):
            return series
    return _try_parse_datetime(series, False, True)


def _geodataframe(df, geometry, crs, *, has_geometry: bool):
    import geopandas as gpd

    if not has_geometry:
        return gpd.GeoDataFrame(df)
    if crs is not None:
        from pyproj import CRS

        crs = CRS.from_user_input(crs)
    return gpd.GeoDataFrame(df, geometry=gpd.array.GeometryArray(geometry, crs=crs), crs=crs)


def _read_classic(gdal_path, layer, encoding, feedback, pool) -> Frame:
    import pyogrio

    feedback.raise_if_canceled("reading the layer")
    gdf = pyogrio.read_dataframe(gdal_path, layer=layer, encoding=encoding, fid_as_index=True,
                                 use_arrow=False, on_invalid="fix")
    meta = pyogrio.read_info(gdal_path, layer=layer, encoding=encoding)
    meta.setdefault("fid_column", "")
    gdf.index = gdf.index.astype("int64")
    gdf.index.name = "fid"
    feedback.set_progress(0.8)
    if getattr(gdf, "_geometry_column_name", None) in gdf.columns:
        geoms = np.asarray(gdf.geometry.array)
        parts = np.array_split(geoms, 4) if len(geoms) else [geoms]
        checked = list(pool.map(_check, parts))
        valid = np.concatenate([c[0] for c in checked])
        missing = int(sum(int(c[1].sum()) for c in checked))
    else:
        valid, missing = np.ones(len(gdf), bool), 0
    feedback.set_progress(1.0)
    return Frame(gdf, valid, meta, arrow=False, missing=missing)
