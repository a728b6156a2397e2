"""Project › Plan information…: the dialog fixes META-01, undoably, and a reviewer cannot use it."""

import pytest

pytestmark = pytest.mark.gui


def _meta01(project):
    from cim.checks.runner import run_checks
    from plugins.check_registry import check_registry

    registry = check_registry()
    pack = registry.pack("decree269")
    run = run_checks(project, registry.checks_for(pack, only=["META-01"]), pack=pack)
    return run.result("META-01").status


def _dialog(window, qtbot):
    from app.map_output import open_metadata_dialog

    dlg = open_metadata_dialog(window, exec_dialog=False)
    qtbot.addWidget(dlg)
    return dlg


def test_plan_information_is_in_the_project_menu_in_vietnamese(window):
    menu = window.menus["project"]
    assert menu.title().replace("&", "") == "Dự án"
    assert "Thông tin quy hoạch…" in [a.text().replace("&", "") for a in menu.actions()]


def test_the_dialog_fixes_meta_01_in_one_undoable_step(window, qtbot):
    p = window.session.project
    for key in ("approving_body", "decision_no", "scale"):
        p.metadata.set(key, "")
    assert _meta01(p) == "fail"
    dlg = _dialog(window, qtbot)
    assert "Cơ quan phê duyệt" in dlg.missing.text()
    dlg.fields["approving_body"].setText("Ủy ban nhân dân tỉnh Phú Thọ")
    dlg.fields["decision_no"].setText("125/QĐ-UBND")
    dlg.fields["scale"].setText("1/2.000")
    dlg.fields["level"].setCurrentIndex(dlg.fields["level"].findData("chi_tiet"))
    assert dlg.apply()
    assert p.metadata.scale == 2000 and p.metadata.level == "chi_tiet"
    assert _meta01(p) == "pass"
    assert window.actions["edit.undo"].text().replace("&", "").startswith("Hoàn tác Cập nhật thông tin quy hoạch")
    window.actions["edit.undo"].trigger()
    assert p.metadata.approving_body == "" and p.metadata.level == "phan_khu"
    assert _meta01(p) == "fail"


def test_a_bad_scale_is_explained_in_vietnamese_and_nothing_changes(window, qtbot):
    p = window.session.project
    dlg = _dialog(window, qtbot)
    dlg.fields["scale"].setText("hai nghìn")
    dlg.fields["plan_id"].setText("QH-MỚI")
    assert not dlg.apply()
    assert "không phải giá trị hợp lệ" in dlg.error.text() and "Tỷ lệ bản đồ" in dlg.error.text()
    assert p.metadata.scale == 2000 and p.metadata.plan_id == "QH-PT-2026-0001"
    assert not p.undo_stack.can_undo()


def test_a_reviewer_sees_the_fields_read_only_and_the_core_refuses_the_edit(window, qtbot):
    from cim.errors import PermissionDenied
    from cim.project.metadata_edit import set_plan_metadata

    window.set_reviewer(True)
    dlg = _dialog(window, qtbot)
    assert not dlg.fields["plan_id"].isEnabled()
    assert "chỉ được xem" in dlg.error.text()
    from PySide6.QtWidgets import QDialogButtonBox

    assert not dlg.buttons.button(QDialogButtonBox.Ok).isEnabled()
    with pytest.raises(PermissionDenied):
        set_plan_metadata(window.session.project, {"plan_id": "QH-X"})
    assert window.session.project.metadata.plan_id == "QH-PT-2026-0001"
