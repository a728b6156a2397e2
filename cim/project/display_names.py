"""Display names of layers: what the planner reads in the layer tree, legends and messages, while the
layer's ``name`` (its table name) stays what the CLI and the rules use (``plots``, ``net_water_nodes``).

A layer's own ``display_name`` wins; a layer without one that carries a standard table name gets the
name below, so a project imported from the standard sources reads in Vietnamese without any setup."""

from __future__ import annotations

# table name -> (Vietnamese, English)
STANDARD: dict[str, tuple[str, str]] = {
    "plots": ("Lô đất", "Plots"),
    "buildings": ("Công trình", "Buildings"),
    "water_bodies": ("Mặt nước", "Water bodies"),
    "boundary": ("Ranh giới quy hoạch", "Plan boundary"),
    "roads": ("Đường giao thông", "Roads"),
    "rail": ("Đường sắt", "Railway"),
    "corridors": ("Hành lang TOD", "TOD corridors"),
    "station_platforms": ("Sân ga", "Station platforms"),
    "station_entrances": ("Lối vào ga", "Station entrances"),
    "stations": ("Nhà ga", "Stations"),
    "net_water": ("Mạng cấp nước", "Water supply network"),
    "net_drainage": ("Mạng thoát nước", "Drainage network"),
    "net_energy": ("Mạng cấp điện", "Power network"),
    "net_lighting": ("Mạng chiếu sáng", "Street lighting network"),
    "net_telecom": ("Mạng viễn thông", "Telecom network"),
    "net_water_nodes": ("Nút mạng cấp nước", "Water supply nodes"),
    "net_drainage_nodes": ("Nút mạng thoát nước", "Drainage nodes"),
    "net_energy_nodes": ("Nút mạng cấp điện", "Power nodes"),
    "net_lighting_nodes": ("Đèn chiếu sáng", "Street lights"),
    "net_telecom_nodes": ("Nút mạng viễn thông", "Telecom nodes"),
    "smart_elements": ("Thiết bị đô thị thông minh", "Smart city devices"),
    "dem": ("Địa hình (DEM)", "Terrain (DEM)"),
}


def default_display_name(table: str, object_kind: str | None = None, lang: str = "vi") -> str:
    """The standard display name of a table, or "" when the table is not a standard one."""
    names = STANDARD.get((table or "").strip().lower())
    if names is None:
        return ""
    return names[1] if lang.lower().startswith("en") else names[0]


def layer_label(rec, lang: str = "vi") -> str:
    """What to call ``rec`` in ``lang``: its display name, the standard name of its table, its name."""
    if rec is None:
        return ""
    return rec.display_name or default_display_name(rec.name, rec.object_kind, lang) or rec.name
