"""``cimstudio diff-plan OLD NEW``: compare a plan with its approved earlier version (project files or
appraisal packages): plots, networks, smart elements and check verdicts; HTML/PDF report, result layer."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_OK, feedback_for


def register(sub) -> None:
    p = sub.add_parser("diff-plan", help="compare a plan with its approved earlier version (two projects or "
                                         "two packages): what was added, removed, changed")
    p.add_argument("old", type=Path, help="the approved earlier version (*.cim.gpkg or *.cimpkg)")
    p.add_argument("new", type=Path, help="the revision (*.cim.gpkg or *.cimpkg)")
    p.add_argument("--html", type=Path, help="write the HTML report here")
    p.add_argument("--pdf", type=Path, help="write the PDF report here")
    p.add_argument("--json", type=Path, help="every change as JSON ('-' for stdout)")
    p.add_argument("--layer-out", type=Path, help="the changes as a layer (GeoPackage/GeoJSON, by extension)")
    p.add_argument("--min-iou", type=float, default=0.5, help="polygons with other ids match from this IoU (0.5)")
    p.add_argument("--tolerance", type=float, default=1.0, help="points/lines with other ids match within (m)")
    p.add_argument("--workdir", type=Path, help="where packages are extracted (default: a temporary folder)")
    p.set_defaults(handler=cmd_diff_plan)


def cmd_diff_plan(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.revision.diff import diff_plans
    from cim.revision.inputs import load_plan

    if not 0 < args.min_iou <= 1 or args.tolerance < 0:
        raise CimInputError(None, "--min-iou must be in (0, 1] and --tolerance ≥ 0")
    fb = feedback_for(args)
    old = load_plan(args.old, workdir=args.workdir, feedback=fb)
    new = load_plan(args.new, workdir=args.workdir, feedback=fb)
    d = diff_plans(old.project, new.project, old_results=old.results, new_results=new.results,
                   old_label=old.label, new_label=new.label, min_iou=args.min_iou, tolerance=args.tolerance)
    c = d.counts()
    print(f"{d.old_label} → {d.new_label}: thêm {c['added']}, bỏ {c['removed']}, đổi {c['changed']} "
          f"/ added {c['added']}, removed {c['removed']}, changed {c['changed']}")
    for ld in d.layers:
        if ld.changes:
            print(f"  {ld.layer}: +{ld.count('added')} -{ld.count('removed')} ~{ld.count('changed')}")
    for chk in d.checks:
        print(f"  {chk['rule']}: {chk['old']} → {chk['new']} ({chk['issues_old']} → {chk['issues_new']} issue(s))")
    base = next((r.data for r in new.project.layers_of_kind("plot")), None)
    if args.html or args.pdf:
        from cim.revision.report import write_report

        for p in write_report(d, html=args.html, pdf=args.pdf, base=base):
            print(p)
    if args.layer_out:
        import pyogrio

        pyogrio.write_dataframe(d.result_frame(), args.layer_out)
        print(args.layer_out)
    if args.json:
        payload = {"old": d.old_label, "new": d.new_label, "counts": c, "layers_added": d.layers_added,
                   "layers_removed": d.layers_removed, "checks": d.checks, "verdict": d.verdict,
                   "changes": [{"layer": ld.layer, **ch.__dict__} for ld in d.layers for ch in ld.changes]}
        text = json.dumps(payload, ensure_ascii=False, indent=1, default=str)
        if str(args.json) == "-":
            print(text)
        else:
            args.json.write_text(text, encoding="utf-8")
    return EXIT_OK
