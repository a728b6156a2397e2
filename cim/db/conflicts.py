"""Conflicts of a working copy with the database, side by side (theirs / mine / base), and their
resolution per feature — keep mine, take theirs, merge attributes — as ONE undoable command.

``base`` is read from the audit history (the feature as it was at the version the working copy
started from), ``theirs`` from the live table, ``mine`` from the working copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

from cim.commands import Command
from cim.db.sync import Conflict, db_layers
from cim.db.workcopy import link_of, row_hashes
from cim.errors import CimInputError

CHOICES = ("mine", "theirs", "merge")


@dataclass
class ConflictView:
    conflict: Conflict
    columns: list[str]
    base: dict | None        # attributes + "geometry" (shapely) at the base version
    mine: dict | None        # None: deleted locally
    theirs: dict | None      # None: deleted in the database

    def changed(self, side: str) -> dict:
        """{field: (base value, side value)} where ``side`` differs from the base."""
        other = getattr(self, side)
        if other is None or self.base is None:
            return {}
        return {k: (self.base.get(k), other.get(k)) for k in [*self.columns, "geometry"]
                if not _same(self.base.get(k), other.get(k))}

    def to_dict(self) -> dict:
        c = self.conflict
        def side(d):
            return None if d is None else {k: (v.wkt if k == "geometry" and v is not None else v) for k, v in d.items()}
        return {"layer": c.layer, "cim_id": c.cim_id, "base_version": c.base_version,
                "their_version": c.their_version, "base": side(self.base), "mine": side(self.mine),
                "theirs": side(self.theirs), "mine_changed": sorted(self.changed("mine")),
                "theirs_changed": sorted(self.changed("theirs"))}


def _same(a, b) -> bool:
    import math

    if hasattr(a, "equals_exact") and hasattr(b, "equals_exact"):
        return a.equals_exact(b, 0.0)
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    try:
        return bool(a == b) or (a is None and b is None)
    except (TypeError, ValueError):
        return False


def _clean(v):
    import numpy as np
    import pandas as pd

    if v is None or (not hasattr(v, "geom_type") and not isinstance(v, (str, bytes)) and pd.isna(v)):
        return None
    return v.item() if isinstance(v, np.generic) else v


def describe(conn, project, conflicts: list[Conflict]) -> list[ConflictView]:
    import shapely

    from cim.db import tables as T

    layers = db_layers(conn)
    views = []
    for c in conflicts:
        row = layers[c.layer_id]
        cols = [x["name"] for x in row["columns"]]
        gdf, _ = T.read_layer(conn, row, where=sql.SQL("cim_id = %s"), params=(c.cim_id,))
        theirs = _row_dict(gdf, cols) if len(gdf) else None
        rec = project.layer(c.layer_id)
        mine_df = rec.data[rec.data["cim_id"].astype(str) == c.cim_id]
        mine = _row_dict(mine_df, cols) if len(mine_df) else None
        hit = conn.execute("SELECT after FROM cim.history WHERE layer_id = %s AND cim_id = %s AND version = %s "
                           "AND after IS NOT NULL ORDER BY id DESC LIMIT 1",
                           (c.layer_id, c.cim_id, c.base_version)).fetchone() if c.base_version else None
        base = None
        if hit:
            base = {k: hit[0].get(k) for k in cols}
            base["geometry"] = shapely.from_wkb(bytes.fromhex(hit[0]["geom"])) if hit[0].get("geom") else None
        views.append(ConflictView(c, cols, base, mine, theirs))
    return views


def _row_dict(df, cols: list[str]) -> dict:
    r = df.iloc[0]
    d = {k: _clean(r[k]) if k in df.columns else None for k in cols}
    d["geometry"] = r[df.geometry.name]
    return d


class ResolveConflicts(Command):
    """Apply one choice per conflicting feature to the working copy (rows and base versions)."""

    category = "data"

    def __init__(self, project, views: list[ConflictView], choices: dict[str, str]) -> None:
        link = link_of(project)
        if link is None:
            raise CimInputError(project.path, "the project is not a database working copy",
                                hint="pull one with `cimstudio db pull`")
        bad = {v for v in choices.values() if v not in CHOICES}
        if bad:
            raise CimInputError(project.path, f"unknown resolution {', '.join(sorted(bad))}",
                                hint="use mine, theirs or merge")
        self.project, self.views = project, [v for v in views if v.conflict.cim_id in choices]
        self.choices = choices
        for v in self.views:
            if choices[v.conflict.cim_id] == "merge" and (v.mine is None or v.theirs is None or v.base is None):
                raise CimInputError(project.path, f"{v.conflict.cim_id} was deleted on one side: it cannot be merged",
                                    obj=v.conflict.layer, hint="choose mine or theirs for it")
        self.saved: list = []
        self.text = f"Resolve {len(self.views)} conflict(s) with the database"

    def redo(self) -> None:
        self.saved = []
        for v in self.views:
            self.saved.append(self._apply(v, self.choices[v.conflict.cim_id]))

    def undo(self) -> None:
        for v, (old_df, old_base) in zip(reversed(self.views), reversed(self.saved)):
            lid = v.conflict.layer_id
            self.project.layer(lid).data = old_df
            link_of(self.project).base[lid] = old_base
            self.project.mark_dirty(lid)
            self.project.features_changed.emit(lid, None)

    def _apply(self, v: ConflictView, choice: str):
        import pandas as pd

        c, rec = v.conflict, self.project.layer(v.conflict.layer_id)
        link = link_of(self.project)
        old_df, old_base = rec.data, link.base.get(c.layer_id)
        base = old_base.copy() if old_base is not None else pd.DataFrame(columns=["version", "hash"], dtype="int64")
        if choice == "theirs":
            df = _set_row(rec.data, c.cim_id, v.theirs)
            rec.data = df
            if v.theirs is None:
                base = base.drop(index=[c.cim_id], errors="ignore")
            else:
                h = row_hashes(df[df["cim_id"].astype(str) == c.cim_id], v.columns)
                base.loc[c.cim_id, ["version", "hash"]] = [c.their_version, int(h.iloc[0])]
        else:
            if choice == "merge":
                merged = dict(v.theirs)
                merged.update({k: new for k, (_, new) in v.changed("mine").items()})
                rec.data = _set_row(rec.data, c.cim_id, merged)
            if v.theirs is None:            # deleted there, kept here: push it again as new
                base = base.drop(index=[c.cim_id], errors="ignore")
            elif c.cim_id in base.index:
                base.loc[c.cim_id, "version"] = c.their_version
            else:                           # both inserted the same id: mine replaces theirs
                base.loc[c.cim_id, ["version", "hash"]] = [c.their_version, 0]
        link.base[c.layer_id] = base.astype("int64")
        self.project.mark_dirty(c.layer_id)
        self.project.features_changed.emit(c.layer_id, None)
        return old_df, old_base


def _set_row(df, cim_id: str, values: dict | None):
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    mask = (df["cim_id"].astype(str) == cim_id).to_numpy()
    if values is None:
        return df[~mask]
    gcol = df.geometry.name
    row = {k: values.get(k) for k in df.columns if k not in (gcol,) and k in values}
    row["cim_id"] = cim_id
    if mask.any():
        out = df.copy()
        fid = df.index[mask][0]
        for k, val in row.items():
            out.at[fid, k] = val
        out.at[fid, gcol] = values.get("geometry")
        return out
    fid = int(df.index.max()) + 1 if len(df) else 1
    new = gpd.GeoDataFrame(pd.DataFrame([row], index=pd.Index([fid], dtype=np.int64, name=df.index.name)),
                           geometry=gpd.GeoSeries([values.get("geometry")], index=[fid]), crs=df.crs)
    new = new.rename_geometry(gcol) if gcol != "geometry" else new
    return pd.concat([df, new.reindex(columns=df.columns)])
