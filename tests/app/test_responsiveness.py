"""Panning a big layer never blocks the UI thread: rendering runs in a worker and is superseded."""

import time

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _big_project(n: int):
    import geopandas as gpd

    from cim.project import LayerRecord, Project
    from cim.project.edits import AddLayer

    side = int(np.sqrt(n))
    i = np.arange(side * side)
    x = 560000.0 + (i % side) * 10.0
    y = 2358000.0 + (i // side) * 10.0
    gdf = gpd.GeoDataFrame({"cls": i % 7}, geometry=shapely.box(x, y, x + 7, y + 6), crs="EPSG:9208",
                           index=np.arange(1, len(i) + 1, dtype=np.int64))
    gdf.index.name = "fid"
    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("lô lớn", "vector", gdf, crs="EPSG:9208", object_kind="plot",
                                   style={"type": "categorised", "field": "cls"})))
    p.undo_stack.clear()
    return p


def _send(widget, kind, pos, buttons):
    ev = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), Qt.MiddleButton, buttons,
                     Qt.NoModifier)
    QApplication.sendEvent(widget, ev)


def test_panning_a_300k_polygon_layer_keeps_every_ui_step_under_50_ms(qtbot):
    from app.main_window import MainWindow
    from app.session import Session

    session = Session(_big_project(300_000))
    win = MainWindow(session)
    win.never_ask = True
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    canvas = win.canvas
    qtbot.waitUntil(lambda: canvas.is_idle() and canvas.rendered_image() is not None, timeout=60000)
    canvas.zoom_by(3.0)                       # a view that needs a fresh render on every move
    qtbot.waitUntil(canvas.is_idle, timeout=60000)
    steps = []
    pos = QPointF(700, 400)
    _send(canvas, QMouseEvent.MouseButtonPress, pos, Qt.MiddleButton)
    for _ in range(40):
        pos = pos + QPointF(7, 3)
        t = time.perf_counter()
        _send(canvas, QMouseEvent.MouseMove, pos, Qt.MiddleButton)
        QApplication.processEvents()          # paint the moved image, handle finished jobs
        steps.append(time.perf_counter() - t)
        qtbot.wait(15)                        # a mouse moves every ~15 ms; the worker renders meanwhile
    _send(canvas, QMouseEvent.MouseButtonRelease, pos, Qt.NoButton)
    qtbot.waitUntil(canvas.is_idle, timeout=60000)
    assert max(steps) < 0.050, f"slowest UI step {max(steps) * 1000:.1f} ms"
    assert canvas._image_vp == canvas.vp          # the final view was rendered
