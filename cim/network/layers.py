"""A network in a project: two ordinary vector layers, ``<name>`` (edges) and ``<name>_nodes``.

Plain feature tables, so the project GeoPackage stays readable by QGIS and GDAL and no special
serializer is needed. Each layer's ``source["network"]`` says what it is (system, role, how it was
built). :func:`load_network` turns the pair back into a :class:`~cim.network.model.Network` without
rebuilding the topology (the ``u``/``v`` columns carry it).
"""

from __future__ import annotations

import numpy as np

from cim.errors import CimInputError
from cim.network.model import Network

NODES_SUFFIX = "_nodes"


def to_frames(net: Network):
    """(edges, nodes) GeoDataFrames with int64 fids 1..n, ready to be layers."""
    import geopandas as gpd

    edges = net.edges.copy()
    if "system" not in edges.columns:      # INF-01 reads the system of every network line
        edges["system"] = net.system
    edges.index = np.arange(1, len(edges) + 1, dtype=np.int64)
    edges.index.name = "fid"
    nodes = gpd.GeoDataFrame(net.nodes.copy(), geometry=gpd.points_from_xy(net.nodes["x"], net.nodes["y"]),
                             crs=net.crs)
    if "terminal" not in nodes.columns:
        nodes["terminal"] = False
    if "kind" not in nodes.columns:
        nodes["kind"] = None
    if "system" not in nodes.columns:      # the SMT-* rules select network nodes by system
        nodes["system"] = net.system
    nodes.index = np.arange(1, len(nodes) + 1, dtype=np.int64)
    nodes.index.name = "fid"
    for frame in (edges, nodes):
        for col in frame.columns:
            if frame[col].dtype == object and col != frame.geometry.name:
                frame[col] = frame[col].where(frame[col].isna(), frame[col].astype(str))
    return edges, nodes


def from_frames(edges, nodes, *, system: str, crs=None) -> Network:
    import pandas as pd

    for col in ("edge_id", "u", "v", "length"):
        if col not in edges.columns:
            raise CimInputError(None, f"the edge layer has no {col!r} column: it is not a built network",
                                hint="build it with `cimstudio network build`")
    n = pd.DataFrame(nodes.drop(columns=nodes.geometry.name)).reset_index(drop=True)
    e = edges.reset_index(drop=True)
    return Network(system=system, crs=crs or (edges.crs.to_string() if edges.crs else None), nodes=n, edges=e)


def add_to_project(project, net: Network, name: str, *, params: dict | None = None):
    """Add (or replace) the network's two layers in one undoable step; returns (edges, nodes) records."""
    from cim.project import LayerRecord
    from cim.project.edits import AddLayer, RemoveLayer

    edges, nodes = to_frames(net)
    meta = {"system": net.system, **(params or {}), "report": _plain(net.report)}
    crs = net.crs or project.crs
    e_rec = LayerRecord(name=name, kind="vector", data=edges, crs=crs, object_kind="network_edge",
                        source={"network": {**meta, "role": "edges", "nodes_layer": name + NODES_SUFFIX},
                                "geometry_type": "LineString"})
    n_rec = LayerRecord(name=name + NODES_SUFFIX, kind="vector", data=nodes, crs=crs, object_kind="network_node",
                        source={"network": {**meta, "role": "nodes", "edges_layer": name},
                                "geometry_type": "Point"})
    with project.undo_stack.macro(f"Build network {name}"):
        for old in [r for r in list(project.layers.values()) if r.name in (name, name + NODES_SUFFIX)]:
            project.push(RemoveLayer(project, old.id))
        project.push(AddLayer(project, n_rec))
        project.push(AddLayer(project, e_rec))
    return e_rec, n_rec


def network_records(project, name: str):
    """The (edges, nodes) layer records of the network called ``name``."""
    rec = project.find_layer(name)
    info = rec.source.get("network") if isinstance(rec.source, dict) else None
    if not info:
        raise CimInputError(project.path, f"layer {rec.name!r} is not a network built by CIM Studio", obj=rec.name,
                            hint="build one first: cimstudio network build PROJECT --layer roads --name road_net")
    if info.get("role") == "nodes":
        return project.find_layer(info["edges_layer"]), rec
    return rec, project.find_layer(info.get("nodes_layer", rec.name + NODES_SUFFIX))


def load_network(project, name: str) -> Network:
    e_rec, n_rec = network_records(project, name)
    system = e_rec.source["network"].get("system", "road")
    return from_frames(e_rec.data, n_rec.data, system=system, crs=e_rec.crs)


def _plain(d: dict) -> dict:
    out = {}
    for k, v in d.items():
        if isinstance(v, (np.integer, np.floating)):
            v = v.item()
        if isinstance(v, list) and len(v) > 50:
            v = v[:50]
        out[k] = v
    return out
