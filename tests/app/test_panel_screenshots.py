"""Screenshots of the plugin panels at work on the sample district (checks, TOD, networks), checked not
blank; written to docs/screenshots/ when CIM_UPDATE_SCREENSHOTS=1 (the README shows them)."""

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget

from tests.app.conftest import REPO, settle

pytestmark = [pytest.mark.gui, pytest.mark.slow]
SHOTS = REPO / "docs" / "screenshots"


def _dock(window, object_name):
    dock = window.findChild(QDockWidget, object_name)
    assert dock is not None, object_name
    dock.show()
    dock.raise_()
    return dock.panel


def _save(window, qtbot, waits, name, tmp_path) -> Path:
    waits.rendered(window)
    settle(qtbot, 300)
    out = tmp_path / f"{name}.png"
    window.grab().save(str(out))
    from PIL import Image

    img = np.asarray(Image.open(out).convert("RGB"))
    assert img.std() > 20 and len(np.unique(img.reshape(-1, 3), axis=0)) > 200, f"{name} looks blank"
    if os.environ.get("CIM_UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, SHOTS / f"{name}.png")
    return out


def test_checks_tod_and_network_panels_screenshots(window, qtbot, waits, sample_copy, tmp_path):
    shutil.copytree(REPO / "sample_data" / "district" / "ifc", sample_copy.parent / "district" / "ifc")
    window.resize(1366, 768)        # the README shows the panels at the most common laptop size
    window.style_dock.hide()            # the panel gets the whole right column, as a planner would arrange it
    # checks: a run of the Decree 269 pack, first error selected on the map
    from plugins.builtin.checks._qt.panel import ChecksPanel

    panel = window.findChild(ChecksPanel)
    dock = panel.parentWidget()
    while not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    dock.show()
    dock.raise_()
    panel.opener = lambda url: None
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not panel.tasks, timeout=120000)
    assert panel.run is not None and panel.table.model().rowCount() > 0
    index = panel.table.model().index(0, 0)
    qtbot.mouseClick(panel.table.viewport(), Qt.LeftButton, pos=panel.table.visualRect(index).center())
    _save(window, qtbot, waits, "panel_checks", tmp_path)

    # TOD: the study and the first station's catchments
    tod = _dock(window, "dock_plugin_tod.tod")
    qtbot.mouseClick(tod.run_button, Qt.LeftButton)
    waits.tasks(window)
    assert tod.run is not None, tod.message_texts()
    index = tod.table.model().index(tod.table.model().rowCount() - 1, 0)
    qtbot.mouseClick(tod.table.viewport(), Qt.LeftButton, pos=tod.table.visualRect(index).center())
    _save(window, qtbot, waits, "panel_tod", tmp_path)
    window.canvas.overlays.clear()

    # networks: the street network and an 800 m walkshed from the station
    net = _dock(window, "dock_plugin_network.network")
    net.choose_layer("roads")
    qtbot.mouseClick(net.build_btn, Qt.LeftButton)
    waits.tasks(window)
    station = window.session.project.find_layer("stations").data.geometry.iloc[0]
    window.zoom_to_bounds(station.buffer(1000).bounds, margin=0.05)
    settle(qtbot, 100)
    tab = net.walkshed_tab
    from PySide6.QtWidgets import QTabWidget

    tabs = tab.parentWidget()
    while not isinstance(tabs, QTabWidget):
        tabs = tabs.parentWidget()
    tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.findChild(type(tab.pick_btn), "network_walkshed_800"), Qt.LeftButton)
    qtbot.mouseClick(tab.pick_btn, Qt.LeftButton)
    q = window.canvas.to_screen(station.x, station.y)
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=QPoint(round(q.x()), round(q.y())))
    waits.tasks(window)
    assert window.canvas.overlays.get("network.walkshed") is not None
    _save(window, qtbot, waits, "panel_network", tmp_path)
