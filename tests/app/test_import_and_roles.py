"""Importing files (a missing CRS chosen explicitly, a long import canceled), reviewer mode, languages."""

import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def _shapefile_without_crs(path, n=20):
    import geopandas as gpd

    x = 564200.0 + np.arange(n) * 40.0
    gdf = gpd.GeoDataFrame({"ten": [f"Điểm {i}" for i in range(n)]},
                           geometry=shapely.points(x, np.full(n, 2359000.0)))
    gdf.to_file(path)          # no CRS: no .prj is written
    assert not path.with_suffix(".prj").exists()
    return path


def test_importing_a_file_without_crs_asks_for_one_and_uses_the_choice(qtbot, window, waits, tmp_path):
    from app.import_dialog import ImportDialog

    win = window
    shp = _shapefile_without_crs(tmp_path / "diem_khao_sat.shp")
    dlg = ImportDialog(win, "vector", win.session.project.crs)
    qtbot.addWidget(dlg)
    dlg.file.setText(str(shp))
    dlg.inspect()
    assert dlg.crs.isEnabled()                       # nothing declared: the user must choose
    assert "EPSG:9208" in dlg.detected.text() or "no coordinate" in dlg.detected.text().lower() or \
        "không" in dlg.detected.text().lower()
    dlg.crs.setCurrentIndex(dlg.crs.findData("EPSG:9208"))
    assert dlg.chosen_crs() == "EPSG:9208"
    n_before = len(win.session.project.layers)
    win.files.import_file(dlg.path(), kind="vector", crs_if_missing=dlg.chosen_crs())
    waits.tasks(win)
    assert len(win.session.project.layers) == n_before + 1
    rec = win.session.current_layer()
    assert rec.name == "diem_khao_sat" and len(rec.data) == 20
    assert rec.data.crs.to_epsg() == 9208
    assert win.session.project.undo_stack.undo_text().startswith("Add layer")


def test_without_a_crs_choice_the_import_fails_with_a_readable_message_and_changes_nothing(qtbot, window, waits,
                                                                                         tmp_path):
    win = window
    shp = _shapefile_without_crs(tmp_path / "khong_crs.shp")
    n_before = len(win.session.project.layers)
    win.files.import_file(shp, kind="vector")
    waits.tasks(win)
    assert len(win.session.project.layers) == n_before
    errors = [m for level, m in win.log_dock.lines if level == "error"]
    assert errors and "coordinate reference system" in errors[-1] and "Traceback" not in errors[-1]
    assert "Traceback" not in win.log_dock.text.toPlainText()


@pytest.mark.slow
def test_canceling_a_long_import_leaves_the_project_unchanged(qtbot, window, waits, tmp_path):
    import geopandas as gpd

    win = window
    n = 200_000
    x = 560000.0 + (np.arange(n) % 500) * 10.0
    y = 2358000.0 + (np.arange(n) // 500) * 10.0
    big = tmp_path / "nhieu_lo.gpkg"
    gpd.GeoDataFrame({"code": np.arange(n)}, geometry=shapely.box(x, y, x + 8, y + 8), crs="EPSG:9208").to_file(big)
    before = (list(win.session.project.layers), len(win.session.project.undo_stack))
    task = win.files.import_file(big, kind="vector")
    from PySide6.QtWidgets import QPushButton

    task.dialog.findChild(QPushButton).click()   # the user presses Cancel in the progress dialog
    waits.tasks(win)
    assert task.feedback.is_canceled()
    assert (list(win.session.project.layers), len(win.session.project.undo_stack)) == before
    assert any("Canceled" in m for level, m in win.log_dock.lines if level == "info")
    assert not [m for level, m in win.log_dock.lines if level == "error"]


def test_several_imports_in_one_session_each_land_and_the_app_survives(qtbot, window, waits, tmp_path):
    """Regression: pyproj 3.7 crashed the process when a second Qt pool thread built a CRS (issue #1509);
    workers now run their body in a Python-created thread."""
    import pyogrio

    from cim.testing import make_plots

    win = window
    before = len(win.session.project.layers)
    for i in range(3):
        path = tmp_path / f"lo_{i}.gpkg"
        pyogrio.write_dataframe(make_plots(30).to_crs(4326 if i == 1 else 9208), path, layer="plots")
        win.files.import_file(path, kind="vector")
        waits.tasks(win)
    assert len(win.session.project.layers) == before + 3


def test_reviewer_mode_disables_editing_everywhere_and_the_core_refuses_edits(qtbot, window):
    from cim.project.feature_edits import ChangeAttribute

    win = window
    win.actions["app.reviewer"].setChecked(True)
    assert win.session.project.role == "reviewer"
    for aid in ("edit.delete", "tool.add_feature", "tool.vertex", "layer.import_vector", "layer.remove"):
        assert not win.actions[aid].isEnabled(), aid
    model = win.table_dock.model
    assert not model.flags(model.index(0, 0)) & Qt.ItemIsEditable
    rec = win.session.current_layer()
    assert not win.session.push(ChangeAttribute(win.session.project, rec.id, int(rec.data.index[0]), "far", 9.0))
    assert "Reviewer" in win.windowTitle() or "kiểm tra" in win.windowTitle().lower() or "Người" in win.windowTitle()
    win.actions["app.reviewer"].setChecked(False)
    assert win.actions["tool.vertex"].isEnabled()


def test_the_window_opens_read_only_with_the_reviewer_flag(qtbot, sample_copy):
    from app.bootstrap import build_window

    win = build_window(sample_copy, reviewer=True)
    win.never_ask = True
    qtbot.addWidget(win)
    assert win.session.project.role == "reviewer" and win.actions["app.reviewer"].isChecked()
    assert not win.actions["tool.add_feature"].isEnabled()


@pytest.mark.parametrize(("lang", "file_menu", "undo"), [("vi", "&Tệp", "&Hoàn tác"), ("en", "&File", "&Undo")])
def test_the_interface_speaks_vietnamese_or_english(qtbot, sample_copy, lang, file_menu, undo):
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build_window
    from app.i18n import install_language

    install_language(QApplication.instance(), lang)
    win = build_window(sample_copy)
    win.never_ask = True
    qtbot.addWidget(win)
    assert win.menus["file"].title() == file_menu
    assert win.actions["edit.undo"].text().startswith(undo)
    install_language(QApplication.instance(), "vi")


def test_the_attribute_table_filters_by_expression_sorts_and_selects_on_the_map(qtbot, window):
    win = window
    table = win.table_dock
    rec = win.session.current_layer()
    table.filter.setText("category == 'residential' and far > 1")
    table.apply_filter()
    expected = ((rec.data["category"] == "residential") & (rec.data["far"] > 1)).sum()
    assert table.model.rowCount() == expected > 0
    far = table.model.columns.index("far")
    table.model.sort(far, Qt.DescendingOrder)
    values = [float(table.model.data(table.model.index(r, far), Qt.EditRole)) for r in range(table.model.rowCount())]
    assert values == sorted(values, reverse=True)
    table.view.selectRow(0)
    assert list(win.session.selected(rec.id)) == [table.model.fid_at(0)]
    table.filter.setText("far >>> 2")
    table.apply_filter()
    assert "filter" in table.status.text().lower() or "lọc" in table.status.text().lower()


def test_style_changes_are_undoable_commands_and_repaint_the_map(qtbot, window, waits):
    win = window
    rec = win.session.current_layer()
    dock = win.style_dock
    dock.kind.setCurrentIndex(dock.kind.findData("graduated"))
    dock.field.setCurrentText("far")
    before = win.canvas.rendered_image().copy()
    dock.apply()
    assert rec.style["type"] == "graduated" and rec.style["field"] == "far"
    waits.rendered(win)
    assert (win.canvas.rendered_image() != before).any()
    win.actions["edit.undo"].trigger()
    assert rec.style.get("type") != "graduated"


def test_the_attribute_form_applies_changed_fields_as_one_undo_step_and_explains_bad_values(qtbot, window):
    win = window
    rec = win.session.current_layer()
    fid = int(rec.data.index[3])
    win.session.select(rec.id, [fid])
    form = win.open_attribute_form(exec_dialog=False)
    qtbot.addWidget(form)
    depth = len(win.session.project.undo_stack)
    form.edits["far"].setText("2.75")
    form.edits["code"].setText("HH-99")
    form.apply()
    assert rec.data.at[fid, "far"] == 2.75 and rec.data.at[fid, "code"] == "HH-99"
    assert len(win.session.project.undo_stack) == depth + 1
    win.actions["edit.undo"].trigger()
    assert rec.data.at[fid, "code"] != "HH-99"
    form = win.open_attribute_form(exec_dialog=False)
    qtbot.addWidget(form)
    form.edits["far"].setText("hai phẩy năm")
    form.apply()
    assert "far" in form.error.text() and form.result() == 0
    assert rec.data.at[fid, "far"] != "hai phẩy năm"
