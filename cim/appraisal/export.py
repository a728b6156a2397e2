"""Export an opinion: DOCX and/or PDF in Vietnamese (and English), each signed by the appraiser — the one
place to switch how the opinion is signed.

With ``p12`` (the appraiser's PKCS#12 certificate, as the consultant signs the package): the PDF gets a
PAdES signature inside it, the DOCX a detached CMS signature ``<file>.docx.p7s``. With ``sign_as`` (an
Ed25519 key from ``cimstudio keys``): a detached ``<file>.sig`` beside each file.
"""

from __future__ import annotations

from pathlib import Path


def export_opinion(op, *, docx: str | Path | None = None, pdf: str | Path | None = None, lang: str = "vi",
                   sign_as: str | None = None, key_dir: str | Path | None = None,
                   passphrase: str | None = None, p12: str | Path | None = None) -> list[Path]:
    """Write the requested files, signed with ``p12`` (X.509) or ``sign_as`` (Ed25519); returns the
    written files followed by the detached signature files."""
    from cim.appraisal import signing
    from cim.errors import CimInputError

    if not docx and not pdf:
        raise CimInputError(None, "nothing to export", hint="give --docx and/or --pdf")
    if p12 and sign_as:
        raise CimInputError(None, "sign with either a certificate (--p12) or a key (--sign-as), not both")
    ident = signing.x509_identity(p12, passphrase) if p12 else None     # refused before anything is written
    key = ident.fingerprint if ident else (signing.signer_fingerprint(sign_as, key_dir) if sign_as else "")
    entry = ident.signer_entry() if ident else {}
    who = ", ".join(x for x in (entry.get("name"), entry.get("organisation")) if x)
    label = f"{who} — {key}" if who else key
    out: list[Path] = []
    if docx:
        from cim.appraisal.docx_out import write_docx

        out.append(write_docx(op, docx, lang, signer_key=label))
    if pdf:
        from cim.appraisal.render import write_pdf

        out.append(write_pdf(op, pdf, lang, signer_key=label))
    if ident is not None:
        sigs = []
        for p in out:
            if p.suffix.lower() == ".pdf":
                signing.sign_pdf_x509(p, p12, passphrase, reason=f"Ý kiến thẩm định {op.number}".strip(),
                                      location=op.place)
            else:
                sigs.append(signing.sign_cms_detached(p, ident))
        return out + sigs
    if sign_as:
        out += [signing.sign_file(p, sign_as, key_dir, passphrase) for p in list(out)]
    return out
