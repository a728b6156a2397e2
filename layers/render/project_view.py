"""A project's visible layers as render snapshots and legend entries, without Qt.

The canvas (app) captures its own inputs for threaded rendering; the printed sheet and the
canvas legend read the same styles from here, so the map and its legend never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from layers.kinds import feature_frame, geometry_kind, layer_kind, layer_style


def layer_title(rec, language: str = "vi") -> str:
    """The name a reader of the map sees for a layer: its display name, the standard name of its table
    in ``language`` (``plots`` → "Lô đất" / "Plots"), or its name."""
    from cim.project.display_names import layer_label

    return layer_label(rec, language)


def visible_layers(project) -> list:
    """Visible drawable layers, bottom first (the painter's order)."""
    return [rec for rec in reversed(project.ordered_layers())
            if project.tree.is_visible(rec.id) and layer_kind(rec).draw != "none"]


def _scaled(style, k: float):
    if k == 1.0:
        return style
    label = dict(style.label_style)
    if label:
        label["size"] = float(label.get("size", 11)) * k
        for key in ("min_size_px", "min_scale_px"):
            if key in label:
                label[key] = float(label[key]) * k
    return replace(style, width=style.width * k, size=style.size * k, label_style=label)


def project_snapshots(project, *, language: str = "vi", line_scale: float = 1.0) -> list:
    """Snapshots of the visible layers in the project CRS, bottom first. ``line_scale`` multiplies line
    widths, marker and label sizes (a print at 300 dpi draws a 1 px screen line 3 px wide)."""
    from layers.render.raster import snapshot_raster
    from layers.render.snapshot import snapshot_vector

    out = []
    for rec in visible_layers(project):
        style = layer_style(rec, language)
        frame = feature_frame(rec)
        if frame is not None:
            src = frame.crs.to_string() if getattr(frame, "crs", None) is not None else rec.crs
            snap = snapshot_vector(rec.id, frame, style, src_crs=src, dst_crs=project.crs)
            out.append(replace(snap, style=_scaled(snap.style, line_scale)))
        elif layer_kind(rec).draw == "raster":
            snap = snapshot_raster(rec.id, rec.data, style)
            if rec.crs and project.crs and not _same_crs(rec.crs, project.crs):
                snap = replace(snap, warp_to=str(project.crs))
            out.append(snap)
    return out


def _same_crs(a, b) -> bool:
    from pyproj import CRS

    try:
        return CRS.from_user_input(a).equals(CRS.from_user_input(b), ignore_axis_order=True)
    except Exception:
        return str(a) == str(b)


@dataclass(frozen=True)
class LegendEntry:
    text: str
    fill: tuple          # (r, g, b, a)
    stroke: tuple


@dataclass(frozen=True)
class LegendItem:
    layer_id: str
    title: str
    geometry: str        # polygon | line | point | raster | model
    entries: tuple       # LegendEntry …, one per class (one for a simple style)


def legend_items(project, *, language: str = "vi", max_classes: int = 12) -> list[LegendItem]:
    """One item per visible layer, top layer first, with its classes as the map draws them."""
    from layers.render.colors import parse_color
    from layers.render.style import resolve_style

    items = []
    for rec in reversed(visible_layers(project)):
        style = layer_style(rec, language)
        kind = geometry_kind(rec)
        entries: list[LegendEntry] = []
        if layer_kind(rec).draw == "raster":
            entries = [LegendEntry("", (58, 125, 68, 255), (168, 103, 58, 255))]
        else:
            frame = feature_frame(rec)
            cols = [c for c in (style.get("field"),) if c and frame is not None and c in frame.columns]
            attrs = frame[cols] if cols else None
            n = len(frame) if frame is not None else 0
            resolved = resolve_style(style, attrs, n if attrs is not None else 0)
            stroke = parse_color(style.get("stroke", "#3c5a78"))
            classes = resolved.legend if style.get("type") in ("categorised", "graduated") and cols else ()
            if kind == "line" and not resolved.lines_in_fill:
                classes = ()      # lines are drawn in the one stroke colour whatever their class
            if classes:
                for text, rgba in list(classes)[:max_classes]:
                    line_colour = rgba if kind == "line" else stroke
                    entries.append(LegendEntry(str(text), tuple(rgba), tuple(line_colour)))
            else:
                entries = [LegendEntry("", tuple(parse_color(style.get("fill", "#9ecae1"))), tuple(stroke))]
        items.append(LegendItem(rec.id, layer_title(rec, language), kind, tuple(entries)))
    return items


def project_centre(project) -> tuple[float, float] | None:
    """The centre of the visible layers' extent in the project CRS, or None when nothing is drawn."""
    b = project_bounds(project)
    return None if b is None else ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)


def project_bounds(project):
    """(minx, miny, maxx, maxy) of the visible layers in the project CRS, or None."""
    boxes = []
    for rec in visible_layers(project):
        frame = feature_frame(rec)
        if frame is not None and len(frame):
            src = frame.crs.to_string() if getattr(frame, "crs", None) is not None else rec.crs
            b = np.asarray(frame.total_bounds, dtype=float)
            if src and project.crs and not _same_crs(src, project.crs):
                import shapely

                from cim.crs.transform import reproject_geometries

                g = reproject_geometries(np.array([shapely.box(*b)], dtype=object), src, project.crs)
                b = np.asarray(shapely.bounds(g[0]), dtype=float)
            boxes.append(b)
        elif layer_kind(rec).draw == "raster":
            try:
                boxes.append(np.asarray(snapshot_extent(rec), dtype=float))
            except Exception:
                continue
    boxes = [b for b in boxes if np.all(np.isfinite(b))]
    if not boxes:
        return None
    b = np.array(boxes)
    return (float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max()))


def snapshot_extent(rec):
    from layers.render.raster import snapshot_raster

    return snapshot_raster(rec.id, rec.data, rec.style or {}).extent
