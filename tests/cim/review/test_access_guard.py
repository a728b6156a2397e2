"""The one guard (cim.project.access): by command class, the role a property of the project, every
write path outside the commands (save, restore, recover, store results), no elevation from inside."""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil

import pytest

import cim
from cim.commands import Command, MacroCommand
from cim.errors import PermissionDenied
from cim.project.access import REVIEW_COMMANDS, granted_role, switch_role
from cim.project.feature_edits import ChangeAttribute
from cim.project.store import open_project, save_project
from cim.review.commands import AddThread, add_comment
from cim.review.roles import assign_role, role_assignments


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def as_reviewer(project, tmp_path, monkeypatch):
    assign_role(project, "tu_van", "consultant")
    assign_role(project, "xa_nong_trang", "reviewer")
    path = save_project(project, tmp_path / "plan.cim.gpkg")
    monkeypatch.setattr("cim.project.document._current_user", lambda: "xa_nong_trang")
    return open_project(path)


def _all_command_classes() -> list[type]:
    found = set()
    for info in pkgutil.walk_packages(cim.__path__, "cim."):
        if ".cli" in info.name or info.name.endswith("__main__"):
            continue
        try:
            mod = importlib.import_module(info.name)
        except ImportError:
            continue
        for _, c in inspect.getmembers(mod, inspect.isclass):
            if issubclass(c, Command) and c not in (Command, MacroCommand) and c.__module__ == mod.__name__:
                found.add(c)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__name__}")


ALL = _all_command_classes()
REVIEW = {f"{m}.{n}" for m, names in REVIEW_COMMANDS.items() for n in names}


def test_the_discovery_finds_the_command_classes_of_every_domain():
    names = {f"{c.__module__}.{c.__name__}" for c in ALL}
    assert REVIEW <= names
    for expected in ("cim.network.edits.NetworkEdit", "cim.merge.apply.ReplaceLayerData",
                     "cim.ifc.place.PlaceIfcModel", "cim.tod.scenarios.SetAttributeValues",
                     "cim.checks.acceptance.AcceptIssue", "cim.review.roles.AssignRole"):
        assert expected in names


@pytest.mark.parametrize("cls", [c for c in ALL if f"{c.__module__}.{c.__name__}" not in REVIEW],
                         ids=lambda c: c.__name__)
@pytest.mark.parametrize("relabel", [None, "review", "view"])
def test_every_public_data_command_class_is_refused_whatever_its_category_says(as_reviewer, cls, relabel):
    """Decided by the class before ``redo`` runs: an uninitialised instance would crash in redo."""
    cmd = object.__new__(cls)
    cmd.text = f"{cls.__name__} trá hình"
    if relabel:
        cmd.category = relabel
    with pytest.raises(PermissionDenied, match="reviewer"):
        as_reviewer.push(cmd)
    with pytest.raises(PermissionDenied):
        as_reviewer.push(MacroCommand("nhóm", [cmd], category="review"))
    assert len(as_reviewer.undo_stack) == 0


def test_a_subclass_of_a_review_command_is_not_a_review_command(as_reviewer):
    lid = next(iter(as_reviewer.layers))
    before = as_reviewer.layers[lid].data.copy()

    class Sneaky(AddThread):
        def redo(self):
            as_reviewer.layers[lid].data.loc[:, "far"] = 99.0

    from cim.review.model import Thread

    with pytest.raises(PermissionDenied):
        as_reviewer.push(Sneaky(as_reviewer, Thread(title="x", author="xa")))
    assert as_reviewer.layers[lid].data.equals(before)


def test_the_role_cannot_be_raised_from_inside(as_reviewer):
    p = as_reviewer
    assert p.role == "reviewer" and granted_role(p) == "reviewer"
    for attempt in (lambda: switch_role(p, "consultant"), lambda: setattr(p, "role", "consultant")):
        with pytest.raises(PermissionDenied):
            attempt()
    assert p.role == "reviewer"
    switch_role(p, "appraiser")        # the same rights: allowed
    assert p.role == "appraiser"


def test_a_consultant_may_look_as_a_reviewer_and_come_back(project):
    switch_role(project, "reviewer")
    with pytest.raises(PermissionDenied):
        project.push(ChangeAttribute(project, next(iter(project.layers)), int(next(iter(
            project.layers.values())).data.index[0]), "far", 9.0))
    switch_role(project, "consultant")
    assert project.role == "consultant"


def test_save_project_called_directly_refuses_data_a_reviewer_changed_and_keeps_the_file(as_reviewer):
    p = as_reviewer
    lid = next(iter(p.layers))
    before = _digest(p.path)
    p.layers[lid].data.loc[:, "far"] = 99.0        # behind the commands' back
    p.mark_dirty(lid)
    with pytest.raises(PermissionDenied, match="layers"):
        save_project(p)
    p.dirty_layers.clear()
    p.metadata.set("plan_id", "QH-GIA")
    with pytest.raises(PermissionDenied, match="metadata"):
        save_project(p)
    p.metadata.set("plan_id", open_project(p.path).metadata.get("plan_id"))
    role_assignments(p)["xa_nong_trang"] = "consultant"
    with pytest.raises(PermissionDenied, match="roles"):
        save_project(p)
    assert _digest(p.path) == before


def test_a_reviewer_save_writes_the_comments_and_nothing_else(as_reviewer, monkeypatch):
    p = as_reviewer
    add_comment(p, title="Lô 3 thiếu chỉ tiêu tầng cao")
    save_project(p)
    again = open_project(p.path)
    assert again.role == "reviewer" and len(again.ext.review_book) == 1
    monkeypatch.setattr("cim.project.document._current_user", lambda: "tu_van")
    assert open_project(p.path).role == "consultant"


def test_restoring_a_backup_is_refused_for_a_reviewer(as_reviewer, tmp_path):
    from cim.backup import backup_project, restore_backup

    backup = backup_project(as_reviewer.path)
    before = _digest(as_reviewer.path)
    with pytest.raises(PermissionDenied, match="restore"):
        restore_backup(as_reviewer.path, backup)
    assert _digest(as_reviewer.path) == before


def test_storing_check_results_is_refused_for_a_reviewer(as_reviewer):
    from cim.checks.results_store import store_run

    before = _digest(as_reviewer.path)
    with pytest.raises(PermissionDenied):
        store_run(as_reviewer.path, object())
    assert _digest(as_reviewer.path) == before


def test_a_planted_recovery_file_neither_changes_data_nor_roles(project, tmp_path, monkeypatch):
    from cim.backup.recovery import recover, write_recovery
    from cim.project import LayerRecord, Project
    from cim.project.edits import AddLayer
    from cim.testing import make_plots

    assign_role(project, "tu_van", "consultant")
    assign_role(project, "xa_nong_trang", "reviewer")
    path = save_project(project, tmp_path / "plan.cim.gpkg")
    forged = Project(crs="EPSG:9208")       # a consultant of its own, everyone a consultant in its roles
    forged.push(AddLayer(forged, LayerRecord("Giả", "vector", make_plots(2), crs="EPSG:9208")))
    write_recovery(forged, path=path)
    monkeypatch.setattr("cim.project.document._current_user", lambda: "xa_nong_trang")
    before = _digest(path)
    with pytest.raises(PermissionDenied, match="recover"):
        recover(path, allow_stale=True)
    assert _digest(path) == before
    # the consultant recovering the same file keeps the project's roles, not the file's
    monkeypatch.setattr("cim.project.document._current_user", lambda: "tu_van")
    got = recover(path, allow_stale=True)
    assert role_assignments(got) == {"tu_van": "consultant", "xa_nong_trang": "reviewer"}


def test_a_reviewer_recovers_their_own_unsaved_comments(as_reviewer):
    from cim.backup.recovery import recover, write_recovery
    from cim.review import review_book

    add_comment(as_reviewer, title="Góp ý chưa lưu")
    write_recovery(as_reviewer)
    got = recover(as_reviewer.path)
    assert [t.title for t in review_book(got)] == ["Góp ý chưa lưu"] and got.role == "reviewer"


def test_citizens_imported_from_a_consultation_do_not_lock_the_author_out():
    from cim.project.access import effective_role

    citizens = {"citizen:Nguyễn Văn A": "citizen", "citizen:an danh-1a2b3c": "citizen"}
    assert effective_role(citizens, "tu_van") == "consultant"
    assert effective_role(citizens, "citizen:Nguyễn Văn A") == "citizen"
    assert effective_role({**citizens, "tu_van": "consultant"}, "xa_nong_trang") == "reviewer"
    assert effective_role({**citizens, "tu_van": "consultant"}, "tu_van") == "consultant"
    assert effective_role(citizens, "tu_van", ceiling="reviewer") == "reviewer"
