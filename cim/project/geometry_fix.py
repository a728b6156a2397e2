"""Repair invalid geometries with GEOS ``make_valid`` as one undoable command (Vector › Fix geometry,
``cimstudio fix-geometry``). A fixed geometry keeps the dimension of the layer: a self-intersecting
polygon becomes a (multi)polygon, never a collection with stray lines; a feature whose geometry collapses
entirely (a zero-area sliver) is left as it was and reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from cim.commands import Command
from cim.errors import CimInputError

if TYPE_CHECKING:
    from cim.project.document import Project


def invalid_fids(rec) -> np.ndarray:
    """Feature ids whose geometry is present, not empty and not valid."""
    import shapely

    arr = np.asarray(rec.data.geometry.values, dtype=object)
    bad = ~shapely.is_missing(arr) & ~shapely.is_empty(arr) & ~shapely.is_valid(arr)
    return rec.data.index.to_numpy()[bad]


def repaired(geoms: np.ndarray) -> np.ndarray:
    """``make_valid`` keeping each geometry's dimension (parts of a lower dimension are dropped); a
    geometry with nothing left of its dimension comes back as None."""
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    if not len(geoms):
        return geoms
    dims = shapely.get_dimensions(geoms)
    fixed = shapely.make_valid(geoms)
    parts, idx = shapely.get_parts(fixed, return_index=True)
    keep = shapely.get_dimensions(parts) == dims[idx]
    parts, idx = parts[keep], idx[keep]
    out = np.full(len(geoms), None, dtype=object)
    for dim, build in ((2, shapely.multipolygons), (1, shapely.multilinestrings), (0, shapely.multipoints)):
        sel = dims[idx] == dim
        if not sel.any():
            continue
        owners = np.unique(idx[sel])
        multi = build(parts[sel], indices=np.searchsorted(owners, idx[sel]))
        counts = np.bincount(idx[sel], minlength=len(geoms))[owners]
        single = counts == 1
        first = parts[sel][np.r_[0, np.cumsum(counts)[:-1]]]
        out[owners] = np.where(single, first, multi)      # one part: stays a single geometry
    return out


class FixGeometries(Command):
    """Repair the invalid geometries of a layer (all of them, or those of ``fids``); undo restores them."""

    def __init__(self, project: Project, layer_id: str, fids=None) -> None:
        rec = project.layer(layer_id)
        if rec.kind != "vector":
            raise CimInputError(project.path, f"layer {rec.name!r} is not a vector layer", obj=rec.name,
                                hint="Fix geometry works on vector layers")
        bad = invalid_fids(rec)
        if fids is not None:
            bad = np.intersect1d(bad, np.asarray(list(fids), dtype=bad.dtype if len(bad) else np.int64))
        self.project, self.layer_id = project, layer_id
        old = np.asarray(rec.data.geometry.loc[bad].values, dtype=object) if len(bad) else np.empty(0, object)
        new = repaired(old)
        ok = np.array([g is not None for g in new], dtype=bool)
        self.unfixed = bad[~ok]
        self.fids, self.old, self.new = bad[ok], old[ok], new[ok]
        self.text = f"Fix geometry of {len(self.fids)} feature(s) in {rec.name}"

    def _apply(self, geoms) -> None:
        if not len(self.fids):
            return
        rec = self.project.layer(self.layer_id)
        gcol = rec.data.geometry.name
        rec.data.loc[self.fids, gcol] = geoms
        self.project.mark_dirty(self.layer_id)
        self.project.features_changed.emit(self.layer_id, self.fids)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
