"""``cimstudio package`` and ``cimstudio verify``: the signed appraisal package."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK, feedback_for


def register(sub) -> None:
    p = sub.add_parser("package", help="build a signed appraisal package (*.cimpkg) from a project")
    p.add_argument("project", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="the package file, e.g. plan.cimpkg")
    p.add_argument("--exclude-ifc", action="store_true", help="package only the hashes of the IFC sources")
    p.add_argument("--pack", default="decree269", help="rule pack id or TOML file (default decree269)")
    p.add_argument("--no-checks", action="store_true", help="do not run and package the checks")
    p.add_argument("--no-cityjson", action="store_true", help="do not add the CityJSON export")
    p.add_argument("--tod", type=Path, action="append", default=[], help="a TOD output file to include")
    p.add_argument("--no-tod", action="store_true",
                   help="do not run the TOD study for the package (by default its CSV/JSON go under tod/ "
                        "when the project has stations)")
    p.add_argument("--user", help="signing user (default: the login name)")
    p.add_argument("--key-dir", type=Path, help="folder of the signing keys (default: user config folder)")
    p.add_argument("--store", action="store_true", help="no compression (faster for very large projects)")
    p.add_argument("--no-reports", action="store_true", help="package the JSON results without HTML/PDF reports")
    p.add_argument("--no-maps", action="store_true", help="no map extracts in the reports")
    p.set_defaults(handler=cmd_package)

    p = sub.add_parser("verify", help="verify an appraisal package: structure, hashes, signature, re-run checks")
    p.add_argument("package", type=Path)
    p.add_argument("--trusted", action="append", metavar="FINGERPRINT",
                   help="accept only packages signed with this key fingerprint (repeatable)")
    p.add_argument("--no-rerun", action="store_true",
                   help="skip re-running the rule pack (the check results are then not confirmed)")
    p.add_argument("--pack", default=None,
                   help="the appraiser's rule pack to re-run (id or TOML file); default: the pack installed on "
                        "this machine with the package's pack id — never the pack shipped in the package")
    p.add_argument("--json", action="store_true", help="the report as JSON on stdout")
    p.set_defaults(handler=cmd_verify)


def _registry(ctx):
    from cim.package.checks import default_registry

    return default_registry(ctx.extras if ctx is not None else None)


def cmd_package(args, ctx) -> int:
    from cim.package.build import PackageOptions, build_package
    from cim.package.checks import pack_files, registry_runner, report_writer

    fb = feedback_for(args)
    opts = PackageOptions(exclude_ifc=args.exclude_ifc, cityjson=not args.no_cityjson, tod_outputs=args.tod,
                          auto_tod=not args.no_tod,
                          user=args.user, key_dir=args.key_dir, level=0 if args.store else 1,
                          write_reports=ctx.extras.get("write_reports") if ctx else None)
    if not args.no_checks:
        reg = _registry(ctx)
        opts.run_checks = registry_runner(reg, args.pack)
        opts.rule_packs = pack_files(reg, args.pack)
        if opts.write_reports is None and not args.no_reports:
            opts.write_reports = report_writer(reg, args.pack, maps=not args.no_maps)
    res = build_package(args.project, args.output, opts, feedback=fb)
    m = res.manifest
    verdict = (m.get("checks") or {}).get("verdict") or {}
    print(f"{res.path}: {len(m['files'])} file(s), {res.bytes_hashed / 1e6:.1f} MB, signed by {res.fingerprint}")
    if verdict:
        print(f"Kết luận kiểm tra / check verdict: {verdict.get('vi')} / {verdict.get('en')}")
    return EXIT_OK


def cmd_verify(args, ctx) -> int:
    from cim.package.checks import registry_runner
    from cim.package.verify import verify_package

    fb = feedback_for(args)
    rerun = None
    if not args.no_rerun:
        rerun = registry_runner(_registry(ctx), args.pack)
    rep = verify_package(args.package, rerun=rerun, require_rerun=not args.no_rerun,
                         trusted=set(args.trusted) if args.trusted else None, feedback=fb)
    if rep.unreadable is not None:          # not a package at all: one clear message, exit 2
        raise rep.unreadable
    vi, en = rep.verdict()
    if args.json:
        print(json.dumps({"ok": rep.ok, "verdict": {"vi": vi, "en": en}, "fingerprint": rep.fingerprint,
                          "checks_confirmed": rep.checks_confirmed, "seconds": round(rep.seconds, 3),
                          "findings": [f.__dict__ for f in rep.findings]}, ensure_ascii=False, indent=2))
    else:
        for f in rep.findings:
            print(f"{'OK ' if f.ok else 'LỖI/FAIL'} {f.what:9s} {f.text('vi')} | {f.text('en')}")
        print(vi)
        print(en)
    return EXIT_OK if rep.ok else EXIT_FINDINGS
