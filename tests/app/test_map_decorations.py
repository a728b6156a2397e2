"""Scale bar, north arrow and legend on the 2D map (drawn by the canvas from the core's numbers)."""

import numpy as np
import pytest

from tests.app.conftest import settle, wait_rendered

pytestmark = pytest.mark.gui


def _grab(canvas) -> np.ndarray:
    from PySide6.QtGui import QImage

    img = canvas.grab().toImage().convertToFormat(QImage.Format_RGBA8888)
    w, h = img.width(), img.height()
    return np.frombuffer(img.constBits(), np.uint8).reshape(h, img.bytesPerLine())[:, : w * 4].reshape(h, w, 4).copy()


def _measured_bar_px(canvas) -> float:
    """Length of the painted bar, measured on the grabbed pixels: the dark outline along its middle row."""
    rect = canvas.decorations.scale_bar_rect
    assert rect is not None
    px = _grab(canvas)
    ratio = px.shape[1] / canvas.width()
    top, bottom = int(rect.top() * ratio), int(rect.bottom() * ratio)
    x0, x1 = int((rect.left() - 4) * ratio), int((rect.right() + 4) * ratio)
    # the top and bottom outline rows of the bar are dark from the first to the last pixel of the bar
    best = 0.0
    for row in range(top - 1, bottom + 2):
        dark = np.flatnonzero(px[row, x0:x1, :3].max(axis=1) < 90)
        if len(dark):
            best = max(best, float(dark[-1] - dark[0] + 1))
    return best / ratio


@pytest.mark.parametrize("zoom", [1.0, 3.7, 0.31])
def test_scale_bar_pixels_match_the_map_scale_within_one_percent(window, qtbot, zoom):
    c = window.canvas
    if zoom != 1.0:
        c.user_navigated()
        c.zoom_by(zoom)
        wait_rendered(qtbot, window)
    c.repaint()
    bar = c.decorations.last_bar
    # the map scale, independently of the decorations: EPSG:9208 has metre axes
    from pyproj import CRS

    assert CRS(window.session.project.crs).axis_info[0].unit_name == "metre"
    expected_px = bar.length_m / c.vp.res
    measured = _measured_bar_px(c)
    assert measured == pytest.approx(expected_px, rel=0.01, abs=1.0)
    lead = bar.length_m / 10 ** np.floor(np.log10(bar.length_m))
    assert round(lead, 6) in (1, 2, 5)
    assert 60 <= measured <= 181


def test_legend_lists_the_visible_layers_and_follows_visibility(window, qtbot):
    from cim.project.edits import SetLayerVisibility

    c, p = window.canvas, window.session.project
    c.repaint()
    titles = [it.title for it in c.decorations.legend()]
    assert titles == [r.label for r in p.ordered_layers() if p.tree.is_visible(r.id)]
    assert "Công trình" in c.decorations.legend_rows          # buildings, by its Vietnamese display name
    rec = p.layer_by_name("buildings")
    window.session.push(SetLayerVisibility(p, p.tree.find_layer(rec.id).id, False))
    settle(qtbot, 50)
    c.repaint()
    assert rec.id not in [it.layer_id for it in c.decorations.legend()]
    assert "Công trình" not in c.decorations.legend_rows and "Lô đất" in c.decorations.legend_rows
    assert c.decorations.legend_rect.top() < 20 and c.decorations.legend_rect.left() < 20


def test_view_menu_switches_each_decoration_off_and_remembers_it(window, qtbot):
    from PySide6.QtCore import QSettings

    c, a = window.canvas, window.actions
    view_titles = [act.text() for act in window.menus["view"].actions()]
    assert "Thước tỷ lệ" in " ".join(view_titles).replace("&", "")
    before = _grab(c)
    for kind in ("scale_bar", "north_arrow", "legend"):
        assert a[f"map.{kind}"].isChecked()
        a[f"map.{kind}"].setChecked(False)
    c.repaint()
    assert c.decorations.scale_bar_rect is None and c.decorations.legend_rect is None and c.decorations.north_rect is None
    after = _grab(c)
    assert (before != after).any()
    assert QSettings().value("map/legend") == "false"
    a["map.scale_bar"].setChecked(True)
    c.repaint()
    assert c.decorations.scale_bar_rect is not None
