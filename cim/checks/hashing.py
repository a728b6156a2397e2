"""Deterministic SHA-256 of a run's inputs: each layer's data, the plan metadata, the project CRS.

The hash reads the data, not the file: the same features give the same hash after a save and a
reopen. Columns are taken in name order; numbers are hashed as float64 (so an int column read back
as int32 or float is the same), text as UTF-8, geometries as WKB. Vectorised (pandas' hash_array).
"""

from __future__ import annotations

import hashlib
import json


def _column_digest(h, s) -> None:
    import numpy as np
    import pandas as pd

    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
        arr = pd.to_numeric(s, errors="coerce").astype("float64").to_numpy(na_value=np.nan)
        arr = np.where(np.isnan(arr), np.nan, arr)       # one NaN bit pattern
        h.update(np.ascontiguousarray(arr).tobytes())
        return
    text = s.astype("string").fillna("\x00").to_numpy(dtype=object)
    h.update(pd.util.hash_array(text, categorize=True).tobytes())


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
        wkb = shapely.to_wkb(np.asarray(df.geometry.array, dtype=object), output_dimension=3)
        lengths = np.fromiter((len(b) if b is not None else 0 for b in wkb), dtype=np.int64, count=len(wkb))
        h.update(lengths.tobytes())
        h.update(b"".join(b for b in wkb if b is not None))
    else:
        data = rec.data
        payload = data.tiff_bytes() if hasattr(data, "tiff_bytes") else repr(data).encode()
        h.update(payload)
    return h.hexdigest()


def metadata_hash(project) -> str:
    md = project.metadata.to_dict()
    return hashlib.sha256(json.dumps({"metadata": md, "crs": project.crs}, sort_keys=True,
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
