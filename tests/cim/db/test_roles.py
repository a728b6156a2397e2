"""Roles in the database: a reviewer (or appraiser) connecting with plain psycopg cannot change data;
a reviewer may comment (own rows only); a client killed with SIGKILL mid-push leaves no trace."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from cim.db.connect import connect
from cim.db.pull import pull
from cim.db.sync import push
from cim.project.store import open_project

REPO = Path(__file__).resolve().parents[3]

WRITES = [
    "UPDATE cim_data.plots SET far = 99 WHERE cim_id = 'PLT-000001'",
    "DELETE FROM cim_data.plots WHERE cim_id = 'PLT-000001'",
    "INSERT INTO cim_data.plots (cim_id) VALUES ('PLT-999999')",
    "TRUNCATE cim_data.plots",
    "ALTER TABLE cim_data.plots ADD COLUMN x int",
    "DROP TABLE cim_data.plots",
    "DELETE FROM cim.history",
    "UPDATE cim.history SET app_user = 'nobody'",
    "INSERT INTO cim.revisions (message) VALUES ('fake')",
    "UPDATE cim.cim_metadata SET value = 'x'",
    "CREATE TABLE cim_data.sneaky (a int)",
]


@pytest.fixture
def published(cim_db, sample_copy):
    with connect(cim_db.dsn("alice")) as conn:
        push(conn, open_project(sample_copy), dsn="x", message="publish")
    return cim_db


@pytest.mark.parametrize("user", ["rita", "anna"])
def test_reviewer_and_appraiser_cannot_change_data_by_plain_sql(published, user):
    for stmt in WRITES:
        with psycopg.connect(published.dsn(user)) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(stmt)
    with psycopg.connect(published.dsn(user)) as conn:    # but they read everything
        assert conn.execute("SELECT count(*) FROM cim_data.plots").fetchone()[0] == 338
        assert conn.execute("SELECT count(*) FROM cim.history").fetchone()[0] > 0


def test_reviewer_cannot_push_through_the_cli_either(published, tmp_path):
    from cim.project.feature_edits import ChangeAttribute

    with connect(published.dsn("rita")) as conn:
        wc = pull(conn, tmp_path / "rita.cim.gpkg", dsn=published.dsn("rita"), layers=["plots"])
    project = open_project(wc)
    rec = project.layer_by_name("plots")
    project.push(ChangeAttribute(project, rec.id, int(rec.data.index[0]), "far", 1.0))
    with connect(published.dsn("rita")) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            push(conn, project, dsn="x")
        assert conn.execute("SELECT count(*) FROM cim.revisions").fetchone()[0] == 1


def test_reviewer_comments_only_as_herself(published):
    with psycopg.connect(published.dsn("alice")) as conn:
        conn.execute("INSERT INTO cim.cim_comments (thread_id, status, title, data) VALUES ('t-alice', 'open', 'a', '{}')")
    with psycopg.connect(published.dsn("rita")) as conn:
        conn.execute("INSERT INTO cim.cim_comments (thread_id, status, title, data) VALUES ('t-rita', 'open', 'r', '{}')")
        conn.commit()
        assert conn.execute("SELECT db_author FROM cim.cim_comments WHERE thread_id = 't-rita'").fetchone()[0] == "rita"
        assert conn.execute("UPDATE cim.cim_comments SET status = 'closed' WHERE thread_id = 't-alice'").rowcount == 0
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO cim.cim_comments (thread_id, data, db_author) VALUES ('t-forged', '{}', 'alice')")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM cim.cim_comments")
    with psycopg.connect(published.dsn("anna")) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO cim.cim_comments (thread_id, data) VALUES ('t-anna', '{}')")


def test_a_client_killed_mid_push_leaves_the_database_as_it_was_and_the_copy_pushes_again(published, tmp_path):
    from cim.project.feature_edits import ChangeAttribute
    from cim.project.store import save_project

    with connect(published.dsn("bob")) as conn:
        wc = pull(conn, tmp_path / "bob.cim.gpkg", dsn=published.dsn("bob"))
    project = open_project(wc)
    plots, roads = project.layer_by_name("plots"), project.layer_by_name("roads")
    for rec, field, value in ((plots, "far", 8.8), (roads, "name", "Đường mới")):
        project.push(ChangeAttribute(project, rec.id, int(rec.data.index[0]), field, value))
    save_project(project)
    with connect(published.dsn()) as admin:
        before = admin.execute("SELECT (SELECT count(*) FROM cim.history), (SELECT count(*) FROM cim.revisions), "
                               "(SELECT sum(version) FROM cim_data.plots), (SELECT sum(version) FROM cim_data.roads)"
                               ).fetchone()
        with admin.transaction():
            # hold a project table: the push has written roads and plots and waits there when it is killed
            admin.execute("LOCK TABLE cim.cim_layers IN ACCESS EXCLUSIVE MODE")
            proc = subprocess.Popen([sys.executable, "-m", "cim.cli", "-q", "db", "push", str(wc)],
                                    env=dict(os.environ, PYTHONPATH=str(REPO)), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE)
            deadline = time.monotonic() + 90
            while True:
                admin.execute("SELECT pg_stat_clear_snapshot()")
                waiting = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cimstudio-push' "
                    "AND wait_event_type = 'Lock'").fetchone()[0]
                if waiting:
                    break
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "the push never reached the locked table"
                time.sleep(0.1)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while admin.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cimstudio-push'"
                            ).fetchone()[0]:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        after = admin.execute("SELECT (SELECT count(*) FROM cim.history), (SELECT count(*) FROM cim.revisions), "
                              "(SELECT sum(version) FROM cim_data.plots), (SELECT sum(version) FROM cim_data.roads)"
                              ).fetchone()
        assert proc.returncode == -signal.SIGKILL
        assert after == before
    out = subprocess.run([sys.executable, "-m", "cim.cli", "-q", "db", "push", str(wc)], capture_output=True,
                         text=True, env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=180)
    assert out.returncode == 0, out.stderr
    assert "2 changed" in out.stdout
    with connect(published.dsn()) as admin:
        assert admin.execute("SELECT far, version FROM cim_data.plots WHERE cim_id = %s",
                             (plots.data["cim_id"].iloc[0],)).fetchone() == (8.8, 2)
