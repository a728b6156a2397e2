"""Export an opinion: DOCX and/or PDF in Vietnamese (and English), each signed by the appraiser."""

from __future__ import annotations

from pathlib import Path


def export_opinion(op, *, docx: str | Path | None = None, pdf: str | Path | None = None, lang: str = "vi",
                   sign_as: str | None = None, key_dir: str | Path | None = None,
                   passphrase: str | None = None) -> list[Path]:
    """Write the requested files; with ``sign_as`` each gets a detached ``.sig`` by that user's key."""
    from cim.appraisal.signing import sign_file, signer_fingerprint
    from cim.errors import CimInputError

    if not docx and not pdf:
        raise CimInputError(None, "nothing to export", hint="give --docx and/or --pdf")
    key = signer_fingerprint(sign_as, key_dir) if sign_as else ""
    out: list[Path] = []
    if docx:
        from cim.appraisal.docx_out import write_docx

        out.append(write_docx(op, docx, lang, signer_key=key))
    if pdf:
        from cim.appraisal.render import write_pdf

        out.append(write_pdf(op, pdf, lang, signer_key=key))
    if sign_as:
        out += [sign_file(p, sign_as, key_dir, passphrase) for p in list(out)]
    return out
