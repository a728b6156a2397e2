"""The project file: one GeoPackage (``*.cim.gpkg``) that GDAL and QGIS open as a normal GeoPackage.

Vector layers are feature tables with R-tree indexes (written by GDAL through pyogrio); the project
itself lives in ``cim_*`` attribute tables (registered in ``gpkg_contents``). Saving is atomic:
everything is written to a temporary file beside the target, flushed to disk, then renamed over it
with :func:`os.replace`, so a crash or kill at any moment leaves the last saved file intact.
Unchanged layers are not rewritten: the previous file is copied and only dirty layers are replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

from cim.errors import CimError, ProjectFileError
from cim.feedback import Feedback
from cim.io.atomic import fsync_dir, fsync_file
from cim.project import access, tables
from cim.project.document import Project
from cim.project.layer import LayerRecord
from cim.project.names import unique_table_name
from cim.project.serializers import serializer_for
from cim.project.source_paths import from_stored, to_stored

SCHEMA_VERSION = 1
PROJECT_SUFFIX = ".cim.gpkg"

# Extension hooks, so other core modules keep their own tables and files with the project:
#   "write"          fn(conn, project): inside the save transaction on the temporary file (same atomic save)
#   "before_replace" fn(target, project): the previous file still exists (rolling backups)
#   "after_save"     fn(target, project): the new file is in place (remove crash-recovery files)
#   "open"           fn(conn, project): after the project is read (read-only connection)
#   "loaded"         fn(path, project): the layers are in the project (per-layer properties)
# Modules in HOOK_MODULES are imported on the first save/open so their hooks are registered.
HOOKS: dict[str, list] = {"write": [], "before_replace": [], "after_save": [], "open": [], "loaded": []}
HOOK_MODULES = ["cim.review.storage", "cim.backup.hooks", "cim.checks.results_store", "cim.db.workcopy",
                "cim.project.layer_info_store"]


def register_hook(phase: str, fn) -> None:
    if fn not in HOOKS[phase]:
        HOOKS[phase].append(fn)


def _hooks(phase: str) -> list:
    import importlib

    while HOOK_MODULES:
        try:
            importlib.import_module(HOOK_MODULES.pop(0))
        except ModuleNotFoundError:
            pass
    return list(HOOKS[phase])


def save_project(project: Project, path: str | Path | None = None, *,
                 feedback: Feedback | None = None) -> Path:
    """Write the project to ``path`` (default: where it was opened/saved) atomically."""
    feedback = feedback or Feedback()
    target = Path(path or project.path or "")
    if not str(target) or target.is_dir():
        raise ProjectFileError(target, "no file name to save the project to",
                               hint=f"give a path ending in {PROJECT_SUFFIX}")
    target = target.resolve()
    if not target.parent.is_dir():
        raise ProjectFileError(target, "the folder does not exist", hint="create it or choose another folder")
    from cim.project.file_state import save_lock

    with save_lock(target):
        return _save_locked(project, target, feedback)


def _save_locked(project: Project, target: Path, feedback: Feedback) -> Path:
    from cim.project.file_state import reconcile, remember

    _remove_stale_temp_files(target)
    if not access.may_edit(project.role) and project.ext.recovery_info is None:
        from cim.project.review_save import save_comments_only

        return save_comments_only(project, target, _hooks)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.saving.gpkg")
    same_file = project.path is not None and Path(project.path).resolve() == target and target.exists()
    if same_file:
        reconcile(project, target)   # another session saved meanwhile: merge by cim_id, or refuse
    try:
        if same_file:
            shutil.copyfile(target, tmp)
            table_of = _read_table_map(tmp)
            to_write = [lid for lid in project.layers if lid in project.dirty_layers or lid not in table_of]
            stale = [t for lid, t in table_of.items() if lid not in project.layers or lid in to_write]
        else:
            table_of, to_write, stale = {}, list(project.layers), []
            _create_geopackage(tmp)
        _drop_tables(tmp, stale, feedback)
        for lid in stale:
            table_of.pop(lid, None)
        taken = set(table_of.values()) | set(_existing_tables(tmp))
        n = max(len(to_write), 1)
        for i, lid in enumerate(to_write):
            feedback.raise_if_canceled("save")
            rec = project.layers[lid]
            table = unique_table_name(rec.name, taken)
            taken.add(table)
            with feedback.step(i / n, (i + 1) / n):
                serializer_for(rec.kind).write(tmp, table, rec, feedback)
            table_of[lid] = table
        feedback.raise_if_canceled("save")
        _write_project_tables(tmp, project, table_of)
        fsync_file(tmp)
        for hook in _hooks("before_replace"):
            hook(target, project)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for hook in _hooks("after_save"):
        hook(target, project)
    project.path = target
    project.dirty_layers.clear()
    project.removed_layers.clear()
    project.undo_stack.set_clean()
    remember(project, target)
    feedback.set_progress(1.0)
    return target


def open_project(path: str | Path, *, feedback: Feedback | None = None) -> Project:
    """Read a project file. Raises :class:`ProjectFileError` with the reason when it cannot."""
    feedback = feedback or Feedback()
    path = Path(path)
    tables.check_is_geopackage(path)
    notes = _clean_leftovers(path, feedback)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            info = tables.read_project_info(conn, path)
            version = int(info.get("schema_version", 0))
            if version > SCHEMA_VERSION:
                raise ProjectFileError(path, f"the project was saved by a newer CIM Studio (schema {version})",
                                       hint="update CIM Studio to open it")
            layer_rows = tables.read_layer_rows(conn)
            metadata = tables.read_metadata(conn)
            tree = tables.read_tree(conn)
            changelog = tables.read_changelog(conn)
            project = Project(crs=(info.get("crs") or "").strip() or None, metadata=metadata)   # no CRS stays no CRS
            for hook in _hooks("open"):
                hook(conn, project)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(path, f"the file is damaged or not a GeoPackage ({exc})",
                               hint="restore it from a backup (*.bak) or re-import the layers") from exc
    except DAMAGED as exc:        # a project table whose text is not what CIM Studio wrote
        raise ProjectFileError(path, f"a project table is damaged ({_short(exc)}) / bảng dự án bị hỏng",
                               hint="restore it from a backup (cimstudio backup restore)") from exc
    n = max(len(layer_rows), 1)
    for i, row in enumerate(layer_rows):
        feedback.raise_if_canceled("open")
        with feedback.step(i / n, (i + 1) / n):
            try:
                data = serializer_for(row["kind"]).read(path, row, feedback)
            except (CimError, MemoryError):
                raise
            except Exception as exc:   # GDAL, zlib, JSON … on a damaged layer table: name the layer
                raise ProjectFileError(path, f"the layer's table is damaged ({_short(exc)}) / lớp dữ liệu bị hỏng",
                                       obj=str(row.get("name")),
                                       hint="restore it from a backup (cimstudio backup restore)") from exc
        rec = LayerRecord(name=row["name"], kind=row["kind"], data=data, crs=row["crs"], id=row["layer_id"],
                          object_kind=row["object_kind"], style=row["style"],
                          source=from_stored(row["source"], path.resolve().parent),
                          display_name=row.get("display_name") or "")
        project.layers[rec.id] = rec
    project.tree = tree
    known = set(project.layers)
    for node in list(project.tree.walk()):
        if not node.is_group and node.layer_id not in known:
            project.tree.remove(node)
    for lid in project.layers:
        if project.tree.find_layer(lid) is None:
            project.tree.add_layer(lid, project.layers[lid].name)
    project.changelog = changelog
    project.open_notes = notes
    for hook in _hooks("loaded"):
        hook(path, project)
    project.path = path.resolve()
    project.schema_version = version
    if not access.may_edit(access.granted_role(project)):    # a reviewer's own styles (not in the file)
        from cim.project.view_settings import apply_view

        apply_view(project, project.path)
    project.undo_stack.clear()
    project.dirty_layers.clear()
    if version < SCHEMA_VERSION:
        tables.migrate(project, version, SCHEMA_VERSION)
    from cim.project.file_state import remember

    remember(project, project.path)
    feedback.set_progress(1.0)
    return project


# helpers ----------------------------------------------------------------
def _read_table_map(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return {r["layer_id"]: r["table_name"] for r in tables.read_layer_rows(conn) if r["table_name"]}
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()


def _create_geopackage(path: Path) -> None:
    """Start a new file as an empty GeoPackage, so that GDAL adds feature tables to it whatever the
    order of layers (a raster blob written first must not leave a plain SQLite file behind)."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        with conn:
            tables.ensure_geopackage(conn)
    finally:
        conn.close()


def _existing_tables(path: Path) -> list[str]:
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    finally:
        conn.close()


def _drop_tables(path: Path, names: list[str], feedback: Feedback) -> None:
    if not names:
        return
    conn = sqlite3.connect(path)
    try:
        with conn:
            for t in names:
                tables.drop_feature_table(conn, t)
    finally:
        conn.close()


def _write_project_tables(path: Path, project: Project, table_of: dict[str, str]) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            tables.ensure_project_tables(conn)
            tables.write_project_info(conn, {"schema_version": str(SCHEMA_VERSION), "crs": project.crs,
                                             "application": "CIM Studio", "software_version": _version()})
            rows = []
            for pos, rec in enumerate(project.ordered_layers()):
                rows.append((rec.id, table_of.get(rec.id), rec.name, rec.kind, rec.object_kind, rec.crs,
                             json.dumps(rec.style, ensure_ascii=False, default=str),
                             json.dumps(to_stored(rec.source, path.resolve().parent), ensure_ascii=False, default=str), pos,
                             rec.display_name or None))
            tables.write_layer_rows(conn, rows)
            tables.write_metadata(conn, project.metadata)
            tables.write_tree(conn, project.tree)
            tables.write_changelog(conn, project.changelog)
            for hook in _hooks("write"):
                hook(conn, project)
    finally:
        conn.close()


DAMAGED = (ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError)   # JSONDecodeError is a ValueError


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:160]}"


def _remove_stale_temp_files(target: Path) -> None:
    from cim.project.leftovers import clean_leftovers

    clean_leftovers(target)


def _clean_leftovers(path: Path, feedback: Feedback) -> list[tuple[str, str]]:
    """Temporary files of crashed saves, recovery writes, backups and restores beside ``path`` are
    removed; the user is told (the log) what went. The crash-recovery file itself stays: the app offers
    it, ``cimstudio backup list`` shows it."""
    from cim.project.leftovers import clean_leftovers, describe

    notes = []
    removed = clean_leftovers(path)
    if removed:
        notes.append(describe(removed))
    for vi, en in notes:
        feedback.log(f"{path.name}: {en} / {vi}", "warning")
    return notes




def _version() -> str:
    from cim import __version__

    return __version__
