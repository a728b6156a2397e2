"""SHA-256 of many files at once: 1 MiB chunks, a thread pool (hashlib and zlib release the GIL)."""

from __future__ import annotations

import hashlib
import os
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHUNK = 2**20


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as fh:
        while n := fh.readinto(buf):
            h.update(view[:n])
    return h.hexdigest()


def _workers(n: int) -> int:
    return max(1, min(n, os.cpu_count() or 4, 16))


def hash_files(paths: list[Path], feedback=None) -> list[str]:
    """SHA-256 of every file, in the order given."""
    if not paths:
        return []
    with ThreadPoolExecutor(_workers(len(paths))) as pool:
        futures = [pool.submit(sha256_file, p) for p in paths]
        out = []
        for i, f in enumerate(futures):
            out.append(f.result())
            if feedback is not None:
                feedback.set_progress((i + 1) / len(futures))
        return out


def _hash_member(archive: Path, name: str) -> tuple[str | None, int]:
    """SHA-256 and size of an entry; ``(None, bytes read)`` when the entry is damaged (its zip CRC-32
    fails or its compressed data cannot be inflated): someone changed bytes inside the archive."""
    import zlib

    h = hashlib.sha256()
    n = 0
    try:
        with zipfile.ZipFile(archive) as zf, zf.open(name) as src:
            while chunk := src.read(CHUNK):
                h.update(chunk)
                n += len(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return None, n
    except OSError as exc:     # a truncated or cut archive: seeks past its end (EINVAL) and the like
        from cim.errors import CimInputError

        raise CimInputError(archive, f"the archive is damaged: an entry cannot be read ({exc.strerror or exc})",
                            obj=name, hint="the file was cut or corrupted in transit; ask for it again") from None
    return h.hexdigest(), n


def hash_members(archive: Path, names: list[str], feedback=None) -> dict[str, tuple[str | None, int]]:
    """SHA-256 and size of archive entries, read straight from the zip (nothing is extracted); the
    digest is None for a damaged entry.

    Large entries first, so one big GeoPackage does not end up alone at the end."""
    if not names:
        return {}
    with zipfile.ZipFile(archive) as zf:
        sizes = {n: zf.getinfo(n).file_size for n in names}
    order = sorted(names, key=lambda n: -sizes[n])
    with ThreadPoolExecutor(_workers(len(order))) as pool:
        futures = {n: pool.submit(_hash_member, archive, n) for n in order}
        out = {}
        for i, (n, f) in enumerate(futures.items()):
            out[n] = f.result()
            if feedback is not None:
                feedback.set_progress((i + 1) / len(futures))
        return out
