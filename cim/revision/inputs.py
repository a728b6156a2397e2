"""A plan version to compare: a project file (``*.cim.gpkg``, with its latest stored check run) or an
appraisal package (``*.cimpkg``: verified, extracted into a folder, with its packaged check results)."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cim.errors import CimInputError


@dataclass
class PlanVersion:
    project: object
    results: dict | None
    label: str
    path: Path


def load_plan(path: str | Path, *, workdir: str | Path | None = None, feedback=None) -> PlanVersion:
    path = Path(path)
    if not path.exists():
        raise CimInputError(path, "file not found")
    if path.name.endswith(".cimpkg"):
        return _from_package(path, workdir, feedback)
    from cim.checks.results_store import load_run
    from cim.package.build import results_dict
    from cim.project.store import open_project

    project = open_project(path, feedback=feedback)
    run = load_run(path)
    return PlanVersion(project, results_dict(run) if run is not None else None, _label(project, path), path)


def _label(project, path: Path) -> str:
    v = project.metadata.version
    return f"{path.name}" + (f" (v{v})" if v else "")


def _from_package(pkg: Path, workdir, feedback) -> PlanVersion:
    import tempfile

    from cim.package.build import RESULTS
    from cim.package.opening import open_verified
    from cim.package.verify import verify_package

    rep = verify_package(pkg, require_rerun=False, feedback=feedback)
    if not rep.ok:
        if rep.unreadable is not None:
            raise rep.unreadable
        why = "; ".join(f.text("en") for f in rep.problems) or rep.verdict()[1]
        hint = ("trust its signer first (cimstudio trust add PACKAGE --fingerprint …) after checking the fingerprint"
                if rep.status == "unknown_signer" else "compare only verified packages")
        raise CimInputError(pkg, f"the package does not verify ({why})", hint=hint)
    base = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="cim-diff-"))
    target = base / (pkg.name.removesuffix(".cimpkg") + ".extracted")
    n = 2
    while target.exists():
        target = base / (pkg.name.removesuffix(".cimpkg") + f".extracted-{n}")
        n += 1
    project = open_verified(pkg, rep, target, role="reviewer", feedback=feedback)
    results = None
    with zipfile.ZipFile(pkg) as zf:
        if RESULTS in zf.namelist():
            results = json.loads(zf.read(RESULTS))
    return PlanVersion(project, results, _label(project, pkg), pkg)
