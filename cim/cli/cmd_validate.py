"""``cimstudio validate``: geometry validity and CRS against the VN-2000 catalogue."""

from __future__ import annotations

import json

from cim.cli import EXIT_FINDINGS, EXIT_OK, add_project_command, feedback_for


def register(sub) -> None:
    p = add_project_command(sub, "validate", cmd_validate,
                            "check geometry validity and CRS of every layer (exit 1 on errors)")
    p.add_argument("--json", action="store_true", help="findings as JSON on stdout")
    p.add_argument("--lang", choices=("vi", "en"), default="en")
    f = add_project_command(sub, "fix-geometry", cmd_fix_geometry,
                            "repair invalid geometries (GEOS make_valid) and save the project")
    f.add_argument("--layer", action="append", help="only this layer (table name; repeat for several)")
    f.add_argument("--dry-run", action="store_true", help="report what would be fixed, save nothing")
    f.add_argument("--lang", choices=("vi", "en"), default="en")


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


def cmd_fix_geometry(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.project.feature_names import feature_list, layer_title
    from cim.project.geometry_fix import FixGeometries
    from cim.project.store import open_project, save_project

    fb = feedback_for(args)
    project = open_project(args.project, feedback=fb)
    if not args.dry_run:
        from cim.project.access import require_write

        require_write(project, "fix geometries in the project (use --dry-run to only report)")
    vectors = [r for r in project.ordered_layers() if r.kind == "vector"]
    if args.layer:
        known = {r.name: r for r in vectors}
        missing = [n for n in args.layer if n not in known]
        if missing:
            raise CimInputError(args.project, f"no vector layer named {missing[0]!r}", obj=missing[0],
                                hint="layers: " + ", ".join(sorted(known)))
        vectors = [known[n] for n in args.layer]
    vi = args.lang == "vi"
    fixed = unfixed = 0
    for rec in vectors:
        cmd = FixGeometries(project, rec.id)
        if not len(cmd.fids) and not len(cmd.unfixed):
            continue
        if len(cmd.fids):
            verb = "sửa" if vi else "fixed"
            print(f"{verb}: {feature_list(rec, cmd.fids, args.lang)}")
        if len(cmd.unfixed):
            verb = "không sửa được (hình học suy biến)" if vi else "cannot be fixed (collapsed geometry)"
            print(f"{verb}: {feature_list(rec, cmd.unfixed, args.lang)}")
        fixed += len(cmd.fids)
        unfixed += len(cmd.unfixed)
        if not args.dry_run and len(cmd.fids):
            project.push(cmd)
    if fixed and not args.dry_run:
        save_project(project, args.project, feedback=fb)
    names = ", ".join(layer_title(r, args.lang) for r in vectors) if args.layer else ""
    if vi:
        print(f"Đã sửa {fixed} hình học" + (" (chạy thử, chưa lưu)" if args.dry_run else "")
              + (f", {unfixed} không sửa được" if unfixed else "") + (f" — {names}" if names else ""))
    else:
        print(f"{fixed} geometr{'y' if fixed == 1 else 'ies'} fixed" + (" (dry run, nothing saved)" if args.dry_run else "")
              + (f", {unfixed} cannot be fixed" if unfixed else "") + (f" — {names}" if names else ""))
    return EXIT_FINDINGS if unfixed else EXIT_OK


_WORD = {"E": "ERROR", "W": "WARNING", "I": "INFO"}


def _json(f) -> dict:
    """The ``validate --json`` record (its keys predate :class:`cim.findings.Finding`; kept for scripts)."""
    return {"rule": f.code, "severity": _WORD[f.severity].lower(), "layer": f.layer, "message": f.message.en,
            "fid": int(f.objects[0]) if f.objects else None, "message_vi": f.message.vi}
