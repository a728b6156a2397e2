"""Signing keys are per user, created once, private (0600) and kept outside the project."""

import os
import stat

import pytest

from cim.errors import CimInputError
from cim.package.keys import KEY_DIR_ENV, default_key_dir, load_or_create_key, verify_signature


def test_a_key_is_created_once_with_owner_only_permissions_and_then_reused(tmp_path):
    k1 = load_or_create_key("tu_van", tmp_path / "keys")
    k2 = load_or_create_key("tu_van", tmp_path / "keys")
    assert k1.fingerprint == k2.fingerprint
    assert stat.S_IMODE(k1.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(k1.path.parent.stat().st_mode) == 0o700
    assert load_or_create_key("nguoi_khac", tmp_path / "keys").fingerprint != k1.fingerprint
    assert verify_signature(k1.public_pem, k1.sign(b"ban ke khai"), b"ban ke khai") == k1.fingerprint
    with pytest.raises(ValueError, match="does not match"):
        verify_signature(k1.public_pem, k1.sign(b"ban ke khai"), b"ban ke khai!")


def test_the_key_folder_follows_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_DIR_ENV, str(tmp_path / "k"))
    assert default_key_dir() == tmp_path / "k"
    monkeypatch.delenv(KEY_DIR_ENV)
    assert default_key_dir().name == "keys" and "cimstudio" in str(default_key_dir())


def test_a_private_key_readable_by_others_is_refused(tmp_path):
    k = load_or_create_key("tu_van", tmp_path / "keys")
    os.chmod(k.path, 0o644)
    with pytest.raises(CimInputError, match="readable by other users"):
        load_or_create_key("tu_van", tmp_path / "keys")
