"""Bind the check runner (:mod:`cim.checks`) to packaging and verification.

The package only needs ``run(project, pack_path, feedback)``; a :class:`cim.checks.CheckRegistry`
(built by the composition root from the plugins' checks and rule packs) provides it.
"""

from __future__ import annotations

from pathlib import Path


def registry_runner(registry, pack_ref: str | Path | None = None):
    """``run(project, pack, feedback)`` over ``registry``: ``pack`` a RulePack or a pack file when given,
    else ``pack_ref`` (a registered pack id or a TOML path). Verification re-runs the pack installed in
    ``registry`` (``run.registry``), never the one shipped in the package."""

    def run(project, pack_path, feedback):
        from cim.checks import RulePack, run_checks

        ref = pack_path if pack_path is not None else pack_ref
        if ref is None:
            raise ValueError("no rule pack to run")
        pack = ref if isinstance(ref, RulePack) else registry.pack(str(ref))
        return run_checks(project, registry.checks_for(pack), pack=pack, feedback=feedback)

    run.registry = registry      # verification looks the appraiser's installed pack up here …
    run.pack_ref = pack_ref      # … or uses the pack the appraiser names (an id or their own TOML file)
    return run


def pack_files(registry, pack_ref: str | Path) -> list[Path]:
    """The TOML file(s) a pack was read from (an ``extends`` pack has two)."""
    pack = registry.pack(str(pack_ref))
    return [Path(s) for s in str(pack.source).split(";") if s and Path(s).is_file()]


def report_writer(registry, pack_ref, *, maps: bool = True):
    """``write(run, project, out_dir)`` → the HTML, PDF and JSON reports of :mod:`cim.report`."""

    def write(run, project, out_dir: Path):
        from cim.report.api import write_reports

        out = write_reports(run, project, pack=registry.pack(str(pack_ref)), html=out_dir / "report.html",
                            pdf=out_dir / "report.pdf", json=out_dir / "report.json", maps=maps)
        return list(out.values())

    return write
