"""Deterministic SHA-256 of a run's inputs: each layer's data, the plan metadata, the project CRS.

The hash reads the data, not the file: the same features give the same hash after a save and a
reopen. Columns are taken in name order; numbers are hashed as float64 (so an int column read back
as int32 or float is the same), text as UTF-8 (Arrow buffers), geometries as type, vertex counts and
coordinates. Vectorised: no Python loop over rows.
"""

from __future__ import annotations

import hashlib
import json


def _column_digest(h, s) -> None:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
        arr = pd.to_numeric(s, errors="coerce").astype("float64").to_numpy(na_value=np.nan)
        arr = np.where(np.isnan(arr), np.nan, arr)       # one NaN bit pattern
        h.update(np.ascontiguousarray(arr).tobytes())
        return
    obj = s.to_numpy(dtype=object, na_value=None)
    try:
        arr = pa.array(obj, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):   # mixed types: compare as text
        arr = pa.array(s.astype(str).to_numpy(dtype=object), type=pa.large_string())
    n = len(arr)
    _, offsets, data = arr.buffers()
    off = np.frombuffer(offsets, dtype=np.int64, count=n + 1)
    h.update(arr.is_null().to_numpy(zero_copy_only=False).tobytes())
    h.update(off.tobytes())
    if data is not None:
        h.update(memoryview(data)[: int(off[-1])])


def layer_hash(rec) -> str:
    """SHA-256 (hex) of a layer's content: name, kind, CRS, fids, columns, geometry."""
    h = hashlib.sha256()
    h.update(json.dumps([rec.name, rec.kind, rec.object_kind, str(rec.crs or "")], ensure_ascii=False).encode())
    if rec.kind == "vector":
        import numpy as np
        import shapely

        df = rec.data
        h.update(np.ascontiguousarray(df.index.to_numpy(dtype=np.int64)).tobytes())
        geom_col = df.geometry.name
        for col in sorted(c for c in df.columns if c != geom_col):
            h.update(col.encode())
            _column_digest(h, df[col])
        g = np.asarray(df.geometry.array, dtype=object)
        h.update(shapely.get_type_id(g).astype(np.int8).tobytes())
        h.update(shapely.get_num_coordinates(g).astype(np.int64).tobytes())
        coords, idx = shapely.get_coordinates(g, include_z=True, return_index=True)
        h.update(np.nan_to_num(coords, nan=-1e300).tobytes())
        h.update(idx.astype(np.int64).tobytes())
    else:
        data = rec.data
        payload = data.tiff_bytes() if hasattr(data, "tiff_bytes") else repr(data).encode()
        h.update(payload)
    return h.hexdigest()


def metadata_hash(project) -> str:
    md = project.metadata.to_dict()
    payload = {"metadata": md, "crs": project.crs}
    infos = {rec.id: rec.info for rec in project.layers.values() if getattr(rec, "info", None)}
    if infos:   # layer data responsibility (META-02); absent = the hash of older projects is unchanged
        payload["layer_info"] = infos
    return hashlib.sha256(json.dumps(payload, sort_keys=True,
                                     ensure_ascii=False).encode()).hexdigest()


def input_hashes(project, cache: dict | None = None, stale: set | None = None) -> dict[str, str]:
    """``{layer_id: sha256, "metadata": sha256}``; ``cache`` keeps hashes of layers not in ``stale``."""
    out = {}
    for rec in project.ordered_layers():
        if cache is not None and rec.id in cache and (stale is None or rec.id not in stale):
            out[rec.id] = cache[rec.id]
        else:
            out[rec.id] = layer_hash(rec)
            if cache is not None:
                cache[rec.id] = out[rec.id]
    out["metadata"] = metadata_hash(project)
    return out
