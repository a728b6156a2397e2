"""``cimstudio opinion``: the written appraisal opinion (ý kiến thẩm định bằng văn bản).

    opinion draft PACKAGE -o OPINION.json   verify the package, draft the opinion from it
    opinion decide OPINION F03 reject --reason "…"   accept/reject a finding (reason required to reject)
    opinion export OPINION --docx X.docx --pdf X.pdf [--lang en] --p12 CERT.p12   write and sign
            (PAdES inside the PDF, detached CMS X.docx.p7s; or --sign-as USER: Ed25519 .sig files)
    opinion verify FILE                      the appraiser's signature: signer, organisation, trust status
                                             (exit 0 trusted, 1 invalid, 3 unknown signer)
"""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK, feedback_for


def register(sub) -> None:
    p = sub.add_parser("opinion", help="the written appraisal opinion: draft from a verified package, decide "
                                       "findings, export DOCX/PDF signed by the appraiser")
    osub = p.add_subparsers(dest="opinion_command", metavar="ACTION", required=True)
    d = osub.add_parser("draft", help="verify a package and draft the opinion from it")
    d.add_argument("package", type=Path)
    d.add_argument("-o", "--output", type=Path, required=True, help="the opinion file (*.opinion.json)")
    d.add_argument("--number", default="", help="số/ký hiệu, e.g. 215/SXD-QHKT")
    d.add_argument("--date", default="", help="date of the opinion, YYYY-MM-DD (default today)")
    d.add_argument("--office", default="SỞ XÂY DỰNG")
    d.add_argument("--parent-body", default="", help="e.g. 'UBND TỈNH PHÚ THỌ' (default from the plan's province)")
    d.add_argument("--signer-name", default="")
    d.add_argument("--no-rerun", action="store_true", help="do not re-run the packaged checks when verifying")
    d.add_argument("--trusted", action="append", help="fingerprint(s) of trusted consultant keys")
    d.set_defaults(handler=cmd_draft)

    c = osub.add_parser("decide", help="accept or reject a finding (by id F01… or rule id)")
    c.add_argument("opinion", type=Path)
    c.add_argument("finding")
    c.add_argument("decision", choices=("accept", "reject"))
    c.add_argument("--reason", default="", help="the appraiser's reason (required to reject)")
    c.add_argument("--keep-text", action="store_true", help="keep the edited recommendations and conclusion")
    c.set_defaults(handler=cmd_decide)

    e = osub.add_parser("export", help="write the opinion as DOCX and/or PDF, signed by the appraiser")
    e.add_argument("opinion", type=Path)
    e.add_argument("--docx", type=Path)
    e.add_argument("--pdf", type=Path)
    e.add_argument("--lang", choices=("vi", "en"), default="vi")
    e.add_argument("--p12", type=Path, metavar="CERT.p12",
                   help="sign with this PKCS#12 certificate (PAdES in the PDF, detached CMS .p7s for the DOCX)")
    e.add_argument("--sign-as", metavar="USER", help="or sign each file with this user's Ed25519 key (detached .sig)")
    e.add_argument("--key-dir", type=Path)
    from cim.cli.cmd_trust import add_passphrase_option

    add_passphrase_option(e)
    e.set_defaults(handler=cmd_export)

    v = osub.add_parser("verify", help="check the appraiser's signature of an exported opinion file")
    v.add_argument("file", type=Path)
    v.add_argument("--trusted", action="append", metavar="FINGERPRINT",
                   help="also trust this signer fingerprint (besides your trust store)")
    v.add_argument("--json", action="store_true", help="the verdict as JSON")
    v.epilog = "Exit status: 0 trusted signer; 1 not valid; 2 not signed / not found; 3 unknown signer."
    v.set_defaults(handler=cmd_verify)


def cmd_draft(args, ctx) -> int:
    from cim.appraisal.draft import draft_opinion
    from cim.checks.registry import context_registry
    from cim.package.checks import registry_runner
    from cim.package.verify import verify_package

    rerun = None if args.no_rerun else registry_runner(context_registry(ctx.extras))
    rep = verify_package(args.package, rerun=rerun, require_rerun=not args.no_rerun,
                         trusted=set(args.trusted) if args.trusted else None, feedback=feedback_for(args))
    op = draft_opinion(args.package, rep, office=args.office, parent_body=args.parent_body, number=args.number,
                       date=args.date, signer_name=args.signer_name)
    op.save(args.output)
    print(f"{args.output}: {len(op.findings)} finding(s), integration {op.overall * 100:.0f}% "
          f"({op.overall_level_vi} / {op.overall_level_en})")
    for f in op.findings:
        print(f"  {f.id} {f.rule:12s} {f.severity} {f.finding.message.vi} | {f.finding.message.en}")
    return EXIT_OK


def cmd_decide(args, ctx) -> int:
    from cim.appraisal.draft import refresh_conclusion
    from cim.appraisal.opinion import load_opinion

    op = load_opinion(args.opinion)
    f = op.decide(args.finding, "accepted" if args.decision == "accept" else "rejected", args.reason)
    if not args.keep_text:
        refresh_conclusion(op)
    op.save(args.opinion)
    print(f"{f.id} {f.rule}: {f.decision}" + (f" ({f.reason})" if f.reason else ""))
    return EXIT_OK


def cmd_export(args, ctx) -> int:
    from cim.appraisal.export import export_opinion
    from cim.appraisal.opinion import load_opinion
    from cim.cli.cmd_trust import passphrase

    op = load_opinion(args.opinion)
    what = str(args.p12) if args.p12 else f"signing key of {args.sign_as}"
    pw = passphrase(args, what) if (args.p12 or args.sign_as) else None
    for p in export_opinion(op, docx=args.docx, pdf=args.pdf, lang=args.lang, sign_as=args.sign_as,
                            key_dir=args.key_dir, passphrase=pw, p12=args.p12):
        print(p)
    return EXIT_OK


def cmd_verify(args, ctx) -> int:
    from cim.appraisal.signing import verify_signed_file
    from cim.cli.cmd_package import EXIT_UNKNOWN_SIGNER

    sig = verify_signed_file(args.file, trusted=set(args.trusted) if args.trusted else None)
    if args.json:
        print(json.dumps(sig, ensure_ascii=False, indent=1))
    print(signature_line(sig))
    return {"trusted": EXIT_OK, "unknown": EXIT_UNKNOWN_SIGNER}.get(sig["status"], EXIT_FINDINGS)


def signature_line(sig: dict) -> str:
    """One bilingual line: the verdict, the kind of signature, who signed (name, organisation), fingerprint."""
    who = ", ".join(x for x in (sig["signer"], sig["organisation"]) if x) or "?"
    fp = f" [{sig['fingerprint']}]" if sig["fingerprint"] else ""
    if sig["status"] == "trusted":
        return f"HỢP LỆ, người ký tin cậy / VALID, trusted signer ({sig['kind']}): {who}{fp}"
    if sig["status"] == "unknown":
        return (f"HỢP LỆ nhưng NGƯỜI KÝ CHƯA ĐƯỢC TIN CẬY / VALID but UNKNOWN SIGNER ({sig['kind']}): {who}{fp} "
                "— cimstudio trust add")
    return f"KHÔNG HỢP LỆ / INVALID ({sig['kind']}): {sig['reason_vi']} | {sig['reason_en']}"
