"""Shared fixtures: where the shared third-party data lives, the sample district, temp projects."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]


def _find_shared() -> Path | None:
    env = os.environ.get("CIM_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared" / "data", REPO / "shared" / "data"]
    for c in candidates:
        if c.is_dir():
            return c
    return None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The read-only third-party test data (../shared/data). Tests must never write into it."""
    path = _find_shared()
    if path is None:
        pytest.fail("../shared/data not found beside the repository (set CIM_SHARED_DATA)")
    return path


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
