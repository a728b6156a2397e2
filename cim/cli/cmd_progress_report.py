"""``cimstudio progress-report PLAN… --period 2026-Q1``: the periodic report on smart urban development
per commune and rolled up over the province (HTML/PDF/XLSX, JSON snapshot for the next report)."""

from __future__ import annotations

from pathlib import Path

from cim.cli import EXIT_OK, feedback_for


def register(sub) -> None:
    p = sub.add_parser("progress-report", help="periodic progress report per commune and for the province "
                                               "(smart elements planned vs built, integration, open findings)")
    p.add_argument("plans", type=Path, nargs="+", help="project files (*.cim.gpkg) or packages (*.cimpkg)")
    p.add_argument("--period", required=True, help="2026-Q1 (quarter), 2026-03 (month), 2026-H1, 2026")
    p.add_argument("--previous", type=Path, help="the JSON snapshot of the last report (for the changes)")
    p.add_argument("--province", default="", help="province name (default: from the plans)")
    p.add_argument("--html", type=Path)
    p.add_argument("--pdf", type=Path)
    p.add_argument("--xlsx", type=Path)
    p.add_argument("--json", type=Path, help="snapshot for the next report")
    p.add_argument("--workdir", type=Path, help="where packages are extracted")
    p.set_defaults(handler=cmd_progress_report)


def cmd_progress_report(args, ctx) -> int:
    from cim.progress.collect import build_report
    from cim.progress.outputs import write_outputs

    r = build_report(args.plans, args.period, previous=args.previous, province=args.province,
                     workdir=args.workdir, feedback=feedback_for(args))
    print(f"{r.period.label_vi} / {r.period.label_en} – {r.province}: {len(r.plans)} đồ án / plan(s), "
          f"hạn / due {r.period.due}")
    for p in r.plans:
        integ = f"{p.integration * 100:.0f}%" if p.integration is not None else "—"
        print(f"  {p.commune or p.plan_id}: {p.built}/{p.planned} built, integration {integ}, "
              f"findings E{p.findings.get('E', 0)} W{p.findings.get('W', 0)}, open comments {p.open_comments}")
    for f in write_outputs(r, html=args.html, pdf=args.pdf, xlsx=args.xlsx, json_path=args.json):
        print(f)
    return EXIT_OK
