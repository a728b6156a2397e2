"""Find rule packs and Python checks of installed plugins without the ``plugins`` package.

The composition root normally hands a ready :class:`~cim.checks.registry.CheckRegistry` to the CLI
(``CliContext.extras["check_registry"]``). When it does not (``cimstudio-cli``, older launchers),
this module reads the ``plugin.toml`` of every ``cimstudio.plugins`` entry point as data — the same
files the plugin registry reads — and resolves each check's ``"pkg.mod:attr"`` only when a rule runs.
"""

from __future__ import annotations

import importlib
import importlib.util
import tomllib
from pathlib import Path

from cim.checks.registry import CheckRegistry

ENTRY_POINT_GROUP = "cimstudio.plugins"


class LazyCheck:
    """A check implementation named ``"pkg.mod:attr"``, imported on first use."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self._fn = None

    def _resolve(self):
        if self._fn is None:
            mod, _, attr = self.ref.partition(":")
            obj = importlib.import_module(mod)
            for part in attr.split("."):
                obj = getattr(obj, part)
            self._fn = obj
        return self._fn

    def __call__(self, ctx, feedback):
        return self._resolve()(ctx, feedback)

    @property
    def local(self) -> bool:
        return bool(getattr(self._resolve(), "local", False))


def _manifest_dirs() -> list[Path]:
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            spec = importlib.util.find_spec(ep.value)
        except (ImportError, ValueError):
            continue
        if spec and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
            if (folder / "plugin.toml").is_file():
                out.append(folder)
    return out


def registry_from_manifests(folders: list[Path] | None = None) -> CheckRegistry:
    """A registry of every installed plugin's (or the given folders') checks and rule packs."""
    reg = CheckRegistry()
    for folder in folders if folders is not None else _manifest_dirs():
        try:
            data = tomllib.loads((folder / "plugin.toml").read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue            # the plugin registry reports broken manifests; skip them here
        pid = (data.get("plugin") or {}).get("id", folder.name)
        for c in data.get("checks", []):
            reg.add_impl(f"{pid}.{c['id']}", LazyCheck(c["callable"]))
        for rp in data.get("rule_packs", []):
            pack = reg.add_pack(folder / rp["path"])
            reg.packs.setdefault(f"{pid}.{rp['id']}", pack)
    return reg
