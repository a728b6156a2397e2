"""Unsaved edits survive a crash: autosaved to a recovery file, found and recovered on the next start."""

import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from cim.backup import Autosaver, find_recovery, recover, write_recovery
from cim.backup.recovery import recovery_path
from cim.errors import CimInputError
from cim.project import LayerRecord
from cim.project.edits import AddLayer, RemoveLayer, SetMetadata
from cim.project.feature_edits import ChangeAttribute
from cim.project.store import open_project, save_project
from cim.review import review_book
from cim.review.commands import add_comment
from cim.testing import assert_same_project_state, make_plots, project_state


def _edit(p):
    lid = p.ordered_layers()[0].id
    p.push(ChangeAttribute(p, lid, 3, "far", 9.5))
    p.push(SetMetadata(p, "plan_id", "QH-PT-2026-0007"))
    p.push(AddLayer(p, LayerRecord("Cây xanh", "vector", make_plots(5, 7), crs="EPSG:9208")))
    p.push(RemoveLayer(p, p.ordered_layers()[-1].id))
    add_comment(p, title="Kiểm tra lại lô 3")


def test_unsaved_edits_are_recovered_exactly_after_a_crash(saved):
    _edit(saved)
    write_recovery(saved)
    found = find_recovery(saved.path)
    assert found is not None and not found.stale and len(found.edits) == 5
    assert "5" in found.describe()[1]
    got = recover(saved.path)
    assert_same_project_state(project_state(got), project_state(saved))
    assert [t.title for t in review_book(got)] == ["Kiểm tra lại lô 3"]
    assert got.is_modified()
    save_project(got)
    assert find_recovery(saved.path) is None
    assert_same_project_state(project_state(open_project(saved.path)), project_state(saved))


def test_the_recovery_file_holds_only_the_changed_layers(saved):
    lid = saved.ordered_layers()[0].id
    saved.push(ChangeAttribute(saved, lid, 3, "far", 9.5))
    rec = write_recovery(saved)
    conn = sqlite3.connect(rec)
    assert conn.execute("SELECT layer_id FROM cim_layers").fetchall() == [(lid,)]
    conn.close()


def test_a_clean_save_or_undoing_everything_removes_the_recovery_file(saved):
    _edit(saved)
    write_recovery(saved)
    save_project(saved)
    assert not recovery_path(saved.path).exists()
    saved.push(SetMetadata(saved, "name", "x"))
    write_recovery(saved)
    saved.undo_stack.undo()
    write_recovery(saved)
    assert find_recovery(saved.path) is None


def test_recovery_onto_a_project_file_changed_since_is_refused_unless_asked(saved):
    _edit(saved)
    write_recovery(saved)
    conn = sqlite3.connect(saved.path)      # another program changes the file meanwhile
    with conn:
        conn.execute("INSERT OR REPLACE INTO cim_metadata VALUES ('name', '\"sửa ở máy khác\"')")
    conn.close()
    assert find_recovery(saved.path).stale
    with pytest.raises(CimInputError, match="changed after"):
        recover(saved.path)
    assert recover(saved.path, allow_stale=True).metadata.plan_id == "QH-PT-2026-0007"


def test_the_autosaver_writes_after_edits_at_most_once_per_interval(saved):
    now = [0.0]
    auto = Autosaver(saved, interval_s=60, clock=lambda: now[0])
    lid = saved.ordered_layers()[0].id
    saved.push(ChangeAttribute(saved, lid, 3, "far", 1.5))
    assert find_recovery(saved.path) is not None
    saved.push(ChangeAttribute(saved, lid, 4, "far", 2.5))
    assert len(find_recovery(saved.path).edits) == 1
    now[0] = 61.0
    saved.push(ChangeAttribute(saved, lid, 5, "far", 3.5))
    assert len(find_recovery(saved.path).edits) == 3
    auto.close()
    assert find_recovery(saved.path) is None


def test_a_never_saved_project_recovers_from_a_named_recovery_file(tmp_path):
    from cim.project import Project

    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", make_plots(8), crs="EPSG:9208")))
    write_recovery(p, path=tmp_path / "new.cim.gpkg")
    got = recover(tmp_path / "new.cim.gpkg")
    assert_same_project_state(project_state(got), project_state(p))


@pytest.mark.slow
def test_edits_of_a_killed_session_are_offered_and_recovered_on_the_next_start(saved, repo_root):
    code = textwrap.dedent(f"""
        import os
        from cim.backup import Autosaver
        from cim.project.feature_edits import ChangeAttribute
        from cim.project.store import open_project
        p = open_project({str(saved.path)!r})
        auto = Autosaver(p, interval_s=0)
        lid = p.ordered_layers()[0].id
        for fid in (1, 2, 3):
            p.push(ChangeAttribute(p, lid, fid, "far", 7.25))
        os._exit(9)     # crash: no save, no clean close
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(repo_root)})
    assert proc.returncode == 9, proc.stderr
    assert open_project(saved.path).ordered_layers()[0].data.loc[[1, 2, 3], "far"].tolist() != [7.25] * 3
    found = find_recovery(saved.path)
    assert found is not None and len(found.edits) == 3
    got = recover(saved.path)
    assert got.ordered_layers()[0].data.loc[[1, 2, 3], "far"].tolist() == [7.25] * 3


def test_a_detached_autosaver_stops_writing_and_keeps_the_recovery_file(saved):
    auto = Autosaver(saved, interval_s=0.0)
    add_comment(saved, title="Góp ý trước khi chuyển dự án")
    rec = recovery_path(saved.path)
    assert rec.is_file()
    auto.detach()
    mtime = rec.stat().st_mtime_ns
    add_comment(saved, title="Sau khi tách")
    assert rec.is_file() and rec.stat().st_mtime_ns == mtime
    assert [e for e in find_recovery(saved.path).edits] == ["Comment: Góp ý trước khi chuyển dự án"]
