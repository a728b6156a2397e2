"""Relations as data and the vectorised search for references that resolve to nothing (ID-03)."""

from __future__ import annotations

import pandas as pd

from cim.model.relations import RELATIONS, find_dangling_references, relations_from


def _layers():
    return {
        "plots": pd.DataFrame({"cim_id": ["PLT-1", "PLT-2"]}),
        "buildings": pd.DataFrame({"cim_id": ["BLD-1", "BLD-2", "BLD-3", "BLD-4"],
                                   "plot_id": ["PLT-1", "PLT-9", None, ""]}),
        "net_water_nodes": pd.DataFrame({"cim_id": ["NOD-1", "NOD-2"]}),
        "net_drainage_nodes": pd.DataFrame({"cim_id": ["NOD-3"]}),
        "net_water": pd.DataFrame({"cim_id": ["EDG-1", "EDG-2"], "from_node": ["NOD-1", "NOD-3"],
                                   "to_node": ["NOD-2", "NOD-2"]}),
        "smart_elements": pd.DataFrame({"cim_id": ["SME-1", "SME-2"], "network_node_id": ["NOD-3", "NOD-7"],
                                        "building_id": ["BLD-2", None]}),
        "a_user_layer": pd.DataFrame({"cim_id": ["X-1"], "plot_id": ["PLT-404"]}),
    }


def test_relations_cover_building_plot_element_node_element_building_and_edge_ends():
    pairs = {(r.source_kind, r.source_field, r.target_kind) for r in RELATIONS}
    assert {("building", "plot_id", "plot"), ("smart_element", "network_node_id", "network_node"),
            ("smart_element", "building_id", "building"), ("network_edge", "from_node", "network_node"),
            ("network_edge", "to_node", "network_node")} <= pairs
    assert {r.source_field for r in relations_from("network_edge")} == {"from_node", "to_node"}


def test_dangling_references_are_found_and_empty_references_are_not():
    out = find_dangling_references(_layers())
    got = set(zip(out["layer"], out["object_id"], out["field"], out["value"]))
    assert got == {("buildings", "BLD-2", "plot_id", "PLT-9"),
                   ("smart_elements", "SME-2", "network_node_id", "NOD-7"),
                   ("net_water", "EDG-2", "from_node", "NOD-3")}
    assert list(out.columns) == ["layer", "kind", "object_id", "field", "value", "target_kind", "relation"]


def test_an_edge_must_point_at_a_node_of_its_own_network_but_an_element_at_any_node():
    out = find_dangling_references(_layers())
    edge = out[out["layer"] == "net_water"]
    assert edge["value"].tolist() == ["NOD-3"]  # NOD-3 exists, but in the drainage network
    assert "SME-1" not in set(out["object_id"])


def test_nothing_dangles_in_a_consistent_model():
    layers = _layers()
    layers["buildings"]["plot_id"] = ["PLT-1", "PLT-2", None, None]
    layers["smart_elements"]["network_node_id"] = ["NOD-1", None]
    layers["net_water"]["from_node"] = ["NOD-1", "NOD-1"]
    out = find_dangling_references(layers)
    assert out.empty and list(out.columns)[0] == "layer"
