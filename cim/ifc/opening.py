"""Open an IFC file safely: clear messages for what users meet in practice, never touching the source.

- not a STEP file, truncated (no ``END-ISO-10303-21;``), unreadable → :class:`CimInputError`
- IFC2X3, IFC4, IFC4X3_ADD2 open as they are
- the pre-release IFC 4.3 schemas (IFC4X3_RC1 … RC4, IFC4X3_ADD1, IFC4X3) are opened from an
  in-memory copy whose header says IFC4X3_ADD2, with a warning naming each entity type the
  ADD2 schema does not know (the parser drops those instances, e.g. IFCSOLIDSTRATUM)
- other schemas (IFC2X2, IFC4X1, IFC4X2 …) → :class:`CimInputError` with a hint
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cim.errors import CimInputError
from cim.findings import Finding
from cim.text import Text

SUPPORTED = ("IFC2X3", "IFC4", "IFC4X3_ADD2")
UPGRADABLE = ("IFC4X3_RC1", "IFC4X3_RC2", "IFC4X3_RC3", "IFC4X3_RC4", "IFC4X3_ADD1", "IFC4X3", "IFC4X3_TC1")
_SCHEMA_RE = re.compile(rb"FILE_SCHEMA\s*\(\s*\(\s*'([^']*)'", re.I)
_ENTITY_RE = re.compile(rb"^\s*#\d+\s*=\s*([A-Za-z0-9_]+)\s*\(", re.M)


@dataclass
class IfcSource:
    """An opened IFC: the ``ifcopenshell.file``, where it came from and what the user should know."""

    file: object
    path: Path
    sha256: str
    declared_schema: str
    schema: str
    warnings: list[Finding] = field(default_factory=list)   # SCHEMA_PRERELEASE, ENTITIES_DROPPED (W)
    dropped_entities: dict[str, int] = field(default_factory=dict)

    @property
    def upgraded(self) -> bool:
        return self.declared_schema != self.schema


def file_sha256(path: str | Path, chunk: int = 1 << 22) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def open_ifc(path: str | Path) -> IfcSource:
    """Open ``path`` or raise :class:`CimInputError` saying what is wrong with it and what to do."""
    path = Path(path)
    if not path.is_file():
        raise CimInputError(path, "the IFC file does not exist", hint="check the path")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \r\n\t")
    if not head.startswith(b"ISO-10303-21"):
        hint = "export the model as IFC-SPF (*.ifc); ifcXML and ifcZIP are not read"
        if head.startswith(b"PK"):
            hint = "this looks like an ifcZIP archive: unzip it and import the *.ifc inside"
        raise CimInputError(path, "not an IFC STEP file (no ISO-10303-21 header) / không phải tệp IFC", hint=hint)
    if b"END-ISO-10303-21" not in data[-4096:]:
        raise CimInputError(path, "the IFC file is truncated: it does not end with END-ISO-10303-21; "
                                  "/ tệp IFC bị cắt cụt", hint="copy or export the file again")
    m = _SCHEMA_RE.search(data[:65536])
    if not m:
        raise CimInputError(path, "the IFC header has no FILE_SCHEMA", hint="export the model again")
    declared = m.group(1).decode("ascii", "replace").strip().upper()
    if declared in SUPPORTED:
        return IfcSource(_parse(path, None, declared), path, sha, declared, declared)
    if declared in UPGRADABLE:
        return _open_upgraded(path, data, sha, declared)
    raise CimInputError(path, f"unsupported IFC schema {declared} / lược đồ IFC không được hỗ trợ",
                        hint=f"CIM Studio reads {', '.join(SUPPORTED)}; export the model as IFC4 or IFC4X3_ADD2")


def _parse(path: Path, text: str | None, schema: str):
    import ifcopenshell

    try:
        if text is None:
            return ifcopenshell.open(str(path))
        return ifcopenshell.file.from_string(text)
    except Exception as exc:  # ifcopenshell raises several types for damaged files
        raise CimInputError(path, f"the IFC file ({schema}) cannot be read: {exc} / tệp IFC bị hỏng",
                            hint="open it in the authoring tool and export it again") from exc


def _open_upgraded(path: Path, data: bytes, sha: str, declared: str) -> IfcSource:
    import ifcopenshell.ifcopenshell_wrapper as w

    target = "IFC4X3_ADD2"
    schema = w.schema_by_name(target)
    counts = Counter(n.decode("ascii", "replace").upper() for n in _ENTITY_RE.findall(data))
    dropped = {}
    for name, n in sorted(counts.items()):
        try:
            schema.declaration_by_name(name)
        except Exception:
            dropped[name] = n
    text = _SCHEMA_RE.sub(lambda _m: f"FILE_SCHEMA(('{target}'".encode(), data, count=1)
    f = _parse(path, text.decode("utf-8", "replace"), declared)
    warnings = [Finding("W", "SCHEMA_PRERELEASE", Text(
        f"{declared} là bản dự thảo của IFC 4.3: mô hình được mở dưới dạng {target} từ bản sao trong bộ nhớ "
        "(tệp gốc không bị thay đổi).",
        f"{declared} is a pre-release of IFC 4.3: the model was opened as {target} from an in-memory "
        "copy (the file on disk is unchanged)."))]
    if dropped:
        listed = ", ".join(f"{k} ×{v}" for k, v in dropped.items())
        warnings.append(Finding("W", "ENTITIES_DROPPED", Text(
            f"Đã bỏ {sum(dropped.values())} đối tượng thuộc kiểu không có trong {target}: {listed}.",
            f"{sum(dropped.values())} instance(s) of entity types unknown to {target} were dropped: {listed}.")))
    return IfcSource(f, path, sha, declared, target, warnings, dropped)
