"""Per-user Ed25519 signing keys, kept outside any project and encrypted at rest.

The key pair lives in ``platformdirs.user_config_dir("cimstudio")/keys`` (override with the
``CIMSTUDIO_KEY_DIR`` environment variable or a ``key_dir`` argument): ``<name>.ed25519`` (PKCS#8 PEM
encrypted with the user's passphrase — ``BestAvailableEncryption``, never a plain key file; mode 0600,
folder 0700) and ``<name>.ed25519.pub``. ``<name>`` is the user name folded to ASCII plus a hash of the
exact name, so "Nguyễn Văn An" and "Nguyễn Văn Ân" never share a key file.

A key is created only on request (:func:`create_key`, ``cimstudio keys create``); a missing key is an
error, never silently replaced (a new key would make every appraiser's trust in the old one useless).
The fingerprint is ``SHA256:`` and the hex digest of the raw 32-byte public key; appraisers compare it
with the one the consultant gave them (``cimstudio trust add``).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cim.errors import CimInputError

KEY_DIR_ENV = "CIMSTUDIO_KEY_DIR"
MIN_PASSPHRASE = 8


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

    algorithm = "Ed25519"

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

    def signer_entry(self) -> dict:
        return {"algorithm": "Ed25519", "fingerprint": self.fingerprint, "user": self.user}

    def public_file(self) -> bytes:
        return self.public_pem


def key_name(user: str) -> str:
    """A file name for ``user``: readable ASCII plus 10 hex digits of the SHA-256 of the exact name
    (NFC), so different Vietnamese names never collide after the diacritics are folded."""
    exact = unicodedata.normalize("NFC", str(user))
    folded = unicodedata.normalize("NFKD", exact.replace("đ", "d").replace("Đ", "D"))
    ascii_ = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9_.@-]+", "_", ascii_).strip("._") or "user"
    return f"{slug[:48]}-{hashlib.sha256(exact.encode('utf-8')).hexdigest()[:10]}"


def key_path(user: str, key_dir: str | Path | None = None) -> Path:
    return (Path(key_dir) if key_dir else default_key_dir()) / f"{key_name(user)}.ed25519"


def _check_passphrase(passphrase: str | bytes | None, path: Path) -> bytes:
    if passphrase is None or passphrase == "" or passphrase == b"":
        raise CimInputError(path, "a passphrase is needed for the signing key",
                            hint="type it when asked, or name an environment variable with --passphrase-env")
    return passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase


def create_key(user: str, passphrase: str | bytes, key_dir: str | Path | None = None) -> SigningKey:
    """Create ``user``'s key pair, encrypted with ``passphrase``. Refuses to replace an existing key."""
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_path(user, key_dir)
    pw = _check_passphrase(passphrase, path)
    if len(pw) < MIN_PASSPHRASE:
        raise CimInputError(path, f"the passphrase is too short (at least {MIN_PASSPHRASE} characters)",
                            hint="choose a longer passphrase")
    if path.exists():
        raise CimInputError(path, "a signing key for this user already exists; it is never replaced",
                            hint="use it, or move it away yourself if you really mean to start over "
                                 "(appraisers will have to trust the new key)")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.BestAvailableEncryption(pw))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    signing = SigningKey(user, key, path)
    path.with_name(path.name + ".pub").write_bytes(signing.public_pem)
    return signing


def load_key(user: str, passphrase: str | bytes | None, key_dir: str | Path | None = None) -> SigningKey:
    """``user``'s existing key, decrypted with ``passphrase``. A missing key is an error."""
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_path(user, key_dir)
    if not path.exists():
        raise CimInputError(path, f"no signing key for user {user!r}",
                            hint="create one once with: cimstudio keys create --user NAME (or sign with --p12)")
    if os.name == "posix" and path.stat().st_mode & 0o077:
        raise CimInputError(path, "the private signing key is readable by other users",
                            hint=f"run: chmod 600 {path}")
    data = path.read_bytes()
    if b"ENCRYPTED" not in data:
        raise CimInputError(path, "the signing key is stored without a passphrase (refused: keys must be "
                                  "encrypted at rest)",
                            hint="create a protected key with: cimstudio keys create (after moving this one away)")
    pw = _check_passphrase(passphrase, path)
    try:
        key = s.load_pem_private_key(data, password=pw)
    except (ValueError, TypeError) as exc:
        wrong = "bad decrypt" in str(exc).lower() or "incorrect password" in str(exc).lower()
        raise CimInputError(path, "the passphrase is wrong" if wrong else f"the signing key cannot be read ({exc})",
                            hint="type the passphrase you chose when the key was created") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CimInputError(path, "the signing key is not an Ed25519 key", hint="create one with cimstudio keys create")
    return SigningKey(user, key, path)


def public_key_fingerprint(public_pem: bytes) -> str:
    """Fingerprint of an Ed25519 public key in PEM (a consultant's ``.pub`` file)."""
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = s.load_pem_public_key(public_pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return fingerprint(key.public_bytes(s.Encoding.Raw, s.PublicFormat.Raw))


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
