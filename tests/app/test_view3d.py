"""The 3D view: terrain, merged buildings, networks; picking a building selects it in 2D as well."""

import numpy as np
import pytest

pytestmark = pytest.mark.gui


def test_the_3d_view_draws_terrain_and_buildings_as_few_actors_and_is_not_blank(qtbot, window):
    win = window
    win.show_3d()
    v = win.view3d
    v.ensure_loaded()
    kinds = [layer.kind for layer in v.scene.layers]
    assert "terrain" in kinds and kinds.count("buildings") == 1 and "lines" in kinds
    assert len(v.plotter.renderer.actors) <= len(kinds) + 1      # one actor per layer, not per building
    img = v.screenshot()
    assert img.std() > 20 and len(np.unique(img.reshape(-1, 3), axis=0)) > 500


def test_picking_a_building_in_3d_selects_it_in_the_session_and_the_2d_selection_is_highlighted(qtbot, window):
    win = window
    win.show_3d()
    v = win.view3d
    v.ensure_loaded()
    p = v.plotter
    p.camera_position = "xy"          # straight down: the middle of the view is a roof or the ground
    p.reset_camera()
    p.camera.zoom(2.0)
    v.render()
    w, h = p.window_size
    blds = next(layer for layer in v.scene.layers if layer.kind == "buildings")
    hit = None
    for x in range(w // 4, 3 * w // 4, 12):
        for y in range(h // 4, 3 * h // 4, 12):
            hit = v.pick_cell(x, y)
            if hit is not None:
                break
        if hit is not None:
            break
    assert hit is not None, "no building under the probed pixels"
    assert v.select_at(x, y)
    lid, fid = hit
    assert lid == blds.layer_id and list(win.session.selected(lid)) == [fid]
    assert win.session.current_layer_id == lid
    assert v._sel_actor is not None                       # highlighted in 3D
    win.session.clear_selection()
    assert v._sel_actor is None


def test_a_hundred_thousand_buildings_extrude_into_one_mesh_quickly():
    import time

    import shapely

    from layers.render.extrude import extrude_footprints

    n = 100_000
    x = (np.arange(n) % 316) * 20.0
    y = (np.arange(n) // 316) * 20.0
    geoms = shapely.box(x, y, x + 12, y + 9)
    t = time.perf_counter()
    mesh = extrude_footprints(geoms, np.full(n, 15.0))
    assert time.perf_counter() - t < 10
    assert mesh.n_cells == n * 6 and mesh.owner.max() == n - 1
