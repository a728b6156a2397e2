"""File › Print layout…: preview and export through the same renderer as ``cimstudio print``."""

import shutil
import subprocess

import pytest

from tests.app.conftest import wait_tasks

pytestmark = pytest.mark.gui


def _dialog(window, qtbot):
    from app.map_output import open_print_dialog

    dlg = open_print_dialog(window, exec_dialog=False)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.is_idle() and dlg.last_result is not None, timeout=60000)
    return dlg


def test_print_action_is_in_the_file_menu_in_vietnamese(window):
    texts = [a.text().replace("&", "") for a in window.menus["file"].actions()]
    assert "In bản vẽ…" in texts
    assert window.actions["project.print"].isEnabled()


def test_preview_follows_paper_orientation_and_custom_scale(window, qtbot):
    dlg = _dialog(window, qtbot)
    pm = dlg.preview.pixmap()
    assert not pm.isNull() and pm.width() > pm.height()          # A3 landscape
    assert dlg.last_result.layout.paper == "A3"
    dlg.orientation.setCurrentIndex(dlg.orientation.findData("portrait"))
    dlg.scale.setCurrentIndex(dlg.scale.findData(-1))
    dlg.custom.setValue(7500)
    qtbot.waitUntil(lambda: dlg.is_idle() and dlg.last_result.scale == 7500
                    and dlg.last_result.layout.orientation == "portrait", timeout=60000)
    pm = dlg.preview.pixmap()
    assert pm.height() > pm.width()
    assert "1:7.500" in dlg.status.text()


def test_export_writes_the_a3_pdf_with_the_chosen_scale(window, qtbot, tmp_path):
    dlg = _dialog(window, qtbot)
    dlg.scale.setCurrentIndex(dlg.scale.findData(2000))
    dlg.dpi.setValue(100)
    out = tmp_path / "sheet.pdf"
    dlg.export(out)
    wait_tasks(qtbot, window)
    assert out.exists()
    info = subprocess.run([shutil.which("pdfinfo"), str(out)], capture_output=True, text=True).stdout
    assert "1190.55 x 841.89 pts (A3)" in info
    text = subprocess.run([shutil.which("pdftotext"), str(out), "-"], capture_output=True, text=True).stdout
    assert "Tỷ lệ 1:2.000" in text and "Mã quy hoạch" in text
