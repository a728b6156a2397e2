"""Open an appraisal package for review: verify it, extract it safely, open the project in a role."""

from __future__ import annotations

from pathlib import Path

from cim.errors import CimInputError


def open_package(pkg: str | Path, target: str | Path, *, role: str = "reviewer", rerun=None,
                 require_rerun: bool = False, trusted: set[str] | None = None, feedback=None):
    """Verify ``pkg``, extract it into the new folder ``target`` and open its project as ``role``.

    Returns ``(project, report)``. A package that fails verification is not extracted."""
    from cim.package.verify import verify_package

    report = verify_package(pkg, rerun=rerun, require_rerun=require_rerun, trusted=trusted, feedback=feedback)
    if not report.ok:
        problems = "; ".join(f.text("en") for f in report.problems)
        raise CimInputError(pkg, f"the package did not verify: {problems}",
                            hint="ask the consultant for a new package; do not review this one")
    return open_verified(pkg, report, target, role=role, feedback=feedback), report


def open_verified(pkg: str | Path, report, target: str | Path, *, role: str = "reviewer", feedback=None):
    """Extract ``pkg`` into the new folder ``target`` and open its project as ``role``, once ``report``
    (from :func:`cim.package.verify.verify_package` on this file) said it is valid. For callers that show
    the verification before opening (the app), so the package is not verified twice."""
    from cim.package.build import META_FILES
    from cim.package.safezip import safe_extract
    from cim.project.access import mark_reviewer_copy, restrict
    from cim.project.store import open_project

    if not report.ok or report.manifest is None or Path(report.path) != Path(pkg):
        raise CimInputError(pkg, "the package was not verified", hint="verify it before opening it for review")
    listed = {f["path"] for f in report.manifest["files"]} | set(META_FILES)
    root = safe_extract(pkg, target, expected=lambda n: n in listed)
    _check_extracted(pkg, root, report.manifest["files"])
    project_file = root / report.manifest["project_file"]
    if role != "consultant":
        mark_reviewer_copy(project_file, role)    # the copy stays a reviewer copy, however it is reopened
    project = open_project(project_file, feedback=feedback)
    restrict(project, role)
    return project


def _check_extracted(pkg, root: Path, files: list[dict]) -> None:
    """The extracted files are the ones verified: a package changed on disk between the verification
    and the extraction is caught here, and nothing of it stays."""
    import shutil

    from cim.package.hashing import hash_files

    paths = [root / f["path"] for f in files]
    digests = hash_files(paths)
    bad = [f["path"] for f, d in zip(files, digests) if d != f["sha256"]]
    if bad:
        shutil.rmtree(root, ignore_errors=True)
        raise CimInputError(pkg, f"the package changed after it was verified ({', '.join(bad[:3])})",
                            hint="verify it again before opening it for review")
