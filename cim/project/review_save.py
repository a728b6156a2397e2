"""Saving a project opened in a role that may not edit data (reviewer, appraiser).

The file is copied as it is on disk and only the comment tables and the change log are rewritten (plus
the ``*`` ceiling of a reviewer copy), in the same atomic copy-fsync-rename as a normal save. The layer
styles and visibility such a session changed are kept in the user's own settings
(:mod:`cim.project.view_settings`), not in the file. Layer data,
metadata and the role table never come from memory: a reviewer who changed them through the Python API
(bypassing the commands) is refused, and the file keeps its bytes.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from cim.errors import PermissionDenied
from cim.project import access, tables


def save_comments_only(project, target: Path, hooks) -> Path:
    src = Path(project.path) if project.path is not None else None
    role = project.role
    if src is None or not src.is_file():
        raise PermissionDenied(f"{target}: the role '{role}' may not create a project file. "
                               f"Vai trò '{role}' không được phép tạo tệp dự án.")
    changed = _data_changes(project, src)
    if changed:
        raise PermissionDenied(
            f"{src}: the role '{role}' may not save changes to {', '.join(changed)}; only comments are saved. "
            f"Vai trò '{role}' chỉ được lưu góp ý, không được lưu thay đổi dữ liệu.")
    from cim.review.storage import TABLES, write_comment_tables

    tmp = target.with_name(f".{target.name}.{os.getpid()}.saving.gpkg")
    try:
        shutil.copyfile(src, tmp)
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                write_comment_tables(conn, project)
                tables.ensure_project_tables(conn)
                tables.write_changelog(conn, project.changelog)
                ceiling = project.ext.role_ceiling
                if ceiling:
                    conn.execute(TABLES["cim_roles"])
                    conn.execute("INSERT OR REPLACE INTO cim_roles VALUES (?, ?)", (access.CEILING_USER, ceiling))
        finally:
            conn.close()
        from cim.io.atomic import replace

        replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _remember_view(project, target)
    for hook in hooks("after_save"):
        hook(target, project)
    project.path = target
    project.undo_stack.set_clean()
    return target


def _remember_view(project, target: Path) -> None:
    """The reviewer's layer styles and visibility go to their own settings, not into the file
    (:mod:`cim.project.view_settings`); the comments are saved even when that folder is not writable."""
    from cim.project.view_settings import remember_view

    if access.may_edit(access.granted_role(project)):
        return          # a consultant looking as a reviewer: their styles are the project's, saved as such
    try:
        remember_view(project, target)
    except (OSError, sqlite3.DatabaseError) as exc:
        import logging

        logging.getLogger(__name__).warning("%s: the view settings were not kept (%s)", target, exc)


def _data_changes(project, src: Path) -> list[str]:
    """What in memory differs from the file in ways a reviewer may not save."""
    from cim.review.roles import role_assignments

    out = []
    conn = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        ids = {r["layer_id"] for r in tables.read_layer_rows(conn)}
        metadata = tables.read_metadata(conn)
    finally:
        conn.close()
    if project.dirty_layers or project.removed_layers or set(project.layers) != ids:
        out.append("layers")
    if metadata.to_dict() != project.metadata.to_dict():
        out.append("plan metadata")
    stored = access.read_file_roles(src)
    if stored is not None and stored[0] != {u: r for u, r in role_assignments(project).items()
                                            if u != access.CEILING_USER}:
        out.append("roles")
    return out
