"""Network styling by system: every network layer with a ``system`` attribute gets a categorised style,
one distinct colour per system (water blue, drainage purple, energy red …), in one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cim.project.edits import SetLayerStyle
from layers.kinds import has_table
from plugins.gui import tr as _t

CTX = "NetworkPanel"
SYSTEM_FIELD = "system"
# canonical system -> (colour, label); colours follow layers.render.defaults.SYSTEM_COLORS where it has one
SYSTEM_STYLE = {
    "water": ("#1f78b4", QT_TRANSLATE_NOOP("NetworkPanel", "Water supply")),
    "drainage": ("#6a3d9a", QT_TRANSLATE_NOOP("NetworkPanel", "Storm drainage")),
    "sewer": ("#8c6d31", QT_TRANSLATE_NOOP("NetworkPanel", "Sewerage")),
    "energy": ("#e31a1c", QT_TRANSLATE_NOOP("NetworkPanel", "Power supply")),
    "lighting": ("#ff9f1c", QT_TRANSLATE_NOOP("NetworkPanel", "Street lighting")),
    "telecom": ("#33a02c", QT_TRANSLATE_NOOP("NetworkPanel", "Telecommunications")),
    "road": ("#4d4d4d", QT_TRANSLATE_NOOP("NetworkPanel", "Streets")),
    "gas": ("#f0c808", QT_TRANSLATE_NOOP("NetworkPanel", "Gas supply")),
    "heating": ("#e7298a", QT_TRANSLATE_NOOP("NetworkPanel", "District heating")),
}
OTHER_COLOUR = "#8c8c8c"



def system_label(system: str) -> str:
    entry = SYSTEM_STYLE.get(system)
    return QCoreApplication.translate(CTX, entry[1]) if entry else system


def _canonical(value: str) -> str:
    from cim.network.validate import canonical_system

    s = canonical_system(value)
    return "road" if s in ("road", "roads", "streets", "street", "traffic", "transport") else s


def is_network_layer(rec) -> bool:
    src = rec.source if isinstance(rec.source, dict) else {}
    return has_table(rec) and (rec.object_kind in ("network_edge", "network_node") or "network" in src)


def style_for(rec) -> dict:
    """A categorised style of ``rec`` by its ``system`` values; keeps the layer's labels and opacity."""
    values = sorted({str(v) for v in rec.data[SYSTEM_FIELD].dropna().unique()})
    categories = {v: SYSTEM_STYLE.get(_canonical(v), (OTHER_COLOUR, ""))[0] for v in values}
    labels = {v: system_label(_canonical(v)) for v in values}
    points = rec.object_kind == "network_node" or (len(rec.data) and rec.data.geom_type.iloc[0].endswith("Point"))
    style = {"type": "categorised", "field": SYSTEM_FIELD, "categories": categories, "category_labels": labels,
             "default": OTHER_COLOUR}
    if points:
        style.update(size=6, stroke="#ffffff", stroke_by_class=False)
    else:
        style.update(width=2, stroke_by_class=True)
    old = rec.style or {}
    for key in ("label", "opacity"):
        if key in old:
            style[key] = old[key]
    return style


def styled_layers(project) -> list:
    return [r for r in project.ordered_layers() if is_network_layer(r) and SYSTEM_FIELD in r.data.columns]


def apply_system_style(session) -> int:
    """Push one undoable macro styling every network layer by system; returns how many layers were styled."""
    project = session.project
    targets = styled_layers(project)
    if not targets:
        return 0
    done = 0
    with project.undo_stack.macro(_t("NetworkPanel", "Style networks by system")):
        for rec in targets:
            done += bool(session.push(SetLayerStyle(project, rec.id, style_for(rec))))
    return done
