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


IFC_DIR = __import__("pathlib").Path(__file__).resolve().parents[2] / "sample_data" / "district" / "ifc"


def _import_ifc(win, tmp_path, names):
    from cim.ifc.importer import import_ifc

    return [import_ifc(win.session.project, IFC_DIR / n, cache_dir=tmp_path / "cache").model for n in names]


def _ifc_ready(qtbot, v, n):
    qtbot.waitUntil(lambda: v.scene is not None and len(v.ifc_layers()) == n, timeout=20000)


def test_imported_ifc_models_show_as_one_mesh_each_with_the_core_triangles_on_their_footprints(
        qtbot, window, tmp_path):
    win = window
    win.show_3d()
    v = win.view3d
    v.ensure_loaded()
    names = sorted(p.name for p in IFC_DIR.glob("*.ifc"))
    models = _import_ifc(win, tmp_path, names)
    _ifc_ready(qtbot, v, len(names))                      # the view follows the import by itself
    origin = np.array(v.scene.origin)
    for layer in v.ifc_layers():
        model = win.session.project.layer(layer.layer_id).data
        assert model in models
        actor = v.actors[layer.layer_id]
        assert actor.GetMapper().GetInput().GetNumberOfCells() == len(model.meshes().faces) > 0
        b = np.array(actor.GetBounds())
        fp = model.buildings.total_bounds
        assert np.allclose(b[[0, 2, 1, 3]] + np.r_[origin[:2], origin[:2]], fp, atol=1.0)
        bld = model.buildings.iloc[0]
        assert abs(b[4] + origin[2] - bld["base_z"]) < 1.0 and abs(b[5] - b[4] - bld["height_m"]) < 1.0
    assert len(v.plotter.renderer.actors) <= len(v.scene.layers) + 1          # one actor per IFC file
    gis = win.session.project.find_layer("buildings")
    guids = {g for m in models for g in m.buildings["ifc_guid"]}
    linked = gis.data.index[gis.data["ifc_guid"].fillna("").isin(guids)].to_numpy()
    blocks = next(layer for layer in v.scene.layers if layer.kind == "buildings")
    assert len(linked) == len(names) and v.scene.n_blocks_replaced == len(linked)
    assert not np.isin(linked, blocks.fids).any() and len(blocks.fids) == len(gis.data) - len(linked)
    tris = sum(len(m.meshes().faces) for m in models)
    assert f"{tris:,}".replace(",", " ") in v.ifc_bar.summary.text()          # the bar says what is shown

    v.ifc_bar.set_mode("both")                                                   # the toggle: models + blocks
    blocks = next(layer for layer in v.scene.layers if layer.kind == "buildings")
    assert np.isin(linked, blocks.fids).all() and len(v.ifc_layers()) == len(names)
    v.ifc_bar.set_mode("blocks")                                                 # blocks only
    assert v.ifc_layers() == [] and v.scene.n_blocks_replaced == 0


def test_clicking_an_ifc_element_in_3d_identifies_it_and_selects_the_gis_building_it_stands_for(
        qtbot, window, tmp_path):
    win = window
    win.show_3d()
    v = win.view3d
    v.ensure_loaded()
    (model,) = _import_ifc(win, tmp_path, ["hh_tower.ifc"])
    _ifc_ready(qtbot, v, 1)
    layer = v.ifc_layers()[0]
    p = v.plotter
    p.camera_position = "xy"                                   # straight down onto the tower's roof
    p.reset_camera(bounds=v.actors[layer.layer_id].GetBounds())
    v.render()
    w, h = p.window_size
    hit = next((v.pick(x, y) for x in range(w // 3, 2 * w // 3, 10) for y in range(h // 3, 2 * h // 3, 10)
                if (hh := v.pick(x, y)) is not None and hh.element is not None), None)
    assert hit is not None, "no IFC element under the probed pixels"
    table = {e["guid"]: e for e in model.elements}
    e = hit.element
    assert e["guid"] in set(model.meshes().guids) and table[e["guid"]]["ifc_class"] == e["ifc_class"]
    assert e["name"] == table[e["guid"]]["name"] and e["building_guid"] == model.buildings.iloc[0]["ifc_guid"]
    gis = win.session.project.find_layer("buildings")
    fid = int(gis.data.index[gis.data["ifc_guid"] == e["building_guid"]][0])
    x, y = next((x, y) for x in range(w // 3, 2 * w // 3, 10) for y in range(h // 3, 2 * h // 3, 10)
                if (hh := v.pick(x, y)) is not None and hh.element is not None)
    assert v.select_at(x, y)
    assert list(win.session.selected(gis.id)) == [fid] and win.session.current_layer_id == gis.id
    dock = win.identify_dock.tree.topLevelItem(0)
    shown = {dock.child(i).text(0): dock.child(i).text(1) for i in range(dock.childCount())}
    assert e["guid"] in shown.values() and e["ifc_class"] in shown.values()
    assert v._sel_actor is not None                                     # its IFC elements are highlighted
    assert v._sel_actor.GetMapper().GetInput().GetNumberOfCells() == layer.mesh.n_cells


def test_dragging_in_the_offscreen_3d_view_turns_the_picture(qtbot, window):
    from PySide6.QtCore import QPoint, Qt

    win = window
    win.show_3d()
    v = win.view3d
    v.ensure_loaded()
    before = v.image_label.pixmap().toImage()
    centre = v.image_label.geometry().center()
    qtbot.mousePress(v, Qt.LeftButton, pos=centre)
    qtbot.mouseMove(v, centre + QPoint(80, 0))
    qtbot.mouseRelease(v, Qt.LeftButton, pos=centre + QPoint(80, 0))
    after = v.image_label.pixmap().toImage()
    assert after.size() == before.size() and after != before          # a new frame, not the first one again


def test_while_moving_the_stand_ins_show_unlit_with_baked_shading_under_a_flat_sky_and_the_still_frame_returns():
    import pyvista as pv
    import shapely

    from layers.render.scene3d import SceneLayer, buildings_lod, buildings_mesh
    from layers.render.scene3d_actors import add_scene_layer, prepare_plotter, set_moving

    pv.OFF_SCREEN = True
    n = 400
    x, y = (np.arange(n) % 20) * 20.0, (np.arange(n) // 20) * 20.0
    geoms = shapely.box(x, y, x + 12, y + 9)
    colors = np.full(n, 0xFF6BC3F6, dtype=np.uint32)
    mesh, owner = buildings_mesh(geoms, np.full(n, 15.0), np.zeros(n), (200, 200, 0), colors)
    lod = buildings_lod(geoms, np.full(n, 15.0), np.zeros(n), (200, 200, 0), colors, max_blocks=20)
    p = pv.Plotter(off_screen=True, window_size=(320, 240))
    prepare_plotter(p)
    p.set_background("#dfe9f3", top="#9fc3e6")
    full, stand_in = add_scene_layer(p, SceneLayer("b", "buildings", mesh, np.arange(n), owner, lod=lod))
    assert not stand_in.GetVisibility() and not stand_in.prop.lighting and full.prop.lighting
    walls = stand_in.mapper.dataset.cell_data["rgb"]
    assert len(np.unique(walls, axis=0)) > 1                 # shading baked in: faces differ by orientation
    still = p.screenshot(return_img=True)
    set_moving(p, True, [full], [stand_in])
    assert stand_in.GetVisibility() and not full.GetVisibility() and not p.renderer.GetGradientBackground()
    p.render()
    assert p.screenshot(return_img=True)[2, 2].tolist() != still[2, 2].tolist()     # flat sky while moving
    set_moving(p, False, [full], [stand_in])
    assert full.GetVisibility() and not stand_in.GetVisibility() and p.renderer.GetGradientBackground()
    p.render()
    assert np.array_equal(p.screenshot(return_img=True), still)                    # the same still frame
    p.close()
