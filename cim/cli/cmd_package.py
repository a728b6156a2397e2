"""``cimstudio package`` and ``cimstudio verify``: the signed appraisal package."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK, add_project_command, feedback_for
from cim.cli.cmd_trust import add_passphrase_option, passphrase

EXIT_UNKNOWN_SIGNER = 3     # intact and well signed, but by a signer the trust store does not know


def register(sub) -> None:
    p = add_project_command(sub, "package", cmd_package,
                            "build a signed appraisal package (*.cimpkg) from a project")
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
    p.add_argument("--p12", type=Path, metavar="FILE",
                   help="sign with this X.509 certificate and key (PKCS#12 .p12/.pfx) instead of the Ed25519 key")
    add_passphrase_option(p)
    p.add_argument("--store", action="store_true", help="no compression (faster for very large projects)")
    p.add_argument("--no-reports", action="store_true", help="package the JSON results without HTML/PDF reports")
    p.add_argument("--no-maps", action="store_true", help="no map extracts in the reports")

    p = sub.add_parser("verify", help="verify an appraisal package (structure, hashes, signer, re-run of the checks "
                                      "under your rule pack) or the PAdES signature of a signed PDF report")
    p.add_argument("package", type=Path, help="a .cimpkg package or a signed .pdf report")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write the verification report as HTML")
    p.add_argument("--trusted", action="append", metavar="FINGERPRINT",
                   help="accept only packages signed with this key fingerprint (repeatable)")
    p.add_argument("--no-rerun", action="store_true",
                   help="skip re-running the rule pack (the check results are then not confirmed)")
    p.add_argument("--pack", default=None,
                   help="the appraiser's rule pack to re-run (id or TOML file); default: the pack installed on "
                        "this machine with the package's pack id — never the pack shipped in the package")
    p.add_argument("--json", action="store_true", help="the report as JSON on stdout")
    p.epilog = ("Exit status: 0 valid and signed by a trusted signer; 1 not valid; 2 not a readable package; "
                "3 intact but signed by an unknown signer (see: cimstudio trust add).")
    p.set_defaults(handler=cmd_verify)


def _registry(ctx):
    from cim.checks.registry import context_registry

    return context_registry(ctx.extras if ctx is not None else None)


def cmd_package(args, ctx) -> int:
    from cim.package.build import PackageOptions, build_package
    from cim.package.checks import pack_files, registry_runner, report_writer

    fb = feedback_for(args)
    opts = PackageOptions(exclude_ifc=args.exclude_ifc, cityjson=not args.no_cityjson, tod_outputs=args.tod,
                          auto_tod=not args.no_tod,
                          user=args.user, key_dir=args.key_dir, level=0 if args.store else 1, pkcs12=args.p12,
                          write_reports=ctx.extras.get("write_reports") if ctx else None)
    if not args.no_checks:
        reg = _registry(ctx)
        opts.run_checks = registry_runner(reg, args.pack)
        opts.rule_packs = pack_files(reg, args.pack)
        if opts.write_reports is None and not args.no_reports:
            opts.write_reports = report_writer(reg, args.pack, maps=not args.no_maps)
    opts.passphrase = passphrase(args, str(args.p12) if args.p12 else "signing key")
    res = build_package(args.project, args.output, opts, feedback=fb)
    m = res.manifest
    verdict = (m.get("checks") or {}).get("verdict") or {}
    who = m["signer"].get("name") or m["signer"].get("user") or ""
    print(f"{res.path}: {len(m['files'])} file(s), {res.bytes_hashed / 1e6:.1f} MB, signed by {who} {res.fingerprint}")
    if verdict:
        print(f"Kết luận kiểm tra / check verdict: {verdict.get('vi')} / {verdict.get('en')}")
    return EXIT_OK


def cmd_verify_pdf(args) -> int:
    """A signed PDF (a package's report or the appraiser's opinion): each PAdES signature, who signed it
    (name, organisation) and the trust store's verdict — trusted / unknown signer / invalid."""
    from cim.errors import CimInputError
    from cim.package.pades import signer_verdicts, validate_pdf
    from cim.package.trust import TRUSTED, TrustStore

    try:
        data = args.package.read_bytes()
    except OSError as exc:
        raise CimInputError(args.package, f"cannot be read ({exc.strerror or exc})", hint="check the path") from None
    results = validate_pdf(data, args.package.name) if b"/ByteRange" in data else []
    if not results:
        raise CimInputError(args.package, "the PDF carries no digital signature", hint="was it signed with --p12?")
    verdicts = signer_verdicts(results, TrustStore())
    for r, v in zip(results, verdicts, strict=True):
        if r.ok and v.status != "invalid":
            who = ", ".join(x for x in (v.name, v.organisation) if x) + f" (serial {r.serial})"
            print(f"OK  pdf  chữ ký PAdES hợp lệ: {who} | PAdES signature valid: {who}")
            print(f"    {v.label('vi')} | {v.label('en')}")
        else:
            print(f"LỖI/FAIL pdf  {v.reason_vi} | {v.reason_en}")
    if any(v.status == "invalid" for v in verdicts):
        return EXIT_FINDINGS
    return EXIT_OK if all(v.status == TRUSTED for v in verdicts) else EXIT_UNKNOWN_SIGNER


def cmd_verify(args, ctx) -> int:
    from cim.package.checks import registry_runner
    from cim.package.verify import verify_package

    if args.package.suffix.lower() == ".pdf":
        return cmd_verify_pdf(args)
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
        print(json.dumps({"ok": rep.ok, "status": rep.status, "verdict": {"vi": vi, "en": en},
                          "fingerprint": rep.fingerprint, "signer": rep.signer.to_dict() if rep.signer else None,
                          "checks_confirmed": rep.checks_confirmed, "rerun_verdict": rep.rerun_verdict,
                          "installed_pack": rep.installed_pack, "pack_differences": rep.pack_diffs,
                          "pdf_signatures": [p.to_dict() for p in rep.pdf_signatures],
                          "seconds": round(rep.seconds, 3),
                          "findings": [f.to_dict() for f in rep.findings],
                          "notes": [f.to_dict() for f in rep.notes]}, ensure_ascii=False, indent=2))
    else:
        for f in rep.findings:
            print(f"{'LỖI/FAIL' if f.severity == 'E' else 'OK '} {f.code:9s} {f.text('vi')} | {f.text('en')}")
        for f in rep.notes:
            print(f"--  {f.code:9s} {f.text('vi')} | {f.text('en')}")
        print(vi)
        print(en)
    if args.html:
        from cim.package.verify_html import write_verify_html

        write_verify_html(rep, args.html)
    if rep.status == "unknown_signer":
        return EXIT_UNKNOWN_SIGNER
    return EXIT_OK if rep.ok else EXIT_FINDINGS
