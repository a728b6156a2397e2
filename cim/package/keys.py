"""Per-user Ed25519 signing keys, kept outside any project.

The key pair lives in ``platformdirs.user_config_dir("cimstudio")/keys`` (override with the
``CIMSTUDIO_KEY_DIR`` environment variable or a ``key_dir`` argument): ``<user>.ed25519`` (PKCS#8 PEM,
mode 0600, folder 0700) and ``<user>.ed25519.pub``. The fingerprint is ``SHA256:`` and the hex digest
of the raw 32-byte public key; appraisers compare it with the one the consultant gave them.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cim.errors import CimInputError

KEY_DIR_ENV = "CIMSTUDIO_KEY_DIR"


def default_key_dir() -> Path:
    env = os.environ.get(KEY_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("cimstudio")) / "keys"


def fingerprint(public_raw: bytes) -> str:
    return "SHA256:" + hashlib.sha256(public_raw).hexdigest()


@dataclass
class SigningKey:
    user: str
    private: object            # cryptography Ed25519PrivateKey
    path: Path

    @property
    def public_raw(self) -> bytes:
        from cryptography.hazmat.primitives import serialization as s

        return self.private.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)

    @property
    def public_pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization as s

        return self.private.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_raw)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def _safe_user(user: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_.@-]", "_", user).strip(".") or "user"
    return name[:64]


def load_or_create_key(user: str, key_dir: str | Path | None = None) -> SigningKey:
    """The user's key pair, generated on first use."""
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder = Path(key_dir) if key_dir else default_key_dir()
    path = folder / f"{_safe_user(user)}.ed25519"
    if path.exists():
        if os.name == "posix" and path.stat().st_mode & 0o077:
            raise CimInputError(path, "the private signing key is readable by other users",
                                hint=f"run: chmod 600 {path}")
        try:
            key = s.load_pem_private_key(path.read_bytes(), password=None)
        except ValueError as exc:
            raise CimInputError(path, f"the signing key cannot be read ({exc})",
                                hint="restore it from your backup, or move it away to create a new one") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise CimInputError(path, "the signing key is not an Ed25519 key", hint="move it away to create a new one")
        return SigningKey(user, key, path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    signing = SigningKey(user, key, path)
    path.with_name(path.name + ".pub").write_bytes(signing.public_pem)
    return signing


def verify_signature(public_pem: bytes, signature: bytes, data: bytes) -> str:
    """Check ``signature`` over ``data``; return the key's fingerprint. Raises ValueError when invalid."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = s.load_pem_public_key(public_pem)
    except Exception as exc:   # ValueError, UnsupportedAlgorithm …
        raise ValueError(f"the public key cannot be read ({exc})") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the public key is not an Ed25519 key")
    if key.public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo) != public_pem:
        raise ValueError("the public key file was altered (not in the form CIM Studio writes)")
    try:
        key.verify(signature, data)
    except InvalidSignature:
        raise ValueError("the signature does not match the manifest") from None
    return fingerprint(key.public_bytes(s.Encoding.Raw, s.PublicFormat.Raw))


def encode_signature(sig: bytes) -> bytes:
    return base64.b64encode(sig) + b"\n"


def decode_signature(text: bytes) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except ValueError as exc:
        raise ValueError("the signature file is not base64") from exc
