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
