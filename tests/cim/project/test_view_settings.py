"""A reviewer's layer styles and visibility are kept for them (user settings keyed by the project file),
never written into the project: the file keeps the consultant's styles byte for byte in its layer
table, and a consultant opening it sees those."""

from __future__ import annotations

import json
import sqlite3

import pytest

from cim.project import LayerRecord, Project
from cim.project.access import current_user
from cim.project.edits import AddLayer, SetLayerStyle, SetLayerVisibility
from cim.project.store import open_project, save_project
from cim.project.view_settings import VIEW_DIR_ENV, read_view, settings_file
from cim.review.roles import assign_role
from cim.testing import make_plots

CONSULTANT = "tu_van_khong_phai_toi"
GRADUATED = {"type": "graduated", "field": "far", "ramp": "YlOrRd", "classes": 4, "opacity": 0.6}


def stored_styles(path) -> dict:
    from cim.project import tables

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r["layer_id"]: r["style"] for r in tables.read_layer_rows(conn)}
    finally:
        conn.close()


@pytest.fixture
def reviewed(tmp_path):
    """A saved project with a styled layer that gives the account running the tests the reviewer role."""
    p = Project(crs="EPSG:9208")
    rec = LayerRecord("Lô đất", "vector", make_plots(12), crs="EPSG:9208", object_kind="plot",
                      style={"type": "simple", "fill": "#123456"})
    p.push(AddLayer(p, rec))
    assign_role(p, CONSULTANT, "consultant")
    assign_role(p, current_user(), "reviewer")
    return save_project(p, tmp_path / "plan.cim.gpkg"), rec.id


def test_a_reviewers_style_and_visibility_come_back_for_them_and_the_file_keeps_the_consultants(reviewed):
    path, lid = reviewed
    before = stored_styles(path)
    p = open_project(path)
    assert p.role == "reviewer"
    node = p.tree.find_layer(lid)
    p.push(SetLayerStyle(p, lid, GRADUATED))
    p.push(SetLayerVisibility(p, node.id, False))
    save_project(p)
    assert stored_styles(path) == before                    # the project's styles are untouched
    view = read_view(path)
    assert view["styles"] == {lid: GRADUATED} and view["visible"] == {node.id: False}
    again = open_project(path)
    assert again.layer(lid).style == GRADUATED and not again.tree.find_layer(lid).visible
    assert again.undo_stack.is_clean() and not again.dirty_layers
    save_project(again)                                     # saving again keeps them, still not in the file
    assert stored_styles(path) == before and read_view(path)["styles"] == {lid: GRADUATED}


def test_back_to_the_projects_style_removes_the_reviewers_settings(reviewed):
    path, lid = reviewed
    p = open_project(path)
    original = dict(p.layer(lid).style)
    p.push(SetLayerStyle(p, lid, GRADUATED))
    save_project(p)
    assert settings_file(path).is_file()
    p = open_project(path)
    p.push(SetLayerStyle(p, lid, original))
    save_project(p)
    assert not settings_file(path).exists()
    assert open_project(path).layer(lid).style == original


def test_a_consultant_opening_the_file_sees_the_projects_styles(reviewed):
    path, lid = reviewed
    p = open_project(path)
    p.push(SetLayerStyle(p, lid, GRADUATED))
    save_project(p)
    assert read_view(path)["styles"] == {lid: GRADUATED}
    conn = sqlite3.connect(path)                            # the same file, now given to this account as consultant
    with conn:
        conn.execute("UPDATE cim_roles SET role = 'consultant' WHERE user = ?", (current_user(),))
    conn.close()
    mine = open_project(path)
    assert mine.role == "consultant" and mine.layer(lid).style == {"type": "simple", "fill": "#123456"}


def test_a_consultant_looking_as_a_reviewer_keeps_no_separate_view(tmp_path):
    p = Project(crs="EPSG:9208")
    rec = LayerRecord("Lô đất", "vector", make_plots(5), crs="EPSG:9208", style={"fill": "#123456"})
    p.push(AddLayer(p, rec))
    path = save_project(p, tmp_path / "mine.cim.gpkg")
    p = open_project(path)
    p.role = "reviewer"
    p.push(SetLayerStyle(p, rec.id, GRADUATED))
    save_project(p)
    assert not settings_file(path).exists()
    assert open_project(path).layer(rec.id).style == {"fill": "#123456"}


def test_the_settings_live_in_the_users_folder_keyed_by_the_project_path(reviewed, tmp_path, monkeypatch):
    import os

    path, lid = reviewed
    p = open_project(path)
    p.push(SetLayerStyle(p, lid, GRADUATED))
    save_project(p)
    f = settings_file(path)
    assert f.parent == type(f)(os.environ[VIEW_DIR_ENV]) and not f.is_relative_to(path.parent)
    assert json.loads(f.read_text(encoding="utf-8"))["project"] == str(path.resolve())
    f.write_text("{not json", encoding="utf-8")             # a damaged settings file is ignored
    assert open_project(path).layer(lid).style == {"type": "simple", "fill": "#123456"}
