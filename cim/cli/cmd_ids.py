"""IDS command: check IFC files (or every IFC layer of a project) against an IDS 1.0 file."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("ids", help="check IFC files or a project's IFC layers against an IDS 1.0 file")
    p.add_argument("target", type=Path, help="an .ifc file or a *.cim.gpkg project")
    p.add_argument("--ids", type=Path, help="IDS file (default: the shipped smart_building_decree269.ids)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_ids)


def cmd_ids(args, ctx) -> int:
    from cim.ids.check import check_ifc_file, check_project_ids, load_ids, shipped_ids

    ids_path = args.ids or shipped_ids()
    if args.target.suffix.lower() == ".ifc":
        load_ids(ids_path)    # a bad IDS file is reported before the model is read
        results = [check_ifc_file(args.target, ids_path, ifc_file=str(args.target))]
    else:
        from cim.ifc.model import register
        from cim.project.store import open_project

        register()
        results = check_project_ids(open_project(args.target), ids_path)
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(f"{Path(r.ifc_file).name}: {'PASS' if r.passed else 'FAIL'}")
            for s in r.specifications:
                print(f"  {'✓' if s.passed else '✗'} {s.name} ({s.applicable} applicable, {s.failed} failed)")
            for i in r.issues[:50]:
                print(f"    [{i.severity}] {i.extra['ifc_class']} {' '.join(i.objects)}: {i.extra['reason']}")
    return EXIT_OK if all(r.passed for r in results) else EXIT_FINDINGS
