"""Commands that edit the features of a vector layer: add, delete, change geometry, change attribute.

Feature ids are the GeoDataFrame index (int64, the GeoPackage fid). Undo restores the exact
previous frame: same rows, same order, same dtypes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from cim.commands import Command
from cim.errors import CimInputError

if TYPE_CHECKING:
    from cim.project.document import Project


def _frame(project: Project, layer_id: str):
    rec = project.layer(layer_id)
    if rec.kind != "vector":
        raise CimInputError(project.path, f"layer {rec.name!r} is not a vector layer", obj=layer_id)
    return rec


def _check_fids(project: Project, rec, fids) -> None:
    missing = np.setdiff1d(np.asarray(fids, dtype=np.int64), rec.data.index.to_numpy())
    if len(missing):
        raise CimInputError(project.path, f"feature id(s) {missing[:5].tolist()} not in layer {rec.name!r}",
                            obj=rec.name)


class AddFeatures(Command):
    """Append rows (a GeoDataFrame with the layer's columns); new fids are assigned after the max."""

    def __init__(self, project: Project, layer_id: str, rows) -> None:
        import geopandas as gpd

        self.project, self.layer_id = project, layer_id
        rec = _frame(project, layer_id)
        if not isinstance(rows, gpd.GeoDataFrame):
            rows = gpd.GeoDataFrame(rows, geometry="geometry", crs=rec.data.crs)
        unknown = set(rows.columns) - set(rec.data.columns)
        if unknown:
            raise CimInputError(project.path, f"fields {sorted(unknown)} do not exist in layer {rec.name!r}",
                                obj=rec.name, hint="add the fields first")
        start = int(rec.data.index.max()) + 1 if len(rec.data) else 1
        rows = rows.reindex(columns=rec.data.columns).copy()
        rows.index = np.arange(start, start + len(rows), dtype=np.int64)
        rows.index.name = rec.data.index.name
        if rows.crs is None:
            rows = rows.set_crs(rec.data.crs, allow_override=True)
        self.rows = rows
        self.fids = rows.index.to_numpy()
        self.text = f"Add {len(rows)} feature(s) to {rec.name}"

    def redo(self) -> None:
        import pandas as pd

        rec = self.project.layer(self.layer_id)
        old = rec.data
        new = pd.concat([old, self.rows.astype(old.dtypes.to_dict(), errors="ignore")])
        new = new.set_crs(old.crs, allow_override=True) if hasattr(new, "set_crs") else new
        rec.data = new
        self.project.mark_dirty(self.layer_id)
        self.project.features_changed.emit(self.layer_id, self.fids)

    def undo(self) -> None:
        rec = self.project.layer(self.layer_id)
        rec.data = rec.data.drop(index=self.fids)
        self.project.mark_dirty(self.layer_id)
        self.project.features_changed.emit(self.layer_id, self.fids)


class DeleteFeatures(Command):
    def __init__(self, project: Project, layer_id: str, fids) -> None:
        self.project, self.layer_id = project, layer_id
        rec = _frame(project, layer_id)
        fids = np.unique(np.asarray(list(fids), dtype=np.int64))
        _check_fids(project, rec, fids)
        self.fids = fids
        self.text = f"Delete {len(fids)} feature(s) from {rec.name}"
        self.removed = None
        self.positions = None

    def redo(self) -> None:
        rec = self.project.layer(self.layer_id)
        df = rec.data
        mask = df.index.isin(self.fids)
        self.positions = np.flatnonzero(mask)
        self.removed = df[mask]
        rec.data = df[~mask]
        self.project.mark_dirty(self.layer_id)
        self.project.features_changed.emit(self.layer_id, self.fids)

    def undo(self) -> None:
        import pandas as pd

        rec = self.project.layer(self.layer_id)
        df = rec.data
        cur = df.index.to_numpy()
        order = np.insert(cur, self.positions - np.arange(len(self.positions)), self.removed.index.to_numpy())
        rec.data = pd.concat([df, self.removed]).loc[order]
        self.project.mark_dirty(self.layer_id)
        self.project.features_changed.emit(self.layer_id, self.fids)


class _CellEdit:
    """Mixed into a command that changes one cell of one feature: ``old`` on undo, ``new`` on redo (the
    command names the column)."""

    project: Project
    layer_id: str
    fid: int

    def _column(self, rec) -> str:
        raise NotImplementedError

    def _apply(self, value) -> None:
        rec = self.project.layer(self.layer_id)
        rec.data.loc[self.fid, self._column(rec)] = value
        self.project.mark_dirty(self.layer_id)
        self.project.features_changed.emit(self.layer_id, np.array([self.fid]))

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class ChangeGeometry(_CellEdit, Command):
    """Replace one feature's geometry. Successive changes of the same feature merge while
    ``merge=True`` (a vertex drag is one undo step)."""

    def __init__(self, project: Project, layer_id: str, fid: int, geometry, merge: bool = False) -> None:
        self.project, self.layer_id, self.fid, self.merge = project, layer_id, int(fid), merge
        rec = _frame(project, layer_id)
        _check_fids(project, rec, [self.fid])
        self.old = rec.data.geometry.loc[self.fid]
        self.new = geometry
        self.text = f"Change geometry of {rec.name} #{self.fid}"

    def _column(self, rec) -> str:
        return rec.data.geometry.name

    def merge_key(self):
        return ("geometry", self.layer_id, self.fid) if self.merge else None

    def merge_with(self, newer: Command) -> bool:
        if isinstance(newer, ChangeGeometry) and newer.merge:
            self.new = newer.new
            return True
        return False


class ChangeAttribute(_CellEdit, Command):
    def __init__(self, project: Project, layer_id: str, fid: int, field: str, value) -> None:
        self.project, self.layer_id, self.fid, self.field = project, layer_id, int(fid), field
        rec = _frame(project, layer_id)
        if field not in rec.data.columns or field == rec.data.geometry.name:
            raise CimInputError(project.path, f"layer {rec.name!r} has no attribute field {field!r}",
                                obj=rec.name)
        _check_fids(project, rec, [self.fid])
        self.old = rec.data.at[self.fid, field]
        self.new = _coerce(rec.data[field], value, project, rec.name, field)
        self.text = f"Edit {field} of {rec.name} #{self.fid}"

    def _column(self, rec) -> str:
        return self.field


def _coerce(column, value, project, layer_name, field):
    """Convert ``value`` to the column's type, or explain why it cannot be stored there."""
    import pandas as pd

    if value is None or (isinstance(value, float) and np.isnan(value)):
        if pd.api.types.is_integer_dtype(column.dtype) and not pd.api.types.is_extension_array_dtype(column.dtype):
            raise CimInputError(project.path, f"{field!r} cannot be empty (integer field)", obj=layer_name)
        return None if not pd.api.types.is_float_dtype(column.dtype) else np.nan
    kind = column.dtype.kind
    try:
        if kind in "iu":
            return int(value)
        if kind == "f":
            return float(value)
        if kind == "b":
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "có", "co", "x")
            return bool(value)
        if kind == "M":
            return pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise CimInputError(project.path, f"{value!r} is not a valid value for {field!r} ({column.dtype})",
                            obj=layer_name, hint="enter a number" if kind in "iuf" else None) from exc
    return value if not isinstance(value, (int, float)) or kind not in "OSUT" else str(value)
