"""Open an appraisal package for review: verify it, extract it safely, open the project in a role."""

from __future__ import annotations

from pathlib import Path

from cim.errors import CimInputError


def open_package(pkg: str | Path, target: str | Path, *, role: str = "reviewer", rerun=None,
                 require_rerun: bool = False, trusted: set[str] | None = None, feedback=None):
    """Verify ``pkg``, extract it into the new folder ``target`` and open its project as ``role``.

    Returns ``(project, report)``. A package that fails verification is not extracted."""
    from cim.package.build import META_FILES
    from cim.package.safezip import safe_extract
    from cim.package.verify import verify_package
    from cim.project.store import open_project
    from cim.review.roles import switch_role

    report = verify_package(pkg, rerun=rerun, require_rerun=require_rerun, trusted=trusted, feedback=feedback)
    if not report.ok:
        problems = "; ".join(f.text() for f in report.findings if not f.ok)
        raise CimInputError(pkg, f"the package did not verify: {problems}",
                            hint="ask the consultant for a new package; do not review this one")
    listed = {f["path"] for f in report.manifest["files"]} | set(META_FILES)
    root = safe_extract(pkg, target, expected=lambda n: n in listed)
    project = open_project(root / report.manifest["project_file"], feedback=feedback)
    switch_role(project, role)
    return project, report
