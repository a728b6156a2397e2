"""No silent lost update on a shared project file.

When a project is opened, the file's identity (size, mtime, inode) and a content hash per feature
(keyed by ``cim_id``, else fid) are remembered. Before a save, if the file changed on disk (someone
else saved it), the other save is merged in by ``cim_id`` when the edits are disjoint; when both
changed the same feature (or the plan metadata differently) the save is refused with a
:class:`SaveConflict` naming them — it never overwrites silently. Saves of one file are serialised
with an advisory lock beside it, so check-then-replace cannot interleave.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cim.errors import ProjectFileError


class SaveConflict(ProjectFileError):
    """The file changed on disk and the other save touched what this one changed."""

    def __init__(self, path, conflicts: list[tuple[str, str]]) -> None:
        self.conflicts = conflicts
        shown = ", ".join(f"{layer}:{key}" for layer, key in conflicts[:8])
        more = f" (+{len(conflicts) - 8})" if len(conflicts) > 8 else ""
        super().__init__(path, f"someone else saved this file meanwhile and changed the same objects: "
                               f"{shown}{more}; nothing was saved / tệp đã bị người khác lưu, trùng đối tượng",
                         hint="save under another name (Save As), then reconcile the two files")


@dataclass
class FileState:
    identity: tuple
    hashes: dict = field(default_factory=dict)      # layer_id -> pandas Series (key -> int64 hash)
    metadata: dict = field(default_factory=dict)


def identity(path: Path) -> tuple:
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def feature_keys(gdf):
    import numpy as np

    if "cim_id" in gdf.columns and gdf["cim_id"].notna().all() and not gdf["cim_id"].duplicated().any():
        return gdf["cim_id"].astype(str).to_numpy()
    return np.array([f"fid:{i}" for i in gdf.index.to_numpy().tolist()], dtype=object)


def row_hashes(gdf, columns: list[str] | None = None):
    """One int64 per feature (index = cim_id or ``fid:N``), insensitive to int/float/bool drift."""
    import numpy as np
    import pandas as pd

    gcol = gdf.geometry.name
    if columns is None:
        columns = [c for c in gdf.columns if c not in (gcol, "cim_id")]
    parts = {}
    for name in sorted(columns):
        col = gdf[name] if name in gdf.columns else pd.Series(None, index=gdf.index, dtype=object)
        if pd.api.types.is_bool_dtype(col.dtype) or pd.api.types.is_numeric_dtype(col.dtype):
            parts[name] = pd.to_numeric(col, errors="coerce").astype("float64").to_numpy()
        else:
            nulls = pd.isna(col).to_numpy()
            vals = col.to_numpy(dtype=object)
            first = vals[~nulls][0] if len(col) and not nulls.all() else ""
            num = None if isinstance(first, str) else pd.to_numeric(col, errors="coerce")
            if num is not None and num.notna().to_numpy()[~nulls].all():
                parts[name] = num.astype("float64").to_numpy()   # object columns holding numbers
            else:
                s = col.astype(str).to_numpy(dtype=object)
                s[nulls] = "\0"
                parts[name] = s
    parts["\0geom"] = geometry_hashes(np.asarray(gdf.geometry.values))
    frame = pd.DataFrame(parts, index=gdf.index)
    h = pd.util.hash_pandas_object(frame, index=False).to_numpy().view("int64")
    return pd.Series(h, index=feature_keys(gdf), name="hash")


def geometry_hashes(geoms):
    """One uint64 per geometry from its type, structure and exact coordinates — vectorised (no WKB)."""
    import numpy as np
    import shapely

    with np.errstate(over="ignore"):
        k1, k2, k3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)
        coords, idx = shapely.get_coordinates(geoms, include_z=True, return_index=True)
        bits = np.nan_to_num(coords, nan=0.0).view(np.uint64)
        n = len(geoms)
        counts = np.bincount(idx, minlength=n)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        pos = (np.arange(len(idx)) - starts[idx]).astype(np.uint64) + np.uint64(1)
        mix = (bits[:, 0] * k1) ^ (bits[:, 1] * k2) ^ (bits[:, 2] * k3) ^ (pos * k1 * k2)
        mix ^= mix >> np.uint64(29)
        mix *= k3
        per = np.zeros(n, dtype=np.uint64)
        full = counts > 0
        if len(mix):
            per[full] = np.add.reduceat(mix, starts[full])
        tid = shapely.get_type_id(geoms).astype(np.int64) + 2
        parts = shapely.get_num_geometries(geoms).astype(np.int64)
        shape = (tid.astype(np.uint64) * k1) ^ (counts.astype(np.uint64) * k2) ^ (parts.astype(np.uint64) * k3)
        return per ^ shape


def remember(project, path: Path) -> None:
    """Called by open/save: the file as this session knows it."""
    project.ext.file_state = FileState(identity(path), {
        lid: row_hashes(rec.data) for lid, rec in project.layers.items() if rec.kind == "vector"},
        _metadata_dict(project))


def _metadata_dict(project) -> dict:
    md = project.metadata
    return dict(md.to_dict()) if hasattr(md, "to_dict") else dict(vars(md))


def _changed(base, cur) -> set[str]:
    import pandas as pd

    j = pd.DataFrame({"b": base}).join(pd.DataFrame({"c": cur}), how="outer")
    return set(j.index[j["b"].isna() | j["c"].isna() | (j["b"] != j["c"])])


@contextmanager
def save_lock(target: Path):
    import fcntl

    lock = target.with_name(f".{target.name}.lock")
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def reconcile(project, target: Path) -> list[str]:
    """Before saving over ``target``: merge another session's save, or raise :class:`SaveConflict`.
    Returns the names of layers that took changes from disk."""
    state: FileState | None = project.ext.file_state
    if state is None or not target.exists() or identity(target) == state.identity:
        return []
    from cim.project.store import open_project

    disk = open_project(target)
    conflicts, plans = [], []
    for lid, base in state.hashes.items():
        if lid not in disk.layers or lid not in project.layers or project.layers[lid].kind != "vector":
            continue
        theirs = _changed(base, row_hashes(disk.layers[lid].data))
        if not theirs:
            continue
        mine = _changed(base, row_hashes(project.layers[lid].data))
        both = sorted(theirs & mine)
        conflicts += [(project.layers[lid].name, k) for k in both]
        plans.append((lid, theirs))
    md_base, md_disk, md_mine = state.metadata, _metadata_dict(disk), _metadata_dict(project)
    if md_disk != md_base and md_mine != md_base and md_disk != md_mine:
        conflicts.append(("metadata", ",".join(sorted(k for k in md_disk if md_disk.get(k) != md_mine.get(k)))))
    if conflicts:
        raise SaveConflict(target, conflicts)
    merged = []
    for lid, theirs in plans:
        _take_rows(project, lid, disk.layers[lid].data, theirs)
        merged.append(project.layers[lid].name)
    for lid, rec in disk.layers.items():           # layers the other session added
        if lid not in project.layers and lid not in state.hashes and lid not in project.removed_layers:
            project.layers[lid] = rec
            project.tree.add_layer(lid, rec.name)
            project.mark_dirty(lid)
            merged.append(rec.name)
    if md_disk != md_base and md_mine == md_base:
        project.metadata = disk.metadata
    return merged


def _take_rows(project, lid: str, theirs_df, keys: set[str]) -> None:
    """Replace/insert/delete in the session's layer the features ``keys`` as the disk has them."""
    import numpy as np
    import pandas as pd

    rec = project.layers[lid]
    mine = rec.data
    mk, tk = feature_keys(mine), feature_keys(theirs_df)
    keep = mine[~np.isin(mk, list(keys))]
    take = theirs_df[np.isin(tk, list(keys))]
    clash = take.index.isin(keep.index)
    if clash.any():                                 # new features on both sides got the same fid
        start = int(max(keep.index.max(), take.index.max())) + 1
        idx = take.index.to_numpy().copy()
        idx[clash] = np.arange(start, start + int(clash.sum()))
        take = take.set_axis(pd.Index(idx, name=mine.index.name))
    out = pd.concat([keep, take.reindex(columns=mine.columns)])
    rec.data = out.set_crs(mine.crs, allow_override=True) if mine.crs is not None else out
    project.mark_dirty(lid)
    project.features_changed.emit(lid, None)
