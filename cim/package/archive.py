"""Deterministic zip writing: the same inputs give the same bytes (fixed timestamps and permissions,
sorted entries, fixed compression), written to a temporary file and renamed into place."""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# already compressed: deflating them again costs time and gains nothing
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".pdf", ".zip", ".bcfzip", ".gz", ".cimpkg", ".tif")
DEFAULT_LEVEL = 1
_LEVEL_ATTR = "compress_level" if hasattr(zipfile.ZipInfo, "compress_level") else "_compresslevel"


def zip_info(name: str, size: int, level: int = DEFAULT_LEVEL) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, FIXED_TIME)
    stored = level == 0 or name.lower().endswith(STORED_SUFFIXES)
    zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    setattr(zi, _LEVEL_ATTR, None if stored else level)
    zi.create_system = 3
    zi.external_attr = 0o100644 << 16
    zi.file_size = size
    return zi


def write_archive(out: str | Path, entries: Iterable[tuple[str, Path | bytes]], *,
                  level: int = DEFAULT_LEVEL, feedback=None) -> Path:
    """Write ``(name, file path or bytes)`` entries sorted by name into ``out`` atomically."""
    out = Path(out)
    items = sorted(entries, key=lambda e: e[0])
    names = [n for n, _ in items]
    if len(set(names)) != len(names):
        raise ValueError("duplicate entry names")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.writing")
    sizes = [len(src) if isinstance(src, bytes) else Path(src).stat().st_size for _, src in items]
    total = max(sum(sizes), 1)
    done = 0
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            for (name, src), size in zip(items, sizes):
                if feedback is not None:
                    feedback.raise_if_canceled("package")
                zi = zip_info(name, size, level)
                with zf.open(zi, "w", force_zip64=size >= 2**31) as dst:
                    if isinstance(src, bytes):
                        dst.write(src)
                    else:
                        with open(src, "rb") as fh:
                            shutil.copyfileobj(fh, dst, 2**20)
                done += size
                if feedback is not None:
                    feedback.set_progress(done / total)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out
