"""SIGKILL a process that keeps saving (with rolling backups and crash-recovery writes), again and
again: the project always opens, and the temporary files of the killed process — save journals,
recovery temp files, backup ``.copying`` files — are removed at the next open and reported."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cim.project.leftovers import clean_leftovers, describe, find_leftovers
from cim.project.store import open_project, save_project

REPO = Path(__file__).resolve().parents[3]
SAVER = r'''
import sys, time
from pathlib import Path
from cim.backup.recovery import write_recovery
from cim.backup.rolling import backup_project
from cim.project.feature_edits import ChangeAttribute
from cim.project.store import open_project, save_project

path = Path(sys.argv[1])
(path.parent / "started").write_text("1")
i = 0
while True:
    i += 1
    p = open_project(path)
    lid = next(iter(p.layers))
    fid = int(p.layers[lid].data.index[i % len(p.layers[lid].data)])
    p.push(ChangeAttribute(p, lid, fid, "far", float(i)))
    write_recovery(p)
    backup_project(path, keep=3)
    save_project(p)
'''


def _temp_files(folder: Path) -> list[Path]:
    return [f for f in folder.rglob("*") if f.is_file() and (
        ".saving.gpkg" in f.name or f.name.endswith((".copying", ".restoring")))]


@pytest.mark.slow
def test_killed_saves_leave_nothing_behind_after_the_next_open(tmp_path):
    from cim.project import LayerRecord, Project
    from cim.project.edits import AddLayer
    from cim.testing import make_plots

    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", make_plots(6000), crs="EPSG:9208", object_kind="plot")))
    path = save_project(p, tmp_path / "plan.cim.gpkg")
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reported, kinds, bytes_removed = 0, set(), 0
    for _ in range(8):
        (tmp_path / "started").unlink(missing_ok=True)
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while not (tmp_path / "started").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        # kill while a temporary file of a save, backup or recovery write exists (a fixed delay
        # landed between saves on a loaded or a fast machine), after a random short extra wait
        deadline = time.monotonic() + 60
        while not _temp_files(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]
        left = find_leftovers(path)
        opened = open_project(path)                     # cleans and reports
        assert len(next(iter(opened.layers.values())).data) == 6000
        if left:
            reported += 1
            kinds |= {x.kind for x in left}
            bytes_removed += sum(x.size for x in left)
            vi, en = opened.open_notes[0]
            assert "crash" in en and "sự cố" in vi and str(len(left)) in en
        assert _temp_files(tmp_path) == [], _temp_files(tmp_path)
    assert reported >= 3, "the kills should land in the middle of saves most of the time"
    print(f"\n{reported} of 8 kills left temporary files ({sorted(kinds)}, {bytes_removed / 2**20:.1f} MB), all removed")


def test_a_live_process_keeps_its_temporary_file(tmp_path):
    path = tmp_path / "p.cim.gpkg"
    path.write_bytes(b"")
    mine = tmp_path / f".p.cim.gpkg.{os.getpid()}.saving.gpkg"
    mine.write_bytes(b"x")
    dead = tmp_path / ".p.cim.gpkg.999999999.saving.gpkg-journal"
    dead.write_bytes(b"y" * 10)
    backups = tmp_path / "p.cim.gpkg.backups"
    backups.mkdir()
    copying = backups / ".p.20260101T000000_000000Z.cim.gpkg.999999998.copying"
    copying.write_bytes(b"z")
    restoring = tmp_path / ".p.cim.gpkg.999999997.restoring"
    restoring.write_bytes(b"r")
    rec_tmp = tmp_path / "..p.cim.gpkg.recovery.gpkg.999999996.saving.gpkg"
    rec_tmp.write_bytes(b"q")
    recovery = tmp_path / ".p.cim.gpkg.recovery.gpkg"
    recovery.write_bytes(b"kept")
    removed = clean_leftovers(path)
    assert {r.path.name for r in removed} == {dead.name, copying.name, restoring.name, rec_tmp.name}
    assert mine.exists() and recovery.exists()
    vi, en = describe(removed)
    assert "4 temporary" in en and "Đã xoá 4" in vi


def test_the_cli_says_what_it_cleaned(tmp_path, capsys):
    from cim.cli import main

    proj = tmp_path / "p.cim.gpkg"
    assert main(["-q", "new", str(proj)]) == 0
    (tmp_path / ".p.cim.gpkg.999999999.saving.gpkg").write_bytes(b"x" * 2048)
    capsys.readouterr()
    assert main(["-q", "info", str(proj)]) == 0
    err = capsys.readouterr().err
    assert "Removed 1 temporary file(s) left by a crash" in err
    assert not (tmp_path / ".p.cim.gpkg.999999999.saving.gpkg").exists()
