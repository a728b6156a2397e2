"""The ``plugin.toml`` schema: parsed with :mod:`tomllib` into frozen dataclasses, validated.

A plugin declares what it contributes in a ``plugin.toml`` beside its package's ``__init__.py``;
CIM Studio reads that file without importing the plugin's code (napari/npe2 style). Callables are
named ``"package.module:attr"`` and imported only when used (see :mod:`plugins.registry`)::

    [plugin]
    id = "gis_io"                      # lowercase letters, digits, "_" or "-"
    name = { vi = "Dữ liệu GIS", en = "GIS data" }
    version = "0.1.0"
    description = "Reads and writes GIS layers"
    api_version = 1

    [[readers]]
    id = "vector"
    title = { vi = "Lớp vector", en = "Vector layer" }
    kind = "vector"                    # vector | raster | ifc | cityjson | …
    extensions = [".gpkg", ".shp"]
    callable = "cim.io.vector:read_vector"
    priority = 0                       # optional; higher is offered first

Other tables: ``[[writers]]`` (id, title, kind, extensions, callable, priority?), ``[[checks]]`` (id,
callable), ``[[rule_packs]]`` (id, path relative to the plugin folder), ``[[panels]]`` (id, title,
callable in a ``_qt`` module; a panel adds its own menu actions through ``window.menus``),
``[[layer_types]]`` (kind, callable without Qt returning a :class:`layers.kinds.LayerKind`; see
:mod:`plugins.layer_kinds`). Titles, ``name`` and ``description`` are a plain string or a
``{vi = "…", en = "…"}`` table.

``[[commands]]`` and ``[[menus]]`` were parsed once but nothing used them; they are refused with a hint
(see :data:`_RETIRED`) rather than silently ignored.

Every problem found is reported at once in one :class:`ManifestError`, each naming the key and
what to do.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cim.errors import CimInputError
from plugins.contributions import (
    CheckContribution,
    LayerTypeContribution,
    PanelContribution,
    PluginManifest,
    ReaderContribution,
    RulePackContribution,
    Text,
    WriterContribution,
)

MANIFEST_NAME = "plugin.toml"
API_VERSION = 1
"""The plugin API version this CIM Studio implements; manifests must declare ``api_version = 1``."""

_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_KIND = re.compile(r"^[a-z][a-z0-9_]*$")
_EXT = re.compile(r"^(\.[a-z0-9_+-]+)+$")
_CALLABLE = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
_ID_HINT = 'use lowercase letters, digits, "_" or "-", starting with a letter (e.g. "gis_io")'
_CALLABLE_HINT = 'write "package.module:function", e.g. "cim.io.vector:read_vector"'


# --------------------------------------------------------------------------- errors
@dataclass(frozen=True)
class ManifestProblem:
    key: str
    cause: str
    hint: str

    def __str__(self) -> str:
        return f"{self.key}: {self.cause} — {self.hint}"


class ManifestError(CimInputError):
    """A ``plugin.toml`` that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, path: str | Path | None, problems: Sequence[ManifestProblem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        if len(self.problems) == 1:
            super().__init__(path, f"{first.key}: {first.cause}", hint=first.hint)
        else:
            listing = "\n".join(f"  {p}" for p in self.problems)
            super().__init__(path, f"{len(self.problems)} problems in the plugin manifest:\n{listing}")
        self.key = self.obj = first.key


# --------------------------------------------------------------------------- parsing
def load_manifest(path: str | Path, *, package: str | None = None,
                  import_root: Path | None = None) -> PluginManifest:
    """Read and validate the ``plugin.toml`` at ``path`` (imports nothing of the plugin)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(path, [ManifestProblem(
            "(file)", f"cannot read the plugin manifest ({exc.strerror or exc})",
            f"make sure the plugin ships its {MANIFEST_NAME} beside its __init__.py")]) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ManifestError(path, [ManifestProblem(
            "(file)", "the file is not UTF-8 text", "save plugin.toml as UTF-8")]) from exc
    return parse_manifest(text, source=path, package=package, import_root=import_root)


def parse_manifest(text: str, *, source: str | Path, package: str | None = None,
                   import_root: Path | None = None) -> PluginManifest:
    """Parse manifest text; ``source`` is the file it came from (rule pack paths are relative to it)."""
    source = Path(source)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(source, [ManifestProblem(
            "(syntax)", f"not valid TOML: {exc}", "fix the syntax at the position shown (see https://toml.io)")]
        ) from exc
    return _Parser(source, package, import_root).parse(doc)


_MISSING = object()


class _Parser:
    def __init__(self, source: Path, package: str | None, import_root: Path | None) -> None:
        self.source = source
        self.package = package
        self.import_root = import_root
        self.problems: list[ManifestProblem] = []

    def fail(self, key: str, cause: str, hint: str) -> None:
        self.problems.append(ManifestProblem(key, cause, hint))

    # ---- field validators: each returns the value, or _MISSING after recording a problem
    def get(self, table: dict, key: str, where: str, *, required: bool) -> Any:
        if key not in table:
            if required:
                self.fail(f"{where} → {key}", f'the key "{key}" is missing', f"add {key} = … to {where}")
            return _MISSING
        return table[key]

    def string(self, value: Any, key: str, *, pattern: re.Pattern | None = None, hint: str = "",
               what: str = "a valid value") -> Any:
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty string, got {value!r}", hint or 'write it in quotes: key = "…"')
            return _MISSING
        if pattern is not None and not pattern.match(value):
            self.fail(key, f"{value!r} is not {what}", hint)
            return _MISSING
        return value

    def text(self, value: Any, key: str) -> Any:
        if isinstance(value, str) and value.strip():
            return Text(vi=value, en=value)
        if isinstance(value, dict) and value:
            unknown = sorted(set(value) - {"vi", "en"})
            bad = [k for k in ("vi", "en") if k in value and not (isinstance(value[k], str) and value[k].strip())]
            if unknown or bad:
                what = f"unknown language(s) {unknown}" if unknown else f"{bad} must be non-empty strings"
                self.fail(key, what, 'write a string or { vi = "…", en = "…" }')
                return _MISSING
            vi = value.get("vi", value.get("en"))
            return Text(vi=vi, en=value.get("en", vi))
        self.fail(key, f"must be a string or a {{vi, en}} table, got {value!r}", 'write "…" or { vi = "…", en = "…" }')
        return _MISSING

    def integer(self, value: Any, key: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be an integer, got {value!r}", "write a whole number without quotes, e.g. 10")
            return _MISSING
        return value

    def extensions(self, value: Any, key: str) -> Any:
        if not isinstance(value, list) or not value:
            self.fail(key, f"must be a non-empty list of file extensions, got {value!r}",
                      'write e.g. extensions = [".gpkg", ".shp"]')
            return _MISSING
        out: list[str] = []
        for ext in value:
            norm = ext.lower() if isinstance(ext, str) else None
            if norm is None or not _EXT.match(norm):
                self.fail(key, f"{ext!r} is not a file extension",
                          'start each extension with a dot and use no path separators, e.g. ".gpkg"')
                return _MISSING
            if norm not in out:
                out.append(norm)
        return tuple(out)

    def callable_ref(self, value: Any, key: str, *, qt: bool | None) -> Any:
        ref = self.string(value, key, pattern=_CALLABLE, hint=_CALLABLE_HINT, what="a callable reference")
        if ref is _MISSING:
            return ref
        in_qt = "_qt" in ref.split(":")[0].split(".")
        if qt is True and not in_qt:
            self.fail(key, f"{ref!r} is not in a _qt module; panels are Qt widgets",
                      'move the panel into a module or package named "_qt", e.g. "my_plugin._qt.panel:Panel"')
            return _MISSING
        if qt is False and in_qt:
            self.fail(key, f"{ref!r} lives in a _qt module, but this contribution must run without Qt",
                      "move it out of the _qt package so the CLI and tests can use it")
            return _MISSING
        return ref

    def rule_pack_path(self, value: Any, key: str) -> Any:
        rel = self.string(value, key, hint='write a path relative to the plugin folder, e.g. "rules/decree269.toml"')
        if rel is _MISSING:
            return rel
        root = self.source.parent.resolve()
        full = (root / rel).resolve()
        if Path(rel).is_absolute() or not full.is_relative_to(root):
            self.fail(key, f"{rel!r} points outside the plugin folder",
                      "keep rule packs inside the plugin folder and give a relative path")
            return _MISSING
        if not full.is_file():
            self.fail(key, f"the rule pack file {rel!r} does not exist in {root}",
                      "ship the file with the plugin (package data) or fix the path")
            return _MISSING
        return full

    # ---- structure
    def parse(self, doc: dict) -> PluginManifest:
        unknown = sorted(set(doc) - {"plugin", *_SECTIONS})
        for name in [n for n in unknown if n in _RETIRED]:
            self.fail(name, f"[[{name}]] is not part of plugin API {API_VERSION}", _RETIRED[name])
        for name in [n for n in unknown if n not in _RETIRED]:
            close = difflib.get_close_matches(name, ["plugin", *_SECTIONS], n=1)
            guess = f'did you mean "{close[0]}"? ' if close else "check the spelling; "
            self.fail(name, f"unknown table [{name}]",
                      f"{guess}known tables: [plugin], {', '.join(f'[[{s}]]' for s in _SECTIONS)}")
        head = doc.get("plugin")
        if not isinstance(head, dict):
            self.fail("plugin", "the [plugin] table is missing", "start the file with [plugin] id = … name = …")
            raise ManifestError(self.source, self.problems)
        meta = self.table(head, "[plugin]", _PLUGIN_FIELDS)
        plugin_id = meta.get("id", "?")
        api = meta.get("api_version")
        if api is not None and api != API_VERSION:
            self.fail("[plugin] → api_version", f"the plugin needs plugin API version {api}; "
                      f"this CIM Studio implements version {API_VERSION}",
                      "install a version of the plugin made for this CIM Studio, or update CIM Studio"
                      if api > API_VERSION else f"update the plugin to api_version = {API_VERSION}")
        sections: dict[str, tuple] = {}
        for name, (cls, fields, unique_key) in _SECTIONS.items():
            sections[name] = self.section(doc.get(name, []), name, cls, fields, unique_key, plugin_id)
        if self.problems:
            raise ManifestError(self.source, self.problems)
        return PluginManifest(
            id=meta["id"], name=meta["name"], version=meta["version"],
            description=meta.get("description", Text("", "")), api_version=meta["api_version"],
            source=self.source, package=self.package, import_root=self.import_root, **sections)

    def table(self, table: dict, where: str, fields: dict[str, tuple[str, bool]]) -> dict[str, Any]:
        for key in sorted(set(table) - set(fields)):
            close = difflib.get_close_matches(key, fields, n=1)
            guess = f'did you mean "{close[0]}"? ' if close else ""
            self.fail(f"{where} → {key}", f'unknown key "{key}"',
                      f"{guess}{where} takes {', '.join(fields)}")
        out: dict[str, Any] = {}
        for key, (kind, required) in fields.items():
            value = self.get(table, key, where, required=required)
            if value is not _MISSING:
                value = _VALIDATORS[kind](self, value, f"{where} → {key}")
            if value is not _MISSING:
                out[key] = value
        return out

    def section(self, items: Any, name: str, cls: type, fields: dict, unique_key: str | None,
                plugin_id: str) -> tuple:
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.fail(name, f"[{name}] must be an array of tables",
                      f"write each entry under its own [[{name}]] header (double brackets)")
            return ()
        out, seen = [], set()
        for n, item in enumerate(items, 1):
            label = f"[[{name}]] #{n}"
            if unique_key and isinstance(item.get(unique_key), str):
                label += f" {item[unique_key]!r}"
            before = len(self.problems)
            values = self.table(item, label, fields)
            if len(self.problems) > before:
                continue
            if unique_key:
                if values[unique_key] in seen:
                    self.fail(f"{label} → {unique_key}", f"{unique_key} {values[unique_key]!r} is declared twice "
                              f"in [[{name}]]", f"give each [[{name}]] its own {unique_key}")
                    continue
                seen.add(values[unique_key])
            out.append(cls(plugin_id=plugin_id, **values))
        return tuple(out)


_VALIDATORS: dict[str, Callable[[_Parser, Any, str], Any]] = {
    "id": lambda p, v, k: p.string(v, k, pattern=_ID, hint=_ID_HINT, what="a valid id"),
    "kind": lambda p, v, k: p.string(v, k, pattern=_KIND, what="a valid kind",
                                     hint='use a lowercase word such as "vector" or "raster"'),
    "str": lambda p, v, k: p.string(v, k),
    "text": _Parser.text,
    "int": _Parser.integer,
    "extensions": _Parser.extensions,
    "headless": lambda p, v, k: p.callable_ref(v, k, qt=False),
    "qt": lambda p, v, k: p.callable_ref(v, k, qt=True),
    "path": _Parser.rule_pack_path,
}

_PLUGIN_FIELDS = {"id": ("id", True), "name": ("text", True), "version": ("str", True),
                  "description": ("text", False), "api_version": ("int", True)}


_RETIRED = {
    "commands": "contribute a [[panels]] entry (its widget adds menu actions through window.menus) or a "
                "[[checks]] entry; CLI subcommands live in cim/cli/cmd_*.py",
    "menus": "a [[panels]] widget adds its actions to window.menus['file'|'tools'|…] itself",
}
_SECTIONS: dict[str, tuple[type, dict[str, tuple[str, bool]], str | None]] = {
    "readers": (ReaderContribution, {"id": ("id", True), "title": ("text", True), "kind": ("kind", True),
                                     "extensions": ("extensions", True), "callable": ("headless", True),
                                     "priority": ("int", False)}, "id"),
    "writers": (WriterContribution, {"id": ("id", True), "title": ("text", True), "kind": ("kind", True),
                                     "extensions": ("extensions", True), "callable": ("headless", True),
                                     "priority": ("int", False)}, "id"),
    "checks": (CheckContribution, {"id": ("id", True), "callable": ("headless", True)}, "id"),
    "rule_packs": (RulePackContribution, {"id": ("id", True), "path": ("path", True)}, "id"),
    "panels": (PanelContribution, {"id": ("id", True), "title": ("text", True), "callable": ("qt", True)}, "id"),
    "layer_types": (LayerTypeContribution, {"kind": ("kind", True), "callable": ("headless", True)}, "kind"),
}
