"""Layer styles: a plain dict (stored in ``LayerRecord.style``) resolved to per-feature colours.

Style dict keys (all optional)::

    type        "simple" | "categorised" | "graduated"
    fill        polygon fill / marker colour (simple), "#rrggbb[aa]"
    stroke      outline / line colour;  width  line width in pixels
    opacity     0..1 for the whole layer;  size  marker size in pixels;  marker "circle"|"square"
    field       attribute for categorised / graduated
    categories  {value: colour};  default  colour for other values
    ramp        ramp name (layers.render.colors.RAMPS);  classes  number of classes
    mode        "quantile" | "equal";  breaks  explicit upper class limits
    label       {"field": name, "size": px, "color": "#222", "halo": "#fff", "min_scale_px": 40}
    stroke_by_class  true: outline in a darker shade of each class colour (lines: the class colour)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from layers.render.colors import QUALITATIVE, mix, pack, pack_array, parse_color, ramp_colors


@dataclass(frozen=True)
class ResolvedStyle:
    fill: np.ndarray            # (N,) uint32 packed RGBA per feature
    stroke: np.ndarray          # (N,) uint32
    width: float = 1.0
    size: float = 6.0
    marker: str = "circle"
    opacity: float = 1.0
    labels: np.ndarray | None = None    # (N,) object array of str, or None
    label_style: dict = field(default_factory=dict)
    legend: tuple = ()          # ((text, (r, g, b, a)), ...)
    lines_in_fill: bool = False  # lines drawn in their class colour (the fill), outlines in the darker stroke


def resolve_style(style: dict | None, attributes, n: int) -> ResolvedStyle:
    """Per-feature colours for ``n`` features whose attributes are the DataFrame ``attributes``."""
    style = dict(style or {})
    kind = style.get("type", "simple")
    fill_rgba = parse_color(style.get("fill", "#9ecae1"))
    stroke_rgba = parse_color(style.get("stroke", "#3c5a78"))
    fld = style.get("field")
    has_field = fld is not None and attributes is not None and fld in attributes.columns
    legend: list = []
    if kind == "categorised" and has_field:
        fill, legend = _categorised(style, attributes[fld], n)
    elif kind == "graduated" and has_field:
        fill, legend = _graduated(style, attributes[fld], n)
    else:
        fill = np.full(n, pack(fill_rgba), dtype=np.uint32)
        legend = [(style.get("legend_text", ""), fill_rgba)]
    by_class = bool(style.get("stroke_by_class")) and kind in ("categorised", "graduated") and has_field
    if by_class:
        stroke = _darken(fill, 0.35)
    else:
        stroke = np.full(n, pack(stroke_rgba), dtype=np.uint32)
    labels = None
    label_style = dict(style.get("label") or {})
    lf = label_style.get("field")
    if lf and attributes is not None and lf in attributes.columns:
        col = attributes[lf]
        labels = np.where(col.isna().to_numpy(), "", col.astype(str).to_numpy()).astype(object)
    return ResolvedStyle(
        fill=fill, stroke=stroke, width=float(style.get("width", 1.0)), size=float(style.get("size", 7.0)),
        marker=str(style.get("marker", "circle")), opacity=float(style.get("opacity", 1.0)),
        labels=labels, label_style=label_style, legend=tuple(legend), lines_in_fill=by_class)


def _categorised(style: dict, column, n: int):
    import pandas as pd

    cats = {str(k): v for k, v in (style.get("categories") or {}).items()}
    values = column.astype(str).where(column.notna(), "")
    codes, uniques = pd.factorize(values, sort=True)
    default = parse_color(style.get("default", "#d9d9d9"))
    table = []
    legend = []
    auto = 0
    for u in uniques:
        if u in cats:
            rgba = parse_color(cats[u])
        elif cats:
            rgba = default
        else:
            rgba = parse_color(QUALITATIVE[auto % len(QUALITATIVE)])
            auto += 1
        table.append(rgba)
        legend.append((str(u), rgba))
    lut = pack_array(np.array(table, dtype=np.uint32).reshape(-1, 4)) if table else np.zeros(0, np.uint32)
    fill = np.full(n, pack(default), dtype=np.uint32)
    ok = codes >= 0
    fill[ok] = lut[codes[ok]]
    names = style.get("category_labels") or {}
    legend = [(names.get(t, t), c) for t, c in legend]
    return fill, legend


def class_breaks(values: np.ndarray, classes: int, mode: str = "quantile") -> np.ndarray:
    """Upper limits of ``classes`` classes over the finite ``values``."""
    v = values[np.isfinite(values)]
    if len(v) == 0:
        return np.zeros(0)
    if mode == "equal":
        return np.linspace(v.min(), v.max(), classes + 1)[1:]
    return np.unique(np.quantile(v, np.linspace(0, 1, classes + 1)[1:]))


def _graduated(style: dict, column, n: int):
    import pandas as pd

    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64)
    classes = int(style.get("classes", 5))
    breaks = np.asarray(style.get("breaks") or class_breaks(values, classes, style.get("mode", "quantile")),
                        dtype=np.float64)
    colors = ramp_colors(style.get("ramp", "YlOrRd"), max(len(breaks), 1))
    lut = pack_array(colors)
    cls = np.clip(np.searchsorted(breaks, values, side="left"), 0, max(len(breaks) - 1, 0))
    fill = lut[cls] if len(lut) else np.zeros(n, np.uint32)
    nodata = ~np.isfinite(values)
    fill = fill.copy()
    fill[nodata] = pack(parse_color(style.get("default", "#d9d9d9")))
    legend = []
    lo = np.nanmin(values) if np.isfinite(values).any() else 0.0
    for i, hi in enumerate(breaks):
        legend.append((f"{_fmt(lo)} – {_fmt(hi)}", tuple(int(c) for c in colors[i])))
        lo = hi
    return fill, legend


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}".rstrip("0").rstrip(".")


def _darken(packed: np.ndarray, t: float) -> np.ndarray:
    a = packed & np.uint32(0xFF000000)
    rgb = np.stack([(packed >> s) & 255 for s in (0, 8, 16)], axis=1).astype(np.float32) * (1 - t)
    rgb = rgb.astype(np.uint32)
    return rgb[:, 0] | (rgb[:, 1] << 8) | (rgb[:, 2] << 16) | a


def blend_packed(c1, c2, t: float) -> np.uint32:
    from layers.render.colors import unpack

    return pack(mix(unpack(c1), unpack(c2), t))
