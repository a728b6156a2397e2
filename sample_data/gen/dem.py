"""The terrain: gentle relief falling towards the river, a river bed, a lake and a flood-prone hollow.

One function gives the elevation anywhere (local metres); the DEM raster is that function on a
10 m grid, and network nodes take their elevation from the raster (bilinear), as a reader would.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from sample_data.gen.frame import CRS, SIZE, origin
from sample_data.gen.layout import DEPRESSION_CENTRE, LAKE_CENTRE

CELL = 10.0
MARGIN = 100.0
NODATA = -9999.0


def elevation(x, y, river_line) -> np.ndarray:
    """Ground elevation (m) at local coordinates (vectorised)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    d = shapely.distance(shapely.points(x, y), river_line)
    s = (x - y) / np.sqrt(2.0)  # downstream along the river
    z = 11.0 + 0.011 * np.minimum(d, 2500.0) - 0.0015 * s
    z += 0.6 * np.sin(x / 310.0 + 0.7) * np.cos(y / 270.0 - 0.3)
    z -= 2.5 * np.clip(1.0 - d / 18.0, 0.0, 1.0) ** 1.5  # river bed
    r2 = (x - DEPRESSION_CENTRE[0]) ** 2 + (y - DEPRESSION_CENTRE[1]) ** 2
    z -= 2.8 * np.exp(-r2 / (2 * 55.0 ** 2))  # flood-prone hollow near the river
    r2 = (x - LAKE_CENTRE[0]) ** 2 + (y - LAKE_CENTRE[1]) ** 2
    z -= 2.0 * np.exp(-r2 / (2 * 45.0 ** 2))  # lake bed
    return z


@dataclass
class Dem:
    z: np.ndarray  # rows from north to south
    x0: float  # local x of the west edge
    y1: float  # local y of the north edge
    cell: float = CELL

    def sample(self, xy: np.ndarray) -> np.ndarray:
        """Bilinear elevation at local coordinates (n × 2), rounded to the centimetre."""
        xy = np.atleast_2d(np.asarray(xy, dtype=float))
        col = (xy[:, 0] - self.x0) / self.cell - 0.5
        row = (self.y1 - xy[:, 1]) / self.cell - 0.5
        c0 = np.clip(np.floor(col).astype(int), 0, self.z.shape[1] - 2)
        r0 = np.clip(np.floor(row).astype(int), 0, self.z.shape[0] - 2)
        fc, fr = col - c0, row - r0
        z = self.z.astype(float)
        top = z[r0, c0] * (1 - fc) + z[r0, c0 + 1] * fc
        bot = z[r0 + 1, c0] * (1 - fc) + z[r0 + 1, c0 + 1] * fc
        return np.round(top * (1 - fr) + bot * fr, 2)


def build_dem(river_line) -> Dem:
    n = int(round((SIZE + 2 * MARGIN) / CELL))
    xs = -MARGIN + CELL * (np.arange(n) + 0.5)
    ys = SIZE + MARGIN - CELL * (np.arange(n) + 0.5)
    gx, gy = np.meshgrid(xs, ys)
    z = elevation(gx.ravel(), gy.ravel(), river_line).reshape(n, n)
    return Dem(z=np.round(z, 2).astype(np.float32), x0=-MARGIN, y1=SIZE + MARGIN)


def write_dem(dem: Dem, path) -> None:
    """A tiled, DEFLATE-compressed float32 GeoTIFF with nodata and overviews, in EPSG:9208."""
    import rasterio
    from affine import Affine
    from rasterio.enums import Resampling

    e0, n0 = origin()
    h, w = dem.z.shape
    profile = dict(driver="GTiff", width=w, height=h, count=1, dtype="float32", crs=CRS,
                   transform=Affine(dem.cell, 0.0, e0 + dem.x0, 0.0, -dem.cell, n0 + dem.y1),
                   nodata=NODATA, tiled=True, blockxsize=128, blockysize=128,
                   compress="deflate", predictor=3, zlevel=9)
    with rasterio.Env(GDAL_TIFF_INTERNAL_MASK=True):
        with rasterio.open(path, "w", **profile) as dst:
            dst.write(dem.z, 1)
            dst.update_tags(SYNTHETIC="true", DESCRIPTION="Synthetic DEM of the CIM Studio sample district")
            dst.set_band_description(1, "elevation (m, synthetic)")
            dst.build_overviews([2, 4], Resampling.average)
            dst.update_tags(ns="rio_overview", resampling="average")
