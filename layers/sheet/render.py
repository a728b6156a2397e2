"""Draw a map sheet: the map at the asked scale and resolution, the VN-2000 grid with labels, north
arrow, scale bar, legend and the title block from the plan metadata — to PDF (fonts embedded) or PNG.

Everything is placed in millimetres on a page-sized matplotlib axes; the map itself is the
project's own renderer (``layers.render.map``) at the sheet's resolution, so the sheet shows what
the canvas shows. No Qt: the CLI and the GUI use this one renderer.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

from cim.mapsheet.layout import (
    MM_PER_INCH,
    Rect,
    SheetLayout,
    grid_interval,
    grid_values,
    map_extent,
    sheet_layout,
)
from cim.mapsheet.scalebar import format_distance, scale_bar
from layers.sheet.spec import SheetSpec
from layers.sheet.texts import title_rows, word

PT_PER_MM = 72.0 / MM_PER_INCH
INK = "#1a1a1a"
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class SheetResult:
    path: Path
    scale: float
    extent: tuple
    layout: SheetLayout
    pixels: tuple[int, int] | None     # PNG size, None for a PDF


def crs_text(crs: str | None) -> str:
    if not crs:
        return "—"
    try:
        from pyproj import CRS

        c = CRS.from_user_input(crs)
        code = c.to_epsg()
        return f"{c.name} (EPSG:{code})" if code else c.name
    except Exception:
        return str(crs)


def render_sheet(project, spec: SheetSpec, path: str | Path, *, feedback=None) -> SheetResult:
    """Write the sheet ``spec`` of ``project`` to ``path`` and say what was drawn."""
    from cim.mapsheet.crsgeom import metres_per_unit
    from cim.mapsheet.layout import fit_denominator
    from layers.render.project_view import project_bounds

    path = Path(path)
    lay = sheet_layout(spec.paper, spec.orientation)
    bounds = project_bounds(project)
    centre = spec.centre or (((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2) if bounds else (0.0, 0.0))
    mpu = metres_per_unit(project.crs, centre[1])
    denom = float(spec.scale) if spec.scale else (fit_denominator(bounds, lay.map_frame, mpu) if bounds else 1000.0)
    extent = map_extent(lay.map_frame, denom, centre, mpu)
    if feedback is not None:
        feedback.set_progress(0.05)
    image = _map_image(project, lay.map_frame, extent, spec, feedback)
    if feedback is not None:
        feedback.raise_if_canceled()
        feedback.set_progress(0.7)
        feedback.log("composing the sheet")
    pixels = _compose(project, lay, extent, denom, image, spec, path, mpu)
    if feedback is not None:
        feedback.set_progress(1.0)
    return SheetResult(path, denom, extent, lay, pixels)


def map_dpi(spec: SheetSpec) -> float:
    """The map's resolution: the sheet's for a PNG; for a PDF at most 400 dpi (finer adds only bytes)."""
    return spec.dpi if spec.fmt == "png" else min(spec.dpi, 400.0)


def _map_image(project, frame: Rect, extent, spec: SheetSpec, feedback):
    from layers.render.map import render_map
    from layers.render.project_view import project_snapshots
    from layers.render.viewport import Viewport

    dpi = map_dpi(spec)
    w = max(1, round(frame.w / MM_PER_INCH * dpi))
    h = max(1, round(frame.h / MM_PER_INCH * dpi))
    minx, miny, maxx, maxy = extent
    vp = Viewport((minx + maxx) / 2, (miny + maxy) / 2, (maxx - minx) / w, w, h)
    snaps = project_snapshots(project, language=spec.language, line_scale=dpi / 96.0)
    cancel = feedback.is_canceled if feedback is not None else None
    return render_map(snaps, vp, background="#ffffff", view_crs=project.crs, cancel=cancel)


def _compose(project, lay: SheetLayout, extent, denom, image, spec: SheetSpec, path: Path, mpu: float):
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    W, H = lay.width_mm, lay.height_mm
    if spec.fmt == "png":     # a whole number of pixels: the paper size times the dpi, rounded
        pw, ph = lay.pixels(spec.dpi)
        size = ((pw + 1e-3) / spec.dpi, (ph + 1e-3) / spec.dpi)
    else:
        pw = ph = None
        size = (W / MM_PER_INCH, H / MM_PER_INCH)
    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": FONT, "svg.fonttype": "none",
                                "pdf.compression": 6}):
        fig = Figure(figsize=size, dpi=spec.dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, W)
        ax.set_ylim(0, H)
        ax.set_axis_off()
        d = _Draw(ax, lay.unit, spec.language)
        f = lay.map_frame
        if spec.fmt == "png":   # pixel for pixel at the sheet's resolution: no resampling, no float copies
            fig.figimage(image, xo=round(f.x / MM_PER_INCH * spec.dpi), yo=round(f.y / MM_PER_INCH * spec.dpi),
                         origin="upper", zorder=1)
        else:                   # the PDF embeds the map once, unsampled, stretched over the frame
            ax.imshow(image, extent=(f.x, f.x1, f.y, f.y1), interpolation="none", aspect="auto", zorder=1)
        _grid(d, f, extent, denom, mpu)
        d.rect(f, lw=0.45, zorder=5)
        d.rect(lay.border, lw=0.7, zorder=5)
        _north(d, lay.north, project, extent)
        _scale_bar(d, lay.scale, denom, mpu)
        _legend(d, lay.legend, project)
        _title_block(d, lay.title, project, denom, spec)
        ax.set_xlim(0, W)
        ax.set_ylim(0, H)
        md = project.metadata
        meta = {"Title": md.name or md.plan_id or "CIM Studio", "Creator": "CIM Studio"}
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec.fmt == "pdf":
            fig.savefig(path, format="pdf", dpi=spec.dpi, metadata=meta)
        else:
            fig.savefig(path, format="png", dpi=spec.dpi, metadata={"Title": meta["Title"], "Software": "CIM Studio"})
    return (pw, ph) if spec.fmt == "png" else None


class _Draw:
    """Millimetre drawing helpers on the page axes; ``u`` scales sizes with the paper."""

    def __init__(self, ax, u: float, language: str) -> None:
        self.ax, self.u, self.lang = ax, u, language

    def pt(self, mm: float) -> float:
        return mm * PT_PER_MM * self.u

    def rect(self, r: Rect, *, lw=0.3, fc="none", ec=INK, zorder=6):
        from matplotlib.patches import Rectangle

        self.ax.add_patch(Rectangle((r.x, r.y), r.w, r.h, fc=fc, ec=ec, lw=self.pt(lw), zorder=zorder))

    def box(self, x, y, w, h, *, fc, ec=INK, lw=0.2, zorder=7):
        from matplotlib.patches import Rectangle

        self.ax.add_patch(Rectangle((x, y), w, h, fc=fc, ec=ec, lw=self.pt(lw), zorder=zorder))

    def line(self, xs, ys, *, lw=0.2, color=INK, zorder=6, alpha=1.0):
        self.ax.plot(xs, ys, color=color, lw=self.pt(lw), zorder=zorder, alpha=alpha, solid_capstyle="butt")

    def text(self, x, y, s, *, size=2.6, ha="left", va="baseline", weight="normal", rotation=0, zorder=8,
             color=INK):
        """``size`` is the cap height-ish font size in mm on an A3 sheet."""
        return self.ax.text(x, y, s, fontsize=size * PT_PER_MM * self.u, ha=ha, va=va, weight=weight,
                            rotation=rotation, zorder=zorder, color=color, family=FONT)


def _coord(v: float) -> str:
    return f"{v:,.0f}".replace(",", " ")


def _grid(d: _Draw, f: Rect, extent, denom, mpu) -> None:
    minx, miny, maxx, maxy = extent
    step = grid_interval(denom, 1.0, metres_per_unit=mpu)     # ground density, whatever the paper
    sx, sy = f.w / (maxx - minx), f.h / (maxy - miny)
    tick = 2.0 * d.u
    for x in grid_values(minx, maxx, step):
        px = f.x + (x - minx) * sx
        d.line([px, px], [f.y, f.y1], lw=0.12, color="#303030", zorder=3, alpha=0.55)
        d.line([px, px], [f.y - tick, f.y], lw=0.2)
        d.line([px, px], [f.y1, f.y1 + tick], lw=0.2)
        d.text(px, f.y - tick - 0.6 * d.u, _coord(x), size=2.2, ha="center", va="top")
        d.text(px, f.y1 + tick + 0.6 * d.u, _coord(x), size=2.2, ha="center", va="bottom")
    for y in grid_values(miny, maxy, step):
        py = f.y + (y - miny) * sy
        d.line([f.x, f.x1], [py, py], lw=0.12, color="#303030", zorder=3, alpha=0.55)
        d.line([f.x - tick, f.x], [py, py], lw=0.2)
        d.line([f.x1, f.x1 + tick], [py, py], lw=0.2)
        d.text(f.x - tick - 0.6 * d.u, py, _coord(y), size=2.2, ha="right", va="center", rotation=90)
        d.text(f.x1 + tick + 0.6 * d.u, py, _coord(y), size=2.2, ha="left", va="center", rotation=90)
    label = word("grid", d.lang) % format_distance(step * mpu, d.lang)
    d.text(f.x1, f.y - tick - 4.2 * d.u, label, size=2.0, ha="right", va="top", color="#404040")


def _north(d: _Draw, r: Rect, project, extent) -> None:
    from matplotlib.patches import Polygon

    from cim.mapsheet.crsgeom import grid_convergence

    cx, cy = (extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2
    try:
        gamma = grid_convergence(project.crs, cx, cy)
    except Exception:
        gamma = 0.0
    a = math.radians(gamma)          # true north is turned by -γ from grid north (clockwise for γ > 0)
    size = min(r.h * 0.62, r.w * 0.5)
    ox, oy = r.x + r.w / 2, r.y + r.h * 0.42

    def rot(px, py):
        return (ox + px * math.cos(a) + py * math.sin(a), oy - px * math.sin(a) + py * math.cos(a))

    tip, left, right, notch = (0, size / 2), (-size * 0.22, -size / 2), (size * 0.22, -size / 2), (0, -size * 0.25)
    d.ax.add_patch(Polygon([rot(*tip), rot(*left), rot(*notch)], closed=True, fc=INK, ec=INK, lw=d.pt(0.2), zorder=8))
    d.ax.add_patch(Polygon([rot(*tip), rot(*right), rot(*notch)], closed=True, fc="white", ec=INK, lw=d.pt(0.2),
                           zorder=8))
    tx, ty = rot(0, size / 2 + 1.5 * d.u)
    d.text(tx, ty, word("north", d.lang), size=4.2, ha="center", va="bottom", weight="bold")


def _scale_bar(d: _Draw, r: Rect, denom: float, mpu: float) -> None:
    bar = scale_bar(denom / 1000.0, r.w * 0.78, d.lang)     # ground metres per paper millimetre
    x0 = r.x + (r.w - bar.length_px) / 2
    y0 = r.y + r.h * 0.5
    h = 2.2 * d.u
    seg = bar.length_px / bar.segments
    for i in range(bar.segments):
        d.box(x0 + i * seg, y0, seg, h, fc=INK if i % 2 == 0 else "white", lw=0.2)
    for off, text in bar.ticks(d.lang):
        d.text(x0 + off, y0 + h + 1.2 * d.u, text, size=2.3, ha="center", va="bottom")
    from cim.mapsheet.scalebar import scale_text

    d.text(r.x + r.w / 2, y0 - 2.5 * d.u, scale_text(denom, d.lang), size=3.6, ha="center", va="top", weight="bold")


def _legend(d: _Draw, r: Rect, project) -> None:
    from layers.render.project_view import legend_items

    items = legend_items(project, language=d.lang)
    d.rect(r, lw=0.25)
    d.text(r.x + r.w / 2, r.y1 - 2.5 * d.u, word("legend", d.lang), size=3.4, ha="center", va="top", weight="bold")
    rows: list[tuple[str, object, object, bool]] = []        # (text, item, entry, heading)
    for it in items:
        if len(it.entries) > 1:
            rows.append((it.title, it, None, True))
            rows += [(e.text, it, e, False) for e in it.entries]
        else:
            rows.append((it.title, it, it.entries[0] if it.entries else None, True))
    row_h = 4.6 * d.u
    top = r.y1 - 9.0 * d.u
    per_col = max(1, int((top - r.y - 2 * d.u) // row_h))
    cols = 1 if len(rows) <= per_col else 2
    col_w = (r.w - 4 * d.u) / cols
    shown = rows[: per_col * cols]
    if len(rows) > len(shown):
        shown = shown[:-1] + [(word("more", d.lang) % (len(rows) - len(shown) + 1), None, None, True)]
    chars = max(8, int(col_w / (1.45 * d.u)) - 5)
    for i, (text, it, entry, heading) in enumerate(shown):
        col, k = divmod(i, per_col)
        x = r.x + 2 * d.u + col * col_w
        y = top - k * row_h - row_h / 2
        indent = 0 if heading else 3 * d.u
        if entry is not None:
            _swatch(d, x + indent, y - 1.6 * d.u, 6 * d.u, 3.2 * d.u, it.geometry, entry)
            x += indent + 8 * d.u
        label = _clip(str(text), chars) if text else ""
        d.text(x, y, label, size=2.5, va="center", weight="bold" if heading and len(getattr(it, "entries", ())) > 1 else "normal")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: max(1, n - 1)].rstrip() + "…"


def _hex(rgba) -> tuple:
    r, g, b, a = (int(v) for v in rgba)
    return (r / 255, g / 255, b / 255, a / 255)


def _swatch(d: _Draw, x, y, w, h, geometry: str, entry) -> None:
    from matplotlib.patches import Circle, Rectangle

    fill, stroke = _hex(entry.fill), _hex(entry.stroke)
    if geometry == "line":
        d.line([x, x + w], [y + h / 2, y + h / 2], lw=0.7, color=stroke, zorder=8)
    elif geometry == "point":
        d.ax.add_patch(Circle((x + w / 2, y + h / 2), h * 0.38, fc=fill, ec=stroke, lw=d.pt(0.15), zorder=8))
    elif geometry == "raster":
        d.ax.add_patch(Rectangle((x, y), w, h / 2, fc=fill, ec="none", zorder=8))
        d.ax.add_patch(Rectangle((x, y + h / 2), w, h / 2, fc=stroke, ec="none", zorder=8))
    else:
        d.ax.add_patch(Rectangle((x, y), w, h, fc=fill, ec=stroke, lw=d.pt(0.2), zorder=8))


def _title_block(d: _Draw, r: Rect, project, denom: float, spec: SheetSpec) -> None:
    from cim.mapsheet.scalebar import scale_text

    md = project.metadata
    rows = title_rows(md, crs_text(project.crs), scale_text(denom, d.lang).split(" ", 2)[-1], d.lang, spec.date)
    d.rect(r, lw=0.45)
    name = md.name or word("untitled", d.lang)
    head_h = r.h * 0.3
    chars = max(10, int((r.w - 4 * d.u) / (2.1 * d.u)))      # bold 3 mm DejaVu: about 2 mm a character
    lines = textwrap.wrap(name, width=chars)[:3]
    d.text(r.x + 2 * d.u, r.y1 - 1.6 * d.u, word("plan", d.lang).upper(), size=1.9, va="top", color="#555555")
    for i, line in enumerate(lines):
        d.text(r.x + r.w / 2, r.y1 - 5.0 * d.u - i * 4.0 * d.u, line, size=3.0, ha="center", va="top", weight="bold")
    d.line([r.x, r.x1], [r.y1 - head_h, r.y1 - head_h], lw=0.3)
    row_h = (r.h - head_h) / len(rows)
    split = r.x + r.w * 0.36
    d.line([split, split], [r.y, r.y1 - head_h], lw=0.2)
    vchars = max(10, int((r.x1 - split) / (1.45 * d.u)))
    for i, (label, value) in enumerate(rows):
        y = r.y1 - head_h - (i + 0.5) * row_h
        if i:
            d.line([r.x, r.x1], [y + row_h / 2, y + row_h / 2], lw=0.12)
        d.text(r.x + 1.8 * d.u, y, label, size=2.3, va="center", color="#333333")
        d.text(split + 1.8 * d.u, y, _clip(str(value), vchars), size=2.4,
               va="center", weight="bold" if label == word("scale", d.lang) else "normal")
