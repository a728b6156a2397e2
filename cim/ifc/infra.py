"""IFC4.3 infrastructure → corridors and networks: IfcAlignment (horizontal + vertical layout),
IfcRoad, IfcRailway, IfcPipeSegment and IfcDistributionSystem.

Horizontal layouts are evaluated from their semantic segments (line, circular arc, clothoid and other
transitions by integrating a linearly varying curvature), sampled about every metre, vectorised
per segment; vertical layouts (constant gradient, parabolic and circular arcs) give each sample its
height. Pipes become network edges between snapped end nodes, typed by their distribution system.
"""

from __future__ import annotations

import math

import numpy as np

from cim.ifc.georef import Georef

#: IfcDistributionSystemEnum / IfcDistributionChamberElement … → the taxonomy's network systems
SYSTEM_MAP = {
    "WATERSUPPLY": "water", "DOMESTICCOLDWATER": "water", "DOMESTICHOTWATER": "water", "FIREPROTECTION": "water",
    "DRAINAGE": "drainage", "STORMWATER": "drainage", "SEWAGE": "drainage", "WASTEWATER": "drainage",
    "RAINWATER": "drainage", "ELECTRICAL": "energy", "POWERGENERATION": "energy", "LIGHTING": "lighting",
    "COMMUNICATION": "telecom", "DATA": "telecom", "TELEPHONE": "telecom", "TV": "telecom",
}


def _parts(obj) -> list:
    """The objects ``obj`` is made of: nested (``IfcRelNests``, IFC 4.3 ADD2) or aggregated
    (``IfcRelAggregates``, as pre-release IFC4X3 RC files link alignments, layouts and segments)."""
    out = []
    for attr in ("IsNestedBy", "IsDecomposedBy"):
        for rel in getattr(obj, attr, ()) or ():
            out.extend(rel.RelatedObjects or ())
    return out


def _parent_alignment(obj) -> bool:
    """Whether ``obj`` is nested in or aggregated into another IfcAlignment (then it is a part)."""
    rels = list(getattr(obj, "Nests", ()) or ()) + list(getattr(obj, "Decomposes", ()) or ())
    return any(r.RelatingObject is not None and r.RelatingObject.is_a("IfcAlignment") for r in rels)


def _segments(layout, kind: str) -> list:
    out = []
    for obj in _parts(layout):
        params = getattr(obj, "DesignParameters", None)
        if params is not None and params.is_a(kind):
            out.append(params)
    return out


def _layouts(alignment):
    h = v = None
    for obj in _parts(alignment):
        if obj.is_a("IfcAlignmentHorizontal"):
            h = obj
        elif obj.is_a("IfcAlignmentVertical"):
            v = obj
    return h, v


def horizontal_polyline(alignment, unit_m: float, step_m: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Sample points (n, 2) in metres and their distance along (n,)."""
    h, _ = _layouts(alignment)
    pts, dist, along = [], [], 0.0
    for seg in _segments(h, "IfcAlignmentHorizontalSegment") if h is not None else []:
        length = float(seg.SegmentLength) * unit_m
        if length <= 0:
            continue
        x0, y0 = (float(c) * unit_m for c in seg.StartPoint.Coordinates[:2])
        theta0 = float(seg.StartDirection)
        theta0 = theta0 if abs(theta0) <= 2 * math.pi + 1e-9 else math.radians(theta0)
        k0 = _curvature(seg.StartRadiusOfCurvature, unit_m)
        k1 = _curvature(seg.EndRadiusOfCurvature, unit_m)
        if seg.PredefinedType == "CIRCULARARC":
            k1 = k0
        n = max(int(math.ceil(length / step_m)), 1) * 4
        s = np.linspace(0.0, length, n + 1)
        theta = theta0 + k0 * s + (k1 - k0) * s * s / (2 * length)
        c, si = np.cos(theta), np.sin(theta)
        ds = np.diff(s)
        x = x0 + np.concatenate([[0], np.cumsum(0.5 * (c[1:] + c[:-1]) * ds)])
        y = y0 + np.concatenate([[0], np.cumsum(0.5 * (si[1:] + si[:-1]) * ds)])
        keep = slice(None, None, 4)
        pts.append(np.column_stack([x[keep], y[keep]]))
        dist.append(along + s[keep])
        along += length
    if not pts:
        return np.zeros((0, 2)), np.zeros(0)
    return np.vstack(pts), np.concatenate(dist)


def _curvature(radius, unit_m: float) -> float:
    if radius is None or float(radius) == 0.0:
        return 0.0
    return 1.0 / (float(radius) * unit_m)


def vertical_heights(alignment, dist: np.ndarray, unit_m: float) -> np.ndarray | None:
    """Heights at ``dist`` from the vertical layout, or None when there is none."""
    _, v = _layouts(alignment)
    segs = _segments(v, "IfcAlignmentVerticalSegment") if v is not None else []
    if not segs:
        return None
    z = np.full(len(dist), np.nan)
    for seg in segs:
        d0 = float(seg.StartDistAlong) * unit_m
        length = float(seg.HorizontalLength) * unit_m
        h0 = float(seg.StartHeight) * unit_m
        g0, g1 = float(seg.StartGradient), float(seg.EndGradient)
        sel = (dist >= d0 - 1e-9) & (dist <= d0 + length + 1e-9)
        s = dist[sel] - d0
        if seg.PredefinedType == "CONSTANTGRADIENT" or length == 0:
            z[sel] = h0 + g0 * s
        else:  # parabolic (and circular arcs, to second order)
            z[sel] = h0 + g0 * s + (g1 - g0) * s * s / (2 * length)
    if np.isnan(z).any():
        idx = np.arange(len(z))
        ok = ~np.isnan(z)
        z = np.interp(idx, idx[ok], z[ok]) if ok.any() else z
    return z


def _facility_of(alignment) -> str:
    """'road', 'rail' or 'alignment': the facility the alignment belongs to (aggregation or positioning)."""
    rels = list(getattr(alignment, "Decomposes", ()) or ()) + list(getattr(alignment, "PositionedRelativeTo", ()) or ())
    rels += list(getattr(alignment, "ReferencedInStructures", ()) or ())
    for rel in rels:
        for attr in ("RelatingObject", "RelatingPositioningElement", "RelatingStructure"):
            obj = getattr(rel, attr, None)
            if obj is not None and obj.is_a("IfcRoad"):
                return "road"
            if obj is not None and obj.is_a("IfcRailway"):
                return "rail"
    return "alignment"


def alignment_rows(ifc, georef: Georef) -> list[dict]:
    """One corridor row per IfcAlignment (top-level ones only): LineString Z in map coordinates."""
    if not ifc.schema.startswith("IFC4X3"):
        return []
    from cim.ifc.georef import length_unit_metres

    unit_m = length_unit_metres(ifc)
    rows = []
    for al in ifc.by_type("IfcAlignment"):
        if _parent_alignment(al):
            continue
        xy, dist = horizontal_polyline(al, unit_m)
        if len(xy) < 2:
            continue
        z = vertical_heights(al, dist, unit_m)
        xyz = np.column_stack([xy, z if z is not None else np.zeros(len(xy))])
        enh = georef.map_from_metres(xyz)
        rows.append({"ifc_guid": al.GlobalId, "name": al.Name or "", "mode": _facility_of(al),
                     "length_m": float(dist[-1]) if len(dist) else 0.0,
                     "has_vertical": z is not None, "coords": enh})
    return rows


def pipe_network(ifc, mesh, georef: Georef, snap_m: float = 0.05) -> tuple[list[dict], list[dict]]:
    """Pipe/cable/duct segments → (edges, nodes). An edge joins the two extreme vertices of the
    segment's mesh along its main axis; ends closer than ``snap_m`` share a node."""
    classes = ("IfcPipeSegment", "IfcCableSegment", "IfcDuctSegment", "IfcCableCarrierSegment")
    system_of = _systems(ifc)
    edges, ends = [], []
    idx = {g: i for i, g in enumerate(mesh.guids)}
    for cls in classes:
        try:
            segs = ifc.by_type(cls)
        except RuntimeError:
            continue
        for seg in segs:
            i = idx.get(seg.GlobalId)
            if i is None:
                continue
            v = georef.map_from_metres(mesh.verts[mesh.vert_offsets[i]:mesh.vert_offsets[i + 1]])
            centre = v.mean(axis=0)
            _, _, vt = np.linalg.svd(v - centre, full_matrices=False)
            t = (v - centre) @ vt[0]
            a, b = centre + vt[0] * t.min(), centre + vt[0] * t.max()
            edges.append({"ifc_guid": seg.GlobalId, "ifc_class": cls, "name": seg.Name or "",
                          "system": system_of.get(seg.id(), "water" if cls == "IfcPipeSegment" else "energy"),
                          "coords": np.vstack([a, b])})
            ends.extend([a, b])
    if not edges:
        return [], []
    pts = np.asarray(ends)
    keys = np.round(pts[:, :2] / snap_m).astype(np.int64)
    _, node_of, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    nodes = [{"node": int(k), "coords": pts[j]} for k, j in enumerate(node_of)]
    inverse = inverse.reshape(-1)
    for k, e in enumerate(edges):
        e["from_node"], e["to_node"] = int(inverse[2 * k]), int(inverse[2 * k + 1])
    return edges, nodes


def _systems(ifc) -> dict[int, str]:
    out = {}
    for cls in ("IfcDistributionSystem", "IfcSystem"):
        try:
            systems = ifc.by_type(cls)
        except RuntimeError:
            continue
        for sysobj in systems:
            code = (getattr(sysobj, "PredefinedType", None) or "").upper()
            system = SYSTEM_MAP.get(code)
            if system is None:
                continue
            for rel in getattr(sysobj, "IsGroupedBy", ()) or ():
                for obj in rel.RelatedObjects:
                    out.setdefault(obj.id(), system)
    return out
