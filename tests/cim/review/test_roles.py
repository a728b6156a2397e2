"""A reviewer cannot change the project through any core command; roles live in the project file."""

import pytest
import shapely

from cim.commands import MacroCommand
from cim.errors import PermissionDenied
from cim.project import LayerRecord
from cim.project.edits import (
    AddGroup,
    AddLayer,
    RemoveLayer,
    RenameLayer,
    SetLayerDisplayName,
    SetLayerStyle,
    SetLayerVisibility,
    SetMetadata,
)
from cim.project.feature_edits import AddFeatures, ChangeAttribute, ChangeGeometry, DeleteFeatures
from cim.project.store import open_project, save_project
from cim.review.commands import add_comment, reply, resolve
from cim.review.roles import AssignRole, assign_role, role_assignments, switch_role
from cim.testing import make_plots, project_state

EDITS = {
    "AddLayer": lambda p, lid: AddLayer(p, LayerRecord("Mới", "vector", make_plots(3, 9))),
    "AddGroup": lambda p, lid: AddGroup(p, "Nhóm mới"),
    "RemoveLayer": lambda p, lid: RemoveLayer(p, lid),
    "RenameLayer": lambda p, lid: RenameLayer(p, lid, "Tên khác"),
    "SetLayerDisplayName": lambda p, lid: SetLayerDisplayName(p, lid, "Tên hiển thị khác"),
    "SetMetadata": lambda p, lid: SetMetadata(p, "plan_id", "QH-GIA"),
    "AddFeatures": lambda p, lid: AddFeatures(p, lid, make_plots(2, 5).drop(columns=[])),
    "DeleteFeatures": lambda p, lid: DeleteFeatures(p, lid, [1, 2]),
    "ChangeGeometry": lambda p, lid: ChangeGeometry(p, lid, 3, shapely.box(0, 0, 1, 1)),
    "ChangeAttribute": lambda p, lid: ChangeAttribute(p, lid, 4, "far", 99.0),
    "AssignRole": lambda p, lid: AssignRole(p, "ai_do", "consultant"),
    "MacroCommand labelled review around a data edit": lambda p, lid: MacroCommand(
        "trá hình", [ChangeAttribute(p, lid, 4, "far", 99.0)], category="review"),
}


@pytest.fixture
def reviewer_project(project, tmp_path, monkeypatch):
    assign_role(project, project.user, "consultant")
    assign_role(project, "xa_nong_trang", "reviewer")
    path = save_project(project, tmp_path / "plan.cim.gpkg")
    monkeypatch.setattr("cim.project.document._current_user", lambda: "xa_nong_trang")
    return open_project(path)


@pytest.mark.parametrize("name", sorted(EDITS))
def test_every_edit_command_is_refused_for_a_reviewer_and_nothing_changes(reviewer_project, name):
    p = reviewer_project
    assert p.role == "reviewer"
    lid = next(iter(p.layers))
    before, roles_before = project_state(p), dict(role_assignments(p))
    cmd = EDITS[name](p, lid)
    with pytest.raises(PermissionDenied, match="reviewer"):
        p.push(cmd)
    from cim.testing import assert_same_project_state

    assert_same_project_state(project_state(p), before)
    assert role_assignments(p) == roles_before
    assert len(p.undo_stack) == 0 and not p.is_modified()


def test_an_edit_inside_a_macro_block_is_refused_for_a_reviewer(reviewer_project):
    p = reviewer_project
    lid = next(iter(p.layers))
    before = project_state(p)
    with pytest.raises(PermissionDenied):
        with p.undo_stack.macro("nhiều sửa", category="review"):
            p.push(ChangeAttribute(p, lid, 4, "far", 99.0))
    from cim.testing import assert_same_project_state

    assert_same_project_state(project_state(p), before)


def test_every_edit_command_class_in_the_core_is_covered_by_the_reviewer_test():
    import inspect

    from cim.commands import Command
    from cim.project import edits, feature_edits
    from cim.review import roles

    classes = {n for mod in (edits, feature_edits, roles) for n, c in inspect.getmembers(mod, inspect.isclass)
               if issubclass(c, Command) and c.__module__ == mod.__name__ and c.category in ("data", "metadata")}
    assert classes <= {n.split()[0] for n in EDITS}


def test_a_reviewer_may_comment_reply_resolve_and_change_the_view(reviewer_project):
    p = reviewer_project
    lid = next(iter(p.layers))
    t = add_comment(p, title="Lô 4 vượt hệ số sử dụng đất")
    reply(p, t.id, "Đề nghị kiểm tra lại")
    resolve(p, t.id)
    p.push(SetLayerStyle(p, lid, {"fill": "#ff0000"}))
    p.push(SetLayerVisibility(p, p.tree.find_layer(lid).id, False))
    assert len(p.undo_stack) == 5 and t.status == "resolved"


def test_roles_are_saved_in_the_project_and_decide_the_role_of_the_next_session(project, tmp_path, monkeypatch):
    assign_role(project, "tu_van", "consultant")
    assign_role(project, "so_xay_dung", "appraiser")
    path = save_project(project, tmp_path / "plan.cim.gpkg")
    for user, role in [("tu_van", "consultant"), ("so_xay_dung", "appraiser"), ("nguoi_la", "reviewer")]:
        monkeypatch.setattr("cim.project.document._current_user", lambda u=user: u)
        opened = open_project(path)
        assert opened.role == role
        assert role_assignments(opened) == {"tu_van": "consultant", "so_xay_dung": "appraiser"}


def test_a_project_without_role_assignments_belongs_to_its_consultant(project, tmp_path):
    path = save_project(project, tmp_path / "plan.cim.gpkg")
    assert open_project(path).role == "consultant"


def test_switching_to_reviewer_drops_history_so_undo_cannot_revert_a_consultant_edit(project):
    lid = next(iter(project.layers))
    project.push(ChangeAttribute(project, lid, 4, "far", 99.0))
    switch_role(project, "reviewer")
    project.undo_stack.undo()
    assert project.layers[lid].data.loc[4, "far"] == 99.0
    assert not project.undo_stack.can_undo()


def test_switching_role_keeps_history_the_new_role_may_push(project):
    add_comment(project, title="Góp ý chung")
    switch_role(project, "appraiser")
    assert project.undo_stack.can_undo()
