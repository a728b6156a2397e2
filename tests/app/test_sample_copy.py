"""Bare `cimstudio` opens a copy of the sample in the user's data folder, never the committed file:
saving changes the copy and leaves the repository's sample as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "sample_data" / "district.cim.gpkg"


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_first_run_copies_the_sample_and_later_runs_keep_the_users_copy(data_home):
    from app.bootstrap import _ProjectLoader, user_sample_project
    from cim.project.edits import SetLayerDisplayName
    from cim.project.store import open_project, save_project

    before = _sha(COMMITTED)
    copy = user_sample_project()
    assert copy == data_home / "CIM Studio" / "sample" / "district.cim.gpkg"
    assert copy.exists() and copy.resolve() != COMMITTED.resolve()
    assert (copy.parent / "district" / "sources.gpkg").exists()       # what the project refers to travels too
    # the start-up loader (no project argument) opens the copy
    loader = _ProjectLoader(None)
    loader.thread.join(120)
    assert loader.error is None and loader.project.path.resolve() == copy.resolve()
    # Ctrl+S writes the copy, not the repository
    p = loader.project
    p.push(SetLayerDisplayName(p, p.find_layer("plots").id, "Lô đất của tôi"))
    save_project(p)
    assert _sha(COMMITTED) == before
    assert open_project(copy).find_layer("plots").label == "Lô đất của tôi"
    # the next start opens the same copy with the user's edit, it is not replaced
    assert user_sample_project() == copy
    assert open_project(user_sample_project()).find_layer("plots").label == "Lô đất của tôi"


def test_no_half_copied_sample_is_left(data_home, monkeypatch):
    import shutil

    from app import bootstrap

    def broken(src, dst, *a, **k):
        Path(dst).write_bytes(b"SQLite format 3\x00partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", broken)
    with pytest.raises(OSError):
        bootstrap.user_sample_project()
    folder = data_home / "CIM Studio" / "sample"
    assert not (folder / "district.cim.gpkg").exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".copy")]
