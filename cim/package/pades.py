"""PAdES signatures of the PDF appraisal report (pyHanko): signed with the consultant's PKCS#12
certificate so that Adobe/Foxit readers show who signed it, and validated by ``cimstudio verify``.

An Ed25519 key has no certificate, so a PDF signature needs the X.509 identity (``--p12``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from dataclasses import field as _field
from pathlib import Path

from cim.errors import CimInputError

FIELD = "CIMStudioSignature"


@dataclass
class PdfSignature:
    name: str                  # the PDF (entry name or file)
    field: str = ""
    intact: bool = False       # the signed bytes are unchanged
    valid: bool = False        # the cryptographic signature is good
    covers_all: bool = False   # nothing was added after signing
    trusted: bool = False      # the signing certificate chains to the trust store (pyhanko-certvalidator)
    signer: str = ""
    serial: str = ""
    problem: str = ""
    chain: list = _field(default_factory=list, repr=False)   # cryptography certificates, signer first

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.covers_all

    def to_dict(self) -> dict:
        return {**{k: v for k, v in self.__dict__.items() if k != "chain"}, "ok": self.ok}


def sign_pdf(src: Path, dst: Path, p12: Path, passphrase: str | bytes | None, *, reason: str = "",
             location: str = "") -> Path:
    """Write ``dst``: ``src`` with a PAdES signature by the PKCS#12 identity."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    pw = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=pw)
    if signer is None:
        raise CimInputError(p12, "the certificate file cannot be used to sign the PDF report",
                            hint="check the passphrase")
    meta = signers.PdfSignatureMetadata(field_name=FIELD, reason=reason or None, location=location or None,
                                        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
    with open(src, "rb") as fh:
        writer = IncrementalPdfFileWriter(fh, strict=False)
        buf = io.BytesIO()
        signers.sign_pdf(writer, meta, signer=signer, output=buf)
    dst.write_bytes(buf.getvalue())
    return dst


def validate_pdf(data: bytes, name: str, *, trust_roots: list = ()) -> list[PdfSignature]:
    """Every signature of the PDF ``data``, validated by pyHanko against ``trust_roots`` (cryptography
    certificates). A PDF that cannot be parsed gives one failed entry."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization as s
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(c.public_bytes(s.Encoding.DER)) for c in trust_roots]
    vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    with _quiet_pyhanko():
        return _validate(data, name, vc, PdfFileReader, validate_pdf_signature, SignatureCoverageLevel)


def _quiet_pyhanko():
    """pyHanko logs an untrusted path with a traceback; our report says it in one line instead."""
    import contextlib
    import logging

    @contextlib.contextmanager
    def quiet():
        log = logging.getLogger("pyhanko")
        old = log.level
        log.setLevel(logging.CRITICAL)
        try:
            yield
        finally:
            log.setLevel(old)
    return quiet()


def _validate(data, name, vc, PdfFileReader, validate_pdf_signature, SignatureCoverageLevel):  # noqa: N803
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except Exception as exc:  # pyhanko raises several types on a broken PDF
        return [PdfSignature(name, problem=f"the PDF cannot be read ({exc})")]
    out = []
    for sig in sigs:
        res = PdfSignature(name, field=sig.field_name)
        try:
            st = validate_pdf_signature(sig, vc)
        except Exception as exc:
            res.problem = f"the signature cannot be validated ({exc})"
            out.append(res)
            continue
        res.intact, res.valid, res.trusted = bool(st.intact), bool(st.valid), bool(st.trusted)
        res.covers_all = st.coverage == SignatureCoverageLevel.ENTIRE_FILE
        cert = st.signing_cert
        res.signer = cert.subject.human_friendly if cert is not None else ""
        res.serial = format(cert.serial_number, "X") if cert is not None else ""
        res.chain = _chain(sig)
        if not res.ok:
            res.problem = ("the PDF was changed after it was signed" if not res.intact or not res.covers_all
                           else "the signature is not valid")
        out.append(res)
    return out


def _chain(sig) -> list:
    """The signer's certificate and the other certificates embedded in the signature (cryptography)."""
    from cryptography import x509

    try:
        return [x509.load_der_x509_certificate(c.dump()) for c in [sig.signer_cert, *sig.other_embedded_certs]]
    except (ValueError, TypeError):
        return []


def signer_verdicts(results: list[PdfSignature], store) -> list:
    """The trust store's verdict (:class:`~cim.package.trust.SignerInfo`: trusted / unknown / invalid) on
    each signature — the same rules (dates, key usage, CA path or pin) as for a package's signer."""
    from cim.package.trust import INVALID, SignerInfo

    out = []
    for r in results:
        if not r.ok or not r.chain:
            out.append(SignerInfo(INVALID, "X.509", name=r.signer, reason_en=r.problem or "no signer certificate",
                                  reason_vi="chữ ký số không hợp lệ: " + (r.problem or "không có chứng thư số")))
        else:
            out.append(store.evaluate_chain(r.chain))
    return out


def check_package_pdfs(pkg: Path, manifest: dict, rep, store) -> None:
    """Validate the PAdES signature of every PDF the manifest says was signed (and report any other
    signed PDF of the package); findings go to ``rep`` (a VerifyReport)."""
    import zipfile

    signed = list(manifest.get("signed_pdfs") or [])
    pdfs = [f["path"] for f in manifest["files"] if f["path"].lower().endswith(".pdf")]
    if not pdfs:
        return
    roots = store.ca_certs() + store.pinned_certs()
    with zipfile.ZipFile(pkg) as zf:
        for name in pdfs:
            data = zf.read(name)
            if name not in signed and b"/ByteRange" not in data:     # no signature at all: nothing to validate
                continue
            results = validate_pdf(data, name, trust_roots=roots)
            rep.pdf_signatures += results
            if name in signed and not results:
                rep.fail("pdf", "the PDF report was signed but carries no signature now",
                         "báo cáo PDF đã được ký nhưng nay không còn chữ ký", name)
            for r in results:
                if not r.ok:
                    rep.fail("pdf", f"PDF signature not valid: {r.problem}",
                             f"chữ ký số trên PDF không hợp lệ: {r.problem}", name)
                else:
                    trust_en = "trusted signer" if r.trusted else "signer not in your trust store"
                    trust_vi = "người ký tin cậy" if r.trusted else "người ký chưa có trong kho tin cậy"
                    rep.good("pdf", f"PDF signature (PAdES) valid, covers the whole file: {r.signer} ({trust_en})",
                             f"chữ ký số PDF (PAdES) hợp lệ, bao trùm toàn bộ tệp: {r.signer} ({trust_vi})", name)
