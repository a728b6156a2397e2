"""MAT-01 (maturity self-assessment) and the TOD rows, which wait for the TOD study module."""

from __future__ import annotations

from cim.checks.base import WAITING, CheckSkipped


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


def tod_waiting(ctx, feedback):
    try:
        import cim.tod  # noqa: F401
    except ImportError:
        raise CheckSkipped("Cần nghiên cứu TOD: mô-đun TOD (cim.tod) chưa có; quy tắc này sẽ chạy khi có nghiên cứu TOD.",
                           "Needs the TOD study: the TOD module (cim.tod) is not available yet; this rule runs once "
                           "a TOD study exists.", WAITING) from None
    raise CheckSkipped("Cần nghiên cứu TOD của dự án (chưa được nối với mô-đun TOD).",
                       "Needs the project's TOD study (not yet wired to the TOD module).", WAITING)
