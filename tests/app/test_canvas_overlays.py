"""Panel support on the canvas: result overlays are painted over the map; a one-shot point pick."""

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt

from tests.app.conftest import settle

pytestmark = pytest.mark.gui


def _grab(window):
    img = window.canvas.grab().toImage()
    return img


def test_an_overlay_is_drawn_over_the_map_and_cleared(window, qtbot):
    c = window.canvas
    x0, y0, x1, y1 = c.vp.extent
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = (x1 - x0) / 10
    before = _grab(window)
    c.overlays.set("test.area", [shapely.box(cx - r, cy - r, cx + r, cy + r)], "#00ff00", fill_alpha=255)
    settle(qtbot)
    after = _grab(window)
    q = c.to_screen(cx, cy)
    dpr = after.devicePixelRatio()
    colour = after.pixelColor(int(q.x() * dpr), int(q.y() * dpr))
    assert (colour.red(), colour.green(), colour.blue()) == (0, 255, 0)
    assert before.pixelColor(int(q.x() * dpr), int(q.y() * dpr)) != colour
    assert c.overlays.bounds("test.area") == pytest.approx((cx - r, cy - r, cx + r, cy + r))
    c.overlays.clear("test.area")
    settle(qtbot)
    assert c.overlays.keys() == []


def test_overlays_accept_every_geometry_type_with_holes_and_parts(window, qtbot):
    c = window.canvas
    x0, y0, x1, y1 = c.vp.extent
    w = x1 - x0
    ring = shapely.box(x0 + w * .2, y0 + w * .2, x0 + w * .4, y0 + w * .4)
    holed = ring.difference(ring.centroid.buffer(w * .03))
    geoms = [holed, shapely.MultiPolygon([shapely.box(x0, y0, x0 + 1, y0 + 1), shapely.box(x0 + 2, y0, x0 + 3, y0 + 1)]),
             shapely.LineString([(x0, y0), (x1, y1)]), shapely.MultiLineString([[(x0, y1), (x1, y0)]]),
             shapely.Point(x0 + w / 2, y0 + w / 3), None, shapely.Polygon()]
    c.overlays.set("test.mixed", geoms, labels=[(x0 + w / 2, y0 + w / 3, "Ga Bến Thành")])
    assert len(c.overlays.get("test.mixed").geometries) == 5
    settle(qtbot)
    img = _grab(window)
    q = c.to_screen(*holed.centroid.coords[0])   # inside the hole: the map shows through
    dpr = img.devicePixelRatio()
    assert img.pixelColor(int(q.x() * dpr), int(q.y() * dpr)).name() != "#d81b60"


def test_pick_point_calls_back_once_in_map_coordinates_and_restores_the_tool(window, qtbot):
    c = window.canvas
    previous = c.tool
    picked = []
    window.pick_point("Bấm chọn điểm", lambda x, y: picked.append((x, y)))
    assert c.tool is not previous
    qtbot.mouseClick(c, Qt.LeftButton, pos=QPoint(200, 150))
    assert len(picked) == 1
    assert np.allclose(picked[0], c.to_map(QPoint(200, 150)))
    assert c.tool is previous
    window.pick_point("again", lambda x, y: picked.append((x, y)))
    qtbot.keyClick(c, Qt.Key_Escape)
    assert c.tool is previous and len(picked) == 1


def test_zoom_to_bounds_shows_the_box(window):
    window.zoom_to_bounds((0, 0, 100, 100), 0)
    x0, y0, x1, y1 = window.canvas.vp.extent
    assert x0 <= 0 and y0 <= 0 and x1 >= 100 and y1 >= 100 and min(x1 - x0, y1 - y0) < 110
