"""The ``cimstudio`` console script: the desktop app without arguments (or with a project file),
the headless CLI with a subcommand. This is the composition root that hands plugin readers to the CLI and the GUI import.
Qt is imported only on the GUI path.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _wants_gui(argv: Sequence[str]) -> bool:
    if not argv:
        return True
    first = argv[0]
    return first in ("gui",) or first.endswith(".cim.gpkg") or first.startswith("--lang") or first in (
        "--reviewer", "--screenshot", "--empty")


def plugin_reader_lookup(registry=None):
    """A ``(path, kind=None) -> (kind, callable) | None`` function backed by the plugin registry (gis_io and
    third-party): the best reader for the path, one of ``kind`` when there is one. ``None``: the core's
    built-in reader. The GUI import (``app/file_ops.py``) and the CLI (``CliContext.reader_for``) both use it."""
    if registry is None:
        from plugins.registry import default_registry

        registry = default_registry()

    def lookup(path, kind=None):
        readers = (kind and registry.readers_for(str(path), kind=kind)) or registry.readers_for(str(path))
        if not readers:
            return None
        best = readers[0]
        return best.kind, registry.resolve(best.callable)

    return lookup


def reader_file_filter(kind: str, registry=None) -> str:
    """A file-dialog filter with every installed reader of ``kind``: ``"Title (*.a *.b);;…;;*"``."""
    from app.i18n import current_language

    if registry is None:
        from plugins.registry import default_registry

        registry = default_registry()
    parts = []
    for reader in registry.readers(kind):
        title = reader.title.get(current_language()).replace("(", "[").replace(")", "]")
        parts.append(f"{title} ({' '.join('*' + ext for ext in reader.extensions)})")
    return ";;".join([*parts, "*"])


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(argv):
        from app.bootstrap import run_gui

        return run_gui([a for a in argv if a != "gui"])
    from cim.cli import CliContext
    from cim.cli import main as cli_main
    from plugins.layer_kinds import install_layer_kinds

    for problem in install_layer_kinds():     # a plugin's kind may bring the serializer its layers need
        print(f"warning: {problem}", file=sys.stderr)
    return cli_main(argv, CliContext(reader_for=plugin_reader_lookup(), extras=cli_extras()))


def cli_extras() -> dict:
    """What plugins and layers contribute to the CLI (``CliContext.extras``); nothing is imported yet."""
    return {"print_sheet": _print_sheet, "check_registry": _check_registry}


def _check_registry():
    """The installed plugins' checks and rule packs, through the one plugin registry the app uses."""
    from plugins.check_registry import installed_check_registry

    return installed_check_registry()


def _print_sheet(*args, **kwargs):
    """The sheet renderer for ``cimstudio print`` (imported only when a sheet is printed)."""
    from layers.sheet.api import print_sheet

    return print_sheet(*args, **kwargs)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
