"""cim/io/atomic.py: a failed write leaves the old file intact; a good one is fsynced, renamed and the
folder fsynced; a process killed mid-write leaves the old file and no partial target."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from cim.io.atomic import atomic_path, atomic_write_bytes, atomic_write_text

REPO = Path(__file__).resolve().parents[3]


def test_a_write_that_raises_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk on fire"), atomic_path(target) as tmp:
        tmp.write_text("half of the new", encoding="utf-8")
        raise RuntimeError("disk on fire")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_a_writer_that_produces_nothing_is_an_error_not_an_empty_file(tmp_path):
    target = tmp_path / "mesh.npz"
    target.write_bytes(b"old")
    with pytest.raises(FileNotFoundError, match="produced no file"), atomic_path(target):
        pass
    assert target.read_bytes() == b"old"


def test_a_failure_while_renaming_keeps_the_old_file(tmp_path):
    """A real failure at the last step: the target is a non-empty folder, os.replace refuses."""
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("still here")
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert (target / "keep.txt").read_text() == "still here"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_success_fsyncs_the_file_then_the_folder(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old")
    synced = []
    real_fsync = os.fsync

    def record(fd):
        synced.append(os.path.realpath(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", record)
    atomic_write_text(target, "nouvelle — mới")
    assert target.read_text(encoding="utf-8") == "nouvelle — mới"
    assert len(synced) == 2
    assert Path(synced[0]).parent == tmp_path and synced[0] != str(target)   # the temporary, before the rename
    assert synced[1] == str(tmp_path)                                          # then the folder


def test_writers_that_take_a_path_keep_their_suffix(tmp_path):
    target = tmp_path / "mesh.npz"
    with atomic_path(target) as tmp:
        assert tmp.suffix == ".npz" and tmp.parent == tmp_path and tmp.name.startswith(".mesh.npz.")
        np.savez(tmp, a=np.arange(3))
    with np.load(target) as z:
        assert z["a"].tolist() == [0, 1, 2]


def test_a_killed_writer_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "big.bin"
    target.write_bytes(b"A" * 1000)
    code = textwrap.dedent(f"""
        import os, signal
        from cim.io.atomic import atomic_path
        with atomic_path({str(target)!r}) as tmp:
            with open(tmp, "wb") as fh:
                fh.write(b"B" * 500000)
                fh.flush()
                os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                          timeout=60)
    assert proc.returncode == -9
    assert target.read_bytes() == b"A" * 1000
