"""Undoable edits of a network stored in a project (its ``<name>`` and ``<name>_nodes`` layers).

Every use case computes the rows to remove and to add on both layers, then pushes one
:class:`NetworkEdit` (undo restores exactly the removed rows). Topology stays consistent: edge ends
always sit on their nodes, a new line is noded where it ends on or crosses an edge at the same level,
a moved node drags the ends of its edges, merging removes the degree-2 node in between.
"""

from __future__ import annotations

import numpy as np

from cim.commands import Command
from cim.errors import CimInputError
from cim.network.layers import network_records
from cim.network.model import hash_ids


class NetworkEdit(Command):
    def __init__(self, project, edges_id: str, nodes_id: str, text: str, draft: _Draft) -> None:
        self.project, self.ids, self.text = project, (edges_id, nodes_id), text
        self.changes = [(draft.removed_rows(k), draft.added_rows(k)) for k in (0, 1)]
        self.merge_id = None

    def _swap(self, forward: bool) -> None:
        import pandas as pd

        for lid, (removed, added) in zip(self.ids, self.changes):
            drop, put = (removed, added) if forward else (added, removed)
            rec = self.project.layer(lid)
            df = rec.data
            df = df[~df.index.isin(drop.index)]
            if len(put):
                df = pd.concat([df, put.astype({c: t for c, t in df.dtypes.items() if c in put.columns},
                                               errors="ignore")])
            rec.data = df.sort_index().set_crs(rec.data.crs, allow_override=True)
            self.project.mark_dirty(lid)
            self.project.features_changed.emit(lid, np.union1d(drop.index, put.index))

    def redo(self) -> None:
        self._swap(True)

    def undo(self) -> None:
        self._swap(False)

    def merge_key(self):
        return self.merge_id

    def merge_with(self, newer: Command) -> bool:   # successive moves of one node while dragging
        if not isinstance(newer, NetworkEdit) or newer.merge_id != self.merge_id:
            return False
        self.changes = [(old[0], new[1]) for old, new in zip(self.changes, newer.changes)]
        return True


class _Draft:
    """Pending row changes on (edges, nodes); reads see the changes."""

    def __init__(self, edges, nodes) -> None:
        self.frames = (edges, nodes)
        self.removed = (set(), set())
        self.added: tuple[dict, dict] = ({}, {})
        self.next_fid = [int(f.index.max()) + 1 if len(f) else 1 for f in self.frames]

    def row(self, k: int, fid: int) -> dict:
        if fid in self.added[k]:
            return dict(self.added[k][fid])
        r = self.frames[k].loc[fid].to_dict()
        r[self.frames[k].geometry.name] = self.frames[k].geometry.loc[fid]
        return r

    def find(self, k: int, col: str, value) -> int:
        for fid, r in self.added[k].items():
            if r[col] == value:
                return fid
        f = self.frames[k]
        hit = f.index[(f[col] == value).to_numpy()]
        hit = [h for h in hit if h not in self.removed[k]]
        if not hit:
            raise CimInputError(None, f"no {'edge' if k == 0 else 'node'} with {col} = {value} in the network")
        return int(hit[0])

    def put(self, k: int, row: dict, fid: int | None = None) -> int:
        if fid is None:
            fid = self.next_fid[k]
            self.next_fid[k] += 1
        elif fid in self.frames[k].index:
            self.removed[k].add(fid)
        self.added[k][fid] = row
        return fid

    def drop(self, k: int, fid: int) -> None:
        if fid in self.added[k]:
            del self.added[k][fid]
        if fid in self.frames[k].index:
            self.removed[k].add(fid)

    def incident(self, node_id: int) -> list[int]:
        e = self.frames[0]
        hit = e.index[((e["u"] == node_id) | (e["v"] == node_id)).to_numpy()]
        out = [int(h) for h in hit if h not in self.removed[0] and h not in self.added[0]]
        return out + [f for f, r in self.added[0].items() if node_id in (r["u"], r["v"])]

    def removed_rows(self, k: int):
        f = self.frames[k]
        return f.loc[sorted(self.removed[k])]

    def added_rows(self, k: int):
        import geopandas as gpd

        f = self.frames[k]
        if not self.added[k]:
            return f.iloc[0:0]
        rows = gpd.GeoDataFrame(list(self.added[k].values()), geometry=f.geometry.name, crs=f.crs)
        rows.index = np.array(list(self.added[k].keys()), dtype=np.int64)
        rows.index.name = f.index.name
        return rows.reindex(columns=f.columns)

    def node_at(self, xy, tol: float) -> int | None:
        n = self.frames[1]
        live = n[~n.index.isin(self.removed[1])]
        cand = [(f, r) for f, r in self.added[1].items()]
        if len(live):
            d = np.hypot(live["x"].to_numpy() - xy[0], live["y"].to_numpy() - xy[1])
            k = int(np.argmin(d))
            if d[k] <= tol:
                return int(live.index[k])
        for f, r in cand:
            if np.hypot(r["x"] - xy[0], r["y"] - xy[1]) <= tol:
                return f
        return None

    def new_node(self, xy) -> int:
        import shapely

        nid = int(hash_ids(np.array([round(xy[0] * 100)]), np.array([round(xy[1] * 100)]))[0])
        row = {c: None for c in self.frames[1].columns}
        row.update(node_id=nid, x=float(xy[0]), y=float(xy[1]), degree=0)
        row[self.frames[1].geometry.name] = shapely.Point(xy)
        return self.put(1, row)


def _open(project, name: str):
    e_rec, n_rec = network_records(project, name)
    return e_rec, n_rec, _Draft(e_rec.data, n_rec.data)


def _edge_row(base: dict, geom, u: int, v: int, gname: str, salt) -> dict:
    import shapely

    row = dict(base)
    row.update(u=int(u), v=int(v), length=float(shapely.length(geom)))
    row[gname] = geom
    row["edge_id"] = int(hash_ids(np.array([int(base.get("edge_id") or 0)]), np.array([hash(salt) & 0x7FFFFFFF]))[0])
    return row


def _split(draft: _Draft, efid: int, xy, tol: float) -> int:
    """Split edge ``efid`` at the point nearest ``xy``; return the fid of the node there."""
    import shapely
    from shapely.ops import substring

    gname = draft.frames[0].geometry.name
    row = draft.row(0, efid)
    line = row[gname]
    d = float(shapely.line_locate_point(line, shapely.Point(xy)))
    at = np.asarray(shapely.line_interpolate_point(line, d).coords[0])
    ufid, vfid = draft.find(1, "node_id", row["u"]), draft.find(1, "node_id", row["v"])
    if d <= tol:
        return ufid
    if d >= line.length - tol:
        return vfid
    nfid = draft.node_at(at, tol) or draft.new_node(at)
    mid = draft.row(1, nfid)["node_id"]
    a, b = substring(line, 0, d), substring(line, d, line.length)
    draft.drop(0, efid)
    draft.put(0, _edge_row(row, a, row["u"], mid, gname, ("a", d)))
    draft.put(0, _edge_row(row, b, mid, row["v"], gname, ("b", d)))
    return nfid


def _nearest_edge(draft: _Draft, xy, max_distance: float) -> int | None:
    import shapely

    e = draft.frames[0]
    live = e[~e.index.isin(draft.removed[0])]
    geoms = list(live.geometry.values) + [r[e.geometry.name] for r in draft.added[0].values()]
    fids = list(live.index) + list(draft.added[0].keys())
    if not geoms:
        return None
    d = shapely.distance(np.asarray(geoms, dtype=object), shapely.Point(xy))
    k = int(np.argmin(d))
    return int(fids[k]) if d[k] <= max_distance else None


def _finish(project, e_rec, n_rec, draft: _Draft, text: str, merge_id=None) -> NetworkEdit:
    for r in list(draft.added[1].values()):   # keep degree current on touched nodes
        r["degree"] = len(draft.incident(r["node_id"])) + sum(
            1 for f in draft.incident(r["node_id"]) if draft.row(0, f)["u"] == draft.row(0, f)["v"])
    cmd = NetworkEdit(project, e_rec.id, n_rec.id, text, draft)
    cmd.merge_id = merge_id
    project.push(cmd)
    return cmd


def _touch(draft: _Draft, node_ids) -> None:
    for nid in set(node_ids):
        fid = draft.find(1, "node_id", nid)
        draft.put(1, draft.row(1, fid), fid)


def split_edge(project, name: str, edge_id: int, xy, *, tolerance: float = 0.01) -> int:
    """Split an edge at the point nearest ``xy``; returns the node id there."""
    e_rec, n_rec, draft = _open(project, name)
    nfid = _split(draft, draft.find(0, "edge_id", edge_id), xy, tolerance)
    nid = draft.row(1, nfid)["node_id"]
    _touch(draft, [nid])
    _finish(project, e_rec, n_rec, draft, f"Split edge {edge_id} of {name}")
    return int(nid)


def add_edge(project, name: str, line, *, attrs: dict | None = None, tolerance: float = 0.01,
             level: int = 0) -> list[int]:
    """Add a line: its ends snap to nodes or split the edges they land on, and it is noded where it
    crosses edges on the same level. Returns the new edge ids."""
    import shapely
    from shapely.ops import substring

    e_rec, n_rec, draft = _open(project, name)
    gname = draft.frames[0].geometry.name
    e = draft.frames[0]
    cut_at = {0.0, float(line.length)}
    live = e[(e["level"] == level).to_numpy()] if "level" in e.columns else e
    hits = live.index[shapely.intersects(np.asarray(live.geometry.values, dtype=object), line)]
    for fid in hits:
        for p in shapely.get_parts(shapely.intersection(draft.row(0, int(fid))[gname], line)):
            for xy in shapely.get_coordinates(p):
                _split(draft, int(fid) if int(fid) not in draft.removed[0] else
                       _nearest_edge(draft, xy, tolerance), xy, tolerance)
                cut_at.add(float(shapely.line_locate_point(line, shapely.Point(xy))))
    ends = []
    for d in sorted(cut_at):
        xy = np.asarray(shapely.line_interpolate_point(line, d).coords[0])
        nfid = draft.node_at(xy, tolerance)
        if nfid is None:
            near = _nearest_edge(draft, xy, tolerance)
            nfid = _split(draft, near, xy, tolerance) if near is not None else draft.new_node(xy)
        ends.append((d, draft.row(1, nfid)["node_id"]))
    base = {c: None for c in e.columns} | {"level": level, "src_layer": "(edited)"} | (attrs or {})
    new_ids = []
    for (d0, a), (d1, b) in zip(ends[:-1], ends[1:]):
        if d1 - d0 <= tolerance:
            continue
        row = _edge_row(base, substring(line, d0, d1), a, b, gname, ("add", d0, line.wkb))
        draft.put(0, row)
        new_ids.append(row["edge_id"])
    _touch(draft, [n for _, n in ends])
    _finish(project, e_rec, n_rec, draft, f"Add edge to {name}")
    return new_ids


def merge_edges(project, name: str, node_id: int) -> int:
    """Join the two edges meeting at a degree-2 node into one and remove the node; returns the edge id."""
    import shapely

    e_rec, n_rec, draft = _open(project, name)
    gname = draft.frames[0].geometry.name
    inc = draft.incident(node_id)
    if len(inc) != 2 or inc[0] == inc[1]:
        raise CimInputError(project.path, f"node {node_id} joins {len(inc)} edge(s); only a node between exactly "
                            "two edges can be merged away", obj=name)
    a, b = (draft.row(0, f) for f in inc)
    ga = a[gname] if a["v"] == node_id else shapely.reverse(a[gname])
    gb = b[gname] if b["u"] == node_id else shapely.reverse(b[gname])
    start = a["u"] if a["v"] == node_id else a["v"]
    end = b["v"] if b["u"] == node_id else b["u"]
    geom = shapely.LineString(np.r_[shapely.get_coordinates(ga), shapely.get_coordinates(gb)[1:]])
    for f in inc:
        draft.drop(0, f)
    draft.drop(1, draft.find(1, "node_id", node_id))
    row = _edge_row(a, geom, start, end, gname, ("merge", node_id))
    draft.put(0, row)
    _finish(project, e_rec, n_rec, draft, f"Merge edges at node {node_id} of {name}")
    return row["edge_id"]


def move_node(project, name: str, node_id: int, xy, *, drag: bool = False) -> None:
    """Move a node; the ends of its edges follow. With ``drag=True`` successive moves merge into one undo step."""
    e_rec, n_rec, draft = _open(project, name)
    _move(draft, node_id, np.asarray(xy, dtype=float))
    _finish(project, e_rec, n_rec, draft, f"Move node {node_id} of {name}",
            merge_id=("move-node", name, node_id) if drag else None)


def _move(draft: _Draft, node_id: int, xy) -> None:
    import shapely

    gname = draft.frames[0].geometry.name
    nfid = draft.find(1, "node_id", node_id)
    row = draft.row(1, nfid)
    row.update(x=float(xy[0]), y=float(xy[1]))
    row[draft.frames[1].geometry.name] = shapely.Point(xy)
    draft.put(1, row, nfid)
    for f in draft.incident(node_id):
        r = draft.row(0, f)
        c = shapely.get_coordinates(r[gname]).copy()
        if r["u"] == node_id:
            c[0] = xy
        if r["v"] == node_id:
            c[-1] = xy
        r[gname] = shapely.LineString(c)
        r["length"] = float(shapely.length(r[gname]))
        draft.put(0, r, f)


def move_edge(project, name: str, edge_id: int, dx: float, dy: float) -> None:
    """Translate an edge with its two nodes; edges sharing those nodes stretch to follow."""
    import shapely

    e_rec, n_rec, draft = _open(project, name)
    gname = draft.frames[0].geometry.name
    efid = draft.find(0, "edge_id", edge_id)
    r = draft.row(0, efid)
    for nid in {r["u"], r["v"]}:
        n = draft.row(1, draft.find(1, "node_id", nid))
        _move(draft, nid, np.array([n["x"] + dx, n["y"] + dy]))
    r = draft.row(0, efid)                       # its ends have moved with the nodes
    c = shapely.get_coordinates(r[gname]).copy()
    c[1:-1] += (dx, dy)
    r[gname] = shapely.LineString(c)
    r["length"] = float(shapely.length(r[gname]))
    draft.put(0, r, efid)
    _finish(project, e_rec, n_rec, draft, f"Move edge {edge_id} of {name}")


def connect_element(project, name: str, elements_layer: str, fid: int, *, max_distance: float = 50.0,
                    tolerance: float = 0.01, service_line: bool = True) -> int:
    """Attach a smart element (a point) to the network: the nearest edge is split at the nearest point
    (or its node reused), a service line joins the element to it, and the element's
    ``network_node_id`` is set. One undo step. Returns the node id it is attached to."""
    import shapely

    from cim.project.feature_edits import ChangeAttribute

    el = project.find_layer(elements_layer)
    if fid not in el.data.index:
        raise CimInputError(project.path, f"no feature #{fid} in layer {el.name!r}", obj=el.name)
    p = np.asarray(shapely.get_coordinates(el.data.geometry.loc[fid])[0])
    e_rec, n_rec, draft = _open(project, name)
    near = _nearest_edge(draft, p, max_distance)
    if near is None:
        raise CimInputError(project.path, f"{el.name} #{fid} is more than {max_distance:g} m from every line of "
                            f"network {name!r}", obj=el.name, hint="move it closer or raise the distance")
    nfid = _split(draft, near, p, tolerance)
    node = draft.row(1, nfid)
    touched = [node["node_id"]]
    if service_line and np.hypot(node["x"] - p[0], node["y"] - p[1]) > tolerance:
        efid_node = draft.new_node(p)
        erow = draft.row(1, efid_node) | {"terminal": True, "kind": "service_connection"}
        draft.put(1, erow, efid_node)
        enode = erow["node_id"]
        gname = draft.frames[0].geometry.name
        base = {c: None for c in draft.frames[0].columns} | {"level": 0, "src_layer": el.name, "src_fid": fid}
        draft.put(0, _edge_row(base, shapely.LineString([p, (node["x"], node["y"])]), enode, node["node_id"],
                               gname, ("service", int(fid))))
        touched.append(enode)
    _touch(draft, touched)
    with project.undo_stack.macro(f"Connect {el.name} #{fid} to {name}"):
        _finish(project, e_rec, n_rec, draft, f"Connect {el.name} #{fid} to {name}")
        if "network_node_id" in el.data.columns:
            project.push(ChangeAttribute(project, el.id, fid, "network_node_id", str(node["node_id"])))
    return int(node["node_id"])
