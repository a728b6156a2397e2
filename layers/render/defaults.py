"""Default styles by kind of city object, in the colours Vietnamese planning maps use.

Land use follows the usual plan-map palette (residential warm yellow/orange, public services red,
green space green, water blue, transport grey, industry violet); networks are coloured by system.
"""

from __future__ import annotations

import zlib

from layers.render.colors import QUALITATIVE

LANDUSE_COLORS = {
    "residential": "#f6c36b", "mixed_use": "#e8956b", "public_service": "#e55b5b", "education": "#f08c9c",
    "health": "#d95f8f", "commercial": "#c77dc9", "green_space": "#8cc976", "water": "#8ec5ea",
    "transport": "#cfcfcf", "technical_infrastructure": "#a3a3c2", "industrial": "#9e86c8", "other": "#e3dccb",
}
LANDUSE_LABELS_VI = {
    "residential": "Đất ở", "mixed_use": "Đất hỗn hợp", "public_service": "Đất công cộng", "education": "Đất giáo dục",
    "health": "Đất y tế", "commercial": "Đất thương mại, dịch vụ", "green_space": "Đất cây xanh",
    "water": "Mặt nước", "transport": "Đất giao thông", "technical_infrastructure": "Đất hạ tầng kỹ thuật",
    "industrial": "Đất công nghiệp", "other": "Đất khác",
}
SYSTEM_COLORS = {
    "water": "#1f78b4", "drainage": "#6a3d9a", "energy": "#e31a1c", "lighting": "#ff9f1c", "telecom": "#33a02c",
    "traffic": "#4d4d4d", "transport": "#4d4d4d", "waste": "#8c6d31", "environment": "#1b9e77",
    "digital": "#0868ac", "buildings": "#984ea3", "parking": "#3f6fb5",
    # smart systems (DOMAIN.md §2)
    "smart_traffic": "#e41a1c", "public_transport_parking": "#377eb8", "smart_energy": "#ff7f00",
    "smart_lighting": "#ffd92f", "smart_water": "#1f78b4", "smart_drainage": "#6a3d9a", "smart_waste": "#a65628",
    "smart_environment": "#4daf4a", "digital_infrastructure": "#00a6a6", "smart_buildings": "#984ea3",
}


def landuse_labels_en() -> dict[str, str]:
    from cim.model.taxonomy import landuse_categories

    return {code: c.name_en for code, c in landuse_categories().items()}


def smart_system_labels(language: str = "vi") -> dict[str, str]:
    """The smart systems' names (Decree 269 catalogue) for the legend, not their codes."""
    from cim.model.taxonomy import smart_systems

    return {code: (s.name_vi if language == "vi" else s.name_en) for code, s in smart_systems().items()}


def _pick(name: str) -> str:
    return QUALITATIVE[zlib.crc32(name.encode()) % len(QUALITATIVE)]


def default_style(name: str, object_kind: str | None = None, columns=(), geometry_type: str = "",
                  language: str = "vi") -> dict:
    """A readable first style for a layer that has none."""
    cols = set(columns)
    kind = object_kind or _guess_kind(name)
    geom = geometry_type.lower()
    if kind == "boundary":
        return {"fill": "#00000000", "stroke": "#c0392b", "width": 3}
    if kind == "plot" and "category" in cols:
        labels = LANDUSE_LABELS_VI if language == "vi" else landuse_labels_en()
        return {"type": "categorised", "field": "category", "categories": LANDUSE_COLORS, "default": "#e3dccb",
                "stroke": "#8a7f6a", "width": 1, "category_labels": labels,
                "label": {"field": "code", "size": 10, "min_size_px": 48, "color": "#3a3226"}}
    if kind == "building":
        return {"fill": "#9a8578", "stroke": "#4a3f38", "width": 1}
    if kind == "water_body":
        return {"fill": "#9fd0f0", "stroke": "#4a90c2", "width": 1,
                "label": {"field": "name", "size": 12, "color": "#1d4f7a"}}
    if kind == "road":
        return {"type": "categorised", "field": "road_class", "stroke_by_class": False, "width": 2,
                "stroke": "#7b7b7b", "fill": "#7b7b7b",
                "label": {"field": "name", "size": 11, "min_size_px": 160, "color": "#303030"}}
    if kind == "rail":
        return {"stroke": "#2b2b2b", "width": 3}
    if kind in ("station", "station_entrance"):
        return {"fill": "#d7301f", "stroke": "#ffffff", "size": 13 if kind == "station" else 8, "marker": "square",
                "label": {"field": "name", "size": 13, "color": "#7f0000"}}
    if kind == "station_platform":
        return {"fill": "#fdd49e", "stroke": "#b30000", "width": 2}
    if kind == "corridor":
        return {"stroke": "#d7301f", "width": 2}
    if kind in ("network_edge", "network_node"):
        system = name.replace("net_", "").replace("_nodes", "")
        color = SYSTEM_COLORS.get(system, _pick(name))
        if kind == "network_node":
            return {"fill": color, "stroke": "#ffffff", "size": 5}
        return {"stroke": color, "width": 1}
    if kind == "smart_element" and "system" in cols:
        return {"type": "categorised", "field": "system", "categories": SYSTEM_COLORS, "size": 9,
                "stroke": "#ffffff", "default": "#555555", "category_labels": smart_system_labels(language)}
    color = _pick(name)
    if "point" in geom:
        return {"fill": color, "stroke": "#333333", "size": 7}
    if "line" in geom:
        return {"stroke": color, "width": 2}
    return {"fill": color, "stroke": "#4d4d4d", "width": 1}


def _guess_kind(name: str) -> str | None:
    n = name.lower()
    table = [("boundary", "boundary"), ("plots", "plot"), ("building", "building"), ("water_bod", "water_body"),
             ("roads", "road"), ("rail", "rail"), ("station_platform", "station_platform"),
             ("station_entrance", "station_entrance"), ("station", "station"), ("corridor", "corridor"),
             ("smart", "smart_element")]
    if n.startswith("net_"):
        return "network_node" if n.endswith("_nodes") else "network_edge"
    return next((k for key, k in table if key in n), None)
