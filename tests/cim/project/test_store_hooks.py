"""Other core modules keep their own tables inside the same atomic save, and read them on open."""

import sqlite3

import pytest

from cim.project import store
from cim.project.store import open_project, register_hook, save_project


@pytest.fixture
def hooks(monkeypatch):
    fresh = {k: list(v) for k, v in store.HOOKS.items()}
    monkeypatch.setattr(store, "HOOKS", fresh)
    return fresh


def test_a_write_hook_writes_its_table_into_the_saved_file_and_an_open_hook_reads_it(project, tmp_path, hooks):
    def write(conn, p):
        conn.execute("CREATE TABLE IF NOT EXISTS x_notes (v TEXT)")
        conn.execute("DELETE FROM x_notes")
        conn.execute("INSERT INTO x_notes VALUES (?)", (p.note,))

    def read(conn, p):
        p.note = conn.execute("SELECT v FROM x_notes").fetchone()[0]

    register_hook("write", write)
    register_hook("open", read)
    project.note = "ghi chú"
    path = save_project(project, tmp_path / "a.cim.gpkg")
    assert open_project(path).note == "ghi chú"


def test_a_failing_write_hook_leaves_the_previous_file_untouched(project, tmp_path, hooks):
    path = save_project(project, tmp_path / "a.cim.gpkg")
    before = path.read_bytes()

    def boom(conn, p):
        raise RuntimeError("disk full")

    register_hook("write", boom)
    with pytest.raises(RuntimeError):
        save_project(project, path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".*.saving.gpkg"))


def test_before_replace_sees_the_old_file_and_after_save_sees_the_new_one(project, tmp_path, hooks):
    seen = []
    path = save_project(project, tmp_path / "a.cim.gpkg")
    project.metadata.plan_id = "QH-1"

    def plan_id(p):
        conn = sqlite3.connect(p)
        try:
            return conn.execute("SELECT value FROM cim_metadata WHERE key='plan_id'").fetchone()[0]
        finally:
            conn.close()

    register_hook("before_replace", lambda target, p: seen.append(("before", plan_id(target))))
    register_hook("after_save", lambda target, p: seen.append(("after", plan_id(target))))
    save_project(project, path)
    assert seen == [("before", '""'), ("after", '"QH-1"')]
