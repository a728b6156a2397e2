"""Project tables (metadata, layer registry, comments, acceptances …) in a shared database: a push
writes only the rows this working copy changed since it was pulled, and a row somebody else changed
meanwhile is held back and reported — never silently overwritten (the lost update they had)."""

from __future__ import annotations

import json

from cim.db.connect import connect
from cim.db.pull import pull
from cim.db.sync import push
from cim.project.edits import SetMetadata
from cim.project.store import open_project, save_project


def _metadata(conn, key: str):
    return json.loads(conn.execute("SELECT value FROM cim.cim_metadata WHERE key = %s", (key,)).fetchone()[0])


def _two_copies(cim_db, sample_copy, tmp_path):
    with connect(cim_db.dsn("alice")) as conn:
        push(conn, open_project(sample_copy), dsn="x")
        alice = open_project(pull(conn, tmp_path / "alice.cim.gpkg", dsn="x"))
        bob = open_project(pull(conn, tmp_path / "bob.cim.gpkg", dsn="x"))
    return alice, bob


def test_an_untouched_project_row_does_not_overwrite_a_newer_one_in_the_database(cim_db, sample_copy, tmp_path):
    alice, bob = _two_copies(cim_db, sample_copy, tmp_path)
    SetMetadata(bob, "decision_no", "123/QĐ-UBND").redo()
    save_project(bob)
    with connect(cim_db.dsn("bob")) as conn:
        res = push(conn, bob, dsn="x")
        assert res.table_conflicts == []
        assert _metadata(conn, "decision_no") == "123/QĐ-UBND"
    SetMetadata(alice, "producer", "Viện Quy hoạch Phú Thọ").redo()    # another key of the same table
    save_project(alice)
    with connect(cim_db.dsn("alice")) as conn:
        res = push(conn, alice, dsn="x")
        assert res.table_conflicts == []
        assert _metadata(conn, "decision_no") == "123/QĐ-UBND"          # bob's edit survives
        assert _metadata(conn, "producer") == "Viện Quy hoạch Phú Thọ"


def test_the_same_project_row_changed_by_both_is_held_back_and_reported_until_pulled_again(cim_db, sample_copy,
                                                                                              tmp_path):
    alice, bob = _two_copies(cim_db, sample_copy, tmp_path)
    SetMetadata(bob, "decision_no", "123/QĐ-UBND").redo()
    save_project(bob)
    with connect(cim_db.dsn("bob")) as conn:
        push(conn, bob, dsn="x")
    SetMetadata(alice, "decision_no", "999/QĐ-UBND").redo()
    save_project(alice)
    with connect(cim_db.dsn("alice")) as conn:
        res = push(conn, alice, dsn="x")
        assert [(c.table, c.key) for c in res.table_conflicts] == [("cim_metadata", "decision_no")]
        assert _metadata(conn, "decision_no") == "123/QĐ-UBND"
        again = push(conn, alice, dsn="x")                              # still held back: not forgotten
        assert [(c.table, c.key) for c in again.table_conflicts] == [("cim_metadata", "decision_no")]
        fresh = open_project(pull(conn, tmp_path / "alice2.cim.gpkg", dsn="x"))
    assert fresh.metadata.get("decision_no") == "123/QĐ-UBND"
    SetMetadata(fresh, "decision_no", "999/QĐ-UBND").redo()             # redone on a fresh copy: pushed
    save_project(fresh)
    with connect(cim_db.dsn("alice")) as conn:
        assert push(conn, fresh, dsn="x").table_conflicts == []
        assert _metadata(conn, "decision_no") == "999/QĐ-UBND"


def test_a_partial_copy_neither_reorders_nor_renames_the_layers_it_pushes(cim_db, sample_copy, tmp_path):
    from cim.project.feature_edits import ChangeAttribute

    with connect(cim_db.dsn("alice")) as conn:
        push(conn, open_project(sample_copy), dsn="x")
        before = conn.execute("SELECT layer_id, table_name, position FROM cim.cim_layers ORDER BY layer_id").fetchall()
        part = open_project(pull(conn, tmp_path / "part.cim.gpkg", dsn="x", layers=["plots"]))
    rec = part.layer_by_name("plots")
    ChangeAttribute(part, rec.id, int(rec.data.index[0]), "far", 2.5).redo()
    save_project(part)
    save_project(part)                                 # the store may rename the layer's table as it saves
    with connect(cim_db.dsn("alice")) as conn:
        res = push(conn, part, dsn="x")
        assert res.updated == 1 and res.table_conflicts == []
        after = conn.execute("SELECT layer_id, table_name, position FROM cim.cim_layers ORDER BY layer_id").fetchall()
    assert after == before
