"""Network edits are undoable commands that keep edges attached to their nodes."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point

from cim.errors import CimInputError
from cim.network import edits, layers
from cim.network.synthetic import grid_roads
from cim.network.topology import build_network
from cim.network.validate import validate_network
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer


@pytest.fixture
def project():
    p = Project(crs="EPSG:9208")
    layers.add_to_project(p, build_network(grid_roads(300, seed=2)), "road_net")
    p.undo_stack.clear()
    return p


def state(p):
    e, n = layers.network_records(p, "road_net")
    return e.data.copy(), n.data.copy()


def assert_consistent(p):
    """Every edge starts on its u node and ends on its v node; ids are unique."""
    net = layers.load_network(p, "road_net")
    assert (net.iu >= 0).all() and (net.iv >= 0).all()
    g = np.asarray(net.edges.geometry.values, dtype=object)
    assert np.allclose(shapely.get_coordinates(shapely.get_point(g, 0)), net.xy[net.iu])
    assert np.allclose(shapely.get_coordinates(shapely.get_point(g, -1)), net.xy[net.iv])
    assert net.edges["edge_id"].is_unique and net.nodes["node_id"].is_unique
    assert np.allclose(net.edges["length"], shapely.length(g))
    return net


def assert_same(a, b):
    for x, y in zip(a, b):
        assert x.index.tolist() == y.index.tolist()
        assert x.drop(columns=["degree"], errors="ignore").astype(str).equals(
            y.drop(columns=["degree"], errors="ignore").astype(str))


def test_split_then_merge_restores_the_edge_count_and_undo_restores_everything(project):
    before = state(project)
    e = layers.load_network(project, "road_net").edges
    mid = shapely.line_interpolate_point(e.geometry.iloc[0], 0.4, normalized=True)
    node = edits.split_edge(project, "road_net", int(e.edge_id.iloc[0]), (mid.x, mid.y))
    net = assert_consistent(project)
    assert net.n_edges == len(e) + 1 and validate_network(net) == []
    edits.merge_edges(project, "road_net", node)
    assert assert_consistent(project).n_edges == len(e)
    project.undo_stack.undo_all()
    assert_same(state(project), before)


def test_a_new_line_is_noded_where_it_crosses_and_where_it_ends_on_streets(project):
    net0 = layers.load_network(project, "road_net")
    x0, y0 = net0.xy.min(axis=0)
    line = LineString([(x0 + 30, y0 - 20), (x0 + 30, y0 + 250)])
    new = edits.add_edge(project, "road_net", line)
    net = assert_consistent(project)
    assert len(new) >= 3
    found = validate_network(net)
    assert [i.code for i in found] == ["NET-DANGLE", "NET-DANGLE"]   # only its two free ends
    project.undo_stack.undo()
    assert layers.load_network(project, "road_net").n_edges == net0.n_edges


def test_moving_a_node_drags_its_edge_ends_and_a_drag_is_one_undo_step(project):
    net0 = layers.load_network(project, "road_net")
    nid = int(net0.nodes.node_id.iloc[7])
    for k in range(1, 4):
        edits.move_node(project, "road_net", nid, net0.xy[7] + k, drag=True)
    assert len(project.undo_stack) == 1
    net = assert_consistent(project)
    assert np.allclose(net.xy[net.node_positions([nid])[0]], net0.xy[7] + 3)
    project.undo_stack.undo()
    assert np.allclose(assert_consistent(project).xy, net0.xy)


def test_moving_an_edge_moves_its_nodes_and_keeps_neighbours_attached(project):
    net0 = layers.load_network(project, "road_net")
    eid = int(net0.edges.edge_id.iloc[3])
    edits.move_edge(project, "road_net", eid, 4.0, -2.0)
    net = assert_consistent(project)
    k = int(np.flatnonzero(net.edges.edge_id.to_numpy() == eid)[0])
    assert np.allclose(net.xy[net.iu[k]], net0.xy[net0.iu[3]] + (4.0, -2.0))


def test_merging_at_a_junction_is_refused_with_the_reason(project):
    net = layers.load_network(project, "road_net")
    junction = int(net.nodes.node_id.to_numpy()[np.argmax(net.degree())])
    with pytest.raises(CimInputError, match="only a node between exactly two edges"):
        edits.merge_edges(project, "road_net", junction)


def test_connecting_a_smart_element_splits_the_nearest_edge_adds_a_service_line_and_links_it(project):
    net0 = layers.load_network(project, "road_net")
    p = net0.edges.geometry.iloc[5].interpolate(0.5, normalized=True)
    smart = gpd.GeoDataFrame({"cim_id": ["SME-1"], "network_node_id": [None]}, crs="EPSG:9208",
                             geometry=[Point(p.x + 6, p.y + 6)], index=np.array([1], dtype=np.int64))
    project.push(AddLayer(project, LayerRecord("smart_elements", "vector", smart, crs="EPSG:9208")))
    node = edits.connect_element(project, "road_net", "smart_elements", 1)
    net = assert_consistent(project)
    assert net.n_edges == net0.n_edges + 2
    assert project.find_layer("smart_elements").data.at[1, "network_node_id"] == str(node)
    assert validate_network(net) == []           # the element end is a declared service connection
    project.undo_stack.undo()
    assert project.find_layer("smart_elements").data.at[1, "network_node_id"] is None
    assert layers.load_network(project, "road_net").n_edges == net0.n_edges
