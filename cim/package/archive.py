"""Deterministic zip writing: the same inputs give the same bytes (fixed timestamps and permissions,
sorted entries, fixed compression), written to a temporary file and renamed into place."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

from cim.io.atomic import atomic_path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# already compressed: deflating them again costs time and gains nothing
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".pdf", ".zip", ".bcfzip", ".gz", ".cimpkg", ".tif")
DEFAULT_LEVEL = 1
_LEVEL_ATTR = "compress_level" if hasattr(zipfile.ZipInfo, "compress_level") else "_compresslevel"


def zip_info(name: str, size: int, level: int = DEFAULT_LEVEL, *, store: bool = False) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, FIXED_TIME)
    stored = store or level == 0 or name.lower().endswith(STORED_SUFFIXES)
    zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    setattr(zi, _LEVEL_ATTR, None if stored else level)
    zi.create_system = 3
    zi.external_attr = 0o100644 << 16
    zi.file_size = size
    return zi


SAMPLE_MIN_SIZE = 8 * 2**20


def incompressible(path: Path, size: int, *, samples: int = 16, threshold: float = 0.6) -> bool:
    """Deflate ``samples`` 256 KiB slices of a large file: store it when they would shrink by less than
    40 % (embedded orthophotos and other compressed rasters): deflating a GB for little gain costs a
    minute. Depends only on the content, so the package stays deterministic."""
    if size < SAMPLE_MIN_SIZE:
        return False
    import zlib

    raw = packed = 0
    with open(path, "rb") as fh:
        for k in range(samples):
            fh.seek((size - 2**18) * k // max(samples - 1, 1))
            chunk = fh.read(2**18)
            raw += len(chunk)
            packed += len(zlib.compress(chunk, 1))
    return packed > threshold * raw


def write_archive(out: str | Path, entries: Iterable[tuple[str, Path | bytes]], *,
                  level: int = DEFAULT_LEVEL, feedback=None) -> Path:
    """Write ``(name, file path or bytes)`` entries sorted by name into ``out`` atomically."""
    out = Path(out)
    items = sorted(entries, key=lambda e: e[0])
    names = [n for n, _ in items]
    if len(set(names)) != len(names):
        raise ValueError("duplicate entry names")
    sizes = [len(src) if isinstance(src, bytes) else Path(src).stat().st_size for _, src in items]
    total = max(sum(sizes), 1)
    done = 0
    with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w") as zf:
        for (name, src), size in zip(items, sizes):
            if feedback is not None:
                feedback.raise_if_canceled("package")
            store = not isinstance(src, bytes) and level > 0 and incompressible(Path(src), size)
            zi = zip_info(name, size, level, store=store)
            with zf.open(zi, "w", force_zip64=size >= 2**31) as dst:
                if isinstance(src, bytes):
                    dst.write(src)
                else:
                    with open(src, "rb") as fh:
                        shutil.copyfileobj(fh, dst, 2**20)
            done += size
            if feedback is not None:
                feedback.set_progress(done / total)
    return out
