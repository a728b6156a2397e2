"""Reviewer mode in the window cannot make anyone more than the project grants: unticking it on a
project that lists this account as reviewer leaves the session a reviewer and editing disabled."""

from cim.project.access import current_user
from cim.project.store import open_project, save_project
from cim.review.roles import assign_role


def test_unticking_reviewer_mode_does_not_make_a_reviewer_a_consultant(qtbot, sample_copy):
    from app.bootstrap import build_window
    from cim.project.feature_edits import ChangeAttribute

    p = open_project(sample_copy)
    assign_role(p, "tu_van_khac", "consultant")
    assign_role(p, current_user(), "reviewer")
    save_project(p)
    win = build_window(sample_copy)
    win.never_ask = True
    win.quiet_errors = True
    qtbot.addWidget(win)
    s = win.session
    assert s.project.role == "reviewer" and s.reviewer and win.actions["app.reviewer"].isChecked()
    win.actions["app.reviewer"].setChecked(False)                 # the user tries to leave reviewer mode
    assert s.project.role == "reviewer" and not s.editable
    assert win.actions["app.reviewer"].isChecked()
    msg = win.statusBar().currentMessage()
    assert "review only" in msg or "thẩm tra" in msg, msg        # not "Editing enabled"
    assert not win.actions["tool.vertex"].isEnabled()
    rec = s.current_layer()
    assert not s.push(ChangeAttribute(s.project, rec.id, int(rec.data.index[0]), "far", 9.0))
    win.set_reviewer(False)
    assert s.project.role == "reviewer"


def test_the_forced_reviewer_mode_ends_with_the_review_only_project(qtbot, sample_copy, tmp_path):
    import shutil

    from app.bootstrap import build_window

    mine = tmp_path / "cua_toi.cim.gpkg"
    shutil.copyfile(sample_copy, mine)
    p = open_project(sample_copy)
    assign_role(p, "tu_van_khac", "consultant")
    assign_role(p, current_user(), "reviewer")
    save_project(p)
    win = build_window(sample_copy)
    win.never_ask = True
    win.quiet_errors = True
    qtbot.addWidget(win)
    assert win.session.reviewer
    win.session.set_project(open_project(mine))          # a project of my own: editing again
    assert not win.session.reviewer and win.session.editable and win.session.project.role == "consultant"


def test_a_reviewers_style_from_the_style_dock_is_theirs_again_next_time_and_not_in_the_project(qtbot, sample_copy):
    import sqlite3

    from app.bootstrap import build_window
    from cim.project import tables
    from tests.app.conftest import wait_tasks

    p = open_project(sample_copy)
    assign_role(p, "tu_van_khac", "consultant")
    assign_role(p, current_user(), "reviewer")
    save_project(p)

    def file_styles():
        conn = sqlite3.connect(f"file:{sample_copy}?mode=ro", uri=True)
        try:
            return {r["layer_id"]: r["style"] for r in tables.read_layer_rows(conn)}
        finally:
            conn.close()

    before = file_styles()
    win = build_window(sample_copy)
    win.never_ask = True
    win.quiet_errors = True
    qtbot.addWidget(win)
    lid = win.session.current_layer().id
    dock = win.style_dock
    dock.kind.setCurrentIndex(dock.kind.findData("graduated"))
    dock.field.setCurrentText("far")
    dock.apply()
    assert win.session.current_layer().style["type"] == "graduated"
    win.files.save()
    wait_tasks(qtbot, win)
    assert file_styles() == before                               # the project keeps the consultant's styles
    again = build_window(sample_copy)
    again.never_ask = True
    again.quiet_errors = True
    qtbot.addWidget(again)
    again.session.set_current_layer(lid)
    assert again.style_dock.kind.currentData() == "graduated" and again.style_dock.field.currentText() == "far"
