"""The audit trail is written by the database for every path, plain SQL included."""

from __future__ import annotations

import psycopg

from cim.db.connect import connect
from cim.db.history import diff, log
from cim.db.sync import push
from cim.project.store import open_project


def test_plain_sql_edits_are_audited_with_the_database_user_and_before_after(cim_db, sample_copy):
    with connect(cim_db.dsn("alice")) as conn:
        push(conn, open_project(sample_copy), dsn="x", message="publish")
    with psycopg.connect(cim_db.dsn("bob")) as conn:
        conn.execute("UPDATE cim_data.plots SET far = 5.5 WHERE cim_id = 'PLT-000010'")
        conn.execute("UPDATE cim_data.plots SET version = 7 WHERE cim_id = 'PLT-000011'")   # cannot forge
        conn.execute("DELETE FROM cim_data.buildings WHERE cim_id = (SELECT min(cim_id) FROM cim_data.buildings)")
    with connect(cim_db.dsn("anna")) as conn:
        rows = log(conn, cim_id="PLT-000010")
        assert [(r["op"], r["db_user"], r["version"]) for r in rows] == [("update", "bob", 2), ("insert", "alice", 1)]
        before, after = conn.execute("SELECT before->>'far', after->>'far' FROM cim.history "
                                     "WHERE cim_id = 'PLT-000010' AND op = 'update'").fetchone()
        assert after == "5.5" and before != after
        assert conn.execute("SELECT version FROM cim_data.plots WHERE cim_id = 'PLT-000011'").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM cim.history WHERE op = 'delete' AND db_user = 'bob'").fetchone()[0] == 1
        revs = log(conn)
        assert [(r["rev"], r["db_user"], r["inserted"]) for r in revs][0][:2] == (1, "alice")
        assert diff(conn, 0, 1) and all(d["change"] == "added" for d in diff(conn, 0, 1))
