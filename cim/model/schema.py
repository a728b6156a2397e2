"""Validate a layer against its kind's schema: fields, types, ids, enumerations, geometry type.

Every check is vectorised over whole columns. A problem is a :class:`cim.findings.Finding` (severity
E, ``code`` such as ``missing_field``, ``layer``, ``objects`` = the first few ids, ``extra`` = ``kind``,
``field`` and ``count``, the number of objects it touches), in Vietnamese and English.
"""

from __future__ import annotations

from collections.abc import Mapping

from cim.findings import Finding
from cim.model.taxonomy import (
    DEFAULT_CRS,
    FieldSpec,
    Kind,
    allowed_values,
    fields_for,
    get_kind,
    kind_for_layer,
)

MAX_IDS = 20  # object ids listed per problem

# problem code -> (Vietnamese, English) message template
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing_field": ("Thiếu trường bắt buộc '{field}'", "Required field '{field}' is missing"),
    "wrong_type": ("Trường '{field}' phải có kiểu {dtype}, đang là {actual}",
                   "Field '{field}' must be {dtype}, found {actual}"),
    "null_id": ("{count} đối tượng không có mã cim_id", "{count} objects have no cim_id"),
    "duplicate_id": ("{count} đối tượng trùng mã cim_id", "{count} objects share a cim_id"),
    "bad_id": ("{count} mã cim_id sai định dạng (cần '{prefix}-…')",
               "{count} cim_id values are malformed (expected '{prefix}-…')"),
    "null_value": ("{count} đối tượng để trống trường '{field}'", "{count} objects leave '{field}' empty"),
    "bad_value": ("{count} đối tượng có giá trị không hợp lệ ở '{field}'",
                  "{count} objects have a value '{field}' does not allow"),
    "type_system_mismatch": ("{count} phần tử có loại không thuộc hệ thống đã khai báo",
                             "{count} elements have a type that is not of their system"),
    "wrong_geometry": ("{count} đối tượng có kiểu hình học khác {dtype}",
                       "{count} objects have a geometry other than {dtype}"),
    "missing_geometry": ("{count} đối tượng không có hình học", "{count} objects have no geometry"),
}


def _problem(layer, kind: Kind, code, field=None, ids=(), count=None, **kw) -> Finding:
    from cim.text import Text

    ids = tuple(str(i) for i in list(ids)[:MAX_IDS])
    count = len(ids) if count is None else int(count)
    vi, en = _MESSAGES[code]
    fmt = dict(field=field, count=count, prefix=kind.prefix, **kw)
    return Finding("E", code, Text(vi.format(**fmt), en.format(**fmt)), ids, layer=layer,
                   extra={"kind": kind.code, "field": field, "count": count})


def _type_ok(s, dtype: str) -> tuple[bool, str]:
    """Whether a column holds values of ``dtype`` (nulls allowed); also the dtype found."""
    import numpy as np
    import pandas as pd
    from pandas.api import types as pt

    actual = str(s.dtype)
    values = s[s.notna()]
    if values.empty:
        return True, actual
    if dtype in ("str", "date"):
        if pt.is_string_dtype(s.dtype) and not pt.is_object_dtype(s.dtype):
            ok = True
        else:
            ok = bool(values.map(lambda v: isinstance(v, str)).all())
        if ok and dtype == "date":
            ok = bool(pd.to_datetime(values, errors="coerce", format="ISO8601").notna().all())
        return ok, actual
    if dtype == "bool":
        if pt.is_bool_dtype(s.dtype):
            return True, actual
        if pt.is_numeric_dtype(s.dtype):
            return bool(values.isin([0, 1]).all()), actual
        return False, actual
    if dtype == "int":
        if pt.is_integer_dtype(s.dtype) and not pt.is_bool_dtype(s.dtype):
            return True, actual
        if pt.is_float_dtype(s.dtype):  # integers with nulls come back from files as floats
            return bool(np.all(np.mod(values.to_numpy(dtype=float), 1) == 0)), actual
        return False, actual
    if dtype == "float":
        return bool(pt.is_numeric_dtype(s.dtype) and not pt.is_bool_dtype(s.dtype)), actual
    raise ValueError(f"unknown dtype {dtype!r}")


def _ids_of(df, mask):
    if "cim_id" in df.columns:
        return df.loc[mask, "cim_id"].astype(str)
    return df.index[mask].astype(str)


def validate_layer(kind: str | Kind, gdf, *, system: str | None = None,
                   layer: str | None = None) -> list[Finding]:
    """Problems of one layer against the schema of ``kind`` (network layers: give ``system``).

    Checks: required fields present, dtypes, null/duplicate/malformed ``cim_id``, empty
    non-nullable fields, enumerated values, smart element type ↔ system, geometry type.
    An empty list means the layer conforms.
    """
    import numpy as np
    import pandas as pd
    import shapely

    from cim.model.ids import ID_PATTERN

    k = get_kind(kind)
    lname = layer or (k.layer.format(system=system) if k.per_system and system else k.layer)
    problems: list[Finding] = []
    specs: tuple[FieldSpec, ...] = fields_for(k, system)
    cols = set(gdf.columns)
    for f in specs:
        if f.required and f.name not in cols:
            problems.append(_problem(lname, k, "missing_field", f.name))
    for f in specs:
        if f.name not in cols:
            continue
        s = gdf[f.name]
        ok, actual = _type_ok(s, f.dtype)
        if not ok:
            problems.append(_problem(lname, k, "wrong_type", f.name, dtype=f.dtype, actual=actual))
            continue
        empty = s.isna()
        if f.dtype in ("str", "date"):
            empty = empty | (s.astype("string").str.strip().fillna("") == "")
        if not f.nullable and empty.any():
            code = "null_id" if f.name == "cim_id" else "null_value"
            problems.append(_problem(lname, k, code, f.name, _ids_of(gdf, empty), count=int(empty.sum())))
        allowed = allowed_values(f, system=system)
        if allowed is not None:
            bad = ~empty & ~s.astype("string").isin(list(allowed))
            if bad.any():
                problems.append(_problem(lname, k, "bad_value", f.name, _ids_of(gdf, bad), count=int(bad.sum())))
    if "cim_id" in cols:
        ids = gdf["cim_id"]
        present = ids.notna() & (ids.astype("string").fillna("") != "")
        dup = present & ids.duplicated(keep=False)
        if dup.any():
            problems.append(_problem(lname, k, "duplicate_id", "cim_id", ids[dup].astype(str).unique(),
                                     count=int(dup.sum())))
        text = ids.astype("string")
        malformed = present & ~(text.str.match(ID_PATTERN.pattern).fillna(False)
                                & text.str.startswith(k.prefix + "-").fillna(False))
        if malformed.any():
            problems.append(_problem(lname, k, "bad_id", "cim_id", ids[malformed], count=int(malformed.sum())))
    if k.code == "smart_element" and {"type", "system"} <= cols:
        from cim.model.taxonomy import element_types

        systems = gdf["type"].astype("string").map({c: t.system for c, t in element_types().items()})
        mismatch = systems.notna() & gdf["system"].notna() & (systems != gdf["system"].astype("string"))
        mismatch = mismatch.fillna(False).astype(bool)
        if mismatch.any():
            problems.append(_problem(lname, k, "type_system_mismatch", "type", _ids_of(gdf, mismatch),
                                     count=int(mismatch.sum())))
    geom = gdf.geometry if hasattr(gdf, "geometry") else None
    if geom is not None and len(gdf):
        arr = np.asarray(geom.values if hasattr(geom, "values") else geom, dtype=object)
        missing = pd.Series(shapely.is_missing(arr) | shapely.is_empty(arr), index=gdf.index)
        if missing.any():
            problems.append(_problem(lname, k, "missing_geometry", None, _ids_of(gdf, missing),
                                     count=int(missing.sum())))
        types = pd.Series(shapely.get_type_id(arr), index=gdf.index)
        wanted = {"Point": {0, 4}, "LineString": {1, 5}, "Polygon": {3, 6}}.get(k.geometry_type)
        if wanted is not None:
            wrong = ~missing & ~types.isin(wanted)
            if wrong.any():
                problems.append(_problem(lname, k, "wrong_geometry", None, _ids_of(gdf, wrong),
                                         count=int(wrong.sum()), dtype=k.geometry_type))
    return problems


def validate_layers(layers: Mapping[str, object]) -> list[Finding]:
    """:func:`validate_layer` over every layer whose name is a default layer name."""
    out: list[Finding] = []
    for name, df in layers.items():
        found = kind_for_layer(name)
        if found is not None:
            out += validate_layer(found[0], df, system=found[1], layer=name)
    return out


_PANDAS_DTYPES = {"str": "string", "date": "string", "int": "Int64", "float": "float64", "bool": "boolean"}


def empty_layer(kind: str | Kind, system: str | None = None, crs: str = DEFAULT_CRS):
    """An empty GeoDataFrame with the kind's columns in schema order and matching dtypes."""
    import geopandas as gpd
    import pandas as pd

    data = {f.name: pd.Series(dtype=_PANDAS_DTYPES[f.dtype]) for f in fields_for(kind, system)}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries([], crs=crs), crs=crs)
