"""The Networks panel on the sample district: build and validate find the deliberate broken connections
the headless core finds; a route between two clicked points has the core's length; a walkshed from a
clicked point is drawn with the core's area; styling by system is one undoable step."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QDockWidget

from tests.app.conftest import REPO, settle

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(window):
    dock = window.findChild(QDockWidget, "dock_plugin_network.network")
    dock.show()
    dock.raise_()
    return dock.panel


def build(panel, qtbot, window, waits, layer: str):
    panel.choose_layer(layer)
    qtbot.mouseClick(panel.build_btn, Qt.LeftButton)
    waits.tasks(window)
    assert panel.network is not None and panel.network_layer == layer
    return panel.network


def core_network(project, layer: str):
    """The network ``cimstudio network build`` makes of ``layer`` (declared nodes, system from the name)."""
    from cim.network.topology import build_network
    from cim.network.validate import canonical_system

    names = {r.name for r in project.layers.values()}
    nodes = f"{layer}_nodes" if f"{layer}_nodes" in names else None
    system = canonical_system(layer)
    return build_network(project.find_layer(layer).data, system="road" if system in ("road", "roads") else system,
                         nodes_gdf=project.find_layer(nodes).data if nodes else None, layer=layer,
                         nodes_layer=nodes or "nodes")


def core_findings(project, layer: str):
    from rasterio.io import MemoryFile

    from cim.network.validate import validate_network

    with MemoryFile(project.find_layer("dem").data.tiff_bytes()) as mem, mem.open() as ds:
        dem = ds.read(1).astype(float), ds.transform, ds.nodata
    return validate_network(core_network(project, layer), dem=dem, buildings=project.find_layer("buildings").data,
                            smart_elements=project.find_layer("smart_elements").data,
                            boundary=project.find_layer("boundary").data)


def network_defects() -> list[dict]:
    data = json.loads((REPO / "sample_data" / "district" / "defects.json").read_text(encoding="utf-8"))
    return [d for d in data["defects"] if d["rule"] == "INF-05"]


def click_map(window, qtbot, x: float, y: float) -> tuple[float, float]:
    """Left-click the canvas at map position (x, y); returns the map position the click stands for."""
    c = window.canvas
    q = c.to_screen(x, y)
    pos = QPoint(round(q.x()), round(q.y()))
    assert c.rect().contains(pos)
    qtbot.mouseClick(c, Qt.LeftButton, pos=pos)
    return tuple(c.to_map(pos))


def show_all(window, net) -> None:
    window.zoom_to_bounds(tuple(shapely.total_bounds(net.edges.geometry.values)), margin=0.05)


def test_build_and_validate_find_the_deliberate_broken_connections_like_the_core(window, panel, qtbot, waits):
    project = window.session.project
    tab = panel.validate_tab
    found = {}
    for layer in ("net_drainage", "net_water"):
        net = build(panel, qtbot, window, waits, layer)
        core = core_network(project, layer)
        assert (net.n_nodes, net.n_edges) == (core.n_nodes, core.n_edges)
        assert f"{net.n_nodes}" in panel.status.text() and f"{net.n_edges}" in panel.status.text()
        dem, buildings = (project.layer_by_name(n).id for n in ("dem", "buildings"))
        assert tab.inputs["dem"].currentData() == dem and tab.inputs["buildings"].currentData() == buildings
        qtbot.mouseClick(tab.run_btn, Qt.LeftButton)
        waits.tasks(window)
        expected = sorted((i.code, round(i.bbox[0], 3), round(i.bbox[1], 3)) for i in core_findings(project, layer))
        assert expected, f"the core finds nothing wrong in {layer}"
        shown = sorted((tab.table.item(r, 1).text(), round(i.bbox[0], 3), round(i.bbox[1], 3))
                       for r, i in enumerate(tab.issues))
        assert shown == expected and tab.table.rowCount() == len(expected)
        found[layer] = (net, list(tab.issues))

    def position(layer, cim_id):
        data = project.find_layer(layer).data
        return data.geometry[data["cim_id"] == cim_id].iloc[0]

    for defect in network_defects():
        if defect["layer"].replace("_nodes", "") not in found:
            continue
        net, issues = found[defect["layer"].replace("_nodes", "")]
        if defect.get("net_rule") == "NET-CROSS-BUILDING":   # a water pipe through a building
            edge_ids = net.edges.loc[net.edges["cim_id"] == defect["object_id"], "edge_id"].tolist()
            assert any(i.code == "NET-CROSS-BUILDING" and i.extra.get("edge_id") in edge_ids
                       and i.extra["building"] == defect["building_id"] for i in issues)
        elif defect["layer"].endswith("_nodes"):          # a dangling manhole
            node = position(defect["layer"], defect["object_id"])
            assert any(i.code == "NET-DANGLE" and node.distance(shapely.Point(i.bbox[0], i.bbox[1])) < 0.05 for i in issues)
        elif defect.get("field") == "invert_down_m":    # a drain running uphill
            edge_ids = net.edges.loc[net.edges["cim_id"] == defect["object_id"], "edge_id"].tolist()
            assert any(i.code == "NET-UPHILL" and i.extra.get("edge_id") in edge_ids for i in issues)
        else:                                           # a branch connected to nothing
            branch = shapely.union_all([position(defect["layer"], o) for o in defect["object_ids"]])
            assert any(i.code == "NET-COMPONENT" and branch.distance(shapely.Point(i.bbox[0], i.bbox[1])) < 0.05 for i in issues)

    # clicking the last finding zooms the map to it and marks it
    row = tab.table.rowCount() - 1
    issue = tab.issues[row]
    rect = tab.table.visualItemRect(tab.table.item(row, 1))
    tab.table.scrollToItem(tab.table.item(row, 1))
    rect = tab.table.visualItemRect(tab.table.item(row, 1))
    qtbot.mouseClick(tab.table.viewport(), Qt.LeftButton, pos=rect.center())
    settle(qtbot)
    x0, y0, x1, y1 = window.canvas.vp.extent
    assert x0 < issue.bbox[0] < x1 and y0 < issue.bbox[1] < y1 and (x1 - x0) < 1000
    mark = window.canvas.overlays.bounds("network.finding")
    assert mark is not None and mark[0] <= issue.bbox[0] <= mark[2]
    assert issue.code in tab.detail.text()
    qtbot.mouseClick(panel.clear_btn, Qt.LeftButton)
    assert not [k for k in window.canvas.overlays.keys() if k.startswith("network.")]
    assert tab.table.rowCount() == 0


def test_a_route_between_two_clicked_points_has_the_core_length(window, panel, qtbot, waits):
    from cim.network.analysis import shortest_path, to_nodes

    net = build(panel, qtbot, window, waits, "roads")
    core = core_network(window.session.project, "roads")
    show_all(window, net)
    settle(qtbot)
    a, b = core.xy[np.argmin(core.xy.sum(axis=1))], core.xy[np.argmax(core.xy.sum(axis=1))]   # opposite corners
    route = panel.route_tab
    assert route.mode.currentData() == "walk"
    qtbot.mouseClick(route.pick_btn, Qt.LeftButton)
    pa = click_map(window, qtbot, *a)
    assert window.canvas.overlays.get("network.route_ends") is not None
    pb = click_map(window, qtbot, *b)
    waits.tasks(window)
    expected = shortest_path(core, pa, pb, mode="walk")
    assert route.result is not None
    assert route.result.attrs["length"] == pytest.approx(expected.attrs["length"], abs=1e-6)
    assert expected.attrs["length"] > 500
    assert window.canvas.overlays.bounds("network.route") is not None
    assert to_nodes(core, [pa, pb])[0][0] != to_nodes(core, [pa, pb])[0][1]


def test_a_route_between_disconnected_parts_says_they_are_not_connected(window, panel, qtbot, waits):
    from scipy.sparse.csgraph import connected_components

    net = build(panel, qtbot, window, waits, "net_water")
    assert panel.route_tab.mode.currentData() == "any"
    n, label = connected_components(net.graph("any", "length").csr, directed=False)
    assert n > 1
    sizes = np.bincount(label)
    main, island = np.argmax(sizes), np.argmin(sizes)
    a, b = net.xy[label == island][0], net.xy[label == main][0]
    window.zoom_to_bounds((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])), margin=0.3)
    settle(qtbot)
    qtbot.mouseClick(panel.route_tab.pick_btn, Qt.LeftButton)
    click_map(window, qtbot, *a)
    click_map(window, qtbot, *b)
    waits.tasks(window)
    text = QCoreApplication.translate("NetworkPanel", "No route: the two points are not connected in this network "
                                      "(they lie in separate parts, or one-way streets forbid it for this travel mode).")
    assert panel.route_tab.info.text() == text
    assert panel.route_tab.result is None and window.canvas.overlays.get("network.route") is None


def test_a_walkshed_from_a_clicked_station_is_drawn_with_the_core_figures(window, panel, qtbot, waits):
    from cim.network.analysis import walksheds

    net = build(panel, qtbot, window, waits, "roads")
    station = window.session.project.find_layer("stations").data.geometry.iloc[0]
    window.zoom_to_bounds(station.buffer(600).bounds, margin=0.1)
    settle(qtbot)
    tab = panel.walkshed_tab
    qtbot.mouseClick(tab.findChild(type(tab.pick_btn), "network_walkshed_400"), Qt.LeftButton)
    assert tab.distance.value() == 400
    qtbot.mouseClick(tab.pick_btn, Qt.LeftButton)
    xy = click_map(window, qtbot, station.x, station.y)
    waits.tasks(window)
    expected = walksheds(core_network(window.session.project, "roads"), [xy], 400.0).iloc[0]
    shed = window.canvas.overlays.get("network.walkshed")
    assert shed is not None and len(shed.geometries) == 1
    assert shapely.area(shed.geometries[0]) == pytest.approx(expected["area_m2"])
    edges = window.canvas.overlays.get("network.walkshed_edges")
    assert sum(shapely.length(edges.geometries)) == pytest.approx(expected["reached_m"])
    assert 0 < expected["reached_m"] and net.n_edges
    assert f"{int(expected['nodes'])}" in tab.info.text()


def test_styling_by_system_gives_each_system_its_colour_and_is_undone_in_one_step(window, panel, qtbot):
    from cim.network.validate import canonical_system

    project = window.session.project
    nets = [r for r in project.ordered_layers() if r.object_kind == "network_edge"]
    before = {r.id: copy.deepcopy(r.style) for r in project.layers.values()}
    qtbot.mouseClick(panel.style_btn, Qt.LeftButton)
    colour = {}
    for rec in nets:
        style = rec.style
        assert style["type"] == "categorised" and style["field"] == "system"
        for value in rec.data["system"].dropna().unique():
            colour.setdefault(canonical_system(value), set()).add(style["categories"][str(value)])
    assert len(colour) >= 5 and all(len(c) == 1 for c in colour.values())
    assert len({next(iter(c)) for c in colour.values()}) == len(colour)      # distinct per system
    window.actions["edit.undo"].trigger()
    assert {r.id: r.style for r in project.layers.values()} == before


def test_the_built_network_is_saved_as_layers_undoably_and_not_by_a_reviewer(window, panel, qtbot, waits):
    project = window.session.project
    build(panel, qtbot, window, waits, "net_drainage")
    assert panel.save_btn.isEnabled()
    qtbot.mouseClick(panel.save_btn, Qt.LeftButton)
    names = {r.name for r in project.layers.values()}
    assert {"net_drainage_network", "net_drainage_network_nodes"} <= names
    assert any("net_drainage_network" in panel.layer.itemText(i) for i in range(panel.layer.count()))
    window.actions["edit.undo"].trigger()
    assert "net_drainage_network" not in {r.name for r in project.layers.values()}
    window.session.set_reviewer(True)
    assert not panel.save_btn.isEnabled() and panel.build_btn.isEnabled()


def test_a_walkshed_from_a_point_far_from_the_network_says_so(window, panel, qtbot, waits):
    from cim.network.analysis import walksheds

    build(panel, qtbot, window, waits, "roads")
    net = core_network(window.session.project, "roads")
    x0, y0, x1, y1 = shapely.total_bounds(net.edges.geometry.values)
    far = (x1 + 250.0, (y0 + y1) / 2)
    tab = panel.walkshed_tab
    tab.walkshed(*far)
    waits.tasks(window)
    expected = walksheds(net, [far], float(tab.distance.value())).iloc[0]
    assert expected["far_snap"] and expected["snap_m"] >= 250
    text = tab.info.text()
    assert ("Warning" in text or "Cảnh báo" in text) and f"{int(expected['nodes'])}" in text
