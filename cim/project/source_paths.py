"""Source-file paths in the project file are stored relative to the project's folder.

A project (and the appraisal package built from it) must not carry this machine's absolute paths:
moved to another folder or machine, the paths still resolve when the sources moved along, and the
file does not leak the author's home folder. ``source["path"]`` is absolute in memory; on disk it
is relative (POSIX separators) with ``"path_base": "project"``. Paths on another drive stay absolute.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

PATH_KEYS = ("path",)


def to_stored(source: dict, project_dir: Path) -> dict:
    out = dict(source)
    for key in PATH_KEYS:
        value = out.get(key)
        if not isinstance(value, str) or not value or not os.path.isabs(value):
            continue
        try:
            rel = os.path.relpath(value, project_dir)
        except ValueError:          # another drive (Windows): keep it absolute
            continue
        out[key] = PurePosixPath(*Path(rel).parts).as_posix()
        out[f"{key}_base"] = "project"
    return out


def from_stored(source: dict, project_dir: Path) -> dict:
    out = dict(source)
    for key in PATH_KEYS:
        if out.pop(f"{key}_base", None) == "project" and isinstance(out.get(key), str):
            out[key] = os.path.normpath(project_dir / out[key])
    return out
