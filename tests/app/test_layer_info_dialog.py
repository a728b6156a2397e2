"""Layer › Data responsibility…: the dialog shows the layer's metadata, OK pushes one undoable command,
a reviewer only reads it; a screenshot for the README."""

import os
import shutil

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.app.conftest import REPO

pytestmark = pytest.mark.gui


def _dialog(window, name="roads"):
    from app.layer_info_dialog import LayerInfoDialog

    rec = window.session.project.layer_by_name(name)
    window.session.set_current_layer(rec.id)
    return LayerInfoDialog(window.session, rec, window), rec


def test_the_dialog_edits_the_layer_metadata_as_one_undoable_step(window, qtbot, tmp_path):
    dlg, rec = _dialog(window)
    assert dlg.provider.text().startswith("Công an tỉnh Phú Thọ") and dlg.cycle.currentData() == "annually"
    assert "Đầy đủ" in dlg.status.text()
    dlg.show()
    out = tmp_path / "layer_info_dialog.png"
    dlg.grab().save(str(out))
    if os.environ.get("CIM_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(out, REPO / "docs" / "screenshots" / "layer_info_dialog.png")
    dlg.cycle.setCurrentIndex(dlg.cycle.findData("monthly"))
    dlg.date.setText("2025-01-01")
    dlg.apply()
    assert rec.info["update_cycle"] == "monthly" and rec.info["source_date"] == "2025-01-01"
    stack = window.session.project.undo_stack
    assert stack.undo_text() == "Set layer metadata of roads"
    stack.undo()
    assert rec.info["update_cycle"] == "annually"


def test_a_bad_date_keeps_the_dialog_open_with_the_reason(window):
    dlg, rec = _dialog(window)
    dlg.date.setText("15/01/2026")
    dlg.apply()
    assert dlg.result() == 0 and "YYYY-MM-DD" in dlg.status.text() and rec.info["source_date"] == "2025-06-30"


def test_a_reviewer_sees_the_metadata_read_only(window):
    window.session.set_reviewer(True)
    dlg, rec = _dialog(window)
    assert not dlg.provider.isEnabled() and "Chỉ xem" in dlg.status.text()
    before = dict(rec.info)
    dlg.apply()
    assert rec.info == before


def test_the_layer_menu_opens_the_dialog(window, qtbot):
    seen = []

    def close_it():
        dlg = QApplication.activeModalWidget()
        seen.append(dlg.objectName() if dlg else None)
        if dlg:
            dlg.reject()
    window.session.set_current_layer("lyr_plots")
    QTimer.singleShot(200, close_it)
    window.actions["layer.metadata"].trigger()
    assert seen == ["layer_info_dialog"]
