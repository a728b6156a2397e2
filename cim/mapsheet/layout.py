"""Paper sizes and the frames of a printed map sheet, in millimetres from the page's lower-left corner.

Landscape sheets carry a side panel on the right (north arrow, legend, scale bar, title block);
portrait sheets carry it as a band under the map. Sizes grow with the paper so that an A1 reads
like an A3 held closer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cim.mapsheet.scalebar import nice_ceil

# ISO 216, portrait (width, height) in mm
PAPER_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0), "A3": (297.0, 420.0), "A2": (420.0, 594.0), "A1": (594.0, 841.0), "A0": (841.0, 1189.0),
}
ORIENTATIONS = ("landscape", "portrait")
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def x1(self) -> float:
        return self.x + self.w

    @property
    def y1(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> Rect:
        return Rect(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)


@dataclass(frozen=True)
class SheetLayout:
    paper: str
    orientation: str
    width_mm: float
    height_mm: float
    border: Rect          # the neat line around everything
    map_frame: Rect       # where the map is drawn (the grid labels sit between it and the border)
    north: Rect
    legend: Rect
    scale: Rect
    title: Rect
    unit: float           # size factor: 1 on A3, 2 on A1 (fonts, line widths, gaps)

    def pixels(self, dpi: float) -> tuple[int, int]:
        """The page in pixels at ``dpi``."""
        return (round(self.width_mm / MM_PER_INCH * dpi), round(self.height_mm / MM_PER_INCH * dpi))


def paper_size(paper: str, orientation: str = "landscape") -> tuple[float, float]:
    """(width, height) in mm; raises ValueError for an unknown paper or orientation."""
    key = paper.strip().upper()
    if key not in PAPER_MM:
        raise ValueError(f"unknown paper {paper!r} (one of {', '.join(PAPER_MM)})")
    if orientation not in ORIENTATIONS:
        raise ValueError(f"unknown orientation {orientation!r} (landscape or portrait)")
    w, h = PAPER_MM[key]
    return (h, w) if orientation == "landscape" else (w, h)


def sheet_layout(paper: str = "A3", orientation: str = "landscape") -> SheetLayout:
    W, H = paper_size(paper, orientation)
    u = min(W, H) / 297.0
    m, gutter, gap = 10.0 * u, 9.0 * u, 4.0 * u
    border = Rect(m, m, W - 2 * m, H - 2 * m)
    if orientation == "landscape":
        pw = max(95.0 * u, 0.22 * W)
        panel = Rect(W - m - pw, m, pw, H - 2 * m)
        map_area = Rect(m, m, W - 2 * m - pw, H - 2 * m)
        inner = panel.inset(gap)
        north_h, scale_h, title_h = 32.0 * u, 24.0 * u, 78.0 * u
        title = Rect(inner.x, inner.y, inner.w, title_h)
        scale = Rect(inner.x, title.y1 + gap, inner.w, scale_h)
        north = Rect(inner.x, inner.y1 - north_h, inner.w, north_h)
        legend = Rect(inner.x, scale.y1 + gap, inner.w, north.y - gap - (scale.y1 + gap))
    else:
        ph = max(100.0 * u, 0.2 * H)
        panel = Rect(m, m, W - 2 * m, ph)
        map_area = Rect(m, m + ph, W - 2 * m, H - 2 * m - ph)
        inner = panel.inset(gap)
        title_w, mid_w = 118.0 * u, 62.0 * u
        title = Rect(inner.x1 - title_w, inner.y, title_w, inner.h)
        mid = Rect(title.x - gap - mid_w, inner.y, mid_w, inner.h)
        north = Rect(mid.x, mid.y + mid.h * 0.45, mid.w, mid.h * 0.55)
        scale = Rect(mid.x, mid.y, mid.w, mid.h * 0.42)
        legend = Rect(inner.x, inner.y, mid.x - gap - inner.x, inner.h)
    map_frame = map_area.inset(gutter)
    return SheetLayout(paper.strip().upper(), orientation, W, H, border, map_frame, north, legend, scale, title, u)


def map_extent(frame: Rect, denominator: float, centre: tuple[float, float], metres_per_unit: float = 1.0):
    """(minx, miny, maxx, maxy) in map units that ``frame`` shows at 1:``denominator`` around ``centre``."""
    if not (denominator > 0 and math.isfinite(denominator)):
        raise ValueError(f"the scale denominator must be a positive number, not {denominator!r}")
    half_w = frame.w / 1000.0 * denominator / metres_per_unit / 2
    half_h = frame.h / 1000.0 * denominator / metres_per_unit / 2
    cx, cy = centre
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def grid_interval(denominator: float, unit: float = 1.0, min_spacing_mm: float = 35.0,
                  metres_per_unit: float = 1.0) -> float:
    """A round grid interval (map units) whose lines are at least ``min_spacing_mm`` apart on paper."""
    return nice_ceil(min_spacing_mm * unit * denominator / 1000.0 / metres_per_unit)


def grid_values(lo: float, hi: float, interval: float) -> list[float]:
    """The multiples of ``interval`` strictly inside (lo, hi)."""
    first = math.floor(lo / interval) + 1
    last = math.ceil(hi / interval) - 1
    return [k * interval for k in range(first, last + 1)]


def fit_denominator(bounds, frame: Rect, metres_per_unit: float = 1.0) -> float:
    """The smallest round scale (1:1 000, 2 000, 2 500, 5 000, 10 000 … ) at which ``bounds`` fits in ``frame``."""
    minx, miny, maxx, maxy = bounds
    need = max((maxx - minx) * metres_per_unit / (frame.w / 1000.0),
               (maxy - miny) * metres_per_unit / (frame.h / 1000.0), 1.0)
    exp = math.floor(math.log10(need))
    for m in (1, 2, 2.5, 5, 10):
        if m * 10 ** exp >= need:
            return float(m * 10 ** exp)
    return float(10 ** (exp + 1))
