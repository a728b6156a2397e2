"""``cimstudio check PROJECT --pack decree269 --html out.html --pdf out.pdf --json out.json``.

Runs a rule pack on a project, stores the run in the project file (``--no-store`` to skip) and
writes the reports. Exit code 1 when errors (severity E) were found, 0 otherwise, 2 on bad input.
The check registry comes from the composition root (``ctx.extras["check_registry"]``, set by
``app/launcher.py`` from the plugin registry); the plugin-less ``cimstudio-cli`` says so and exits 2.
``--engine memory|duckdb|postgis|auto`` picks where the heavy predicates run (:mod:`cim.checks.sqlengine`);
the findings are the same with every engine.
"""

from __future__ import annotations

from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK, add_project_command, feedback_for


def register(sub) -> None:
    p = add_project_command(sub, "check", cmd_check,
                            "run a rule pack (default decree269) and write reports; exit 1 on errors")
    p.add_argument("--pack", default="decree269", help="rule pack id, or a .toml pack file (may extend one)")
    p.add_argument("--rules", help="only these rule ids, comma-separated (e.g. SEC-01,PLN-02)")
    p.add_argument("--province", help="apply this province's overrides instead of the plan's")
    p.add_argument("--html", type=Path, help="write the HTML report here")
    p.add_argument("--pdf", type=Path, help="write the PDF report here")
    p.add_argument("--json", type=Path, help="write the JSON report here ('-' for stdout)")
    p.add_argument("--bcf", type=Path, help="write the issues as BCF 2.1 here")
    p.add_argument("--no-maps", action="store_true", help="no map extracts in the reports")
    p.add_argument("--no-store", action="store_true", help="do not store the run in the project file")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--engine", choices=("auto", "memory", "duckdb", "postgis"), default="auto",
                   help="where the heavy predicates run (overlaps, distances): auto = in memory for small "
                        "projects, else per rule by measurement (PostGIS for a working copy of a database)")
    p.add_argument("--db", help="PostGIS database for --engine postgis (postgresql://… or a service; or CIM_DB)")


def _registry(ctx):
    from cim.checks.registry import context_registry

    return context_registry(ctx.extras if ctx is not None else None)


def cmd_check(args, ctx) -> int:
    import json
    import sys

    from cim.checks.results_store import store_run
    from cim.checks.runner import run_checks
    from cim.checks.sqlengine import make_pushdown
    from cim.project.access import require_write
    from cim.project.store import open_project
    from cim.report.api import write_reports

    fb = feedback_for(args)
    project = open_project(args.project, feedback=fb)
    if not args.no_store:
        require_write(project, "store check results in the project (run with --no-store to only report)")
    reg = _registry(ctx)
    pack = reg.pack(args.pack)
    only = [r.strip() for r in args.rules.split(",")] if args.rules else None
    checks = reg.checks_for(pack, only=only)
    engine = make_pushdown(getattr(args, "engine", "auto"), project, dsn=getattr(args, "db", None))
    try:
        run = run_checks(project, checks, pack=pack, feedback=fb, province=args.province, engine=engine)
    finally:
        if engine is not None:
            engine.close()
    if engine is not None and engine.used:
        fb.log(f"engine {engine.name}: " + ", ".join(f"{r} → {e}" for r, e in sorted(engine.used.items())))
    if not args.no_store:
        store_run(project.path, run)
    json_out = args.json if args.json and str(args.json) != "-" else None
    write_reports(run, project, pack=pack, html=args.html, pdf=args.pdf, json=json_out, bcf=args.bcf,
                  maps=not args.no_maps, feedback=fb)
    if args.json and str(args.json) == "-":
        from cim.report.json_report import report_dict

        json.dump(report_dict(run, project), sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
    else:
        lang = args.lang
        for r in run.results:
            for i in r.issues:
                if i.severity in ("E", "W"):
                    print(f"{i.severity} {r.rule:14s} {i.message.get(lang)}")
        c = run.counts()
        print(f"{run.verdict().get(lang)} — {c['E']} error(s), {c['W']} warning(s), {c['I']} info; "
              f"{len(run.results)} rule(s) of {pack.id} {pack.version}; digest {run.digest()[:12]}")
    return EXIT_FINDINGS if run.has_errors else EXIT_OK
