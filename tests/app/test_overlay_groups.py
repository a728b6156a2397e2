"""Result overlays are listed in the layer tree as a temporary group, one row per panel; each can be
hidden, shown again and cleared there, and their labels do not pile up."""

from __future__ import annotations

import shapely
from PySide6.QtCore import QRectF, Qt

from tests.app.conftest import settle


def _centre(c):
    x0, y0, x1, y1 = c.vp.extent
    return (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0)


def _pixel(win, x, y):
    img = win.canvas.grab().toImage()
    q = win.canvas.to_screen(x, y)
    dpr = img.devicePixelRatio()
    col = img.pixelColor(int(q.x() * dpr), int(q.y() * dpr))
    return col.red(), col.green(), col.blue()


def _temp_rows(win):
    model = win.layers_dock.model
    last = model.index(model.rowCount() - 1, 0)
    if model.data(last, Qt.UserRole) != "__temporary_results__":
        return None, {}
    rows = {model.index(r, 0, last).internalPointer().group: model.index(r, 0, last)
            for r in range(model.rowCount(last))}
    return last, rows


def test_each_panels_overlays_are_a_row_of_a_temporary_group(window, qtbot):
    c = window.canvas
    cx, cy, w = _centre(c)
    assert _temp_rows(window)[0] is None, "no results: no temporary group"
    c.overlays.set("tod.walk", [shapely.Point(cx, cy).buffer(w / 12)], "#00ff00", fill_alpha=255)
    c.overlays.set("tod.station", [shapely.Point(cx, cy)], "#c62828")
    c.overlays.set("network.route", [shapely.LineString([(cx - w / 4, cy - w / 4), (cx - w / 5, cy - w / 5)])])
    settle(qtbot)
    group, rows = _temp_rows(window)
    model = window.layers_dock.model
    assert model.data(group, Qt.DisplayRole) == "Kết quả tạm thời"
    assert set(rows) == {"tod", "network"}
    assert model.data(rows["tod"], Qt.DisplayRole).startswith("Nghiên cứu TOD")
    assert model.data(rows["tod"], Qt.DisplayRole).endswith("(2)")
    assert model.data(rows["tod"], Qt.CheckStateRole) == Qt.Checked
    probe = (cx + w / 24, cy)          # inside the walkshed, away from the station dot
    assert _pixel(window, *probe) == (0, 255, 0)

    # unchecking the row hides the panel's overlays; a redraw by the panel keeps them hidden
    assert model.setData(rows["tod"], Qt.Unchecked, Qt.CheckStateRole)
    settle(qtbot)
    assert _pixel(window, *probe) != (0, 255, 0)
    c.overlays.set("tod.walk", [shapely.Point(cx, cy).buffer(w / 12)], "#00ff00", fill_alpha=255)
    settle(qtbot)
    assert _pixel(window, *probe) != (0, 255, 0)
    group, rows = _temp_rows(window)
    assert model.data(rows["tod"], Qt.CheckStateRole) == Qt.Unchecked
    assert model.setData(rows["tod"], Qt.Checked, Qt.CheckStateRole)
    settle(qtbot)
    assert _pixel(window, *probe) == (0, 255, 0)

    # the context menu clears one panel's results and leaves the other's
    group, rows = _temp_rows(window)
    menu = window.layers_dock.temp_menu(rows["tod"].internalPointer())
    clear = next(a for a in menu.actions() if a.objectName() == "temp_clear")
    assert clear.text() == "Xoá kết quả"
    clear.trigger()
    settle(qtbot)
    assert c.overlays.keys() == ["network.route"]
    assert _pixel(window, *probe) != (0, 255, 0)
    group, rows = _temp_rows(window)
    assert set(rows) == {"network"}
    # zooming to the results shows them
    menu = window.layers_dock.temp_menu(rows["network"].internalPointer())
    next(a for a in menu.actions() if a.objectName() == "temp_zoom").trigger()
    x0, y0, x1, y1 = c.vp.extent
    assert x1 - x0 < w / 2
    # the group row clears everything: the group goes away
    menu = window.layers_dock.temp_menu(group.internalPointer())
    next(a for a in menu.actions() if a.objectName() == "temp_clear").trigger()
    settle(qtbot)
    assert c.overlays.keys() == [] and _temp_rows(window)[0] is None
    # project layers are untouched and the tree still works
    assert window.layers_dock.model.rowCount() == len(window.session.project.tree.root.children)


def test_labels_are_decluttered(window, qtbot):
    from app.canvas.overlays import place_labels

    # pure placement: the second label at the same anchor moves, the third (no room left) is dropped
    sizes = [(60, 14)] * 6
    kept = place_labels([(100, 100)] * 6, sizes, QRectF(0, 0, 400, 400))
    assert len(kept) == 4
    rects = [r for _i, r in kept]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    # on the canvas: twenty labels on one spot are not all painted on top of each other
    c = window.canvas
    cx, cy, w = _centre(c)
    labels = [(cx, cy, f"Nhãn {k}") for k in range(20)] + [(cx + w / 4, cy + w / 4, "Xa")]
    c.overlays.set("tod.station", [shapely.Point(cx, cy)], "#c62828", labels=labels)
    c.repaint()
    settle(qtbot)
    assert 2 <= c.overlays.labels_drawn <= 5
    # hidden groups draw no labels at all
    c.overlays.set_group_visible("tod", False)
    c.repaint()
    settle(qtbot)
    assert c.overlays.labels_drawn == 0
