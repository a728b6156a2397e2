"""Shared fixtures: the vendored third-party data, the sample district, temp projects."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]


THIRD_PARTY = REPO / "tests" / "data" / "third_party"


def pytest_collection_modifyitems(config, items):
    """The architecture tests first: one of them re-runs the core and layer tests in a child process, and
    started at the end it doubled the suite's memory (the parent holds what the GUI tests left, ~15 GB)."""
    first = [it for it in items if it.nodeid.startswith("tests/test_architecture.py")]
    if first:
        rest = [it for it in items if not it.nodeid.startswith("tests/test_architecture.py")]
        items[:] = first + rest


def third_party_data() -> Path:
    """The vendored third-party test data (tests/data/third_party, copied unmodified from its sources).

    A missing folder is a failure, never a skip: every test that needs it must run on a fresh clone."""
    expected = ("ids-testcases", "ifc-georef", "cityjson-conformance", "cityjson-schemas", "hostile-inputs")
    missing = [name for name in expected if not (THIRD_PARTY / name).is_dir()]
    if missing:
        raise FileNotFoundError(
            f"{THIRD_PARTY}: vendored test data missing ({', '.join(missing)}); "
            "it is part of the repository, restore it with git checkout"
        )
    return THIRD_PARTY


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The read-only third-party test data (tests/data/third_party). Tests must never write into it."""
    try:
        return third_party_data()
    except FileNotFoundError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


class _BlockQt:
    """Meta-path finder that makes Qt unimportable (CIM_BLOCK_QT=1), to prove the core runs without it."""

    BLOCKED = ("PySide6", "shiboken6", "pyvistaqt", "qtpy", "PyQt5", "PyQt6")

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.BLOCKED:
            raise ImportError(f"{name} is blocked: the core must run without Qt (CIM_BLOCK_QT=1)")
        return None


if os.environ.get("CIM_BLOCK_QT") == "1":
    import sys

    sys.meta_path.insert(0, _BlockQt())


@pytest.fixture(autouse=True)
def _private_signing_folders(tmp_path_factory, monkeypatch):
    """Signing keys, the appraiser's trust store and a reviewer's view settings of each test live in a
    temp folder, never in the user's configuration (they follow these environment variables, also in
    subprocesses)."""
    base = tmp_path_factory.mktemp("user-config")
    monkeypatch.setenv("CIMSTUDIO_TRUST_DIR", str(base / "trust"))
    monkeypatch.setenv("CIMSTUDIO_KEY_DIR", str(base / "keys"))
    monkeypatch.setenv("CIMSTUDIO_VIEW_DIR", str(base / "views"))
