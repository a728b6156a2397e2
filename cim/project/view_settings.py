"""A reviewer's own view of a project: layer styles and layer-tree visibility kept for them, never in
the project file.

A reviewer (or appraiser) may restyle layers and show/hide them to read the plan
(:data:`cim.project.access.REVIEW_COMMANDS`), but a save in that role writes only the comments
(:mod:`cim.project.review_save`): the project's styles are the consultant's deliverable. So those view
settings go to the user's configuration instead, one JSON file per project file
(``platformdirs.user_config_dir("cimstudio")/views/<sha256 of the resolved project path>.json``, or
``$CIMSTUDIO_VIEW_DIR``), holding only what differs from the file: ``{"project": path, "styles":
{layer_id: style}, "visible": {node_id: bool}}``. It is written when such a session saves and applied
when the project is opened again, both only when the role *granted* by the file may not edit data (a
reviewer, an appraiser, a reviewer copy); a consultant opening the same file sees the project's own
styles, and a consultant looking at the project as a reviewer (``--reviewer``, the reviewer toggle)
keeps no separate view: switched back, they can save their styles into the project.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

VIEW_DIR_ENV = "CIMSTUDIO_VIEW_DIR"


def view_dir() -> Path:
    env = os.environ.get(VIEW_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("cimstudio")) / "views"


def settings_file(project_path: str | Path) -> Path:
    key = hashlib.sha256(str(Path(project_path).resolve()).encode("utf-8")).hexdigest()[:32]
    return view_dir() / f"{key}.json"


def read_view(project_path: str | Path) -> dict:
    """The stored view settings of a project file (empty when none or unreadable)."""
    f = settings_file(project_path)
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    styles = data.get("styles") if isinstance(data.get("styles"), dict) else {}
    visible = data.get("visible") if isinstance(data.get("visible"), dict) else {}
    return {"styles": {str(k): v for k, v in styles.items() if isinstance(v, dict)},
            "visible": {str(k): bool(v) for k, v in visible.items() if isinstance(v, bool)}}


def remember_view(project, project_path: str | Path) -> Path | None:
    """Store how ``project``'s layer styles and visibility differ from the file at ``project_path``
    (nothing stored, and an older entry removed, when they do not differ). Returns the settings file
    written, or None."""
    from cim.io.atomic import atomic_write_text
    from cim.project import tables

    conn = sqlite3.connect(f"file:{Path(project_path)}?mode=ro", uri=True)
    try:
        stored_styles = {r["layer_id"]: r["style"] for r in tables.read_layer_rows(conn)}
        stored_visible = {n.id: n.visible for n in tables.read_tree(conn).walk()}
    finally:
        conn.close()
    styles = {lid: dict(rec.style) for lid, rec in project.layers.items()
              if lid in stored_styles and _plain(rec.style) != _plain(stored_styles[lid])}
    visible = {n.id: bool(n.visible) for n in project.tree.walk()
               if n.id in stored_visible and bool(n.visible) != bool(stored_visible[n.id])}
    target = settings_file(project_path)
    if not styles and not visible:
        target.unlink(missing_ok=True)
        return None
    text = json.dumps({"project": str(Path(project_path).resolve()), "styles": styles, "visible": visible},
                      ensure_ascii=False, indent=1, default=str)
    return atomic_write_text(target, text, mkdir=True)


def apply_view(project, project_path: str | Path) -> int:
    """Apply the stored view settings to a just-opened ``project`` (layers and tree nodes that still
    exist); returns how many settings were applied. Nothing is marked changed."""
    view = read_view(project_path)
    n = 0
    for lid, style in view.get("styles", {}).items():
        rec = project.layers.get(lid)
        if rec is not None:
            rec.style = dict(style)
            n += 1
    for node_id, shown in view.get("visible", {}).items():
        node = project.tree.find(node_id)
        if node is not None:
            node.visible = shown
            n += 1
    return n


def _plain(style) -> str:
    return json.dumps(style or {}, sort_keys=True, default=str)
