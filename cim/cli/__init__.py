"""The headless command line: ``cimstudio <command> …`` (also ``cimstudio-cli``).

Each ``cmd_*.py`` module in this package contributes subcommands through ``register(subparsers)``;
a subcommand's handler takes ``(args, ctx)`` and returns an exit code. Progress goes to stderr,
results to stdout; errors the user can fix print one clear message and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE_OR_INPUT, EXIT_CANCELED = 0, 1, 2, 130


@dataclass
class CliContext:
    """What the composition root hands to commands: how to find readers/writers (plugins)."""

    reader_for: Callable | None = None   # path -> (kind, callable) or None for the built-in readers
    writer_for: Callable | None = None
    extras: dict = field(default_factory=dict)


def build_parser() -> argparse.ArgumentParser:
    from cim import __version__

    parser = argparse.ArgumentParser(
        prog="cimstudio",
        description="CIM Studio — city information model editor for Vietnamese urban planning. "
                    "Run without arguments to open the desktop app on the sample project.")
    parser.add_argument("--version", action="version", version=f"CIM Studio {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None, ctx: CliContext | None = None) -> int:
    from cim.errors import Canceled, CimError

    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE_OR_INPUT
    try:
        return int(args.handler(args, ctx or CliContext()) or 0)
    except Canceled as exc:
        print(f"cimstudio: {exc}", file=sys.stderr)
        return EXIT_CANCELED
    except CimError as exc:
        print(f"cimstudio: error: {exc}", file=sys.stderr)
        return EXIT_USAGE_OR_INPUT
    except KeyboardInterrupt:
        print("cimstudio: interrupted; nothing was saved", file=sys.stderr)
        return EXIT_CANCELED


def add_actions(sub, name: str, help: str):
    """A command made of actions (``cimstudio NAME ACTION …``): the subparsers its actions go into."""
    p = sub.add_parser(name, help=help)
    return p.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)


def add_project_command(sub, name: str, handler: Callable, help: str, *, project_help: str | None = None):
    """A (sub)command whose first argument is the project file and that runs ``handler(args, ctx)``;
    the caller adds the other arguments to the parser returned."""
    p = sub.add_parser(name, help=help)
    p.add_argument("project", type=Path, help=project_help)
    p.set_defaults(handler=handler)
    return p


def open_for_edit(path, action: str, feedback=None):
    """Open the project at ``path`` for a command that changes it: refused at once (exit 2, nothing
    written) when the role this account has in the project may not ``action``."""
    from cim.project.access import require_write
    from cim.project.store import open_project

    project = open_project(path, feedback=feedback)
    require_write(project, action)
    return project


def feedback_for(args):
    from cim.feedback import ConsoleFeedback

    return ConsoleFeedback(quiet=getattr(args, "quiet", False))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
