"""MAT-01: the maturity self-assessment (levels 1–3, each criterion đạt/không đạt with its evidence)."""

from __future__ import annotations


def mat01(ctx, feedback):
    from cim.checks.integration import integration_levels, maturity_table

    ctx.read("metadata")
    ctx.inputs.add("*")          # reads every other rule's result: always re-run
    results = ctx.cache.data.get("results", [])
    integ = integration_levels(ctx.project, results, ctx.pack, ctx.cache)
    rows = maturity_table(ctx.project, results, ctx.pack, integ, ctx.cache)
    target = int(ctx.params.get("target_level", 1))
    reached = 0
    for level in (1, 2, 3):
        if all(r["passed"] for r in rows if r["level"] == level) and any(r["level"] == level for r in rows):
            reached = level
        else:
            break
    ctx.record(level_reached=reached, target_level=target, overall_integration=integ["overall"],
               criteria={r["id"]: r["passed"] for r in rows})
    out = []
    for r in rows:
        if r["level"] <= target and not r["passed"]:
            out.append(ctx.project_issue(
                f"Tiêu chí cấp {r['level']} “{r['criterion']['vi']}” không đạt (minh chứng: {r['evidence'] or 'không có'})",
                f"Level {r['level']} criterion '{r['criterion']['en']}' not passed (evidence: {r['evidence'] or 'none'})",
                evidence={"criterion": r["id"], "level": r["level"]}))
    return out
