"""Opening zip archives from elsewhere (appraisal packages, BCF files) without trusting them.

Refused, each with a message that names the archive and the entry: encrypted entries, absolute paths,
``..`` components (zip-slip), backslashes and control characters in names, symlinks and other
non-regular files, duplicate names (also differing only in case or Unicode normalisation), too many
entries, entries or totals above the size limits, compression ratios of a zip bomb (every entry and the
sum: an entry may expand to ``max_ratio`` times its compressed size, counted at least ``ratio_floor``
bytes, so small entries get a small absolute allowance instead of no limit), compression methods other
than stored and deflate (LZMA, bzip2 …), and names the caller does not expect. A damaged compressed
stream is a clean :class:`UnsafeArchive`, never a ``zlib.error``. Extraction writes into a fresh temporary folder beside the target and moves
it into place, so nothing is ever written outside the target folder.
"""

from __future__ import annotations

import lzma
import os
import re
import shutil
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cim.errors import CimInputError

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ALLOWED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 93: "Zstandard", 98: "PPMd", 9: "deflate64"}
# what a damaged compressed stream raises while it is read
READ_ERRORS = (zipfile.BadZipFile, OSError, EOFError, zlib.error, lzma.LZMAError, ValueError, NotImplementedError,
               RuntimeError)


class UnsafeArchive(CimInputError):
    """An archive that is refused because opening it could harm the machine or mislead the user."""


@dataclass(frozen=True)
class Limits:
    max_entries: int = 10_000
    max_entry_size: int = 256 * 2**30       # 256 GiB: a project GeoPackage can be large
    max_total_size: int = 512 * 2**30
    max_ratio: float = 200.0                 # uncompressed / compressed, for every entry and for the sum
    ratio_floor: int = 4096                  # compressed sizes count as at least this (small entries)


DEFAULT_LIMITS = Limits()
HINT = "ask the sender for a new package created by CIM Studio; do not open this one"


def check_archive(path: str | Path, zf: zipfile.ZipFile, *, limits: Limits = DEFAULT_LIMITS,
                  expected: Callable[[str], bool] | None = None, allow_dirs: bool = False
                  ) -> list[zipfile.ZipInfo]:
    """Return the file entries of ``zf`` or raise :class:`UnsafeArchive` for the first problem."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise UnsafeArchive(path, f"the archive has {len(infos)} entries (at most {limits.max_entries})",
                            hint=HINT)
    seen: dict[str, str] = {}
    total = packed = 0
    files = []
    for info in infos:
        name = info.filename
        _check_name(path, name)
        if info.flag_bits & 0x1:
            raise UnsafeArchive(path, "the entry is encrypted; packages are never encrypted inside",
                                obj=name, hint=HINT)
        mode = info.external_attr >> 16
        if info.create_system == 3 and mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
            what = "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"
            raise UnsafeArchive(path, f"the entry is {what}", obj=name, hint=HINT)
        key = unicodedata.normalize("NFC", name.rstrip("/")).casefold()
        if key in seen:
            raise UnsafeArchive(path, f"the name occurs twice in the archive (also as {seen[key]!r})",
                                obj=name, hint=HINT)
        seen[key] = name
        if info.is_dir():
            if not allow_dirs:
                raise UnsafeArchive(path, "unexpected folder entry", obj=name, hint=HINT)
            continue
        if info.compress_type not in ALLOWED_METHODS:
            method = METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise UnsafeArchive(path, f"unsupported compression ({method}); only stored and deflate entries "
                                "are read", obj=name, hint=HINT)
        if info.file_size > limits.max_entry_size:
            raise UnsafeArchive(path, f"the entry would unpack to {info.file_size} bytes "
                                f"(limit {limits.max_entry_size})", obj=name, hint=HINT)
        ratio = info.file_size / max(info.compress_size, limits.ratio_floor)
        if ratio > limits.max_ratio:
            raise UnsafeArchive(path, f"compression ratio {ratio:.0f}:1 looks like a zip bomb "
                                f"(limit {limits.max_ratio:.0f}:1)", obj=name, hint=HINT)
        total += info.file_size
        packed += info.compress_size
        if total > limits.max_total_size:
            raise UnsafeArchive(path, f"the archive would unpack to more than {limits.max_total_size} bytes",
                                hint=HINT)
        if total / max(packed, limits.ratio_floor) > limits.max_ratio:
            raise UnsafeArchive(path, f"the archive would unpack to {total} bytes from {packed}: a zip bomb "
                                f"(limit {limits.max_ratio:.0f}:1 overall)", hint=HINT)
        if expected is not None and not expected(name):
            raise UnsafeArchive(path, "unexpected file in the archive", obj=name, hint=HINT)
        files.append(info)
    return files


def _check_name(path, name: str) -> None:
    if not name or name in (".", "./"):
        raise UnsafeArchive(path, "an entry has an empty name", hint=HINT)
    if _CONTROL.search(name):
        raise UnsafeArchive(path, "an entry name contains control characters", obj=repr(name), hint=HINT)
    if "\\" in name:
        raise UnsafeArchive(path, "an entry name contains a backslash (Windows path)", obj=name, hint=HINT)
    if name.startswith("/") or _DRIVE.match(name):
        raise UnsafeArchive(path, "an entry has an absolute path", obj=name, hint=HINT)
    parts = name.rstrip("/").split("/")
    if any(p in ("..", ".", "") for p in parts):
        raise UnsafeArchive(path, "an entry path leaves its folder (zip-slip: '..', '.' or '//')",
                            obj=name, hint=HINT)


def open_archive(path: str | Path) -> zipfile.ZipFile:
    path = Path(path)
    if not path.is_file():
        raise CimInputError(path, "the file does not exist", hint="check the path")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        # NotImplementedError: a (damaged) header claiming a zip version Python does not read
        raise UnsafeArchive(path, f"not a readable zip archive ({exc})", hint=HINT) from exc


def read_member(path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one checked entry, never more than its declared size."""
    if info.compress_type not in ALLOWED_METHODS:
        raise UnsafeArchive(path, f"unsupported compression ({METHOD_NAMES.get(info.compress_type, info.compress_type)})",
                            obj=info.filename, hint=HINT)
    try:
        with zf.open(info) as src:
            data = src.read(info.file_size + 1)
    except READ_ERRORS as exc:
        raise UnsafeArchive(path, f"the entry is damaged and cannot be read ({_reason(exc)})", obj=info.filename,
                            hint=HINT) from exc
    if len(data) != info.file_size:
        raise UnsafeArchive(path, "the entry's size differs from the directory", obj=info.filename, hint=HINT)
    return data


def safe_extract(path: str | Path, target: str | Path, *, limits: Limits = DEFAULT_LIMITS,
                 expected: Callable[[str], bool] | None = None, members: Callable[[str], bool] | None = None
                 ) -> Path:
    """Extract the archive (or the ``members`` selected) into ``target``, which must not exist yet."""
    path, target = Path(path), Path(target).absolute()
    if target.exists():
        raise CimInputError(target, "the target folder exists already", hint="choose a new folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".extracting", dir=target.parent))
    try:
        with open_archive(path) as zf:
            infos = check_archive(path, zf, limits=limits, expected=expected)
            root = tmp.resolve()
            for info in infos:
                if members is not None and not members(info.filename):
                    continue
                dest = (root / info.filename).resolve()
                if root not in dest.parents:
                    raise UnsafeArchive(path, "the entry would be written outside the target folder",
                                        obj=info.filename, hint=HINT)
                dest.parent.mkdir(parents=True, exist_ok=True)
                _copy_member(path, zf, info, dest)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _copy_member(path, zf, info, dest: Path) -> None:
    written = 0
    try:
        with zf.open(info) as src, open(dest, "xb") as out:
            while chunk := src.read(2**20):
                written += len(chunk)
                if written > info.file_size:
                    raise UnsafeArchive(path, "the entry unpacks to more than its declared size",
                                        obj=info.filename, hint=HINT)
                out.write(chunk)
    except READ_ERRORS as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile) and exc.filename is not None:
            raise                                   # the disk we write to, not the archive
        raise UnsafeArchive(path, f"the entry is damaged ({_reason(exc)})", obj=info.filename, hint=HINT) from exc


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
