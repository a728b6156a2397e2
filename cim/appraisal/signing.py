"""The appraiser's signature over the exported opinion (DOCX, PDF): a detached Ed25519 signature with
the same per-user key as the appraisal package (:mod:`cim.package.keys`), written beside the file as
``<file>.sig`` (JSON: SHA-256, signature, public key, fingerprint, signer, time).

The X.509/PKCS#12 and PAdES (signature inside the PDF) work is on another branch; until it lands the
opinion is signed this way, and :func:`verify_signed_file` checks it."""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
from pathlib import Path

from cim.errors import CimInputError

FORMAT = "cimstudio-detached-signature"


def sign_file(path: str | Path, user: str, key_dir: str | Path | None = None, passphrase: str | None = None) -> Path:
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


def verify_signed_file(path: str | Path, *, trusted: set[str] | None = None) -> dict:
    """The signature record when ``path`` matches its ``.sig``; raises :class:`CimInputError` otherwise."""
    from cim.package.keys import verify_signature

    path = Path(path)
    sig_path = path.with_name(path.name + ".sig")
    if not path.is_file():
        raise CimInputError(path, "file not found")
    if not sig_path.is_file():
        raise CimInputError(path, "the file is not signed (no .sig beside it)", hint="sign it with --sign")
    try:
        sig = json.loads(sig_path.read_text(encoding="utf-8"))
        assert sig.get("format") == FORMAT
        raw = base64.b64decode(sig["signature"], validate=True)
    except (ValueError, KeyError, AssertionError, TypeError):
        raise CimInputError(sig_path, "not a CIM Studio signature file") from None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sig.get("sha256"):
        raise CimInputError(path, "the file was changed after it was signed (SHA-256 differs)",
                            hint="ask the appraiser for the signed original")
    try:
        fp = verify_signature(sig["public_key"].encode("ascii"), raw, data)
    except ValueError as exc:
        raise CimInputError(path, f"the signature is not valid: {exc}") from None
    if fp != sig.get("fingerprint"):
        raise CimInputError(sig_path, "the signature names another key than the one it carries")
    if trusted is not None and fp not in trusted:
        raise CimInputError(path, f"signed by an unknown key {fp}", hint="compare the fingerprint with the appraiser's")
    return sig
