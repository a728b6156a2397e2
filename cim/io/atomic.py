"""Replace a file atomically and durably: the one way CIM Studio writes a file over an existing one.

A temporary file is written in the target's folder (same filesystem, so the rename is atomic), flushed and
fsynced, ``os.replace``d over the target, and then the folder itself is fsynced so the rename survives a
power cut. If the writer raises, the temporary file is removed and the old target is untouched::

    atomic_write_bytes(path, data)
    atomic_write_text(path, text)
    with atomic_path(path) as tmp:          # for writers that take a path (GDAL, numpy, zipfile…)
        pyogrio.write_dataframe(frame, tmp)

Writers that produce several files (a Shapefile's parts) move each into place and call :func:`fsync_dir`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def fsync_file(path: str | os.PathLike[str]) -> None:
    """Flush a written file's data to disk."""
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """Make a rename or a new entry in ``folder`` durable (no-op where folders cannot be opened: Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(target: Path, suffix: str | None = None) -> Path:
    """A hidden, unique sibling of ``target`` ending in ``suffix`` (default: the target's own suffix,
    so drivers that pick a format by extension still do)."""
    suffix = target.suffix if suffix is None else suffix
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp{suffix}")


def replace(tmp: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """fsync ``tmp``, rename it over ``target`` and fsync the folder."""
    fsync_file(tmp)
    os.replace(tmp, target)
    fsync_dir(Path(target).parent)


@contextmanager
def atomic_path(target: str | os.PathLike[str], *, suffix: str | None = None,
                mkdir: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` for a writer to fill; on success it replaces ``target``
    durably, on any exception it is removed and ``target`` keeps its old content."""
    target = Path(target)
    if mkdir:
        target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(target, suffix)
    try:
        yield tmp
        if not tmp.exists():
            raise FileNotFoundError(f"the writer produced no file at {tmp}")
        replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes, *, mkdir: bool = False) -> Path:
    """Write ``data`` to ``target`` atomically and durably."""
    target = Path(target)
    with atomic_path(target, mkdir=mkdir) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
    return target


def atomic_write_text(target: str | os.PathLike[str], text: str, *, encoding: str = "utf-8",
                      mkdir: bool = False) -> Path:
    """Write ``text`` to ``target`` atomically and durably."""
    return atomic_write_bytes(target, text.encode(encoding), mkdir=mkdir)
