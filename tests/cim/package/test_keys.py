"""Signing keys are per user, created only on request, encrypted at rest with a passphrase, private
(0600) and kept outside the project; a missing key is never silently regenerated (issue 15)."""

import os
import stat

import pytest

from cim.errors import CimInputError
from cim.package.keys import (
    KEY_DIR_ENV,
    create_key,
    default_key_dir,
    key_name,
    key_path,
    load_key,
    verify_signature,
)

PW = "mật khẩu dài đủ"


def test_a_key_is_created_once_encrypted_with_owner_only_permissions_and_then_loaded(tmp_path):
    k1 = create_key("tu_van", PW, tmp_path / "keys")
    k2 = load_key("tu_van", PW, tmp_path / "keys")
    assert k1.fingerprint == k2.fingerprint
    assert stat.S_IMODE(k1.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(k1.path.parent.stat().st_mode) == 0o700
    pem = k1.path.read_bytes()
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in pem and b"BEGIN PRIVATE KEY" not in pem
    assert create_key("nguoi_khac", PW, tmp_path / "keys").fingerprint != k1.fingerprint
    assert verify_signature(k1.public_pem, k1.sign(b"ban ke khai"), b"ban ke khai") == k1.fingerprint
    with pytest.raises(ValueError, match="does not match"):
        verify_signature(k1.public_pem, k1.sign(b"ban ke khai"), b"ban ke khai!")


def test_a_missing_key_is_an_error_never_silently_regenerated(tmp_path):
    k = create_key("tu_van", PW, tmp_path / "keys")
    k.path.unlink()
    with pytest.raises(CimInputError, match="no signing key"):
        load_key("tu_van", PW, tmp_path / "keys")
    assert not k.path.exists()
    create_key("tu_van", PW, tmp_path / "keys")
    with pytest.raises(CimInputError, match="never replaced"):
        create_key("tu_van", PW, tmp_path / "keys")


def test_a_wrong_or_missing_passphrase_is_one_clear_error(tmp_path):
    create_key("tu_van", PW, tmp_path / "keys")
    with pytest.raises(CimInputError, match="passphrase is wrong"):
        load_key("tu_van", "sai mật khẩu", tmp_path / "keys")
    with pytest.raises(CimInputError, match="passphrase is needed"):
        load_key("tu_van", None, tmp_path / "keys")
    with pytest.raises(CimInputError, match="too short"):
        create_key("khac", "ngan", tmp_path / "keys")


def test_a_plain_unencrypted_key_file_is_refused(tmp_path):
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_path("cu", tmp_path / "keys")
    path.parent.mkdir(parents=True)
    path.write_bytes(Ed25519PrivateKey.generate().private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8,
                                                                 s.NoEncryption()))
    os.chmod(path, 0o600)
    with pytest.raises(CimInputError, match="without a passphrase"):
        load_key("cu", PW, tmp_path / "keys")


def test_different_vietnamese_names_never_share_a_key_file(tmp_path):
    names = ["Nguyễn Văn An", "Nguyễn Văn Ân", "Nguyễn Văn Ấn", "Nguyen Van An", "Trần Thị Bình", "Trần Thị Bính",
             "Đỗ Đức", "Do Duc", "nguyễn văn an"]
    files = {key_name(n) for n in names}
    assert len(files) == len(names)
    assert all(f.isascii() and "/" not in f for f in files)
    assert key_name("Nguyễn Văn An").startswith("Nguyen_Van_An-")
    assert key_name("Nguyễn Văn An") == key_name("Nguye\u0302\u0303n Văn An")   # NFD and NFC: the same person
    a = create_key("Nguyễn Văn An", PW, tmp_path / "k")
    b = create_key("Nguyễn Văn Ân", PW, tmp_path / "k")
    assert a.path != b.path and a.fingerprint != b.fingerprint


def test_the_key_folder_follows_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_DIR_ENV, str(tmp_path / "k"))
    assert default_key_dir() == tmp_path / "k"
    monkeypatch.delenv(KEY_DIR_ENV)
    assert default_key_dir().name == "keys" and "cimstudio" in str(default_key_dir())


def test_a_private_key_readable_by_others_is_refused(tmp_path):
    k = create_key("tu_van", PW, tmp_path / "keys")
    os.chmod(k.path, 0o644)
    with pytest.raises(CimInputError, match="readable by other users"):
        load_key("tu_van", PW, tmp_path / "keys")
