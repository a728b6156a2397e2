"""Signing identities: an X.509 certificate + private key from a PKCS#12 file (.p12/.pfx, the form
Vietnamese licensed CAs issue a *chữ ký số* in), besides the per-user Ed25519 key (:mod:`cim.package.keys`).

The manifest records the certificate chain (base64 DER, leaf first); ``signer.pub`` holds the same
chain as PEM. The signature over the manifest bytes is RSA PKCS#1 v1.5, ECDSA or Ed25519 with SHA-256.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from cim.errors import CimInputError


def cert_fingerprint(cert) -> str:
    from cryptography.hazmat.primitives import hashes

    return "SHA256:" + cert.fingerprint(hashes.SHA256()).hex()


def name_part(name, oid_name: str) -> str:
    from cryptography.x509.oid import NameOID

    attrs = name.get_attributes_for_oid(getattr(NameOID, oid_name))
    return str(attrs[0].value) if attrs else ""


@dataclass
class CertIdentity:
    user: str
    key: object
    cert: object
    chain: list
    path: Path

    algorithm = "X.509"

    @property
    def fingerprint(self) -> str:
        return cert_fingerprint(self.cert)

    def sign(self, data: bytes) -> bytes:
        return sign_with(self.key, data)

    def signer_entry(self) -> dict:
        from cryptography.hazmat.primitives import serialization as s

        ders = [c.public_bytes(s.Encoding.DER) for c in [self.cert, *self.chain]]
        return {"algorithm": "X.509", "fingerprint": self.fingerprint, "user": self.user,
                "name": name_part(self.cert.subject, "COMMON_NAME"),
                "organisation": name_part(self.cert.subject, "ORGANIZATION_NAME"),
                "serial": format(self.cert.serial_number, "X"),
                "chain": [base64.b64encode(d).decode("ascii") for d in ders]}

    def public_file(self) -> bytes:
        from cryptography.hazmat.primitives import serialization as s

        return b"".join(c.public_bytes(s.Encoding.PEM) for c in [self.cert, *self.chain])


def sign_with(key, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256()))
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(data)
    raise ValueError(f"unsupported key type {type(key).__name__}")


def verify_with(public_key, signature: bytes, data: bytes) -> None:
    """Raises ValueError when ``signature`` is not a signature of ``data`` by ``public_key``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, data)
        else:
            raise ValueError(f"unsupported key type {type(public_key).__name__}")
    except InvalidSignature:
        raise ValueError("the signature does not match the manifest") from None


def load_pkcs12(path: str | Path, passphrase: str | bytes | None, user: str | None = None) -> CertIdentity:
    """The certificate, key and chain of a .p12/.pfx file; a wrong passphrase is one clear error."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CimInputError(path, f"the certificate file cannot be read ({exc.strerror or exc})",
                            hint="check the path") from None
    pw = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, pw or None)
    except (ValueError, TypeError) as exc:
        msg = str(exc).lower()
        why = ("the passphrase is wrong" if "password" in msg or "mac" in msg or "decrypt" in msg
               else f"it is not a PKCS#12 certificate file ({exc})")
        raise CimInputError(path, why, hint="a .p12/.pfx file and the passphrase the CA gave you") from None
    if key is None or cert is None:
        raise CimInputError(path, "the PKCS#12 file holds no certificate with its private key",
                            hint="export the certificate together with its private key")
    return CertIdentity(user or name_part(cert.subject, "COMMON_NAME"), key, cert, list(extra or []), path)
