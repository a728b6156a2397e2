"""Two users, two processes, one layer: optimistic concurrency through `cimstudio db push`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cim.db.connect import connect
from cim.db.pull import pull
from cim.db.sync import push
from cim.project.store import open_project

REPO = Path(__file__).resolve().parents[3]
WORKER = Path(__file__).with_name("edit_worker.py")


def _env():
    return dict(os.environ, PYTHONPATH=str(REPO))


def _edit(wc, layer, cim_id, field, value):
    return subprocess.Popen([sys.executable, str(WORKER), str(wc), layer, cim_id, field, str(value)], env=_env())


def _cli(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cim.cli", "-q", *map(str, args)], env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _done(proc, expect=0):
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == expect, (out, err)
    return out


def _setup(cim_db, sample_copy, tmp_path):
    with connect(cim_db.dsn("alice")) as conn:
        push(conn, open_project(sample_copy), dsn=cim_db.dsn("alice"), message="publish")
    wcs = []
    for user in ("alice", "bob"):
        with connect(cim_db.dsn(user)) as conn:
            wcs.append(pull(conn, tmp_path / f"{user}.cim.gpkg", dsn=cim_db.dsn(user), layers=["plots"]))
    return wcs


def _far(cim_db, cim_id):
    with connect(cim_db.dsn()) as conn:
        return conn.execute("SELECT far, version FROM cim_data.plots WHERE cim_id = %s", (cim_id,)).fetchone()


def test_disjoint_edits_of_one_layer_by_two_processes_both_land(cim_db, sample_copy, tmp_path):
    wa, wb = _setup(cim_db, sample_copy, tmp_path)
    edits = [_edit(wa, "plots", "PLT-000001", "far", 4.25), _edit(wb, "plots", "PLT-000002", "far", 6.5)]
    for p in edits:
        assert p.wait(timeout=120) == 0
    pushes = [_cli("db", "push", wa, "-m", "alice far"), _cli("db", "push", wb, "-m", "bob far")]   # concurrently
    for p in pushes:
        _done(p)
    assert _far(cim_db, "PLT-000001") == (4.25, 2)
    assert _far(cim_db, "PLT-000002") == (6.5, 2)
    log = json.loads(_done(_cli("db", "log", "--db", cim_db.dsn(), "--json")))
    assert {r["db_user"] for r in log} == {"alice", "bob"}


def test_the_same_feature_edited_twice_is_a_conflict_that_the_second_user_resolves(cim_db, sample_copy, tmp_path):
    wa, wb = _setup(cim_db, sample_copy, tmp_path)
    for p in (_edit(wa, "plots", "PLT-000003", "far", 3.3), _edit(wb, "plots", "PLT-000003", "far", 7.7)):
        assert p.wait(timeout=120) == 0
    _done(_cli("db", "push", wa, "-m", "alice"))
    before = wb.read_bytes()
    out = _done(_cli("db", "push", wb, "-m", "bob"), expect=1)
    assert "CONFLICT plots PLT-000003" in out and "nothing was pushed" in out
    assert _far(cim_db, "PLT-000003") == (3.3, 2)            # alice's edit stands, nothing overwritten
    assert wb.read_bytes() == before                         # and bob's working copy is untouched
    shown = json.loads(_done(_cli("db", "conflicts", wb, "--json"), expect=1))
    assert len(shown) == 1 and shown[0]["cim_id"] == "PLT-000003"
    assert shown[0]["base"]["far"] != 3.3 and shown[0]["theirs"]["far"] == 3.3 and shown[0]["mine"]["far"] == 7.7
    assert shown[0]["mine_changed"] == ["far"] and shown[0]["theirs_changed"] == ["far"]
    _done(_cli("db", "conflicts", wb, "--resolve", "PLT-000003=mine"))
    _done(_cli("db", "push", wb, "-m", "bob keeps his"))
    assert _far(cim_db, "PLT-000003") == (7.7, 3)
    last = json.loads(_done(_cli("db", "log", "--db", cim_db.dsn(), "--json")))[0]
    assert (last["db_user"], last["message"], last["updated"]) == ("bob", "bob keeps his", 1)
    diff = json.loads(_done(_cli("db", "diff", "1", str(last["rev"]), "--db", cim_db.dsn(), "--json")))
    row = [d for d in diff if d["cim_id"] == "PLT-000003"][0]
    assert row["change"] == "modified" and row["fields"] == ["far"] and row["after"]["far"] == 7.7


def test_take_theirs_and_merge_attributes_are_one_undoable_step(cim_db, sample_copy, tmp_path):
    from cim.db.conflicts import ResolveConflicts, describe
    from cim.db.status import find_conflicts
    from cim.project.feature_edits import ChangeAttribute

    wa, wb = _setup(cim_db, sample_copy, tmp_path)
    assert _edit(wa, "plots", "PLT-000004", "far", 2.0).wait(timeout=120) == 0
    assert _edit(wa, "plots", "PLT-000005", "far", 2.5).wait(timeout=120) == 0
    _done(_cli("db", "push", wa))
    bob = open_project(wb)
    rec = bob.layer_by_name("plots")
    fid4 = int(rec.data.index[rec.data["cim_id"] == "PLT-000004"][0])
    fid5 = int(rec.data.index[rec.data["cim_id"] == "PLT-000005"][0])
    bob.push(ChangeAttribute(bob, rec.id, fid4, "far", 9.0))
    bob.push(ChangeAttribute(bob, rec.id, fid5, "name", "Lô của Bob"))
    with connect(cim_db.dsn("bob")) as conn:
        views = describe(conn, bob, find_conflicts(conn, bob))
        assert sorted(v.conflict.cim_id for v in views) == ["PLT-000004", "PLT-000005"]
        cmd = bob.push(ResolveConflicts(bob, views, {"PLT-000004": "theirs", "PLT-000005": "merge"}))
        data = bob.layer(rec.id).data
        assert data.at[fid4, "far"] == 2.0                                   # theirs
        assert (data.at[fid5, "far"], data.at[fid5, "name"]) == (2.5, "Lô của Bob")   # merged
        assert find_conflicts(conn, bob) == []
        bob.undo_stack.undo()
        assert bob.layer(rec.id).data.at[fid4, "far"] == 9.0
        assert len(find_conflicts(conn, bob)) == 2
        bob.undo_stack.redo()
        res = push(conn, bob, dsn=cim_db.dsn("bob"))
    assert not res.conflicts and res.updated == 1 and cmd.text.startswith("Resolve 2")
    assert _far(cim_db, "PLT-000004") == (2.0, 2)
    with connect(cim_db.dsn()) as conn:
        assert conn.execute("SELECT far, name, version FROM cim_data.plots WHERE cim_id = 'PLT-000005'").fetchone() \
            == (2.5, "Lô của Bob", 3)


def test_bad_database_is_one_line_and_exit_2(tmp_path):
    p = _cli("db", "status", "--db", f"host={tmp_path} dbname=nothing user=nobody")
    out, err = p.communicate(timeout=60)
    assert p.returncode == 2
    assert err.startswith("cimstudio: error:") and "cannot connect" in err and "Traceback" not in err
    p = _cli("db", "status")
    out, err = p.communicate(timeout=60)
    assert p.returncode == 2 and "no database given" in err
