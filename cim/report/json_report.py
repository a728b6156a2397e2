"""The machine-readable report: the run (reproducible part, digest), integration levels, maturity."""

from __future__ import annotations

import json
from pathlib import Path


def report_dict(run, project=None) -> dict:
    d = run.to_dict()
    if project is not None:
        md = project.metadata
        d["plan"] = {"plan_id": md.plan_id, "name": md.name, "level": md.level, "scale": md.scale,
                     "province": md.province, "commune": md.commune}
        d["layers"] = {lid: rec.name for lid, rec in project.layers.items()}
    return d


def write_json(run, path: str | Path, project=None) -> Path:
    path = Path(path)
    path.write_text(json.dumps(report_dict(run, project), ensure_ascii=False, indent=1, sort_keys=True, default=str),
                    encoding="utf-8")
    return path
