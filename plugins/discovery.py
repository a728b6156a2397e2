"""Find plugins and read their manifests without importing their code.

Installed plugins announce themselves in the ``cimstudio.plugins`` entry-point group; each entry
point names a *package* (``gis_io = "plugins.builtin.gis_io"``) whose folder holds ``plugin.toml``.
The folder is located with :func:`importlib.util.find_spec` (which imports the parent packages, never
the plugin package itself) and the file is read as data. Plugin folders can also be given directly
(``extra_paths``: tests, a user's plugin directory).

A plugin that cannot be read is reported in :attr:`Discovery.errors` and skipped; discovery itself
never raises because of a broken plugin.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from cim.errors import CimError
from plugins.contributions import PluginManifest
from plugins.manifest import MANIFEST_NAME, ManifestError, ManifestProblem, load_manifest

ENTRY_POINT_GROUP = "cimstudio.plugins"
_BUNDLED_DISTRIBUTION = "cimstudio"


class PluginDiscoveryError(CimError):
    """A plugin announced by an entry point or a path whose manifest cannot be found."""


@dataclass(frozen=True)
class PluginProblem:
    """One plugin that could not be loaded (or was ignored), and why."""

    source: str
    """Where it came from: an entry point and its distribution, or a folder."""
    message: str
    plugin_id: str | None = None
    error: BaseException | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class Discovery:
    manifests: tuple[PluginManifest, ...]
    errors: tuple[PluginProblem, ...]


def discover(*, extra_paths: Iterable[str | Path] = (), entry_points: bool = True) -> Discovery:
    """Read the manifests of installed plugins (``entry_points``) and of the ``extra_paths``.

    Each extra path is a plugin folder (holding ``plugin.toml``) or a directory of plugin folders.
    Bundled plugins come first, then other distributions by name, then the extra paths in order.
    """
    manifests: list[PluginManifest] = []
    errors: list[PluginProblem] = []
    if entry_points:
        try:
            eps = plugin_entry_points()
        except Exception as exc:  # broken metadata of some unrelated distribution
            errors.append(PluginProblem(f"entry point group {ENTRY_POINT_GROUP!r}",
                                        f"cannot list installed plugins: {exc}", error=exc))
            eps = []
        for ep in eps:
            try:
                manifests.append(manifest_from_entry_point(ep))
            except Exception as exc:
                errors.append(PluginProblem(describe_entry_point(ep), str(exc), error=exc))
    for raw in extra_paths:
        path = Path(raw)
        folders = plugin_folders(path)
        if folders is None:
            errors.append(PluginProblem(str(path), "no such plugin folder — check the plugin path setting"))
            continue
        for folder in folders:
            try:
                manifests.append(manifest_from_folder(folder))
            except Exception as exc:
                errors.append(PluginProblem(str(folder), str(exc), error=exc))
    return Discovery(tuple(manifests), tuple(errors))


def plugin_entry_points() -> list[EntryPoint]:
    """The ``cimstudio.plugins`` entry points, bundled ones first, then by distribution and name."""

    def key(ep: EntryPoint) -> tuple[int, str, str]:
        dist = (ep.dist.name if ep.dist is not None else "").lower().replace("_", "-")
        return (0 if dist == _BUNDLED_DISTRIBUTION else 1, dist, ep.name)

    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=key)


def describe_entry_point(ep: EntryPoint) -> str:
    dist = f" of distribution {ep.dist.name} {ep.dist.version}" if ep.dist is not None else ""
    return f"entry point '{ep.name} = {ep.value}'{dist}"


def manifest_from_entry_point(ep: EntryPoint) -> PluginManifest:
    """Read the manifest of the package an entry point names (the package is not imported)."""
    if ep.attr:
        raise PluginDiscoveryError(
            f"{describe_entry_point(ep)}: names an object, but must name the plugin's package — "
            f"declare it as {ep.name} = \"{ep.module}\" in the plugin's pyproject.toml")
    folder = package_folder(ep.module, describe_entry_point(ep))
    return load_manifest(folder / MANIFEST_NAME, package=ep.module)


def package_folder(package: str, source: str = "") -> Path:
    """The folder of ``package`` that holds ``plugin.toml``, found without importing the package."""
    where = f"{source}: " if source else ""
    try:
        spec = importlib.util.find_spec(package)
    except Exception as exc:  # a missing or failing parent package
        raise PluginDiscoveryError(
            f"{where}cannot locate package {package!r} ({type(exc).__name__}: {exc}) — "
            "reinstall the plugin") from exc
    if spec is None:
        raise PluginDiscoveryError(f"{where}package {package!r} is not installed — reinstall the plugin "
                                   "or remove the distribution that announces it")
    locations = list(spec.submodule_search_locations or [])
    if not locations:
        raise PluginDiscoveryError(f"{where}{package!r} is a module, not a package — a plugin is a package "
                                   f"folder with {MANIFEST_NAME} beside its __init__.py")
    for loc in locations:
        if (Path(loc) / MANIFEST_NAME).is_file():
            return Path(loc)
    raise ManifestError(Path(locations[0]) / MANIFEST_NAME, [ManifestProblem(
        "(file)", f"package {package!r} has no {MANIFEST_NAME}",
        f"add {MANIFEST_NAME} to the package and list it as package data")])


def plugin_folders(path: Path) -> list[Path] | None:
    """The plugin folders at ``path``: itself if it holds ``plugin.toml``, else its sub-folders that do.

    ``None`` when ``path`` does not exist.
    """
    if path.is_file() and path.name == MANIFEST_NAME:
        return [path.parent]
    if (path / MANIFEST_NAME).is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.iterdir() if (p / MANIFEST_NAME).is_file())
    return None


def manifest_from_folder(folder: str | Path) -> PluginManifest:
    """Read a plugin folder's manifest. A folder with ``__init__.py`` is a package importable from its
    parent; otherwise its callables are modules inside the folder itself."""
    folder = Path(folder).resolve()
    if (folder / "__init__.py").is_file():
        return load_manifest(folder / MANIFEST_NAME, package=folder.name, import_root=folder.parent)
    return load_manifest(folder / MANIFEST_NAME, import_root=folder)
