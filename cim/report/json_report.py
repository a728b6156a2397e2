"""The machine-readable report: the run (reproducible part, digest), integration levels, maturity, and the
TOD section's data when the run's TOD rules read a TOD study."""

from __future__ import annotations

import json
from pathlib import Path

MISSING = object()


def report_dict(run, project=None, *, tod=MISSING) -> dict:
    """``tod``: the sections of :func:`cim.report.tod.tod_sections` (computed here when not given)."""
    d = run.to_dict()
    if project is not None:
        md = project.metadata
        d["plan"] = {"plan_id": md.plan_id, "name": md.name, "level": md.level, "scale": md.scale,
                     "province": md.province, "commune": md.commune}
        d["layers"] = {lid: rec.name for lid, rec in project.layers.items()}
        from cim.checks.acceptance import acceptances, issue_key

        book = acceptances(project)
        keys = {issue_key(i) for i in run.issues()} if book else set()
        d["accepted"] = [a.to_dict() for k, a in book.items() if k in keys]
        if tod is MISSING:
            from cim.report.tod import tod_sections

            tod = tod_sections(run, project)
        from cim.report.tod import json_section

        section = json_section(tod)
        if section is not None:
            d["tod"] = section
    return d


def write_json(run, path: str | Path, project=None, *, tod=MISSING) -> Path:
    path = Path(path)
    path.write_text(json.dumps(report_dict(run, project, tod=tod), ensure_ascii=False, indent=1, sort_keys=True, default=str),
                    encoding="utf-8")
    return path
