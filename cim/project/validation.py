"""Use case: validate a project's data — geometry validity and CRS against the VN-2000 catalogue.

The full Decree-269 rule pack lives in ``cim.checks``; this is the quick structural check that
``cimstudio validate`` runs after every import.
"""

from __future__ import annotations

import dataclasses

from cim.feedback import Feedback
from cim.findings import Finding
from cim.project.document import Project
from cim.text import Text


def validate_project(project: Project, *, feedback: Feedback | None = None,
                     max_per_layer: int = 1000) -> list[Finding]:
    feedback = feedback or Feedback()
    findings: list[Finding] = []
    layers = project.ordered_layers()
    findings += _crs_findings(project.crs, "(project)", project.metadata.province)
    for i, rec in enumerate(layers):
        feedback.raise_if_canceled("validate")
        findings += _crs_findings(rec.crs, rec.name, project.metadata.province)
        if rec.kind == "vector":
            findings += _geometry_findings(rec, max_per_layer)
        feedback.set_progress((i + 1) / max(len(layers), 1))
    return findings


def _crs_findings(crs, layer_name: str, province: str) -> list[Finding]:
    from cim.crs.checks import check_layer_crs

    return [dataclasses.replace(f, layer=layer_name) for f in check_layer_crs(crs, province=province or None)]


def _geometry_findings(rec, limit: int) -> list[Finding]:
    import numpy as np
    import shapely

    geoms = rec.data.geometry.values
    arr = np.asarray(geoms, dtype=object)
    missing = shapely.is_missing(arr)
    empty = ~missing & shapely.is_empty(arr)
    invalid = ~missing & ~empty & ~shapely.is_valid(arr)
    fids = rec.data.index.to_numpy()
    out: list[Finding] = []
    from cim.project.feature_names import feature_name

    def en_vi(fid):
        return feature_name(rec, fid, "en"), feature_name(rec, fid, "vi")

    for mask, rule, sev, en, vi in (
        (missing, "GEOM-NULL", "E", "feature has no geometry", "đối tượng không có hình học"),
        (empty, "GEOM-EMPTY", "W", "feature has an empty geometry", "hình học rỗng"),
    ):
        for fid in fids[mask][:limit]:
            name_en, name_vi = en_vi(fid)
            out.append(Finding(sev, rule, Text(f"{name_vi}: {vi}", f"{name_en}: {en}"), (str(fid),), layer=rec.name))
    bad = np.flatnonzero(invalid)[:limit]
    if len(bad):
        reasons = shapely.is_valid_reason(arr[bad])
        for fid, reason in zip(fids[bad], reasons):
            name_en, name_vi = en_vi(fid)
            out.append(Finding("E", "GEOM-VALID", Text(
                f"{name_vi}: hình học không hợp lệ ({reason}); sửa bằng Lớp › Sửa hình học "
                f"hoặc lệnh `cimstudio fix-geometry PROJECT --layer {rec.name}`",
                f"{name_en}: invalid geometry ({reason}); fix it with Layer › Fix geometry "
                f"or `cimstudio fix-geometry PROJECT --layer {rec.name}`"), (str(fid),), layer=rec.name))
    return out
