"""A planner's day in the main window, driven through the widgets with simulated mouse and keys."""

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt

from cim.project.store import open_project

pytestmark = pytest.mark.gui


def layer(win, kind):
    """The sample's layer of an object kind ("plot", "building") or the raster ("dem")."""
    p = win.session.project
    if kind == "dem":
        return next(r for r in p.layers.values() if r.kind == "raster")
    return next(r for r in p.ordered_layers() if r.object_kind == kind)


def same_value(a, b) -> bool:
    import pandas as pd

    return (pd.isna(a) and pd.isna(b)) or a == b


def screen_point(win, x, y) -> QPoint:
    q = win.canvas.to_screen(x, y)
    return QPoint(int(round(q.x())), int(round(q.y())))


def tree_index(win, name):
    model = win.layers_dock.model
    rec = layer(win, name)
    return model.index_of_layer(rec.id)


def test_open_toggle_select_edit_undo_move_vertex_save_and_reopen(qtbot, window, waits, sample_copy):
    win = window
    plots = layer(win, "plot")
    buildings = layer(win, "building")

    # toggle a layer off and on with its checkbox: the map changes and it is one undo step each
    before = win.canvas.rendered_image().copy()
    idx = tree_index(win, "building")
    assert win.layers_dock.model.setData(idx, Qt.Unchecked, Qt.CheckStateRole)
    assert not win.session.project.tree.is_visible(buildings.id)
    waits.rendered(win)
    assert (win.canvas.rendered_image() != before).any()
    win.layers_dock.model.setData(idx, Qt.Checked, Qt.CheckStateRole)
    assert win.session.project.tree.is_visible(buildings.id)
    assert win.session.project.undo_stack.texts()[-2:] == [f"Hide {buildings.name}", f"Show {buildings.name}"]

    # hide buildings so a click lands on a plot; pick a residential plot with room around its centre
    win.layers_dock.model.setData(idx, Qt.Unchecked, Qt.CheckStateRole)
    win.session.set_current_layer(plots.id)
    gdf = plots.data
    fid = int(gdf.index[(gdf["category"] == "residential").to_numpy()][0])
    inner = shapely.point_on_surface(gdf.geometry.loc[fid])
    win.canvas.user_navigated()
    win.canvas.zoom_to(gdf.geometry.loc[fid].bounds, 0.5)
    waits.rendered(win)

    # select it on the canvas with the select tool
    win.set_tool("tool.select")
    qtbot.mouseClick(win.canvas, Qt.LeftButton, pos=screen_point(win, inner.x, inner.y))
    assert list(win.session.selected(plots.id)) == [fid]
    table = win.table_dock
    assert table.model.layer_id == plots.id
    sel_rows = {i.row() for i in table.view.selectionModel().selectedRows()}
    assert [table.model.fid_at(r) for r in sel_rows] == [fid]
    assert "1" in win.status.selcount.text()

    # edit its name in the table, then undo with Ctrl+Z
    row = sel_rows.pop()
    col = table.model.columns.index("name")
    old_name = gdf.at[fid, "name"]
    assert table.model.setData(table.model.index(row, col), "Lô ở mới – phường Thụy Vân", Qt.EditRole)
    assert plots.data.at[fid, "name"] == "Lô ở mới – phường Thụy Vân"
    assert table.model.data(table.model.index(row, col)) == "Lô ở mới – phường Thụy Vân"
    win.canvas.setFocus()
    qtbot.keyClick(win, Qt.Key_Z, Qt.ControlModifier)
    assert same_value(plots.data.at[fid, "name"], old_name)
    assert win.undo_dock.list.count() == len(win.session.project.undo_stack.texts()) + 1

    # an edit that stays: the floor area ratio
    far_col = table.model.columns.index("far")
    row = table.model.rows_of([fid])[0]
    assert table.model.setData(table.model.index(row, far_col), "3.25", Qt.EditRole)

    # move the first vertex of the plot 4 m east with the vertex tool (drag)
    win.set_tool("tool.vertex")
    ring = np.asarray(gdf.geometry.loc[fid].exterior.coords)
    x0, y0 = ring[0]
    start = screen_point(win, x0, y0)
    target_x = x0 + 4.0
    end = screen_point(win, target_x, y0)
    qtbot.mousePress(win.canvas, Qt.LeftButton, Qt.AltModifier, start)   # Alt: no snapping
    qtbot.mouseMove(win.canvas, end)
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    move = QMouseEvent(QMouseEvent.MouseMove, QPointF(end), QPointF(win.canvas.mapToGlobal(end)), Qt.LeftButton,
                       Qt.LeftButton, Qt.AltModifier)
    QApplication.sendEvent(win.canvas, move)
    qtbot.mouseRelease(win.canvas, Qt.LeftButton, Qt.AltModifier, end)
    moved = np.asarray(plots.data.geometry.loc[fid].exterior.coords)
    assert abs(moved[0][0] - target_x) < 2 * win.canvas.vp.res and abs(moved[0][1] - y0) < 2 * win.canvas.vp.res
    assert moved[-1].tolist() == moved[0].tolist()           # the ring stays closed
    assert win.session.project.undo_stack.undo_text().startswith("Change geometry")

    # save (Ctrl+S runs in a worker) and reopen
    qtbot.keyClick(win, Qt.Key_S, Qt.ControlModifier)
    waits.tasks(win)
    assert not win.session.project.is_modified()
    reopened = open_project(sample_copy)
    rp = reopened.layers[plots.id].data
    assert same_value(rp.at[fid, "name"], old_name)
    assert rp.at[fid, "far"] == pytest.approx(3.25)
    np.testing.assert_allclose(np.asarray(rp.geometry.loc[fid].exterior.coords)[0], moved[0], atol=1e-6)
    assert not reopened.tree.is_visible(buildings.id)


def test_ctrl_shift_z_redoes_and_the_undo_history_jumps_back_to_the_start(qtbot, window):
    win = window
    plots = layer(win, "plot")
    fid = int(plots.data.index[0])
    win.session.select(plots.id, [fid])
    win.actions["edit.delete"].trigger()
    assert fid not in plots.data.index
    qtbot.keyClick(win, Qt.Key_Z, Qt.ControlModifier)
    assert fid in plots.data.index
    qtbot.keyClick(win, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert fid not in plots.data.index
    first = win.undo_dock.list.item(0)
    win.undo_dock.list.itemClicked.emit(first)
    assert fid in plots.data.index and not win.session.project.undo_stack.can_undo()


def test_a_box_drag_with_the_select_tool_selects_every_plot_it_touches(qtbot, window, waits):
    win = window
    plots = layer(win, "plot")
    win.session.set_current_layer(plots.id)
    win.set_tool("tool.select")
    x0, y0, x1, y1 = plots.data.total_bounds
    bx = (x0, y0, x0 + (x1 - x0) * 0.3, y0 + (y1 - y0) * 0.3)
    a, b = screen_point(win, bx[0], bx[3]), screen_point(win, bx[2], bx[1])
    qtbot.mousePress(win.canvas, Qt.LeftButton, pos=a)
    qtbot.mouseMove(win.canvas, b)
    qtbot.mouseRelease(win.canvas, Qt.LeftButton, pos=b)
    expected = set(plots.data.index[plots.data.intersects(shapely.box(*bx))])
    got = set(win.session.selected(plots.id).tolist())
    assert len(got) > 5 and len(got ^ expected) <= max(2, len(expected) // 20)   # pixel rounding at the edge
    waits.rendered(win)
    win.actions["view.zoom_selection"].trigger()
    vx0, vy0, vx1, vy1 = win.canvas.vp.extent
    assert vx0 <= bx[0] + 1 and vx1 >= bx[2] - 1 and (vx1 - vx0) < (x1 - x0)


def _polygon_select(qtbot, win, ring, modifier=Qt.NoModifier):
    for x, y in ring:
        qtbot.mouseClick(win.canvas, Qt.LeftButton, modifier, pos=screen_point(win, x, y))
    qtbot.keyClick(win.canvas, Qt.Key_Return)


def test_polygon_select_replaces_then_shift_adds_and_ctrl_toggles(qtbot, window):
    win = window
    plots = layer(win, "plot")
    win.session.set_current_layer(plots.id)
    win.set_tool("tool.select_polygon")
    x0, y0, x1, y1 = plots.data.total_bounds
    w, h = x1 - x0, y1 - y0
    left = [(x0 + w * .05, y0 + h * .05), (x0 + w * .3, y0 + h * .05), (x0 + w * .3, y0 + h * .3)]
    right = [(x0 + w * .6, y0 + h * .6), (x0 + w * .9, y0 + h * .6), (x0 + w * .9, y0 + h * .9)]

    def inside(ring):
        return set(plots.data.index[plots.data.intersects(shapely.Polygon(ring))])

    _polygon_select(qtbot, win, left)
    a = set(win.session.selected(plots.id).tolist())
    assert a and len(a ^ inside(left)) <= max(2, len(a) // 10)
    _polygon_select(qtbot, win, right, Qt.ShiftModifier)
    ab = set(win.session.selected(plots.id).tolist())
    assert a < ab and len(ab ^ (inside(left) | inside(right))) <= max(3, len(ab) // 10)
    _polygon_select(qtbot, win, left, Qt.ControlModifier)
    assert set(win.session.selected(plots.id).tolist()) == ab - a
    _polygon_select(qtbot, win, right)
    assert set(win.session.selected(plots.id).tolist()) == ab - a


def test_measuring_a_distance_reports_metres_in_the_project_crs(qtbot, window):
    win = window
    win.set_tool("tool.measure")
    tool = win.canvas.tool
    x, y = win.canvas.vp.cx, win.canvas.vp.cy
    qtbot.mouseClick(win.canvas, Qt.LeftButton, pos=screen_point(win, x, y))
    qtbot.mouseClick(win.canvas, Qt.LeftButton, pos=screen_point(win, x + 300, y))
    qtbot.mouseClick(win.canvas, Qt.LeftButton, pos=screen_point(win, x + 300, y + 400))
    qtbot.keyClick(win.canvas, Qt.Key_Return)
    assert tool.result == pytest.approx(700, abs=4 * win.canvas.vp.res)
    assert "m" in win.status.currentMessage()


def test_identify_lists_attributes_of_every_layer_under_the_cursor_and_the_dem_height(qtbot, window):
    win = window
    plots = layer(win, "plot")
    p = shapely.point_on_surface(plots.data.geometry.iloc[10])
    win.set_tool("tool.identify")
    qtbot.mouseClick(win.canvas, Qt.LeftButton, pos=screen_point(win, p.x, p.y))
    names = [r[0] for r in win.canvas.tool.results]
    assert plots.label in names and layer(win, "dem").label in names        # display names
    assert win.identify_dock.tree.topLevelItemCount() == len(names)


def test_the_status_bar_shows_cursor_coordinates_in_vn2000_and_wgs84(qtbot, window):
    win = window
    qtbot.mouseMove(win.canvas, QPoint(300, 200))
    x, y = win.canvas.to_map(QPoint(300, 200))
    assert f"{x:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") in win.status.coords.text()
    assert "°N" in win.status.wgs.text() and "105" in win.status.wgs.text() or "104" in win.status.wgs.text()
    assert "EPSG:9208" in win.status.crs.text()
    assert win.status.scale.text().startswith(("Tỷ lệ", "Scale"))
