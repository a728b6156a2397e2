"""Files a crash leaves beside a project, cleaned when the project is next opened.

A save, a recovery write, a backup or a restore works on a temporary file and renames it into place;
SIGKILL or a power cut in the middle leaves that file (and SQLite's ``-journal``/``-wal``/``-shm``
beside it). They are never the project: the project file itself is replaced atomically. At the next
open they are removed when the process that wrote them is gone, and the caller is told what went:

- ``.<name>.<pid>.saving.gpkg`` (+ SQLite side files): an interrupted save;
- ``..<name>.recovery.gpkg.<pid>.saving.gpkg``: an interrupted write of the crash-recovery file (the
  recovery file itself is kept: it is what :func:`cim.backup.find_recovery` offers to recover);
- ``.<name>.<pid>.restoring``: an interrupted backup restore;
- ``<name>.backups/.<backup>.<pid>.copying``: an interrupted backup.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

_PID = re.compile(r"\.(\d+)\.(saving\.gpkg(?:-journal|-wal|-shm)?|restoring|copying)$")


@dataclass
class Leftover:
    path: Path
    size: int
    kind: str            # "save", "recovery", "restore", "backup"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True          # someone else's live process
    return True


def find_leftovers(project_path: str | Path) -> list[Leftover]:
    p = Path(project_path)
    folder, name = p.parent, p.name
    candidates: list[tuple[Path, str]] = []
    for f in folder.glob(f".{glob_escape(name)}.*"):
        kind = "restore" if f.name.endswith(".restoring") else "save"
        candidates.append((f, kind))
    for f in folder.glob(f"..{glob_escape(name)}.recovery.gpkg.*"):
        candidates.append((f, "recovery"))
    backups = folder / f"{name}.backups"
    stem = name.removesuffix(".cim.gpkg").removesuffix(".gpkg")
    if backups.is_dir():
        for f in backups.glob(f".{glob_escape(stem)}.*.copying"):
            candidates.append((f, "backup"))
    out = []
    for f, kind in candidates:
        m = _PID.search(f.name)
        if not m or not f.is_file() or _pid_alive(int(m.group(1))):
            continue
        try:
            out.append(Leftover(f, f.stat().st_size, kind))
        except OSError:
            continue
    return out


def clean_leftovers(project_path: str | Path) -> list[Leftover]:
    """Remove the leftovers of crashed processes beside ``project_path``; returns what was removed."""
    removed = []
    for item in find_leftovers(project_path):
        try:
            item.path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            continue          # read-only folder: leave it, the open still works
        removed.append(item)
    return removed


def describe(removed: list[Leftover]) -> tuple[str, str]:
    """(vi, en) sentence for the user."""
    total = sum(r.size for r in removed)
    kinds = sorted({r.kind for r in removed})
    names = {"save": ("lưu dở", "interrupted save"), "recovery": ("tệp khôi phục dở", "interrupted recovery write"),
             "restore": ("khôi phục bản sao dở", "interrupted restore"), "backup": ("sao lưu dở", "interrupted backup")}
    vi = ", ".join(names[k][0] for k in kinds)
    en = ", ".join(names[k][1] for k in kinds)
    mb = total / 2**20
    return (f"Đã xoá {len(removed)} tệp tạm còn lại sau sự cố ({vi}; {mb:.1f} MB); dự án không bị ảnh hưởng.",
            f"Removed {len(removed)} temporary file(s) left by a crash ({en}; {mb:.1f} MB); "
            "the project file itself was not affected.")


def glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)
