"""``cimstudio meta``: show the plan metadata (META-01) or set fields, each value checked first."""

from __future__ import annotations

import json
import sys

from cim.cli import EXIT_OK, add_project_command, feedback_for


def register(sub) -> None:
    p = add_project_command(sub, "meta", cmd_meta,
                            "show or set the plan metadata (plan id, name, level, scale, province …)")
    p.add_argument("--set", dest="assign", nargs="+", action="extend", default=[], metavar="KEY=VALUE",
                   help="set fields, e.g. --set scale=2000 level=phan_khu \"name=Quy hoạch phân khu …\"")
    p.add_argument("--unset", nargs="+", action="extend", default=[], metavar="KEY", help="clear fields")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_meta(args, ctx) -> int:
    from cim.project.metadata_edit import parse_assignments, parse_value, set_plan_metadata
    from cim.project.store import open_project, save_project

    changes = parse_assignments(args.assign, path=args.project)      # every value checked before opening
    for key in args.unset:
        changes[key.strip()] = parse_value(key, "", path=args.project)
    fb = feedback_for(args)
    project = open_project(args.project, feedback=fb)
    if changes:
        from cim.project.access import require_write

        require_write(project, "change the plan metadata")
        cmd = set_plan_metadata(project, changes)
        if cmd is not None:
            save_project(project, feedback=fb)
            print(f"set {', '.join(cmd.new)} in {args.project}", file=sys.stderr if args.json else sys.stdout)
        else:
            print("nothing changed", file=sys.stderr if args.json else sys.stdout)
    _show(project, args)
    return EXIT_OK


def _show(project, args) -> None:
    from cim.project.metadata import METADATA_LABELS

    md = project.metadata
    missing = md.missing()
    if args.json:
        print(json.dumps({"project": str(args.project), "crs": project.crs, "metadata": md.to_dict(),
                          "missing": missing}, ensure_ascii=False, indent=2))
        return
    print(f"Thông tin quy hoạch / Plan metadata — {args.project}")
    for key, (vi, en) in METADATA_LABELS.items():
        value = md.get(key)
        shown = "—" if value in ("", None) else str(value)
        print(f"  {key:<15s} {vi + ' / ' + en:<42s} {shown}")
    for key, value in md.extra.items():
        print(f"  {key:<15s} {'':<42s} {value}")
    print(f"  {'crs':<15s} {'Hệ tọa độ / CRS':<42s} {project.crs or '—'}")
    if missing:
        print(f"Còn thiếu / missing (META-01): {', '.join(missing)}")
    else:
        print("Đủ các trường META-01 / all META-01 fields are set")
