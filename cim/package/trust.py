"""The appraiser's trust store and the verdict on who signed a package.

A folder in the user configuration (``platformdirs.user_config_dir("cimstudio")/trust``, or the
``CIMSTUDIO_TRUST_DIR`` environment variable)::

    ca/<fingerprint>.pem        CA certificates: every signer certificate they issue is trusted
    signers/<fingerprint>.pem   pinned signer certificates (trusted themselves, whoever issued them)
    keys/<fingerprint>.pub      pinned Ed25519 public keys (packages signed with ``cimstudio keys``)

Certificate paths, validity dates and key usage are checked by ``cryptography``'s X.509 verifier
(:mod:`cryptography.x509.verification`), never by hand. Verdicts: ``trusted`` (name, organisation,
serial, issuer), ``unknown`` (a good signature by a signer this store does not know — never a plain
pass) and ``invalid``.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from cim.errors import CimInputError
from cim.package.identity import cert_fingerprint, name_part

TRUST_DIR_ENV = "CIMSTUDIO_TRUST_DIR"
TRUSTED, UNKNOWN, INVALID = "trusted", "unknown", "invalid"
#: extended key usages a document signer may carry (when the certificate lists any)
SIGNING_EKUS = ("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.3", "1.3.6.1.5.5.7.3.36",
                "1.3.6.1.4.1.311.10.3.12", "2.5.29.37.0")


def default_trust_dir() -> Path:
    env = os.environ.get(TRUST_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("cimstudio")) / "trust"


@dataclass
class TrustEntry:
    kind: str                 # ca, signer, key
    fingerprint: str
    name: str = ""
    organisation: str = ""
    serial: str = ""
    issuer: str = ""
    not_after: str = ""
    path: Path | None = None

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["path"] = str(self.path) if self.path else None
        return d


@dataclass
class SignerInfo:
    status: str               # trusted, unknown, invalid
    algorithm: str = ""
    fingerprint: str = ""
    name: str = ""
    organisation: str = ""
    serial: str = ""
    issuer: str = ""
    not_after: str = ""
    via: str = ""             # ca, pinned, or ""
    reason_en: str = ""
    reason_vi: str = ""
    chain: list = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "chain"}

    def label(self, lang: str = "en") -> str:
        who = ", ".join(x for x in (self.name, self.organisation) if x) or self.fingerprint
        if self.status == TRUSTED:
            extra = f"; serial {self.serial}; issuer {self.issuer}" if self.serial else ""
            return (f"người ký tin cậy: {who}{extra}" if lang == "vi" else f"trusted signer: {who}{extra}")
        if self.status == UNKNOWN:
            return (f"NGƯỜI KÝ CHƯA ĐƯỢC TIN CẬY: {who} ({self.fingerprint})" if lang == "vi"
                    else f"UNKNOWN SIGNER: {who} ({self.fingerprint})")
        return self.reason_vi if lang == "vi" else self.reason_en


def _rfc4514(name) -> str:
    return name.rfc4514_string()


def _entry(kind: str, cert, path: Path | None = None) -> TrustEntry:
    return TrustEntry(kind, cert_fingerprint(cert), name_part(cert.subject, "COMMON_NAME"),
                      name_part(cert.subject, "ORGANIZATION_NAME"), format(cert.serial_number, "X"),
                      _rfc4514(cert.issuer), cert.not_valid_after_utc.strftime("%Y-%m-%d"), path)


def load_certificates(data: bytes) -> list:
    from cryptography import x509

    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def _is_ca(cert) -> bool:
    from cryptography import x509

    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


class TrustStore:
    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder else default_trust_dir()

    # ------------------------------------------------------------------ management
    def add_file(self, path: str | Path, kind: str | None = None) -> list[TrustEntry]:
        """Trust the certificate(s) or Ed25519 public key in ``path``: a CA certificate goes under ca/,
        a signer certificate under signers/, a public key under keys/ (``kind`` forces ca/signer)."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CimInputError(path, f"cannot be read ({exc.strerror or exc})", hint="check the path") from None
        if b"-----BEGIN PUBLIC KEY-----" in data:
            return [self.add_key(data, source=path)]
        try:
            certs = load_certificates(data)
        except ValueError as exc:
            raise CimInputError(path, f"not a certificate (PEM/DER) nor an Ed25519 public key ({exc})",
                                hint="give the CA's or the consultant's .pem/.cer/.crt file, or a .pub key") from None
        if not certs:
            raise CimInputError(path, "the file holds no certificate", hint="give a .pem/.cer/.crt file")
        return [self.add_cert(c, kind or ("ca" if _is_ca(c) else "signer")) for c in certs]

    def add_cert(self, cert, kind: str) -> TrustEntry:
        from cryptography.hazmat.primitives import serialization as s

        if kind not in ("ca", "signer"):
            raise ValueError(kind)
        fp = cert_fingerprint(cert)
        dest = self.folder / ("ca" if kind == "ca" else "signers") / f"{fp.split(':', 1)[1]}.pem"
        _write(dest, cert.public_bytes(s.Encoding.PEM))
        return _entry(kind, cert, dest)

    def add_key(self, public_pem: bytes, source=None) -> TrustEntry:
        from cim.package.keys import public_key_fingerprint

        try:
            fp = public_key_fingerprint(public_pem)
        except (ValueError, TypeError) as exc:
            raise CimInputError(source, f"not an Ed25519 public key ({exc})", hint="give the consultant's .pub file") from None
        dest = self.folder / "keys" / f"{fp.split(':', 1)[1]}.pub"
        _write(dest, public_pem)
        return TrustEntry("key", fp, path=dest)

    def entries(self) -> list[TrustEntry]:
        from cim.package.keys import public_key_fingerprint

        out = []
        for kind, sub in (("ca", "ca"), ("signer", "signers")):
            for p in sorted((self.folder / sub).glob("*.pem")):
                try:
                    out += [_entry(kind, c, p) for c in load_certificates(p.read_bytes())]
                except (OSError, ValueError):
                    continue
        for p in sorted((self.folder / "keys").glob("*.pub")):
            try:
                out.append(TrustEntry("key", public_key_fingerprint(p.read_bytes()), path=p))
            except (OSError, ValueError):
                continue
        return out

    def remove(self, fingerprint: str) -> list[TrustEntry]:
        """Remove every entry whose fingerprint starts with ``fingerprint`` (with or without SHA256:)."""
        want = fingerprint.lower().removeprefix("sha256:")
        if len(want) < 8:
            raise CimInputError(None, "give at least 8 hex digits of the fingerprint", hint="see: cimstudio trust list")
        gone = [e for e in self.entries() if e.fingerprint.lower().removeprefix("sha256:").startswith(want)]
        for e in gone:
            if e.path is not None:
                e.path.unlink(missing_ok=True)
        return gone

    def ca_certs(self) -> list:
        return self._certs("ca")

    def pinned_certs(self) -> list:
        return self._certs("signers")

    def _certs(self, subfolder: str) -> list:
        """The certificates of the readable ``*.pem`` files of a subfolder, in file-name order."""
        out = []
        for p in sorted((self.folder / subfolder).glob("*.pem")):
            try:
                out += load_certificates(p.read_bytes())
            except (OSError, ValueError):
                continue
        return out

    def pinned(self) -> set[str]:
        return {e.fingerprint for e in self.entries() if e.kind in ("signer", "key")}

    # ------------------------------------------------------------------ verdicts
    def evaluate_key(self, fingerprint: str, extra_pins: set[str] | None = None, user: str = "") -> SignerInfo:
        """An Ed25519 key whose signature was good: trusted when pinned, else unknown."""
        pins = self.pinned() | set(extra_pins or ())
        if fingerprint in pins:
            return SignerInfo(TRUSTED, "Ed25519", fingerprint, name=user, via="pinned")
        return SignerInfo(UNKNOWN, "Ed25519", fingerprint, name=user,
                          reason_en="the signing key is not in your trust store",
                          reason_vi="khóa ký chưa có trong kho tin cậy của bạn")

    def evaluate_chain(self, chain: list, extra_pins: set[str] | None = None,
                       at: _dt.datetime | None = None) -> SignerInfo:
        """A certificate chain (leaf first) whose leaf key made a good signature: checks dates and key
        usage, then builds a path to a trusted CA or finds the leaf pinned."""
        leaf = chain[0]
        info = SignerInfo(UNKNOWN, "X.509", cert_fingerprint(leaf), name_part(leaf.subject, "COMMON_NAME"),
                          name_part(leaf.subject, "ORGANIZATION_NAME"), format(leaf.serial_number, "X"),
                          _rfc4514(leaf.issuer), leaf.not_valid_after_utc.strftime("%Y-%m-%d"), chain=chain)
        at = at or _dt.datetime.now(_dt.UTC)
        problem = certificate_problem(chain, at)      # the certificate itself: dates, usage, its own chain
        if problem is not None:
            info.status = INVALID
            info.reason_en, info.reason_vi = problem
            return info
        cas = self.ca_certs()
        if cas and _verify(leaf, chain[1:], cas, at) is None:
            info.status, info.via = TRUSTED, "ca"
            return info
        if info.fingerprint in self.pinned() | set(extra_pins or ()):
            info.status, info.via = TRUSTED, "pinned"
            return info
        info.reason_en = "the certificate does not chain to a CA in your trust store and is not pinned"
        info.reason_vi = "chứng thư số không thuộc CA nào trong kho tin cậy và chưa được ghim"
        return info


def certificate_problem(chain: list, at: _dt.datetime | None = None) -> tuple[str, str] | None:
    """(en, vi) why the certificate (leaf first) cannot sign at ``at`` — expired, not yet valid, wrong key
    usage, a broken chain — checked against its own root (or itself); None when it can."""
    at = at or _dt.datetime.now(_dt.UTC)
    leaf = chain[0]
    roots = [c for c in chain[1:] if c.issuer == c.subject] or [leaf]
    err = _verify(leaf, list(chain[1:]), roots, at)
    return None if err is None else _explain(err, leaf, at)


def _write(dest: Path, data: bytes) -> None:
    from cim.io.atomic import atomic_write_bytes

    atomic_write_bytes(dest, data, mkdir=True)


def _key_usage(policy, cert, ku) -> None:
    if ku is None or not (ku.digital_signature or ku.content_commitment):
        raise ValueError("WRONG_USAGE: the key usage does not allow signing documents")


def _ext_key_usage(policy, cert, eku) -> None:
    if eku is not None and not {o.dotted_string for o in eku} & set(SIGNING_EKUS):
        raise ValueError("WRONG_USAGE: the extended key usage does not allow signing documents")


def _not_ca(policy, cert, bc) -> None:
    if bc is not None and bc.ca:
        raise ValueError("WRONG_USAGE: a CA certificate cannot sign packages")


def _verify(leaf, intermediates: list, anchors: list, at) -> str | None:
    """None when ``cryptography``'s verifier builds a valid path from ``leaf`` to one of ``anchors``."""
    from cryptography import x509
    from cryptography.x509.verification import (
        Criticality,
        ExtensionPolicy,
        PolicyBuilder,
        Store,
        VerificationError,
    )

    ee = (ExtensionPolicy.permit_all()
          .require_present(x509.KeyUsage, Criticality.AGNOSTIC, _key_usage)
          .may_be_present(x509.ExtendedKeyUsage, Criticality.AGNOSTIC, _ext_key_usage)
          .may_be_present(x509.BasicConstraints, Criticality.AGNOSTIC, _not_ca))
    verifier = (PolicyBuilder().store(Store(anchors)).time(at).max_chain_depth(8)
                .extension_policies(ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=ee)
                .build_client_verifier())
    try:
        verifier.verify(leaf, intermediates)
    except VerificationError as exc:
        return str(exc)
    return None


def _explain(err: str, leaf, at) -> tuple[str, str]:
    if "not valid at validation time" in err:
        if at > leaf.not_valid_after_utc:
            d = leaf.not_valid_after_utc.strftime("%Y-%m-%d")
            return (f"the signer's certificate expired on {d}", f"chứng thư số của người ký đã hết hạn ngày {d}")
        return ("the signer's certificate (or one of its CAs) is not valid at this date",
                "chứng thư số của người ký (hoặc CA cấp) chưa có hiệu lực hoặc đã hết hạn")
    if "WRONG_USAGE" in err:
        why = err.split("WRONG_USAGE:", 1)[1].split("(encountered", 1)[0].strip()
        return (f"the signer's certificate may not be used to sign: {why}",
                "chứng thư số của người ký không được phép dùng để ký văn bản (sai mục đích sử dụng khóa)")
    return (f"the signer's certificate chain is not valid ({err[:200]})",
            "chuỗi chứng thư số của người ký không hợp lệ")


def chain_from_manifest(signer: dict) -> list:
    from cryptography import x509

    return [x509.load_der_x509_certificate(base64.b64decode(d, validate=True)) for d in signer.get("chain") or []]


def fingerprint_of_file(data: bytes) -> str:
    return "SHA256:" + hashlib.sha256(data).hexdigest()
