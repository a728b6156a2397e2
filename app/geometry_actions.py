"""Layer › Fix geometry: repair the invalid geometries of the current layer (or of its selected features)
with the core's undoable FixGeometries command and say what happened."""

from __future__ import annotations

from layers.kinds import has_table
from plugins.gui import tr as _t


def fix_geometry(window) -> object | None:
    """Push FixGeometries for the current layer (only the selected features when some are selected);
    returns the command (None when nothing needed fixing)."""
    from app.i18n import current_language
    from cim.errors import CimError
    from cim.project.feature_names import feature_list
    from cim.project.geometry_fix import FixGeometries

    s = window.session
    rec = s.current_layer()
    if not has_table(rec):
        return None
    lang = current_language()
    chosen = s.selected(rec.id)
    try:
        cmd = FixGeometries(s.project, rec.id, fids=chosen if len(chosen) else None)
    except CimError as exc:
        s.message.emit("error", str(exc))
        return None
    parts = []
    if len(cmd.fids):
        s.push(cmd)
        parts.append(_t("FixGeometry", "Fixed %1 geometr(y/ies): %2").replace("%1", str(len(cmd.fids)))
                     .replace("%2", feature_list(rec, cmd.fids, lang)))
    if len(cmd.unfixed):
        parts.append(_t("FixGeometry", "%1 cannot be fixed (the geometry collapses to nothing): %2 — "
                                       "edit or delete them").replace("%1", str(len(cmd.unfixed)))
                     .replace("%2", feature_list(rec, cmd.unfixed, lang)))
    if not parts:
        from app.i18n import layer_name

        parts.append(_t("FixGeometry", "No invalid geometry in %1").replace("%1", layer_name(rec)))
    text = "; ".join(parts)
    window.report(text)
    s.message.emit("warning" if len(cmd.unfixed) else "info", text)
    return cmd if len(cmd.fids) else None
