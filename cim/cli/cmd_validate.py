"""``cimstudio validate``: geometry validity and CRS against the VN-2000 catalogue."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK, feedback_for


def register(sub) -> None:
    p = sub.add_parser("validate", help="check geometry validity and CRS of every layer (exit 1 on errors)")
    p.add_argument("project", type=Path)
    p.add_argument("--json", action="store_true", help="findings as JSON on stdout")
    p.add_argument("--lang", choices=("vi", "en"), default="en")
    p.set_defaults(handler=cmd_validate)


def cmd_validate(args, ctx) -> int:
    from cim.project.store import open_project
    from cim.project.validation import validate_project

    fb = feedback_for(args)
    project = open_project(args.project, feedback=fb)
    findings = validate_project(project, feedback=fb)
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    if args.json:
        print(json.dumps({"errors": errors, "warnings": warnings, "findings": [f.to_dict() for f in findings]},
                         ensure_ascii=False, indent=2))
    else:
        for f in findings:
            text = f.message_vi if args.lang == "vi" and f.message_vi else f.message
            print(f"{f.severity.upper():7s} {f.rule:10s} {f.layer}: {text}")
        print(f"{errors} error(s), {warnings} warning(s) in {len(project.layers)} layer(s)")
    return EXIT_FINDINGS if errors else EXIT_OK
