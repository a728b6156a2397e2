"""City Object attributes as layer columns, and back.

Each attribute key becomes one column of the layer, named as the key unless that name is taken by a
column CIM Studio itself fills (``cim_id``, ``height_m`` … compared without case, as SQLite does): then
``attr_<key>``. Strings stay text, numbers stay numbers; booleans, arrays, objects and keys whose values
mix types are stored as JSON text. The layer's ``source["cityjson"]["attributes"]`` maps each column
to ``[key, kind]`` (kind: ``str``, ``int``, ``number``, ``bool``, ``json``) so export writes the same
attribute with the same JSON type back.
"""

from __future__ import annotations

import json
import math

#: columns the importer fills itself (never an attribute's column)
RESERVED = ("fid", "geometry", "cim_id", "cityjson_id", "cityjson_type", "cityjson_lods", "cityjson", "base_z",
            "height_m", "floors", "type", "system", "status", "operator", "interface_protocol",
            "interface_target", "open_standard", "building_id")
_MAX_EXACT_INT = 2 ** 53


def _kind(values: list) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, str) for v in present):
        return "str"
    if present and all(isinstance(v, int) and not isinstance(v, bool) and abs(v) < _MAX_EXACT_INT
                       for v in present):
        return "int"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                       for v in present):
        return "number"
    if present and len(present) == len(values) and all(isinstance(v, bool) for v in present):
        return "bool"
    return "json"


def attribute_columns(attrs_per_row: list[dict], *, taken: tuple[str, ...] = ()) -> tuple[dict, dict]:
    """(columns: name → list of cell values, mapping: name → [key, kind]) for the rows' attributes."""
    keys: list[str] = []
    seen = set()
    for attrs in attrs_per_row:
        for k in attrs:
            if k not in seen:
                seen.add(k)
                keys.append(k)
    used = {c.lower() for c in RESERVED + tuple(taken)}
    columns, mapping = {}, {}
    for key in keys:
        name = key if key.lower() not in used and key.strip() else f"attr_{key}"
        while name.lower() in used:
            name += "_"
        used.add(name.lower())
        values = [a.get(key) for a in attrs_per_row]
        kind = _kind(values)
        if kind == "json":
            values = [None if k not in a else json.dumps(a[k], ensure_ascii=False)
                      for a, k in ((a, key) for a in attrs_per_row)]
        elif kind == "number":
            values = [math.nan if v is None else float(v) for v in values]
        columns[name] = values
        mapping[name] = [key, kind]
    return columns, mapping


def attributes_of(row, mapping: dict) -> dict:
    """The attributes of one feature (a pandas row or dict) from its columns, as JSON values."""
    out = {}
    for col, (key, kind) in mapping.items():
        v = row.get(col) if hasattr(row, "get") else None
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        if hasattr(v, "item"):
            v = v.item()
        if kind == "json":
            out[key] = json.loads(v) if isinstance(v, str) else v
        elif kind == "int":
            out[key] = int(v)
        elif kind == "number":
            out[key] = float(v)
        elif kind == "bool":
            out[key] = bool(v)
        else:
            out[key] = str(v)
    return out
