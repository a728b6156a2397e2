"""The layer tree shows display names (Vietnamese for the standard tables), renaming there is one
undoable step, and the TOD panel chooses its layers by kind: a project without stations says so and
never takes the plots for stations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from tests.app.conftest import settle, wait_tasks

pytestmark = pytest.mark.gui


def _tree_texts(window) -> dict[str, str]:
    model = window.layers_dock.model
    out = {}

    def walk(parent):
        for r in range(model.rowCount(parent)):
            idx = model.index(r, 0, parent)
            node = idx.internalPointer()
            if getattr(node, "layer_id", None):
                out[window.session.project.layers[node.layer_id].name] = model.data(idx, Qt.DisplayRole)
            walk(idx)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return out


def test_tree_shows_display_names_and_renames_undoably(window, qtbot, sample_copy):
    texts = _tree_texts(window)
    assert texts["net_water_nodes"].startswith("Nút mạng cấp nước  (")
    assert texts["plots"].startswith("Lô đất  (")
    model = window.layers_dock.model
    p = window.session.project
    plots = p.find_layer("plots")
    idx = model.index_of_layer(plots.id)
    assert model.flags(idx) & Qt.ItemIsEditable
    assert model.data(idx, Qt.EditRole) == "Lô đất"
    assert "plots" in model.data(idx, Qt.ToolTipRole)          # the table name is still shown
    assert model.setData(idx, "Lô đất ở", Qt.EditRole)
    assert _tree_texts(window)["plots"].startswith("Lô đất ở  (")
    assert plots.name == "plots" and p.find_layer("plots") is plots
    assert window.actions["edit.undo"].text().startswith("&Hoàn tác")
    window.actions["edit.undo"].trigger()
    assert _tree_texts(window)["plots"].startswith("Lô đất  (")
    window.actions["edit.redo"].trigger()
    # saved with the project, back after reopening
    window.files.save()
    wait_tasks(qtbot, window)
    from cim.project.store import open_project

    assert open_project(sample_copy).find_layer("plots").label == "Lô đất ở"
    # the attribute table title and the style panel use it too
    window.session.set_current_layer(plots.id)
    settle(qtbot)
    assert "Lô đất ở" in window.table_dock.title.text()
    assert window.style_dock.name.text() == "Lô đất ở"


def test_style_panel_rename_keeps_the_table_name(window, qtbot):
    p = window.session.project
    roads = p.find_layer("roads")
    window.session.set_current_layer(roads.id)
    settle(qtbot)
    window.style_dock.name.setText("Đường nội bộ")
    window.style_dock.apply()
    assert roads.label == "Đường nội bộ" and roads.name == "roads"


def _tod(window):
    dock = window.findChild(QDockWidget, "dock_plugin_tod.tod")
    dock.show()
    return dock.panel


def test_tod_panel_picks_layers_by_kind_and_names_them(window, qtbot):
    panel = _tod(window)
    combo = panel.inputs.stations_layer
    assert combo.currentText() == "Nhà ga"
    assert combo.itemData(combo.currentIndex(), Qt.ToolTipRole) == "stations"
    assert panel.inputs.plots.currentText() == "Lô đất"
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "Lô đất" not in texts and "Công trình" not in texts


def test_tod_panel_without_stations_says_what_is_missing(window, qtbot):
    from cim.project.edits import RemoveLayer

    panel = _tod(window)
    p = window.session.project
    for name in ("stations", "station_entrances", "station_platforms"):
        window.session.push(RemoveLayer(p, p.find_layer(name).id))
    panel.inputs.refresh()
    settle(qtbot)
    combo = panel.inputs.stations_layer
    assert combo.currentData() is None
    assert combo.currentText() == "(không có lớp nhà ga)"
    assert all(combo.itemText(i) not in ("Lô đất", "Công trình", "Mặt nước") for i in range(combo.count()))
    assert panel.inputs.station_list.count() == 0
    assert "chưa có lớp nhà ga" in panel.inputs.status.text()
    from plugins.builtin.tod._qt.inputs import InputProblem

    with pytest.raises(InputProblem, match="nhà ga"):
        panel.inputs.spec()
