"""What a comment is about, seen on the map: a readable description of its anchor, the box to zoom
to, and the anchor of the user's current selection."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from layers.kinds import has_table
from plugins.gui import tr as _t

POINT_PAD_M = 40.0       # half-size of the box shown around a point anchor


def describe_anchor(project, anchor) -> str:
    k = anchor.kind
    if k == "feature":
        rec = project.layers.get(anchor.layer_id or "")
        from cim.project.display_names import layer_label
        from cim.project.feature_names import feature_name

        lang = (QCoreApplication.instance().property("cim_language") or "vi") if QCoreApplication.instance() else "vi"
        return feature_name(layer_label(rec, lang) if rec is not None else (anchor.layer_id or "?"), anchor.fid)
    if k == "location":
        return _t("ReviewPanel", "Point %1, %2").replace("%1", QLocale().toString(float(anchor.x), "f", 1)).replace(
            "%2", QLocale().toString(float(anchor.y), "f", 1))
    if k == "ifc":
        return _t("ReviewPanel", "IFC element %1").replace("%1", anchor.global_id or "?")
    if k == "issue":
        text = _t("ReviewPanel", "Check %1").replace("%1", anchor.rule_id or "?")
        return f"{text} · {anchor.object_id}" if anchor.object_id else text
    return _t("ReviewPanel", "Whole project")


def anchor_layer_name(project, anchor) -> str:
    if anchor.kind != "feature":
        return ""
    rec = project.layers.get(anchor.layer_id or "")
    return rec.name if rec is not None else (anchor.layer_id or "")


def anchor_geometry(project, anchor):
    """The shapely geometry the anchor points at (None when it has none on the map)."""
    import shapely

    if anchor.kind == "feature":
        rec = project.layers.get(anchor.layer_id or "")
        if not has_table(rec) or anchor.fid not in rec.data.index:
            return None
        return rec.data.geometry.loc[anchor.fid]
    if anchor.kind == "location" and anchor.x is not None and anchor.y is not None:
        return shapely.Point(anchor.x, anchor.y)
    return None


def anchor_bounds(project, thread):
    """``(minx, miny, maxx, maxy)`` to show for a thread: its anchor, else its saved map view."""
    geom = anchor_geometry(project, thread.anchor)
    if geom is not None and not geom.is_empty:
        x0, y0, x1, y1 = geom.bounds
        pad = max(0.0, POINT_PAD_M - max(x1 - x0, y1 - y0) / 2)
        return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    vp = thread.viewpoint
    if vp is not None and vp.kind == "map" and vp.extent:
        return tuple(vp.extent)
    return None


def anchor_from_selection(session):
    """A feature anchor on the selected feature (the current layer's first, else any layer's first)."""
    from cim.review import Anchor

    lid = session.current_layer_id if len(session.selected(session.current_layer_id or "")) else \
        next(iter(session.selection), None)
    if lid is None:
        return None
    return Anchor.feature(lid, int(session.selected(lid)[0]))
