"""Show a finding on the map: select the objects it names, draw where the problem is, zoom there."""

from __future__ import annotations

import numpy as np

from layers.kinds import has_table

OVERLAY_KEY = "checks.finding"
OVERLAY_COLOUR = "#e53935"
MIN_EXTENT_M = 60.0          # a point finding is shown with some surroundings


def features_of(project, issue) -> dict[str, np.ndarray]:
    """``{layer id: fids}`` of the objects ``issue`` names: its fids on its layer, else its object ids
    (cim_id) looked up in every vector layer (network findings name nodes and edges of two layers)."""
    out: dict[str, np.ndarray] = {}
    rec = project.layers.get(issue.layer_id) if issue.layer_id else None
    if has_table(rec) and issue.fids:
        fids = rec.data.index.intersection(np.asarray(issue.fids, dtype=np.int64)).to_numpy(dtype=np.int64)
        if len(fids):
            out[rec.id] = fids
    if out or not issue.objects:
        return out
    wanted = np.asarray([str(o) for o in issue.objects], dtype=object)
    for lid, layer in project.layers.items():
        if not has_table(layer) or "cim_id" not in layer.data.columns:
            continue
        hit = layer.data["cim_id"].astype("string").isin(wanted).to_numpy(dtype=bool, na_value=False)
        if hit.any():
            out[lid] = layer.data.index.to_numpy(dtype=np.int64)[hit]
    return out


def problem_geometries(issue, has_features: bool) -> list:
    """What to draw: the problem spot (``location`` WKT, e.g. an overlap or a gap); for a finding
    without objects, its box when it has no spot."""
    import shapely

    geoms = []
    if issue.location:
        try:
            geoms.append(shapely.from_wkt(issue.location))
        except shapely.errors.GEOSException:
            pass
    if not geoms and not has_features and issue.bbox:
        geoms.append(shapely.box(*issue.bbox))
    return [g for g in geoms if g is not None and not g.is_empty]


def bounds_of(project, selection: dict[str, np.ndarray], issue, geoms) -> tuple | None:
    boxes = []
    for lid, fids in selection.items():
        boxes.append(project.layers[lid].data.loc[fids].total_bounds)
    if issue.bbox:
        boxes.append(np.asarray(issue.bbox, dtype=float))
    if geoms:
        import shapely

        boxes.append(np.asarray(shapely.total_bounds(np.asarray(geoms, dtype=object))))
    boxes = [b for b in boxes if np.all(np.isfinite(b))]
    if not boxes:
        return None
    b = np.vstack(boxes)
    minx, miny, maxx, maxy = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    hw, hh = max(maxx - minx, MIN_EXTENT_M) / 2, max(maxy - miny, MIN_EXTENT_M) / 2
    return (cx - hw, cy - hh, cx + hw, cy + hh)


def focus_finding(window, issue) -> dict[str, np.ndarray]:
    """Select the finding's objects in the session, draw its spot, zoom the map to it; returns the selection."""
    session = window.session
    project = session.project
    selection = features_of(project, issue)
    if selection:
        first = True
        for lid, fids in selection.items():
            session.select(lid, fids, "replace" if first else "add")
            first = False
    else:
        session.clear_selection()
    geoms = problem_geometries(issue, bool(selection))
    if geoms:
        window.canvas.overlays.set(OVERLAY_KEY, geoms, OVERLAY_COLOUR, width=3.0, fill_alpha=60)
    else:
        window.canvas.overlays.clear(OVERLAY_KEY)
    bounds = bounds_of(project, selection, issue, geoms)
    if bounds is not None:
        window.zoom_to_bounds(bounds, margin=0.3)
    return selection
