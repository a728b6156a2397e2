"""Fixtures for plugin tests: plugin folders and installed distributions written into tmp dirs."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

VALID_HEAD = """\
[plugin]
id = "{id}"
name = { vi = "Thử nghiệm", en = "Test" }
version = "0.1.0"
api_version = 1
"""


def _write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def isolated_imports() -> Iterator[None]:
    """Undo what resolving plugins does to ``sys.path`` and ``sys.modules``."""
    path, modules = list(sys.path), set(sys.modules)
    yield
    sys.path[:] = path
    for name in set(sys.modules) - modules:
        del sys.modules[name]
    importlib.invalidate_caches()


@pytest.fixture
def make_plugin(tmp_path: Path, isolated_imports: None) -> Callable[..., Path]:
    """``make_plugin(package, toml, **modules)`` writes ``<tmp>/plugins/<package>/`` as a plugin package.

    ``toml`` may use ``{id}`` for the plugin id (the package name); ``modules`` maps module file
    names (without ``.py``) inside the package to their source.
    """

    def make(package: str, toml: str, *, head: bool = True, **modules: str) -> Path:
        folder = tmp_path / "plugins" / package
        text = (VALID_HEAD + textwrap.dedent(toml) if head else textwrap.dedent(toml)).replace("{id}", package)
        files = {"plugin.toml": text, "__init__.py": ""}
        files.update({f"{name}.py": src for name, src in modules.items()})
        _write_tree(folder, files)
        return folder

    return make


def write_installed_distribution(site: Path, name: str, version: str, entry_points: dict[str, str],
                                 files: dict[str, str]) -> None:
    """Write what ``pip install --target site`` produces: the files plus ``<name>-<version>.dist-info``."""
    _write_tree(site, files)
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    eps = "".join(f"{k} = {v}\n" for k, v in entry_points.items())
    meta = {
        "METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        "entry_points.txt": f"[cimstudio.plugins]\n{eps}",
        "INSTALLER": "tests\n",
        "top_level.txt": "".join(sorted({Path(f).parts[0] + "\n" for f in files})),
    }
    _write_tree(info, meta)
    records = [*files, *(f"{info.name}/{m}" for m in meta), f"{info.name}/RECORD"]
    (info / "RECORD").write_text("".join(f"{r},,\n" for r in records), encoding="utf-8")


@pytest.fixture(scope="session")
def installed_distribution() -> Callable[..., None]:
    """The :func:`write_installed_distribution` writer (an install without pip)."""
    return write_installed_distribution
