"""Bind the check runner (:mod:`cim.checks`) to packaging and verification.

The package only needs ``run(project, pack_path, feedback)``; a :class:`cim.checks.CheckRegistry`
(built by the composition root from the plugins' checks and rule packs) provides it.
"""

from __future__ import annotations

from pathlib import Path


def registry_runner(registry, pack_ref: str | Path | None = None):
    """``run(project, pack_path, feedback)`` over ``registry``: the packaged pack file when given
    (verification), else ``pack_ref`` (a registered pack id or a TOML path)."""

    def run(project, pack_path, feedback):
        from cim.checks import run_checks

        ref = pack_path if pack_path is not None else pack_ref
        if ref is None:
            raise ValueError("no rule pack to run")
        pack = registry.pack(str(ref))
        return run_checks(project, registry.checks_for(pack), pack=pack, feedback=feedback)

    return run


def pack_files(registry, pack_ref: str | Path) -> list[Path]:
    """The TOML file(s) a pack was read from (an ``extends`` pack has two)."""
    pack = registry.pack(str(pack_ref))
    return [Path(s) for s in str(pack.source).split(";") if s and Path(s).is_file()]
