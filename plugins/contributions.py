"""What a plugin contributes: frozen values parsed from its ``plugin.toml`` (see :mod:`plugins.manifest`).

Each contribution knows the id of the plugin that declared it; callables stay strings
(``"package.module:attr"``) until :meth:`plugins.registry.PluginRegistry.resolve` imports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cim.text import Text  # the one bilingual text type; manifests import it from here too


@dataclass(frozen=True)
class _Contribution:
    plugin_id: str
    id: str

    @property
    def qualified_id(self) -> str:
        return f"{self.plugin_id}.{self.id}"


@dataclass(frozen=True)
class _FileFormat(_Contribution):
    title: Text
    kind: str
    extensions: tuple[str, ...]
    callable: str
    priority: int = 0


@dataclass(frozen=True)
class ReaderContribution(_FileFormat):
    """``[[readers]]``: a callable reading a file of one of ``extensions`` as a layer of ``kind``."""


@dataclass(frozen=True)
class WriterContribution(_FileFormat):
    """``[[writers]]``: a callable writing a layer of ``kind`` to a file of one of ``extensions``."""


@dataclass(frozen=True)
class CheckContribution(_Contribution):
    callable: str


@dataclass(frozen=True)
class RulePackContribution(_Contribution):
    path: Path
    """Absolute path of the rule pack file (resolved against the plugin folder)."""


@dataclass(frozen=True)
class PanelContribution(_Contribution):
    title: Text
    callable: str


@dataclass(frozen=True)
class LayerTypeContribution:
    """A layer kind: ``callable()`` returns a :class:`layers.kinds.LayerKind` named ``kind`` (no Qt)."""

    plugin_id: str
    kind: str
    callable: str

    @property
    def qualified_id(self) -> str:
        return f"{self.plugin_id}.{self.kind}"


Contribution = ReaderContribution | WriterContribution | CheckContribution | PanelContribution | LayerTypeContribution
"""Contributions that name a callable."""


@dataclass(frozen=True)
class PluginManifest:
    id: str
    name: Text
    version: str
    description: Text
    api_version: int
    source: Path
    """The ``plugin.toml`` file this manifest was read from."""
    package: str | None = None
    """The package the manifest belongs to (the entry point's value), when known."""
    import_root: Path | None = None
    """For plugins found in a folder: the directory to put on ``sys.path`` before resolving."""
    readers: tuple[ReaderContribution, ...] = ()
    writers: tuple[WriterContribution, ...] = ()
    checks: tuple[CheckContribution, ...] = ()
    rule_packs: tuple[RulePackContribution, ...] = ()
    panels: tuple[PanelContribution, ...] = ()
    layer_types: tuple[LayerTypeContribution, ...] = ()

    @property
    def root(self) -> Path:
        """The plugin folder (the one holding ``plugin.toml``)."""
        return self.source.parent

    def callables(self) -> Iterator[Contribution]:
        """Every contribution that names a callable, in manifest order."""
        yield from self.readers
        yield from self.writers
        yield from self.checks
        yield from self.panels
        yield from self.layer_types
