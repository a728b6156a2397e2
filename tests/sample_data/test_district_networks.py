"""The technical networks of the sample district: topology, terminals, drainage falling to outlets.

Every problem a network validator should find is one of the INF-05 defects; the rest is clean.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

SYSTEMS = ("water", "drainage", "energy", "lighting", "telecom")


def _graph(layers, system):
    nodes, edges = layers[f"net_{system}_nodes"], layers[f"net_{system}"]
    pos = {c: i for i, c in enumerate(nodes["cim_id"])}
    u = edges["from_node"].map(pos).to_numpy()
    v = edges["to_node"].map(pos).to_numpy()
    return nodes, edges, u, v


def _components(n, u, v):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = coo_matrix((np.ones(len(u)), (u, v)), shape=(n, n))
    return connected_components(m, directed=False)[1]


@pytest.mark.parametrize("system", SYSTEMS)
def test_edges_start_and_end_on_their_nodes_and_every_node_is_used(layers, system):
    nodes, edges, u, v = _graph(layers, system)
    xy = shapely.get_coordinates(nodes.geometry.to_numpy())
    g = edges.geometry.to_numpy()
    a = shapely.get_coordinates(shapely.get_point(g, 0))
    b = shapely.get_coordinates(shapely.get_point(g, -1))
    assert np.allclose(a, xy[u], atol=1e-3) and np.allclose(b, xy[v], atol=1e-3)
    assert (np.bincount(np.r_[u, v], minlength=len(nodes)) > 0).all()
    assert (edges["system"] == system).all() and (nodes["system"] == system).all()


@pytest.mark.parametrize("system", SYSTEMS)
def test_dangling_ends_are_declared_terminals_but_the_listed_drain(layers, defect, system):
    nodes, _, u, v = _graph(layers, system)
    deg = np.bincount(np.r_[u, v], minlength=len(nodes))
    undeclared = set(nodes.loc[(deg == 1) & ~nodes["terminal"], "cim_id"])
    expected = {defect("D07")["object_id"]} if system == "drainage" else set()
    assert undeclared == expected


def test_water_supply_is_one_network_but_for_the_listed_island(layers, defect):
    nodes, edges, u, v = _graph(layers, "water")
    comp = _components(len(nodes), u, v)
    main = np.bincount(comp).argmax()
    island = set(edges.loc[comp[u] != main, "cim_id"])
    assert island == set(defect("D08")["object_ids"])
    assert {"supply_inlet", "pumping_station"} <= set(nodes.loc[comp == main, "kind"])


@pytest.mark.parametrize("system, root", [("energy", "substation"), ("telecom", "exchange"),
                                          ("lighting", "cabinet")])
def test_every_component_of_a_tree_network_is_fed_from_one_source(layers, system, root):
    nodes, _, u, v = _graph(layers, system)
    comp = _components(len(nodes), u, v)
    sources = np.bincount(comp[(nodes["kind"] == root).to_numpy()], minlength=comp.max() + 1)
    assert (sources == 1).all()
    assert len(u) == len(nodes) - (comp.max() + 1)  # a forest: no loops


def test_lighting_circuits_are_named_on_every_edge_and_pole(layers):
    nodes, edges = layers["net_lighting_nodes"], layers["net_lighting"]
    assert edges["circuit"].notna().all() and nodes["circuit"].notna().all()
    assert edges.groupby("circuit").size().min() >= 2


def _dem_at(district, xy, bilinear=False):
    import rasterio

    with rasterio.open(district / "dem.tif") as src:
        if not bilinear:
            return np.array([v[0] for v in src.sample(xy)])
        z = src.read(1).astype(float)
        t = src.transform
        col = (xy[:, 0] - t.c) / t.a - 0.5
        row = (xy[:, 1] - t.f) / t.e - 0.5
        c0, r0 = np.floor(col).astype(int), np.floor(row).astype(int)
        fc, fr = col - c0, row - r0
        return ((z[r0, c0] * (1 - fc) + z[r0, c0 + 1] * fc) * (1 - fr)
                + (z[r0 + 1, c0] * (1 - fc) + z[r0 + 1, c0 + 1] * fc) * fr)


@pytest.mark.parametrize("bilinear", [False, True])
def test_every_drain_falls_on_the_dem(layers, district, bilinear):
    nodes, edges, u, v = _graph(layers, "drainage")
    xy = shapely.get_coordinates(nodes.geometry.to_numpy())
    z = _dem_at(district, xy, bilinear)
    assert (z[u] - z[v] > 0.05).all()
    assert np.allclose(nodes["elevation_m"], _dem_at(district, xy, True), atol=0.02)


def test_drain_inverts_fall_in_the_direction_of_flow_but_for_the_listed_pipe(layers, defect):
    edges = layers["net_drainage"]
    uphill = set(edges.loc[edges["invert_up_m"] <= edges["invert_down_m"], "cim_id"])
    assert uphill == {defect("D09")["object_id"]}


def test_every_drain_leads_to_an_outlet_on_the_river_but_the_listed_dead_end(layers, defect):
    nodes, _, u, v = _graph(layers, "drainage")
    out_deg = np.bincount(u, minlength=len(nodes))
    sinks = nodes.loc[out_deg == 0]
    assert set(sinks.loc[sinks["kind"] != "outlet", "cim_id"]) == {defect("D07")["object_id"]}
    outlets = sinks[sinks["kind"] == "outlet"]
    river = layers["water_bodies"].geometry.iloc[0]
    assert len(outlets) >= 5 and (outlets.distance(river) < 3.0).all() and outlets["terminal"].all()
