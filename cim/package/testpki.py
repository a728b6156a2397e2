"""A throwaway PKI for tests, benchmarks and demos: a CA, signer certificates (good, expired, wrong
key usage) and PKCS#12 files, generated fresh each time — no private key is ever committed.

Not for production: a real consultant signs with a certificate from a licensed CA (chữ ký số).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Issued:
    cert: object
    key: object
    chain: list

    def pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization as s

        return self.cert.public_bytes(s.Encoding.PEM)

    def write_p12(self, path: Path, passphrase: str, name: str = "signer") -> Path:
        from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

        path.write_bytes(pkcs12.serialize_key_and_certificates(
            name.encode(), self.key, self.cert, self.chain or None, BestAvailableEncryption(passphrase.encode())))
        return path


def _name(cn: str, org: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _key():
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())


def make_ca(cn: str = "CA Thử nghiệm CIM Studio", org: str = "Tổ chức chứng thực thử nghiệm") -> Issued:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    key = _key()
    now = _dt.datetime.now(_dt.UTC)
    name = _name(cn, org)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _dt.timedelta(days=30)).not_valid_after(now + _dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return Issued(cert, key, [])


def issue(ca: Issued, cn: str, org: str, *, days: tuple[int, int] = (-1, 365), signing: bool = True,
          eku: str | None = "client") -> Issued:
    """A signer certificate from ``ca``. ``days`` = validity (from, to) relative to now; ``signing=False``
    gives a key-encipherment-only certificate (wrong key usage)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID

    key = _key()
    now = _dt.datetime.now(_dt.UTC)
    b = (x509.CertificateBuilder().subject_name(_name(cn, org)).issuer_name(ca.cert.subject)
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(now + _dt.timedelta(days=days[0])).not_valid_after(now + _dt.timedelta(days=days[1]))
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
         .add_extension(x509.KeyUsage(digital_signature=signing, content_commitment=signing,
                                      key_encipherment=not signing, data_encipherment=False, key_agreement=False,
                                      key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
                        critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False))
    if eku == "client":
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH,
                                                   ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    elif eku == "server":
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    return Issued(b.sign(ca.key, hashes.SHA256()), key, [ca.cert])
