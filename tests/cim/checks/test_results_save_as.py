"""Stored check runs travel with the project when it is saved under a new name."""

from cim.checks.results_store import list_runs
from cim.project.store import open_project, save_project


def test_stored_runs_survive_save_as(tmp_path):
    import shutil
    import sqlite3

    from cim.checks.results_store import ensure_tables
    from sample_data.project import DEFAULT_OUT

    src = tmp_path / "a.cim.gpkg"
    shutil.copyfile(DEFAULT_OUT, src)
    conn = sqlite3.connect(src)
    with conn:
        ensure_tables(conn)
        conn.execute("INSERT INTO cim_check_runs (run_id, pack_id, digest, counts) VALUES ('r1', 'decree269', 'abc', '{}')")
    conn.close()
    project = open_project(src)
    out = save_project(project, tmp_path / "b.cim.gpkg")
    assert [r["run_id"] for r in list_runs(out)] == ["r1"]
    assert [r["run_id"] for r in list_runs(src)] == ["r1"]
