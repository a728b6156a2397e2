"""What the 2D map draws and picks for a layer, whatever its kind.

A vector layer draws its features; an IFC model layer draws its building footprints (LoD0, in the
layer CRS) and identify shows their IFC attributes with the property sets spelled out; rasters are
drawn by the raster path and have no features.
"""

from __future__ import annotations

import json

FEATURE_KINDS = ("vector", "ifc")


def feature_frame(rec):
    """The GeoDataFrame of features the map shows for ``rec``, or None."""
    if rec.kind == "vector":
        return rec.data
    if rec.kind == "ifc":
        return getattr(rec.data, "buildings", None)
    return None


def has_features(rec) -> bool:
    return feature_frame(rec) is not None


def identify_attributes(rec, row, columns) -> dict:
    """Attributes shown by identify: the columns, and for IFC the property sets as ``Pset.Property``."""
    attrs = {c: row[c] for c in columns}
    if rec.kind == "ifc" and isinstance(attrs.get("psets"), str):
        try:
            psets = json.loads(attrs.pop("psets") or "{}")
        except ValueError:
            return attrs
        for pset, props in (psets or {}).items():
            if isinstance(props, dict):
                for name, value in props.items():
                    if name != "id":
                        attrs[f"{pset}.{name}"] = value
    return attrs
