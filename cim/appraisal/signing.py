"""The appraiser's signature over the exported opinion, made the way the consultant signs the package.

- **X.509 (PKCS#12, the *chữ ký số* of a licensed CA)** — the PDF gets a PAdES signature inside it
  (:func:`cim.package.pades.sign_pdf`, the package's own signing function), so Adobe/Foxit readers show
  who signed; the DOCX gets a detached CMS/PKCS#7 signature beside it, ``<file>.p7s`` (DER, made by
  ``cryptography``'s pkcs7 serializer, checked by pyHanko's CMS validator).
- **Ed25519** (``cimstudio keys``, kept because packages may still be signed with it) — a detached
  ``<file>.sig`` (JSON: SHA-256, signature, public key, fingerprint, signer, time).

:func:`verify_signed_file` gives the trust store's verdict on either — ``trusted``, ``unknown``
(a good signature by a signer the store does not know) or ``invalid`` — with the signer's name and
organisation, by the same rules as a package's signer (:mod:`cim.package.trust`).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
from pathlib import Path

from cim.errors import CimInputError

FORMAT = "cimstudio-detached-signature"
CMS_SUFFIX = ".p7s"


# ---------------------------------------------------------------------------------------------- signing
def x509_identity(p12: str | Path, passphrase: str | None):
    """The PKCS#12 identity, refused when it cannot sign now (expired, wrong key usage) — as for packages."""
    from cim.package.build import PackageOptions, signing_identity

    return signing_identity(PackageOptions(pkcs12=Path(p12), passphrase=passphrase), "")


def sign_pdf_x509(path: str | Path, p12: str | Path, passphrase: str | None, *, reason: str = "",
                  location: str = "") -> Path:
    """Replace ``path`` by the same PDF with the appraiser's PAdES signature."""
    from cim.package.pades import sign_pdf

    path = Path(path)
    tmp = path.with_name(path.name + ".signing")
    try:
        sign_pdf(path, tmp, Path(p12), passphrase, reason=reason, location=location)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def sign_cms_detached(path: str | Path, ident) -> Path:
    """Write ``<path>.p7s``: a detached CMS/PKCS#7 signature (DER) of the file by ``ident``
    (a :class:`cim.package.identity.CertIdentity`), carrying its certificate chain."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7

    path = Path(path)
    builder = pkcs7.PKCS7SignatureBuilder().set_data(path.read_bytes()).add_signer(ident.cert, ident.key, hashes.SHA256())
    for c in ident.chain:
        builder = builder.add_certificate(c)
    try:
        der = builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])
    except (TypeError, ValueError) as exc:
        raise CimInputError(ident.path, f"this certificate's key cannot make a CMS signature ({exc})",
                            hint="use an RSA or EC certificate") from None
    out = path.with_name(path.name + CMS_SUFFIX)
    out.write_bytes(der)
    return out


def sign_file(path: str | Path, user: str, key_dir: str | Path | None = None, passphrase: str | None = None) -> Path:
    """The Ed25519 detached ``.sig`` by ``user``'s key (for appraisers without a PKCS#12 certificate)."""
    from cim.package.keys import load_key

    path = Path(path)
    key = load_key(user, passphrase, key_dir)      # encrypted at rest; never created here
    data = path.read_bytes()
    sig = {"format": FORMAT, "version": 1, "file": path.name, "size": len(data),
           "sha256": hashlib.sha256(data).hexdigest(), "algorithm": "Ed25519",
           "signature": base64.b64encode(key.sign(data)).decode("ascii"),
           "public_key": key.public_pem.decode("ascii"), "fingerprint": key.fingerprint, "signer": user,
           "signed": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    out = path.with_name(path.name + ".sig")
    out.write_text(json.dumps(sig, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def signer_fingerprint(user: str, key_dir: str | Path | None = None) -> str:
    from cim.package.keys import key_path, public_key_fingerprint

    pub = key_path(user, key_dir).with_suffix(".ed25519.pub")
    if not pub.is_file():
        raise CimInputError(pub, f"no signing key for user {user!r}", hint="create it once with: cimstudio keys create")
    return public_key_fingerprint(pub.read_bytes())


# ---------------------------------------------------------------------------------------------- verifying
def verify_signed_file(path: str | Path, *, trusted: set[str] | None = None, store=None) -> dict:
    """The appraiser's signature of ``path``: ``{"file", "kind" (PAdES / CMS / Ed25519), "status"
    (trusted / unknown / invalid), "signer", "organisation", "fingerprint", "reason_en", "reason_vi", …}``.
    ``trusted`` adds pinned fingerprints to ``store`` (default: the user's trust store). Raises
    :class:`CimInputError` when the file is missing or carries no signature at all."""
    from cim.package.trust import TrustStore

    path = Path(path)
    if not path.is_file():
        raise CimInputError(path, "file not found", hint="check the path")
    store = store if store is not None else TrustStore()
    if path.suffix.lower() == ".pdf" and b"/ByteRange" in path.read_bytes():
        return _verify_pdf(path, store, trusted)
    cms = path.with_name(path.name + CMS_SUFFIX)
    if cms.is_file():
        return _verify_cms(path, cms, store, trusted)
    if path.with_name(path.name + ".sig").is_file():
        return _verify_ed25519(path, store, trusted)
    raise CimInputError(path, "the file is not signed (no PAdES signature, no .p7s or .sig beside it)",
                        hint="export it with --p12 (or --sign-as)")


def _record(path: Path, kind: str, info) -> dict:
    return {"file": str(path), "kind": kind, "status": info.status, "signer": info.name,
            "organisation": info.organisation, "fingerprint": info.fingerprint, "serial": info.serial,
            "issuer": info.issuer, "via": info.via, "reason_en": info.reason_en, "reason_vi": info.reason_vi}


def _invalid(path: Path, kind: str, en: str, vi: str, name: str = "") -> dict:
    from cim.package.trust import INVALID, SignerInfo

    return _record(path, kind, SignerInfo(INVALID, name=name, reason_en=en, reason_vi=vi))


def _verify_pdf(path: Path, store, trusted) -> dict:
    from cim.package.pades import validate_pdf

    results = validate_pdf(path.read_bytes(), path.name)
    if not results:
        return _invalid(path, "PAdES", "the PDF signature cannot be read", "không đọc được chữ ký số trong PDF")
    for r in results:           # every signature must be good; the verdict is the first signer's
        if not r.ok or not r.chain:
            return _invalid(path, "PAdES", f"PDF signature not valid: {r.problem or 'no certificate'}",
                            f"chữ ký số PDF không hợp lệ: {r.problem or 'không có chứng thư số'}", r.signer)
    return _record(path, "PAdES", store.evaluate_chain(results[0].chain, trusted))


def _verify_cms(path: Path, cms_path: Path, store, trusted) -> dict:
    import asyncio

    from asn1crypto import cms
    from cryptography import x509
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    from cim.package.pades import _quiet_pyhanko

    try:
        info = cms.ContentInfo.load(cms_path.read_bytes())
        signed = info["content"]
        certs = [x509.load_der_x509_certificate(c.chosen.dump()) for c in signed["certificates"]]
        with _quiet_pyhanko():
            # integrity and signature only: the trust verdict is the trust store's (below), not pyHanko's
            vc = ValidationContext(trust_roots=[], allow_fetching=False, revocation_mode="soft-fail")
            st = asyncio.run(async_validate_detached_cms(path.read_bytes(), signed, signer_validation_context=vc))
    except Exception as exc:       # asn1crypto/pyhanko raise many types on a damaged signature file
        return _invalid(path, "CMS", f"not a readable CMS signature ({str(exc)[:120]})",
                        "tệp chữ ký CMS không đọc được")
    if not (st.intact and st.valid):
        return _invalid(path, "CMS", "the file was changed after it was signed (the CMS signature does not match)",
                        "tệp đã bị thay đổi sau khi ký (chữ ký CMS không khớp)")
    leaf = x509.load_der_x509_certificate(st.signing_cert.dump())
    chain = [leaf, *[c for c in certs if c != leaf]]
    return _record(path, "CMS", store.evaluate_chain(chain, trusted))


def _verify_ed25519(path: Path, store, trusted) -> dict:
    from cim.package.keys import verify_signature

    sig_path = path.with_name(path.name + ".sig")
    try:
        sig = json.loads(sig_path.read_text(encoding="utf-8"))
        assert sig.get("format") == FORMAT
        raw = base64.b64decode(sig["signature"], validate=True)
    except (ValueError, KeyError, AssertionError, TypeError):
        return _invalid(path, "Ed25519", "not a CIM Studio signature file (.sig)", "tệp .sig không phải chữ ký CIM Studio")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sig.get("sha256"):
        return _invalid(path, "Ed25519", "the file was changed after it was signed (SHA-256 differs)",
                        "tệp đã bị thay đổi sau khi ký (SHA-256 khác)")
    try:
        fp = verify_signature(sig["public_key"].encode("ascii"), raw, data)
    except (ValueError, KeyError, AttributeError) as exc:
        return _invalid(path, "Ed25519", f"the signature is not valid: {exc}", "chữ ký số không hợp lệ")
    if fp != sig.get("fingerprint"):
        return _invalid(path, "Ed25519", "the signature names another key than the one it carries",
                        "chữ ký ghi một khóa khác với khóa nó mang theo")
    rec = _record(path, "Ed25519", store.evaluate_key(fp, trusted, str(sig.get("signer", ""))))
    rec["signed"] = sig.get("signed", "")
    return rec
