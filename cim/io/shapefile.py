"""Shapefile specifics: the sidecar files (.shx, .dbf, .prj, .cpg) and the DBF text encoding.

The plan says how to hand the shapefile to GDAL and how to decode its text afterwards:

- a missing ``.shx`` is rebuilt by GDAL (``SHAPE_RESTORE_SHX``) in a temporary copy, never beside the
  user's file, with a warning;
- a missing ``.prj`` leaves the CRS unknown (``crs=None``) with a warning: the caller decides;
- the encoding comes from ``encoding=``, else the ``.cpg``, else the DBF language-driver byte, else
  the bytes themselves (UTF-8, then TCVN3, then Windows-1258). Non-UTF-8 text is read by GDAL as
  ISO-8859-1 (lossless) and decoded in Python (see :mod:`cim.io.encoding`).
"""

from __future__ import annotations

import codecs
import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cim.errors import CimInputError
from cim.io import encoding as enc
from cim.io.sources import Source

_CONFIG_LOCK = threading.RLock()
SNIFF_BYTES = 8 << 20


@dataclass
class ShapefilePlan:
    gdal_path: str
    gdal_encoding: str | None          # what GDAL is told (the ENCODING open option)
    codec: str | None                  # decode in Python afterwards (None: GDAL's text is final)
    label: str                         # the encoding as reported in VectorRead.source
    config: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tempdir: str | None = None

    def cleanup(self) -> None:
        if self.tempdir:
            shutil.rmtree(self.tempdir, ignore_errors=True)
            self.tempdir = None


@contextmanager
def gdal_config(options: dict):
    """Set GDAL config options for the duration of one read (process-wide, so serialised)."""
    if not options:
        yield
        return
    import pyogrio

    with _CONFIG_LOCK:
        old = {k: pyogrio.get_gdal_config_option(k) for k in options}
        pyogrio.set_gdal_config_options(options)
        try:
            yield
        finally:
            pyogrio.set_gdal_config_options(old)


def plan_shapefile(src: Source, encoding: str | None) -> ShapefilePlan:
    plan = ShapefilePlan(src.gdal_path, None, None, "")
    if src.sidecar(".shx") is None:
        _restore_shx(src, plan)
    if src.sidecar(".dbf") is None:
        plan.warnings.append("no .dbf file beside the .shp: the features have no attributes")
    if src.sidecar(".prj") is None:
        plan.warnings.append("no .prj file: the coordinate reference system is unknown (crs=None); "
                             "choose it when importing / thiếu tệp .prj: chưa biết hệ tọa độ")
    _plan_encoding(src, encoding, plan)
    return plan


def _restore_shx(src: Source, plan: ShapefilePlan) -> None:
    """Let GDAL rebuild the index in a private copy: the user's folder is never written to."""
    tmp = tempfile.mkdtemp(prefix="cim-shx-")
    plan.tempdir = tmp
    stem = Path(src.name).stem
    for suffix in (".shp", ".dbf", ".prj", ".cpg"):
        name = src.sidecar(suffix)
        if name is None:
            continue
        target = os.path.join(tmp, stem + suffix)
        if src.member is None:
            origin = src.path.parent / name
            try:
                os.link(origin, target)
            except OSError:
                shutil.copyfile(origin, target)
        else:
            data = src.read_sidecar(suffix)
            Path(target).write_bytes(data or b"")
    plan.gdal_path = os.path.join(tmp, stem + ".shp")
    plan.config["SHAPE_RESTORE_SHX"] = "YES"
    plan.warnings.append("the .shx index file is missing: it was rebuilt from the .shp for this read "
                         "(your files were not changed) / thiếu tệp .shx, đã dựng lại tạm thời")


def _plan_encoding(src: Source, encoding: str | None, plan: ShapefilePlan) -> None:
    if encoding:
        codec = enc.normalize_codec(encoding)
        if codec is None:
            raise CimInputError(src.path, f"unknown text encoding {encoding!r}",
                                hint="use e.g. 'UTF-8', 'cp1258' (Vietnamese Windows), 'tcvn3' (ABC fonts)")
        _set(plan, codec, f"{codec} (given)")
        return
    cpg = src.read_sidecar(".cpg", 256)
    if cpg is not None:
        text = cpg.decode("ascii", "replace")
        codec = enc.normalize_codec(text)
        if codec is not None:
            _set(plan, codec, f"{codec} (.cpg)")
            return
        plan.warnings.append(f"the .cpg names an unknown code page {text.strip()!r}: guessing from the text")
    head = src.read_sidecar(".dbf", SNIFF_BYTES)
    header = enc.read_dbf_header(head) if head else None
    if header is None:
        _set(plan, "utf-8", "UTF-8 (assumed)")
        return
    codec = enc.LDID_CODECS.get(header.ldid)
    if codec is not None:
        _set(plan, codec, f"{codec} (DBF language driver 0x{header.ldid:02X})")
        return
    guess = enc.sniff_codec(enc.dbf_text_samples(head, header))
    if guess.codec is None:
        raise CimInputError(src.path, f"cannot tell the text encoding of the .dbf: {guess.reason} "
                                      "/ không xác định được bảng mã của tệp .dbf",
                            obj=src.sidecar(".dbf"),
                            hint="add a .cpg file holding the code page (e.g. 1258 for Vietnamese Windows, "
                                 "UTF-8, 1252) or pass encoding=")
    _set(plan, guess.codec, f"{guess.codec} (guessed)")
    if guess.codec != "utf-8":
        plan.warnings.append(f"no .cpg and no code page in the .dbf: {guess.reason}; read as {guess.codec}. "
                             "Add a .cpg file to make it certain / thiếu tệp .cpg, đã đoán bảng mã")


def _set(plan: ShapefilePlan, codec: str, label: str) -> None:
    plan.label = label
    if codec != enc.TCVN3:
        codec = codecs.lookup(codec).name
    if codec == "utf-8":
        plan.gdal_encoding, plan.codec = "UTF-8", None
    elif codec == "iso8859-1":
        plan.gdal_encoding, plan.codec = "ISO-8859-1", None
    else:
        plan.gdal_encoding, plan.codec = "ISO-8859-1", codec
