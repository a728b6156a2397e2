"""The report model: everything the HTML/PDF/JSON reports show, computed once from a check run."""

from __future__ import annotations

import datetime as _dt

from cim.checks.base import GRADES, SEVERITY_NAMES, STATUS_NAMES
from cim.project.feature_names import layer_title

GROUP_NAMES = {"CRS": ("Hệ tọa độ", "Coordinate systems"), "GEO": ("Định vị BIM/IFC", "IFC georeferencing"),
               "ID": ("Mã định danh", "Identifiers"), "FMT": ("Định dạng", "Formats"),
               "META": ("Siêu dữ liệu", "Metadata"), "SEC": ("An toàn dữ liệu", "Data security"),
               "PLN": ("Quy hoạch", "Planning"), "INF": ("Hạ tầng kỹ thuật", "Infrastructure"),
               "SMT": ("Phủ sóng thông minh", "Smart coverage"), "BLD": ("Công trình", "Buildings"),
               "MAT": ("Mức độ trưởng thành", "Maturity"), "TOD": ("TOD", "TOD")}


MISSING = object()


def build_report(run, project, *, pack=None, maps: bool = True, max_maps: int = 40, feedback=None,
                 tod=MISSING) -> dict:
    """A plain dict the templates render. ``tod``: the sections of :func:`cim.report.tod.tod_sections`
    (computed here when not given); the report embeds the Vietnamese section's HTML."""
    from cim.checks.acceptance import acceptances, issue_key
    from cim.checks.integration import summarise
    from cim.report.tod import tod_sections

    extra = run.extra or (summarise(run, project, pack) if pack is not None else {})
    md = project.metadata
    counts = run.counts()
    renderer = None
    if maps:
        from cim.report.maps import MapRenderer

        renderer = MapRenderer(project)
    rules, n_maps = [], 0
    book = acceptances(project)
    order = {"E": 0, "W": 1, "I": 2}
    for r in run.results:
        issues = []
        for i in sorted(r.issues, key=lambda i: order.get(i.severity, 3)):
            png = None
            if renderer is not None and n_maps < max_maps and i.bbox and i.severity in ("E", "W"):
                png = renderer.render(i)
                n_maps += png is not None
            issues.append({"severity": i.severity, "vi": i.message.vi, "en": i.message.en,
                           "layer": layer_title(i.layer, "vi") if i.layer else i.layer,
                           "object_ids": list(i.objects[:30]), "more_ids": max(0, len(i.objects) - 30),
                           "bbox": [round(v, 1) for v in i.bbox] if i.bbox else None, "map": png,
                           "accepted": _accepted(book.get(issue_key(i)) if book else None)})
        g = r.group or r.rule.split("-")[0]
        rules.append({"id": r.rule, "title": r.title.to_dict(), "severity": r.severity,
                      "severity_name": dict(zip(("vi", "en"), SEVERITY_NAMES[r.severity])),
                      "status": r.status, "status_name": dict(zip(("vi", "en"), STATUS_NAMES.get(r.status, (r.status,) * 2))),
                      "group": g, "group_name": dict(zip(("vi", "en"), GROUP_NAMES.get(g, (g, g)))),
                      "citation": r.legal_basis.citation.to_dict(), "grade": r.legal_basis.grade,
                      "grade_name": dict(zip(("vi", "en"), GRADES.get(r.legal_basis.grade, ("", "")))),
                      "note": r.note.to_dict() if r.note else None, "evidence": _flat(r.evidence),
                      "issues": issues, "counts": r.counts()})
    verdict = run.verdict()
    return {
        "title": {"vi": "Báo cáo kiểm tra CIM theo Nghị định 269/2025/NĐ-CP",
                  "en": "CIM check report — Decree 269/2025/NĐ-CP"},
        "plan": {"name": md.name, "plan_id": md.plan_id, "level": md.level, "scale": md.scale,
                 "province": md.province, "commune": md.commune, "producer": md.producer, "version": md.version,
                 "synthetic": str(md.extra.get("synthetic", "")).lower() in ("true", "1")},
        "run": {"pack_id": run.pack_id, "pack_version": run.pack_version, "software": run.software_version,
                "started": run.started or _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                "digest": run.digest(), "seconds": round(run.seconds, 2), "run_id": run.run_id},
        "verdict": verdict.to_dict(), "verdict_class": "fail" if counts["E"] or _not_evaluated(run) else "warn" if counts["W"] else "pass",
        "counts": counts, "statuses": run.status_counts(), "rules": rules,
        "integration": extra.get("integration", {"systems": {}, "overall": 0.0, "overall_level": {"vi": "", "en": ""}}),
        "maturity": extra.get("maturity", []),
        "inputs": [{"id": k, "name": _layer_name(project, k), "sha256": v} for k, v in sorted(run.inputs.items())],
        "maps_drawn": n_maps,
        "tod": ((tod_sections(run, project, feedback=feedback) if tod is MISSING else tod) or {}).get("vi"),
    }


def _accepted(a) -> dict | None:
    """An accepted finding stays in the report, with who accepted it, when and why."""
    return None if a is None else {"reason": a.reason, "author": a.author, "date": a.date[:10]}


def _layer_name(project, lid: str) -> str:
    rec = project.layers.get(lid)
    if rec is None:
        return {"metadata": "Siêu dữ liệu (metadata)"}.get(lid, lid)
    shown = layer_title(rec, "vi")
    return f"{shown} ({rec.name})" if shown != rec.name else rec.name


def _flat(ev: dict, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for k, v in ev.items():
        if isinstance(v, dict):
            out += _flat(v, f"{prefix}{k}.")
        elif isinstance(v, list) and len(v) > 8:
            out.append((f"{prefix}{k}", f"{', '.join(map(str, v[:8]))} … ({len(v)})"))
        elif isinstance(v, bool):
            out.append((f"{prefix}{k}", "có" if v else "không"))
        else:
            out.append((f"{prefix}{k}", str(v)))
    return out


def _not_evaluated(run) -> bool:
    """A rule that could not be evaluated blocks a pass (fail closed): never shown green."""
    return any(r.status == "error" for r in run.results)

