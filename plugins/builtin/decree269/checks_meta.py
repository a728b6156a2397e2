"""META-02: every layer names who provides it, its update cycle, source date, quality level and
licence (seed 001 task 13), and its source is not older than its update cycle allows."""

from __future__ import annotations


def _reference_date(ctx):
    """The date the data must be current on: the rule's ``reference_date``, else the plan's decision
    date, else today (recorded in the evidence, so a re-run elsewhere gives the same verdict)."""
    import datetime as dt

    from cim.project.layer_info import parse_date

    for text, source in ((ctx.params.get("reference_date") or "", "rule"),
                         (ctx.project.metadata.decision_date or "", "decision_date")):
        d = parse_date(text) if text else None
        if d is not None:
            return d, source
    return dt.date.today(), "today"


def meta02(ctx, feedback):
    from cim.project.layer_info import INFO_FIELDS, UPDATE_CYCLES, layer_info

    ctx.read("metadata")
    on, basis = _reference_date(ctx)
    grace = float(ctx.params.get("grace", 0.0))
    skip = set(ctx.params.get("skip_layers", []))
    out, stale, incomplete = [], [], []
    for rec in ctx.project.ordered_layers():
        if rec.name in skip:
            continue
        ctx.inputs.add(rec.id)
        info = layer_info(rec)
        missing = info.missing()
        if missing:
            incomplete.append(rec.name)
            vi = ", ".join(INFO_FIELDS[m][0].lower() for m in missing)
            en = ", ".join(INFO_FIELDS[m][1].lower() for m in missing)
            out.append(ctx.project_issue(f"Lớp “{rec.name}” chưa khai báo trách nhiệm dữ liệu: thiếu {vi}.",
                                         f"Layer '{rec.name}' does not state its data responsibility: missing {en}.",
                                         layer=rec, evidence={"missing": missing}))
        for _field, vi, en in info.problems():
            out.append(ctx.project_issue(f"Lớp “{rec.name}”: {vi}.", f"Layer '{rec.name}': {en}.", layer=rec))
        if info.is_stale(on, grace):
            stale.append(rec.name)
            cyc_vi, cyc_en, _days = UPDATE_CYCLES[info.update_cycle]
            age = info.age_days(on)
            out.append(ctx.project_issue(
                f"Lớp “{rec.name}” đã quá hạn cập nhật: dữ liệu nguồn ngày {info.source_date}, "
                f"{age} ngày trước {on.isoformat()}, chu kỳ {cyc_vi.lower()} ({info.provider or 'chưa rõ đơn vị'}).",
                f"Layer '{rec.name}' is out of date: source dated {info.source_date}, {age} days before "
                f"{on.isoformat()}, update cycle {cyc_en.lower()} ({info.provider or 'provider unknown'}).",
                layer=rec, evidence={"source_date": info.source_date, "update_cycle": info.update_cycle,
                                     "age_days": age}))
    ctx.record(reference_date=on.isoformat(), reference_basis=basis, incomplete=incomplete, stale=stale,
               layers_checked=sum(1 for r in ctx.project.layers.values() if r.name not in skip))
    return out
