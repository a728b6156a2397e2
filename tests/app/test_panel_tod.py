"""The TOD panel on the sample district: the study the headless core computes, catchments on the map,
a FAR scenario, explained empty states, CSV export, and a Cancel that leaves the project as it was."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDockWidget, QPushButton

from tests.app.conftest import settle

pytestmark = pytest.mark.gui


def _panel(window):
    dock = window.findChild(QDockWidget, "dock_plugin_tod.tod")
    assert dock is not None, "the TOD plugin contributes its dock"
    dock.show()
    return dock.panel


def _setup(panel, radii="400, 800, 1000", bike=""):
    panel.inputs.radii.setText(radii)
    panel.inputs.bike_radii.setText(bike)


def _run(panel, window, qtbot, waits):
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    waits.tasks(window)
    assert panel.run is not None, panel.message_texts()


def _click_row(qtbot, table, row: int) -> None:
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(index).center())


def _project_state(project):
    plots = project.find_layer("plots").data
    return (sorted(project.layers), len(project.undo_stack), project.is_modified(),
            int(pd.util.hash_pandas_object(plots.drop(columns="geometry")).sum()),
            tuple(plots.geometry.to_wkb().map(hash)))


def test_the_indicator_table_equals_the_headless_study_for_the_same_parameters(window, qtbot, waits, tmp_path):
    from cim.tod.params import TodParams
    from cim.tod.study import run_project_study

    panel = _panel(window)
    _setup(panel, "300; 600", "1500")
    _run(panel, window, qtbot, waits)
    core = run_project_study(window.session.project, params=TodParams(radii=(300.0, 600.0), bike_radii=(1500.0,)))
    expected = core.indicators.reset_index(drop=True)
    model = panel.model
    assert model.rowCount() == len(expected) == 2 + 2 + 1     # circles, walksheds, bicycle catchment
    assert set(expected["kind"]) == {"circle", "walk", "bike"}
    for col in ("radius_m", "circle_ratio", "gfa_m2", "far_gross", "pop_density_pph", "job_density_jph",
                "mix_entropy", "plots_without_far"):
        c = model.columns.index(col)
        shown = np.array([model.data(model.index(r, c), Qt.UserRole) for r in range(model.rowCount())], float)
        assert shown == pytest.approx(expected[col].to_numpy(float), nan_ok=True), col
    gfa = model.columns.index("gfa_m2")
    assert model.data(model.index(0, gfa)) == QLocale().toString(float(expected["gfa_m2"].iat[0]), "f", 0)
    assert QLocale().language() == QLocale.Language.Vietnamese         # 1.548.412 in the Vietnamese UI
    kind = model.columns.index("kind")
    assert model.data(model.index(0, kind)) == "vòng tròn" or model.data(model.index(0, kind)) == "circle"
    # the CSV export is the same table for Excel, as `cimstudio tod --csv --excel --lang vi` writes it:
    # UTF-8 with BOM, ";" and decimal comma, station names and catchments in words, rounded numbers
    out = panel.export_csv(tmp_path / "tod.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(csv) == len(expected) and set(csv["Kịch bản"]) == {"cơ sở"}
    assert list(csv.columns[:3]) == ["Nhà ga", "Vùng", "Kịch bản"] and "station_id" not in csv.columns
    assert set(csv["Nhà ga"]) == set(expected["name"])
    assert csv["Vùng"].iat[0].startswith(("vòng tròn", "vùng đi bộ"))
    assert csv["Tổng diện tích sàn (m²)"].to_numpy() == pytest.approx(expected["gfa_m2"].round(0).to_numpy(),
                                                                       nan_ok=True)
    assert csv["HSSDĐ gộp"].to_numpy() == pytest.approx(expected["far_gross"].round(2).to_numpy(), nan_ok=True)


def test_clicking_a_station_row_zooms_to_it_and_draws_its_catchments_with_labels(window, qtbot, waits):
    import shapely

    panel = _panel(window)
    _setup(panel)
    _run(panel, window, qtbot, waits)
    c = window.canvas
    x0, y0, x1, y1 = c.vp.extent
    window.zoom_to_bounds((x1 + 5000, y1 + 5000, x1 + 5100, y1 + 5100))    # look somewhere else first
    settle(qtbot)
    walk_row = panel.run.base.indicators["kind"].tolist().index("walk")
    _click_row(qtbot, panel.table, walk_row)
    settle(qtbot)
    assert {"tod.circle", "tod.walk", "tod.station"} <= set(c.overlays.keys())
    frame = panel.run.base.catchments.frame
    walk = frame[(frame["kind"] == "walk") & (frame["station"] == 0)]
    drawn = c.overlays.get("tod.walk").geometries
    assert len(drawn) == 3
    assert shapely.area(drawn).sum() == pytest.approx(walk["area_m2"].sum())
    assert [t for *_xy, t in c.overlays.get("tod.circle").labels] == ["400 m", "800 m", "1000 m"]
    station_xy = panel.run.base.stations.xy[0]
    assert c.overlays.get("tod.station").labels[0][2] == panel.run.base.stations.stations["name"].iat[0]
    vx0, vy0, vx1, vy1 = c.vp.extent
    assert vx0 < station_xy[0] - 1000 and vx1 > station_xy[0] + 1000       # the 1 000 m ring is in view
    assert vy0 < station_xy[1] - 1000 and vy1 > station_xy[1] + 1000
    assert abs((vx0 + vx1) / 2 - station_xy[0]) < 150 and abs((vy0 + vy1) / 2 - station_xy[1]) < 150
    assert vx1 - vx0 < 4000                                                # zoomed to it, not to the world


def test_the_scenario_compare_shows_the_gfa_change_of_far_times_one_and_a_half_within_500_m(window, qtbot, waits):
    import shapely

    panel = _panel(window)
    _setup(panel)
    _run(panel, window, qtbot, waits)
    box = panel.scenario
    box.rule.setCurrentText("far*1.5 within 500")
    qtbot.mouseClick(box.compare, Qt.LeftButton)
    waits.tasks(window)
    assert box.rows is not None, panel.message_texts()
    # by hand: half the floor area of every plot with FAR whose point-on-surface is ≤ 500 m from the station
    plots = window.session.project.find_layer("plots").data
    far = pd.to_numeric(plots["far"], errors="coerce").to_numpy(float)
    station = shapely.Point(panel.run.base.stations.xy[0])
    near = shapely.distance(shapely.point_on_surface(plots.geometry.values), station) <= 500
    frame = panel.run.base.catchments.frame
    gfa = box.rows[box.rows["metric"] == "gfa_m2"]
    assert len(gfa) == 6                                        # 3 circles + 3 walksheds
    for r in gfa.itertuples(index=False):
        geom = frame[(frame["kind"] == r.kind) & (frame["radius_m"] == r.radius_m)].geometry.iat[0]
        inside = shapely.area(shapely.intersection(plots.geometry.values, geom))
        ok = near & np.isfinite(far)
        assert r.delta == pytest.approx(0.5 * (inside[ok] * far[ok]).sum(), rel=1e-6)
        assert r.scenario == pytest.approx(r.base + r.delta)
    assert (gfa["delta"] > 0).all()
    walk = gfa[gfa["kind"] == "walk"].sort_values("radius_m").iloc[-1]
    assert "+" + QLocale().toString(float(walk.delta), "f", 0) in box.summary.text()
    assert box.model.rowCount() == len(box.rows)
    assert panel.tabs.currentWidget() is box
    panel.tabs.setCurrentWidget(panel.chart)                    # the chart: baseline and scenario per ring
    panel.chart.metric.setCurrentIndex(panel.chart.metric.findData("gfa_m2"))
    settle(qtbot)
    bars = panel.chart.figure.axes[0].patches
    walk = gfa[gfa["kind"] == "walk"].sort_values("radius_m")
    expected = np.ravel(np.column_stack([walk["base"], walk["scenario"]]))
    assert [b.get_height() for b in bars] == pytest.approx(expected)
    assert window.session.project.find_layer("plots").data["far"].equals(plots["far"])   # project untouched


def test_cancel_leaves_the_project_unchanged_and_shows_no_result(window, qtbot, waits):
    panel = _panel(window)
    _setup(panel, bike="1000, 2000, 3000")
    before = _project_state(window.session.project)
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    assert panel.task is not None and not panel.run_button.isEnabled()
    cancel = panel.task.dialog.findChild(QPushButton)
    assert cancel.text() in ("Cancel", "Hủy", "Huỷ")
    cancel.click()                                # the Cancel button of the progress dialog
    waits.tasks(window)
    qtbot.waitUntil(lambda: panel.task is None)
    assert panel.run is None and panel.model.rowCount() == 0
    assert len(panel.message_texts()) == 1             # "Canceled: nothing was computed …", translated
    assert _project_state(window.session.project) == before
    assert panel.run_button.isEnabled() and not panel.export_button.isEnabled()
    assert not [k for k in window.canvas.overlays.keys() if k.startswith("tod.")]


def test_a_station_outside_the_pedestrian_network_is_explained_not_a_crash(window, qtbot, waits):
    from cim.tod.stations import add_station

    project = window.session.project
    st = project.find_layer("stations")
    x, y = np.asarray(st.data.geometry.iat[0].coords[0])
    add_station(project, st.id, (x + 6000, y + 6000), name="Ga Thử Nghiệm", cim_id="STN-FAR")
    panel = _panel(window)
    _setup(panel)
    qtbot.waitUntil(lambda: panel.inputs.station_list.count() == 2)
    panel.inputs.set_ticked([])
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    assert panel.task is None and panel.run is None                     # nothing to run: said, not started
    assert panel.message_texts()
    panel.inputs.set_ticked(["STN-FAR"])
    _run(panel, window, qtbot, waits)
    t = panel.run.base.indicators
    assert set(t["name"]) == {"Ga Thử Nghiệm"} and set(t["kind"]) == {"circle"}     # rings only, no walkshed
    texts = " ".join(panel.message_texts())
    assert "Ga Thử Nghiệm" in texts
    assert panel.model.rowCount() == 3
    panel.show_row(0)                                   # the circles still show on the map
    assert "tod.walk" not in window.canvas.overlays.keys() and "tod.circle" in window.canvas.overlays.keys()
    panel.inputs.set_ticked(["STN-FAR", "STN-000001"])
    _run(panel, window, qtbot, waits)
    assert set(panel.run.base.indicators["name"]) == {"Ga Thử Nghiệm", "Ga Việt Trì Tây"}


def test_catchment_layers_are_added_as_one_undo_step_and_not_in_reviewer_mode(window, qtbot, waits):
    panel = _panel(window)
    _setup(panel)
    _run(panel, window, qtbot, waits)
    project = window.session.project
    n = len(project.layers)
    qtbot.mouseClick(panel.layers_button, Qt.LeftButton)
    assert len(project.layers) == n + 2                        # circles and walksheds (no bicycle radii)
    assert {r.object_kind for r in list(project.layers.values())[n:]} == {"tod_catchment"}
    project.undo_stack.undo()
    assert len(project.layers) == n
    window.session.set_reviewer(True)
    assert not panel.layers_button.isEnabled()
    assert panel.run_button.isEnabled()                        # a reviewer may still run the study
