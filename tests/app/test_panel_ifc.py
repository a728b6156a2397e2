"""IFC panels on the sample district: import (progress, Cancel, readable errors), georeferencing
(parameters, LoGeoRef, unit trap, place by hand + undo, corrected copy), merge report (zoom to conflict)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]
IFC = REPO / "sample_data" / "district" / "ifc"


def _docks(window):
    from PySide6.QtWidgets import QDockWidget

    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    return docks["dock_plugin_ifc.georef"], docks["dock_plugin_ifc.merge"]


def _importer(window):
    from plugins.builtin.ifc._qt.panel import importer_for

    return importer_for(window)


def _import(window, waits, name):
    done = []
    _importer(window).import_path(IFC / name, on_done=done.append)
    waits.tasks(window)
    assert done and done[0] is not None, f"{name} was not imported"
    return done[0][0]


def test_import_ifc_is_in_the_file_menu_and_adds_one_undo_step(window, waits):
    action = _importer(window).action
    assert action in window.menus["file"].actions() and action.isEnabled()
    n_layers, n_undo = len(window.session.project.layers), window.session.project.undo_stack.index
    rec = _import(window, waits, "ioc_centre.ifc")
    p = window.session.project
    assert rec.kind == "ifc" and len(rec.data.buildings) == 1
    assert len(p.layers) == n_layers + 2                      # the model and its smart devices
    assert p.undo_stack.index == n_undo + 1
    assert p.tree.find_layer(rec.id).parent.name == "Mô hình BIM (IFC)"     # grouped, in the UI language
    window.actions["edit.undo"].trigger()
    assert len(p.layers) == n_layers
    window.session.set_reviewer(True)
    assert not action.isEnabled()


def test_a_canceled_import_leaves_the_project_unchanged(window, waits, qtbot):
    from app.workers import pool

    p = window.session.project
    before, undo = set(p.layers), p.undo_stack.index
    gate = threading.Event()
    from PySide6.QtCore import QRunnable

    blockers = [QRunnable.create(lambda: gate.wait(20)) for _ in range(pool().maxThreadCount())]
    for b in blockers:                        # hold the pool so Cancel lands before the import starts
        pool().start(b)
    failed = []
    task = _importer(window).import_path(IFC / "hh_tower.ifc", on_failed=failed.append)
    from PySide6.QtWidgets import QPushButton

    task.dialog.findChild(QPushButton).click()            # the progress dialog's Cancel button
    gate.set()
    waits.tasks(window)
    from cim.errors import Canceled

    assert failed and isinstance(failed[0], Canceled)
    assert set(p.layers) == before and p.undo_stack.index == undo


def test_a_truncated_ifc_gives_a_readable_message_and_no_layer(window, waits, tmp_path):
    broken = tmp_path / "cut.ifc"
    data = (IFC / "school_thcs.ifc").read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    messages = []
    window.session.message.connect(lambda level, text: messages.append((level, text)))
    before = set(window.session.project.layers)
    failed = []
    _importer(window).import_path(broken, on_failed=failed.append)
    waits.tasks(window)
    assert failed and set(window.session.project.layers) == before
    errors = [t for level, t in messages if level == "error"]
    assert errors and "cut.ifc" in errors[0] and "truncated" in errors[0] and "Traceback" not in errors[0]


def test_georef_panel_shows_parameters_level_and_placing_by_hand_is_undoable(window, waits, tmp_path, qtbot):
    georef_dock, _ = _docks(window)
    georef_dock.show()
    panel = georef_dock.panel
    rec = _import(window, waits, "hh_tower.ifc")
    assert panel.combo.currentData() == rec.id
    g = rec.data.georef
    from PySide6.QtCore import QLocale

    assert panel.view.fields["eastings"].text() == QLocale().toString(float(g.eastings), "f", 3)   # 564.698,635
    assert panel.view.fields["scale"].text().startswith("0,001")          # the model is in millimetres
    assert "LoGeoRef 50" in panel.view.level.text()
    assert window.canvas.overlays.get("ifc.georef") is not None            # footprint outlined on the map
    before = rec.data.buildings.total_bounds.copy()
    origin = g.map_from_local_units([[0.0, 0.0, 0.0]])[0]
    panel.rotation.setValue(g.rotation_deg)
    panel.start_place()                                   # next map click = the new origin
    window.canvas.tool.on_pick(origin[0] + 30.0, origin[1] - 10.0)
    moved = rec.data.buildings.total_bounds
    assert moved[0] == pytest.approx(before[0] + 30.0, abs=0.05)
    assert moved[1] == pytest.approx(before[1] - 10.0, abs=0.05)
    assert panel.view.fields["source"].text() != g.source                 # "placed by hand"
    out = tmp_path / "hh_tower_georef.ifc"
    written = []
    panel.write_corrected(out, on_done=written.append)
    waits.tasks(window)
    from cim.ifc.georef import read_georef
    from cim.ifc.opening import open_ifc

    g2 = read_georef(open_ifc(out).file)
    assert g2.eastings == pytest.approx(origin[0] + 30.0) and g2.scale_declared == pytest.approx(0.001)
    window.actions["edit.undo"].trigger()                 # Ctrl+Z
    assert rec.data.buildings.total_bounds == pytest.approx(before)
    assert panel.view.fields["eastings"].text() == QLocale().toString(float(g.eastings), "f", 3)


def test_inspecting_the_millimetre_file_explains_the_empty_scale_trap(window, waits, shared_data):
    georef_dock, _ = _docks(window)
    georef_dock.show()
    panel = georef_dock.panel
    panel.inspect(shared_data / "ifc-georef" / "geographic-referencing.ifc")
    waits.tasks(window)
    codes = [panel.view.findings.item(i).data(256) for i in range(panel.view.findings.count())]
    assert "SCALE_DERIVED" in codes and "CRS_NOT_VN2000" in codes
    assert "0,001" in panel.view.fields["scale"].text()
    assert panel.view.fields["crs"].text() == "EPSG:25832"


def test_merge_report_lists_the_shifted_hospital_and_a_row_click_zooms_to_it(window, waits):
    _, merge_dock = _docks(window)
    merge_dock.show()
    panel = merge_dock.panel
    for name in ("hospital.ifc", "school_thcs.ifc"):
        _import(window, waits, name)
    p = window.session.project
    undo = p.undo_stack.index
    report = panel.run_merge()
    assert p.undo_stack.index == undo + 1                 # one macro
    shifted = [i for i, r in enumerate(panel.rows) if r["conflict"] and "Bệnh viện" in r["building"]]
    assert shifted and panel.rows[shifted[0]]["code"] == "offset"
    assert any(r["gis"] == "BLD-000519" and r["conflict"] for r in panel.rows)   # its footprint got no IFC
    assert panel.table.rowCount() == len(report.conflicts) + len(report.links)
    panel.table.selectRow(shifted[0])
    ov = window.canvas.overlays.bounds("ifc.merge")
    assert ov is not None
    ext = window.canvas.vp.extent
    assert ext[0] <= ov[0] and ext[1] <= ov[1] and ext[2] >= ov[2] and ext[3] >= ov[3]
    assert ext[2] - ext[0] < 1000                        # zoomed in on the conflict, not the district
    window.actions["edit.undo"].trigger()
    assert all("merge_status" not in r.data.buildings.columns for r in p.layers.values() if r.kind == "ifc")


def test_identify_on_an_imported_ifc_building_shows_its_property_sets(window, waits, qtbot):
    from PySide6.QtCore import Qt

    rec = _import(window, waits, "hh_tower.ifc")
    fp = rec.data.buildings.geometry.iloc[0]
    window.zoom_to_bounds(fp.bounds)
    waits.rendered(window)
    window.set_tool("tool.identify")
    q = window.canvas.to_screen(*fp.representative_point().coords[0])
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=q.toPoint())
    tree = window.identify_dock.tree
    texts = [tree.topLevelItem(i).child(j).text(0) + "=" + tree.topLevelItem(i).child(j).text(1)
             for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())]
    assert any("BMS_System" in t for t in texts)        # CIM_SmartBuilding pset of the tower


@pytest.fixture
def nogeo(tmp_path):
    from cim.ifc.synthetic import build_building_ifc, rectangle

    path = tmp_path / "chua_dinh_vi.ifc"
    build_building_ifc(path, name="Nhà chưa định vị", footprint=rectangle(0, 0, 10, 10), storeys=1)
    return path


def _place_dialog(importer, qtbot):
    qtbot.waitUntil(lambda: importer.place_dialog is not None and importer.place_dialog.isVisible(), timeout=60000)
    return importer.place_dialog


def test_a_model_without_georeferencing_is_placed_where_the_user_says(window, waits, qtbot, nogeo):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QLabel, QPushButton

    importer = _importer(window)
    p = window.session.project
    before = set(p.layers)
    messages = []
    window.session.message.connect(lambda level, text: messages.append((level, text)))
    done = []
    importer.import_path(nogeo, on_done=done.append)
    waits.tasks(window)
    dlg = _place_dialog(importer, qtbot)
    assert set(p.layers) == before and not done                      # nothing placed at (0, 0)
    assert not [t for level, t in messages if level == "error"]
    assert "chua_dinh_vi.ifc" in dlg.findChild(QLabel).text()
    # pick the anchor on the map while the dialog stays open, then turn the model
    dlg.pick_btn.click()
    c = window.canvas
    qtbot.mouseClick(c, Qt.LeftButton, pos=QPoint(300, 200))
    x, y = c.to_map(QPoint(300, 200))
    assert dlg.eastings.value() == pytest.approx(x, abs=0.001) and dlg.northings.value() == pytest.approx(y, abs=0.001)
    dlg.rotation.setValue(90.0)
    dlg.findChild(QPushButton, "place_ok").click()
    waits.tasks(window)
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    rec = done[0][0]
    assert rec.kind == "ifc" and rec.data.georef.rotation_deg == pytest.approx(90.0)
    minx, miny, maxx, maxy = rec.data.buildings.total_bounds
    # 10 × 10 m, turned 90° anticlockwise about its origin: x runs north, y runs west
    assert (minx, miny, maxx, maxy) == pytest.approx((x - 10, y, x, y + 10), abs=0.01)
    assert any("PLACED_AT_IMPORT" in t for level, t in messages if level == "warning")


def test_canceling_the_placement_imports_nothing(window, waits, qtbot, nogeo):
    importer = _importer(window)
    p = window.session.project
    before, undo = set(p.layers), p.undo_stack.index
    messages, failed = [], []
    window.session.message.connect(lambda level, text: messages.append((level, text)))
    importer.import_path(nogeo, on_failed=failed.append)
    waits.tasks(window)
    dlg = _place_dialog(importer, qtbot)
    dlg.reject()
    from cim.ifc.place import MissingGeoref

    assert failed and isinstance(failed[0], MissingGeoref)
    assert set(p.layers) == before and p.undo_stack.index == undo and importer.place_dialog is None
    assert any(level == "warning" and "chua_dinh_vi.ifc" in t for level, t in messages)


def test_the_placement_dialog_looks_right(window, waits, qtbot, nogeo, tmp_path):
    importer = _importer(window)
    importer.import_path(nogeo)
    waits.tasks(window)
    dlg = _place_dialog(importer, qtbot)
    img = dlg.grab()
    img.save(str(tmp_path / "place_dialog.png"))
    assert img.width() >= 400 and dlg.eastings.value() > 500_000     # starts at the centre of the project data
    dlg.reject()
