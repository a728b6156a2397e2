"""Crash recovery of unsaved edits.

While a project has unsaved edits, :func:`write_recovery` (called by an :class:`Autosaver` on every
change, at most once per interval) writes them to ``.<name>.recovery.gpkg`` beside the project: only the
changed layers plus every project table (metadata, tree, comments, roles) and the list of layers, so it
is fast for a large project. A clean save or close removes the file. On the next start,
:func:`find_recovery` tells the app there is something to recover and :func:`recover` rebuilds the
project as it was (unsaved, so the user decides whether to save it).
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from cim.errors import CimInputError

INFO_TABLE = "cim_recovery"


def recovery_path(project_path: str | Path) -> Path:
    p = Path(project_path)
    return p.with_name(f".{p.name}.recovery.gpkg")


class _NoStack:
    def set_clean(self) -> None:
        pass


class _RecoveryView:
    """What ``save_project`` needs of a project, restricted to the changed layers."""

    def __init__(self, project, info: dict) -> None:
        from cim.project.extensions import ProjectExtensions
        from cim.review.model import review_book
        from cim.review.roles import role_assignments

        self._project = project
        ids = [lid for lid in project.layers if lid in project.dirty_layers or project.path is None]
        self.layers = {lid: project.layers[lid] for lid in ids}
        self.path, self.dirty_layers, self.removed_layers = None, set(ids), set()
        self.undo_stack = _NoStack()
        self.crs, self.metadata, self.tree = project.crs, project.metadata, project.tree
        self.changelog, self.user, self.role = project.changelog, project.user, project.role
        self.ext = ProjectExtensions(review_book=review_book(project), roles=role_assignments(project),
                                     recovery_info=info)

    def ordered_layers(self):
        return [r for r in self._project.ordered_layers() if r.id in self.layers]


def write_recovery(project, *, path: str | Path | None = None) -> Path | None:
    """Write the unsaved edits of ``project`` (nothing when it is unmodified). ``path`` is needed for a
    project that was never saved: it names the project file the recovery belongs to."""
    from cim.project.store import save_project

    base = Path(path or project.path or "")
    if not str(base):
        raise CimInputError(None, "a project that was never saved needs a file name for its recovery data")
    if not project.is_modified():
        discard_recovery(base)          # back at the saved state (e.g. everything undone)
        return None
    stat = base.stat() if project.path is not None and base.exists() else None
    info = {"base": base.name, "base_size": stat.st_size if stat else None,
            "base_mtime_ns": stat.st_mtime_ns if stat else None,
            "layer_ids": list(project.layers), "tree": project.tree.to_dict(),
            "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "edits": _unsaved_edits(project.undo_stack)}
    return save_project(_RecoveryView(project, info), recovery_path(base))


def _unsaved_edits(stack) -> list[str]:
    clean = getattr(stack, "_clean_index", 0)
    start = clean if clean is not None and clean <= stack.index else 0
    return stack.texts()[start: stack.index]


def write_info_table(conn: sqlite3.Connection, project) -> None:
    info = project.ext.recovery_info
    if info is None:
        return
    conn.execute(f"CREATE TABLE IF NOT EXISTS {INFO_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute(f"DELETE FROM {INFO_TABLE}")
    conn.executemany(f"INSERT INTO {INFO_TABLE} VALUES (?, ?)",
                     [(k, json.dumps(v, ensure_ascii=False)) for k, v in info.items()])


@dataclass
class RecoveryInfo:
    path: Path
    created: str
    edits: list[str]
    changed_layers: int
    stale: bool           # the project file changed after the recovery data was written

    def describe(self) -> tuple[str, str]:
        return (f"Có {len(self.edits)} thay đổi chưa lưu từ {self.created}. Khôi phục?",
                f"{len(self.edits)} unsaved edit(s) from {self.created} can be recovered. Recover them?")


def _read_info(rec: Path) -> dict | None:
    try:
        conn = sqlite3.connect(f"file:{rec}?mode=ro", uri=True)
        try:
            rows = conn.execute(f"SELECT key, value FROM {INFO_TABLE}").fetchall()
            layers = conn.execute("SELECT count(*) FROM cim_layers").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    info = {k: json.loads(v) for k, v in rows}
    info["_changed"] = layers
    return info


def find_recovery(project_path: str | Path) -> RecoveryInfo | None:
    """Unsaved edits of an earlier session of this project, if any."""
    base = Path(project_path)
    rec = recovery_path(base)
    if not rec.is_file():
        return None
    info = _read_info(rec)
    if info is None:
        return None
    stale = False
    if info.get("base_size") is not None:
        st = base.stat() if base.exists() else None
        stale = st is None or (st.st_size, st.st_mtime_ns) != (info["base_size"], info["base_mtime_ns"])
    return RecoveryInfo(rec, info.get("created", ""), list(info.get("edits", [])), info["_changed"], stale)


def recover(project_path: str | Path, *, allow_stale: bool = False, feedback=None):
    """The project with the recovered edits applied, unsaved (save it to keep them)."""
    from cim.errors import PermissionDenied
    from cim.project.access import may_edit
    from cim.project.document import Project
    from cim.project.store import open_project
    from cim.project.tree import LayerTree
    from cim.review.model import review_book
    from cim.review.roles import role_assignments

    base = Path(project_path)
    found = find_recovery(base)
    if found is None:
        raise CimInputError(base, "there are no unsaved edits to recover")
    if found.stale and not allow_stale:
        raise CimInputError(base, "the project file was changed after the unsaved edits were recorded",
                            hint="open the project as it is, or recover anyway (the recovered state replaces it)")
    info = _read_info(found.path)
    saved = open_project(found.path, feedback=feedback)
    has_base = base.exists()        # an existing project is the base, whatever the recovery file says
    project = open_project(base, feedback=feedback) if has_base else Project(crs=saved.crs)
    if not may_edit(project.role):
        # a reviewer's unsaved work is comments: nothing else is taken from the recovery file
        if info["_changed"] or list(info.get("layer_ids", [])) != list(project.layers) \
                or saved.metadata.to_dict() != project.metadata.to_dict():
            raise PermissionDenied(
                f"{found.path}: the unsaved edits change the data, which the role '{project.role}' may not "
                "apply; only comments can be recovered in this role. "
                f"Vai trò '{project.role}' chỉ được khôi phục góp ý, không được khôi phục thay đổi dữ liệu.")
        project.ext.review_book = review_book(saved)
    else:
        layers = {}
        for lid in info["layer_ids"]:
            rec = saved.layers.get(lid) or project.layers.get(lid)
            if rec is not None:
                layers[lid] = rec
        project.removed_layers |= set(project.layers) - set(layers)
        project.layers = layers
        project.dirty_layers = set(saved.layers) & set(layers)
        project.tree = LayerTree.from_dict(info["tree"])
        project.crs, project.metadata, project.changelog = saved.crs, saved.metadata, saved.changelog
        project.ext.review_book = review_book(saved)
        if not has_base:     # a project never saved: its roles exist only in the recovery file
            project.ext.roles = role_assignments(saved)
    project.path = base.resolve()
    stack = project.undo_stack
    stack._clean_index = None          # modified: the recovered state is not on disk yet
    stack.clean_changed.emit(False)
    return project


def discard_recovery(project_path: str | Path) -> None:
    recovery_path(project_path).unlink(missing_ok=True)


class Autosaver:
    """Writes the recovery file after edits, at most once per ``interval_s``; :meth:`close` on a clean close.

    Keep a reference to it for the session: the undo stack's signal holds it only weakly."""

    def __init__(self, project, interval_s: float = 60.0, *, path: str | Path | None = None, clock=time.monotonic):
        self.project, self.interval_s, self.path, self.clock = project, interval_s, path, clock
        self.last: float | None = None
        self.written: Path | None = None
        project.undo_stack.changed.connect(self._on_change)

    def _on_change(self) -> None:
        now = self.clock()
        if self.last is None or now - self.last >= self.interval_s:
            self.flush()

    def flush(self) -> Path | None:
        self.last = self.clock()
        if self.project.path is None and self.path is None:
            return None
        self.written = write_recovery(self.project, path=self.path)
        return self.written

    def detach(self) -> None:
        """Stop writing, keeping the recovery file (the app moves on to another project without a clean
        close: the unsaved edits stay recoverable)."""
        self.project.undo_stack.changed.disconnect(self._on_change)

    def close(self) -> None:
        self.detach()
        discard_recovery(self.path or self.project.path)
