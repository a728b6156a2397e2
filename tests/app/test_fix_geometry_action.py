"""Layer › Fix geometry (the menu `cimstudio validate` points to): repairs the current layer's invalid
geometries as one undoable step and names the features as everywhere else."""

from __future__ import annotations

import pytest
import shapely

from cim.project.feature_edits import ChangeGeometry
from cim.project.geometry_fix import invalid_fids
from cim.project.validation import validate_project

pytestmark = pytest.mark.gui


def test_menu_action_fixes_the_layer_and_undoes(window, qtbot):
    s = window.session
    p = s.project
    plots = p.find_layer("plots")
    fid = int(plots.data.index[5])
    x0, y0, x1, y1 = plots.data.geometry.loc[fid].bounds
    bow = shapely.Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1)])
    s.push(ChangeGeometry(p, plots.id, fid, bow))
    assert invalid_fids(plots).tolist() == [fid]
    msg = next(f for f in validate_project(p) if f.code == "GEOM-VALID")
    assert msg.message.vi.startswith(f"Lô đất #{fid}:") and "Lớp › Sửa hình học" in msg.message.vi

    act = window.actions["layer.fix_geometry"]
    assert act.text().replace("&", "") == "Sửa hình học"
    assert act in window.menus["layer"].actions()
    s.set_current_layer(plots.id)
    window.update_state()
    assert act.isEnabled()
    logged = []
    s.message.connect(lambda level, text: logged.append(text))
    act.trigger()
    assert invalid_fids(plots).tolist() == []
    assert plots.data.geometry.loc[fid].is_valid and plots.data.geometry.loc[fid].area > 0
    assert logged and logged[-1] == f"Đã sửa 1 hình học: Lô đất #{fid}"
    assert window.undo_dock.list.item(window.undo_dock.list.count() - 1).text() == \
        "Sửa hình học 1 đối tượng trong Lô đất"
    window.actions["edit.undo"].trigger()
    assert invalid_fids(plots).tolist() == [fid]
    # nothing to fix: it says so
    window.actions["edit.redo"].trigger()
    act.trigger()
    assert logged[-1] == "Không có hình học không hợp lệ trong Lô đất"


def test_action_is_off_for_reviewers_and_rasters(window):
    s = window.session
    s.set_current_layer(s.project.find_layer("plots").id)
    window.actions["app.reviewer"].setChecked(True)
    assert not window.actions["layer.fix_geometry"].isEnabled()
