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
    errors = sum(f.severity == "E" for f in findings)
    warnings = sum(f.severity == "W" for f in findings)
    if args.json:
        print(json.dumps({"errors": errors, "warnings": warnings, "findings": [_json(f) for f in findings]},
                         ensure_ascii=False, indent=2))
    else:
        for f in findings:
            print(f"{_WORD[f.severity]:7s} {f.code:10s} {f.layer}: {f.message.get(args.lang)}")
        print(f"{errors} error(s), {warnings} warning(s) in {len(project.layers)} layer(s)")
    return EXIT_FINDINGS if errors else EXIT_OK


_WORD = {"E": "ERROR", "W": "WARNING", "I": "INFO"}


def _json(f) -> dict:
    """The ``validate --json`` record (its keys predate :class:`cim.findings.Finding`; kept for scripts)."""
    return {"rule": f.code, "severity": _WORD[f.severity].lower(), "layer": f.layer, "message": f.message.en,
            "fid": int(f.objects[0]) if f.objects else None, "message_vi": f.message.vi}
