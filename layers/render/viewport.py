"""The view: which part of the world is drawn into how many pixels. Immutable; pure arithmetic."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METRES_PER_INCH = 0.0254


@dataclass(frozen=True)
class Viewport:
    """``cx, cy`` the centre in map units, ``res`` map units per pixel, ``width × height`` pixels.
    Pixel (0, 0) is the top-left corner; y grows downwards on screen and upwards on the map."""

    cx: float
    cy: float
    res: float
    width: int
    height: int

    @classmethod
    def fit(cls, bounds, width: int, height: int, margin: float = 0.03) -> Viewport:
        """The view showing ``bounds`` (minx, miny, maxx, maxy) whole, with a small margin."""
        minx, miny, maxx, maxy = (float(b) for b in bounds)
        if not np.all(np.isfinite([minx, miny, maxx, maxy])):
            minx, miny, maxx, maxy = 0.0, 0.0, 1000.0, 1000.0
        w, h = max(maxx - minx, 1e-6), max(maxy - miny, 1e-6)
        res = max(w / max(width, 1), h / max(height, 1)) * (1 + 2 * margin)
        return cls((minx + maxx) / 2, (miny + maxy) / 2, res, int(width), int(height))

    # geometry of the view ------------------------------------------------
    @property
    def extent(self) -> tuple[float, float, float, float]:
        hw, hh = self.width * self.res / 2, self.height * self.res / 2
        return (self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh)

    def scale_denominator(self, dpi: float = 96.0) -> float:
        """The map scale 1:N for a screen of ``dpi`` dots per inch (map units in metres)."""
        return self.res * dpi / METRES_PER_INCH

    # transforms ----------------------------------------------------------
    def to_pixel(self, x, y):
        x0, _, _, y1 = self.extent
        return (np.asarray(x) - x0) / self.res, (y1 - np.asarray(y)) / self.res

    def to_world(self, px, py):
        x0, _, _, y1 = self.extent
        return x0 + np.asarray(px) * self.res, y1 - np.asarray(py) * self.res

    # derived views -------------------------------------------------------
    def zoomed(self, factor: float, about: tuple[float, float] | None = None) -> Viewport:
        """Zoom in by ``factor`` (> 1 magnifies) keeping the pixel ``about`` fixed."""
        res = self.res / factor
        if about is None:
            return Viewport(self.cx, self.cy, res, self.width, self.height)
        wx, wy = self.to_world(*about)
        cx = float(wx) - (about[0] - self.width / 2) * res
        cy = float(wy) + (about[1] - self.height / 2) * res
        return Viewport(cx, cy, res, self.width, self.height)

    def panned(self, dx_px: float, dy_px: float) -> Viewport:
        """The view after dragging the map by (dx, dy) pixels."""
        return Viewport(self.cx - dx_px * self.res, self.cy + dy_px * self.res, self.res, self.width, self.height)

    def resized(self, width: int, height: int) -> Viewport:
        return Viewport(self.cx, self.cy, self.res, int(width), int(height))

    def with_extent(self, bounds) -> Viewport:
        return Viewport.fit(bounds, self.width, self.height)
