"""The plugin registry: manifests by id, queries over their contributions, lazy resolution.

Nothing a plugin contributes is imported until :meth:`PluginRegistry.resolve` is asked for it, so
the registry of every installed plugin costs a few TOML reads::

    reg = default_registry()
    reader = reg.readers_for("roads.gpkg", kind="vector")[0]
    gdf = reg.resolve(reader)("roads.gpkg")
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath
from typing import Any

from cim.errors import CimError
from plugins.contributions import (
    CheckContribution,
    Contribution,
    LayerTypeContribution,
    PanelContribution,
    PluginManifest,
    ReaderContribution,
    RulePackContribution,
    WriterContribution,
)
from plugins.discovery import Discovery, PluginProblem, discover

_WHAT = {ReaderContribution: "reader", WriterContribution: "writer", CheckContribution: "check",
         PanelContribution: "panel", LayerTypeContribution: "layer type"}


class PluginResolveError(CimError):
    """A plugin's callable cannot be imported; the text names the plugin, the callable and the fix."""

    def __init__(self, message: str, *, ref: str, plugin_id: str | None) -> None:
        super().__init__(message)
        self.ref = ref
        self.plugin_id = plugin_id


class PluginRegistry:
    """Plugin manifests by id (first registered wins) and queries over their contributions."""

    def __init__(self, manifests: Iterable[PluginManifest] = (), *, errors: Iterable[PluginProblem] = ()) -> None:
        self._plugins: dict[str, PluginManifest] = {}
        self.errors: list[PluginProblem] = list(errors)
        for manifest in manifests:
            self.register(manifest)

    @classmethod
    def from_discovery(cls, discovery: Discovery) -> PluginRegistry:
        return cls(discovery.manifests, errors=discovery.errors)

    @classmethod
    def discover(cls, *, extra_paths: Iterable[str | Path] = (), entry_points: bool = True) -> PluginRegistry:
        """Discover installed plugins (and those in ``extra_paths``) and register them."""
        return cls.from_discovery(discover(extra_paths=extra_paths, entry_points=entry_points))

    # ------------------------------------------------------------------ plugins
    def register(self, manifest: PluginManifest) -> bool:
        """Add a plugin. A second plugin with a taken id is ignored, recorded in :attr:`errors`."""
        first = self._plugins.get(manifest.id)
        if first is not None:
            self.errors.append(PluginProblem(
                str(manifest.source),
                f"plugin id {manifest.id!r} is already taken by {first.source}; this copy is ignored — "
                "uninstall one of the two or give the plugin another id",
                plugin_id=manifest.id))
            return False
        self._plugins[manifest.id] = manifest
        return True

    def __contains__(self, plugin_id: object) -> bool:
        return plugin_id in self._plugins

    def __getitem__(self, plugin_id: str) -> PluginManifest:
        return self._plugins[plugin_id]

    def __iter__(self) -> Iterator[PluginManifest]:
        return iter(self._plugins.values())

    def __len__(self) -> int:
        return len(self._plugins)

    def ids(self) -> list[str]:
        return list(self._plugins)

    # ------------------------------------------------------------------ queries
    def readers_for(self, path_or_extension: str | os.PathLike[str], kind: str | None = None
                    ) -> list[ReaderContribution]:
        """Readers that can open a file (``"a/b.shp"``) or extension (``".shp"``), best first.

        Order: higher ``priority`` first, then the longer matching extension (``.cim.gpkg`` before
        ``.gpkg``), then registration order.
        """
        return self._by_extension([r for p in self for r in p.readers], path_or_extension, kind)

    def readers(self, kind: str | None = None) -> list[ReaderContribution]:
        """Every reader (of ``kind``), in registration order: what a file dialog offers."""
        return [r for p in self for r in p.readers if kind is None or r.kind == kind]

    def writers_for(self, path_or_extension: str | os.PathLike[str], kind: str | None = None
                    ) -> list[WriterContribution]:
        """Writers for a target file or extension, ordered as :meth:`readers_for`."""
        return self._by_extension([w for p in self for w in p.writers], path_or_extension, kind)

    @staticmethod
    def _by_extension(items: list, path_or_extension: str | os.PathLike[str], kind: str | None) -> list:
        name = _file_name(path_or_extension)
        scored = []
        for item in items:
            if kind is not None and item.kind != kind:
                continue
            longest = max((len(ext) for ext in item.extensions if name.endswith(ext)), default=0)
            if longest:
                scored.append((-item.priority, -longest, len(scored), item))
        return [entry[-1] for entry in sorted(scored, key=lambda e: e[:3])]

    def checks(self) -> list[CheckContribution]:
        return [c for p in self for c in p.checks]

    def rule_packs(self) -> list[RulePackContribution]:
        return [r for p in self for r in p.rule_packs]

    def panels(self) -> list[PanelContribution]:
        return [c for p in self for c in p.panels]

    def layer_types(self) -> list[LayerTypeContribution]:
        return [c for p in self for c in p.layer_types]

    # ------------------------------------------------------------------ resolution
    def resolve(self, target: str | Contribution) -> Any:
        """Import and return the object a contribution (or a ``"pkg.mod:attr"`` string) names.

        Raises :class:`PluginResolveError` naming the plugin, the contribution and the callable.
        """
        if isinstance(target, str):
            ref, owners = target, [c for p in self for c in p.callables() if c.callable == target]
        else:
            ref, owners = target.callable, [target]
        owner = owners[0] if owners else None
        manifest = self._plugins.get(owner.plugin_id) if owner is not None else None
        if owner is None:
            who = f"callable {ref!r} (declared by no registered plugin)"
        else:
            label = getattr(owner, "qualified_id", None) or f"{owner.plugin_id}.{owner.kind}"
            src = f" ({manifest.source})" if manifest is not None else ""
            who = f"plugin {owner.plugin_id!r}{src}: {_WHAT[type(owner)]} {label!r}, callable {ref!r}"

        def fail(cause: str, hint: str, exc: BaseException | None = None) -> PluginResolveError:
            err = PluginResolveError(f"Cannot load {who}: {cause} — {hint}", ref=ref,
                                     plugin_id=owner.plugin_id if owner else None)
            err.__cause__ = exc
            return err

        module_name, _, attr_path = ref.partition(":")
        if not module_name or not attr_path:
            raise fail("not of the form 'package.module:attr'", 'fix "callable" in plugin.toml')
        if manifest is not None and manifest.import_root is not None:
            _ensure_on_path(manifest.import_root)
        try:
            obj: Any = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name != exc.name and not module_name.startswith(exc.name + "."):
                raise fail(f"it needs the package {exc.name!r}, which is not installed",
                           f"install {exc.name!r} (a dependency of the plugin)", exc) from exc
            raise fail(f"module {module_name!r} not found",
                       'reinstall the plugin, or fix "callable" in its plugin.toml', exc) from exc
        except Exception as exc:
            raise fail(f"importing {module_name!r} failed ({type(exc).__name__}: {exc})",
                       "report this to the plugin's author", exc) from exc
        for part in attr_path.split("."):
            try:
                obj = getattr(obj, part)
            except AttributeError as exc:
                raise fail(f"{module_name!r} has no attribute {attr_path!r}",
                           'fix "callable" in plugin.toml or update the plugin', exc) from exc
        if not callable(obj):
            raise fail(f"{attr_path!r} is a {type(obj).__name__}, not a function or class",
                       'point "callable" at a function or class')
        return obj


def _file_name(path_or_extension: str | os.PathLike[str]) -> str:
    text = os.fspath(path_or_extension)
    if text.startswith(".") and "/" not in text and os.sep not in text:
        return text.lower()  # an extension (".gpkg") matches itself
    return PurePath(text).name.lower()


def _ensure_on_path(folder: Path) -> None:
    entry = str(folder)
    if entry not in sys.path:
        sys.path.append(entry)
        importlib.invalidate_caches()


@functools.cache
def default_registry() -> PluginRegistry:
    """The registry of the installed plugins, discovered once per process (``cache_clear()`` to redo)."""
    return PluginRegistry.discover()
