"""Rolling backups of the project file: ``<name>.backups/<stem>.<UTC time>.cim.gpkg``, newest N kept.

A backup is a byte copy of the saved file (saves are atomic, so the file is always consistent), written
to a temporary name and renamed. Restoring first backs up the current file, so a restore can be undone.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from cim.errors import CimInputError
from cim.io.atomic import replace

DEFAULT_KEEP = 10
KEEP_ENV = "CIMSTUDIO_BACKUP_KEEP"      # > 0: back up before every save of every project
_STAMP = re.compile(r"\.(\d{8}T\d{6}_\d{6}Z)\.cim\.gpkg$")


@dataclass
class BackupPolicy:
    keep: int = DEFAULT_KEEP
    backup_dir: Path | None = None
    min_interval_s: float = 0.0         # at most one backup per interval (frequent saves)


@dataclass
class BackupInfo:
    path: Path
    time: _dt.datetime
    size: int


def enable_autobackup(project, *, keep: int = DEFAULT_KEEP, backup_dir: str | Path | None = None,
                      min_interval_s: float = 0.0) -> BackupPolicy:
    """Back up the previous file before each save of ``project`` (see :mod:`cim.backup.hooks`)."""
    policy = BackupPolicy(keep, Path(backup_dir) if backup_dir else None, min_interval_s)
    project.ext.autobackup = policy
    return policy


def policy_for(project) -> BackupPolicy | None:
    policy = project.ext.autobackup
    if policy is None and int(os.environ.get(KEEP_ENV, "0") or 0) > 0:
        policy = BackupPolicy(keep=int(os.environ[KEEP_ENV]))
    return policy


def backup_dir_for(project_path: str | Path, backup_dir: str | Path | None = None) -> Path:
    p = Path(project_path)
    return Path(backup_dir) if backup_dir else p.parent / f"{p.name}.backups"


def _stem(project_path: Path) -> str:
    return project_path.name.removesuffix(".cim.gpkg").removesuffix(".gpkg")


def backup_project(project_path: str | Path, *, keep: int = DEFAULT_KEEP, backup_dir: str | Path | None = None,
                   now: _dt.datetime | None = None) -> Path:
    """Copy the project file into the backup folder and keep the newest ``keep`` backups."""
    src = Path(project_path)
    if not src.is_file():
        raise CimInputError(src, "there is no project file to back up", hint="save the project first")
    folder = backup_dir_for(src, backup_dir)
    folder.mkdir(parents=True, exist_ok=True)
    now = now or _dt.datetime.now(_dt.UTC)
    dest = folder / f"{_stem(src)}.{now.strftime('%Y%m%dT%H%M%S_%fZ')}.cim.gpkg"
    while dest.exists():
        now += _dt.timedelta(microseconds=1)
        dest = folder / f"{_stem(src)}.{now.strftime('%Y%m%dT%H%M%S_%fZ')}.cim.gpkg"
    _atomic_copy(src, dest)
    prune_backups(src, keep=keep, backup_dir=backup_dir)
    return dest


def list_backups(project_path: str | Path, backup_dir: str | Path | None = None) -> list[BackupInfo]:
    """The backups of a project, newest first."""
    src = Path(project_path)
    folder = backup_dir_for(src, backup_dir)
    out = []
    for p in folder.glob(f"{_stem(src)}.*.cim.gpkg") if folder.is_dir() else ():
        m = _STAMP.search(p.name)
        if m and p.name[: m.start()] == _stem(src):
            t = _dt.datetime.strptime(m.group(1), "%Y%m%dT%H%M%S_%fZ").replace(tzinfo=_dt.UTC)
            out.append(BackupInfo(p, t, p.stat().st_size))
    return sorted(out, key=lambda b: b.time, reverse=True)


def prune_backups(project_path, *, keep: int, backup_dir=None) -> list[Path]:
    removed = []
    for b in list_backups(project_path, backup_dir)[max(keep, 1):]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def restore_backup(project_path: str | Path, backup: str | Path | None = None, *, keep: int = DEFAULT_KEEP,
                   backup_dir: str | Path | None = None) -> Path:
    """Put ``backup`` (default: the newest) in place of the project file, after backing up the current one."""
    from cim.project import tables
    from cim.project.access import require_file_write

    target = Path(project_path)
    require_file_write(target, "restore a backup over the project")
    backups = list_backups(target, backup_dir)
    if backup is None:
        if not backups:
            raise CimInputError(target, "the project has no backups", hint="backups are made when the project is saved")
        backup = backups[0].path
    backup = Path(backup)
    tables.check_is_geopackage(backup)
    staged = target.with_name(f".{target.name}.{os.getpid()}.restoring")
    try:
        _atomic_copy(backup, staged)          # before pruning can remove the chosen backup
        if target.exists():
            backup_project(target, keep=keep, backup_dir=backup_dir)
        replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    from cim.backup.recovery import discard_recovery

    discard_recovery(target)     # unsaved edits were made on the file that was replaced
    return target


def _atomic_copy(src: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.copying")
    try:
        shutil.copyfile(src, tmp)
        replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
