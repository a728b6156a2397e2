"""Raster snapshots: a DEM shaded with a colour ramp and hillshade, or an RGB orthophoto.

Small rasters are shaded once into an RGBA array at snapshot time and resampled per view with numpy
(nearest neighbour, a gather per pixel). Large ones read only the
window in view, decimated to the screen resolution (rasterio uses the file's overviews).
Rasters in another CRS are warped into the view grid with ``rasterio.warp.reproject``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from layers.render.colors import parse_color, ramp_lut
from layers.render.viewport import Viewport

MAX_IN_MEMORY = 4096 * 4096


@dataclass(frozen=True, eq=False)
class RasterSnapshot:
    layer_id: str
    transform: tuple            # affine (a, b, c, d, e, f), north-up (b = d = 0)
    shape: tuple[int, int]      # rows, cols
    crs: str | None
    style: dict
    rgba: np.ndarray | None = None   # (rows, cols, 4) uint8 when shaded in memory
    reader: Callable | None = None   # reader(bounds, (h, w)) -> masked (bands, h, w), for large rasters
    nodata: float | None = None
    warp_to: str | None = None       # the view CRS when it differs from the raster's (decided by the caller)
    stats: tuple[float, float] = (0.0, 1.0)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        a, _, c, _, e, f = self.transform
        rows, cols = self.shape
        return (c, f + e * rows, c + a * cols, f)


def hillshade(dem: np.ndarray, res_x: float, res_y: float, azimuth: float = 315.0,
              altitude: float = 45.0, z: float = 1.0) -> np.ndarray:
    """Lambertian hillshade in [0, 1] (Horn-like gradient with numpy)."""
    dem = np.asarray(dem, dtype=np.float64)
    filled = np.where(np.isfinite(dem), dem, np.nanmean(dem) if np.isfinite(dem).any() else 0.0)
    gy, gx = np.gradient(filled * z, abs(res_y), abs(res_x))
    slope = np.pi / 2 - np.arctan(np.hypot(gx, gy))
    aspect = np.arctan2(gy, -gx)     # ESRI convention: rows grow southwards
    az, alt = np.radians(360.0 - azimuth + 90.0), np.radians(altitude)
    shade = np.sin(alt) * np.sin(slope) + np.cos(alt) * np.cos(slope) * np.cos(az - aspect)
    return np.clip(shade, 0.0, 1.0)


def shade_dem(dem: np.ndarray, style: dict, res: tuple[float, float], nodata=None) -> tuple[np.ndarray, tuple]:
    """Colour-ramped, hillshaded RGBA of a DEM band. Returns (rgba, (vmin, vmax))."""
    dem = np.asarray(dem, dtype=np.float64)
    valid = np.isfinite(dem)
    if nodata is not None:
        valid &= dem != nodata
    vals = dem[valid]
    vmin = float(style.get("min", np.percentile(vals, 1) if len(vals) else 0.0))
    vmax = float(style.get("max", np.percentile(vals, 99) if len(vals) else 1.0))
    t = np.clip((dem - vmin) / max(vmax - vmin, 1e-9), 0, 1)
    lut = ramp_lut(style.get("ramp", "terrain"), 256)
    rgba = lut[np.nan_to_num(t * 255).astype(np.uint8)].copy()
    if style.get("hillshade", True):
        hs = hillshade(np.where(valid, dem, np.nan), res[0], res[1], z=float(style.get("z_factor", 1.0)))
        k = float(style.get("hillshade_strength", 0.45))
        factor = (1 - k) + k * 1.6 * hs
        rgba[..., :3] = np.clip(rgba[..., :3] * factor[..., None], 0, 255).astype(np.uint8)
    rgba[..., 3] = np.where(valid, 255, 0).astype(np.uint8)
    return rgba, (vmin, vmax)


def _shade_array(arr: np.ndarray, style: dict, res, nodata) -> tuple[np.ndarray, tuple]:
    """(bands, rows, cols) -> RGBA per the style ("dem" for one band, "rgb" for three or more)."""
    mode = style.get("mode") or ("dem" if arr.shape[0] < 3 else "rgb")
    if mode == "dem":
        return shade_dem(arr[0], style, res, nodata)
    rgb = arr[:3]
    if rgb.dtype != np.uint8:
        lo, hi = np.nanpercentile(rgb, 2), np.nanpercentile(rgb, 98)
        rgb = np.clip((rgb - lo) / max(hi - lo, 1e-9) * 255, 0, 255).astype(np.uint8)
    alpha = arr[3].astype(np.uint8) if arr.shape[0] > 3 else np.full(rgb.shape[1:], 255, np.uint8)
    if nodata is not None and arr.shape[0] <= 3:
        alpha = np.where(np.all(arr[:3] == nodata, axis=0), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.dstack([rgb[0], rgb[1], rgb[2], alpha])), (0.0, 255.0)


def snapshot_raster(layer_id: str, raster, style: dict | None = None) -> RasterSnapshot:
    """Snapshot a :class:`cim.io.raster.RasterData`-like object (``open()`` context manager giving a
    rasterio dataset, ``read_window(bounds, out_shape)`` for windowed reads) or an open rasterio dataset."""
    style = dict(style or {})
    if hasattr(raster, "open") and hasattr(raster, "read_window"):
        with raster.open() as ds:
            snap = _snapshot_dataset(layer_id, ds, style, reader=raster.read_window)
        return snap
    return _snapshot_dataset(layer_id, raster, style, reader=None)


def _snapshot_dataset(layer_id, dataset, style, reader) -> RasterSnapshot:
    t = dataset.transform
    transform = (t.a, t.b, t.c, t.d, t.e, t.f)
    crs = dataset.crs.to_string() if dataset.crs else None
    shape = (dataset.height, dataset.width)
    if dataset.width * dataset.height <= MAX_IN_MEMORY or reader is None:
        arr = dataset.read(masked=False)
        rgba, stats = _shade_array(arr, style, (t.a, t.e), dataset.nodata)
        return RasterSnapshot(layer_id, transform, shape, crs, style, rgba=rgba, stats=stats,
                              nodata=dataset.nodata)
    return RasterSnapshot(layer_id, transform, shape, crs, style, reader=reader, nodata=dataset.nodata)


def snapshot_array(layer_id: str, array: np.ndarray, transform, crs=None, style: dict | None = None,
                   nodata=None) -> RasterSnapshot:
    """Snapshot an in-memory (bands, rows, cols) or (rows, cols) array with an affine transform."""
    arr = np.asarray(array)
    if arr.ndim == 2:
        arr = arr[None]
    transform = tuple(transform)[:6]
    rgba, stats = _shade_array(arr, dict(style or {}), (transform[0], transform[4]), nodata)
    return RasterSnapshot(layer_id, transform, arr.shape[1:], crs, dict(style or {}), rgba=rgba, stats=stats)


def render_raster(snap: RasterSnapshot, vp: Viewport, out: np.ndarray, view_crs=None,
                  cancel: Callable[[], bool] | None = None) -> None:
    """Write the raster's pixels in view into ``out`` (H, W, 4) uint8."""
    if snap.warp_to:
        _render_warped(snap, vp, out, snap.warp_to)
        return
    if view_crs and snap.crs and not _same_crs(view_crs, snap.crs):
        _render_warped(snap, vp, out, view_crs)
        return
    a, _, c, _, e, f = snap.transform
    rows, cols = snap.shape
    h, w = out.shape[:2]
    x0, _, _, y1 = vp.extent
    xs = x0 + (np.arange(w) + 0.5) * vp.res
    ys = y1 - (np.arange(h) + 0.5) * vp.res
    ci = np.floor((xs - c) / a).astype(np.int64)
    ri = np.floor((ys - f) / e).astype(np.int64)
    okc, okr = (ci >= 0) & (ci < cols), (ri >= 0) & (ri < rows)
    if not okc.any() or not okr.any():
        return
    cx0, cx1 = np.flatnonzero(okc)[[0, -1]]
    ry0, ry1 = np.flatnonzero(okr)[[0, -1]]
    if snap.rgba is not None:
        src = snap.rgba
        block = src[ri[ry0:ry1 + 1][:, None], ci[cx0:cx1 + 1][None, :]]
    else:
        block = _read_window(snap, ci[cx0:cx1 + 1], ri[ry0:ry1 + 1])
    out[ry0:ry1 + 1, cx0:cx1 + 1] = block


def _read_window(snap: RasterSnapshot, ci: np.ndarray, ri: np.ndarray) -> np.ndarray:
    """Read the needed window of a large raster, decimated to the output size, then shade it."""
    a, _, c, _, e, f = snap.transform
    c0, c1, r0, r1 = int(ci.min()), int(ci.max()) + 1, int(ri.min()), int(ri.max()) + 1
    bounds = (c + a * c0, f + e * r1, c + a * c1, f + e * r0)
    arr = snap.reader(bounds, (len(ri), len(ci)))
    filled = np.ma.filled(arr.astype(np.float64), np.nan)
    rgba, _ = _shade_array(filled, snap.style, (a * (c1 - c0) / len(ci), e * (r1 - r0) / len(ri)), None)
    if np.ma.is_masked(arr):
        rgba[np.ma.getmaskarray(arr).all(axis=0), 3] = 0
    return rgba


def _render_warped(snap: RasterSnapshot, vp: Viewport, out: np.ndarray, view_crs) -> None:
    from affine import Affine
    from rasterio.warp import Resampling, reproject

    h, w = out.shape[:2]
    x0, _, _, y1 = vp.extent
    dst_t = Affine(vp.res, 0, x0, 0, -vp.res, y1)
    if snap.rgba is not None:
        src = np.moveaxis(snap.rgba, 2, 0)
    else:
        x0_, y0_, x1_, y1_ = snap.extent
        rows = min(snap.shape[0], 2048)
        cols = min(snap.shape[1], 2048)
        arr = np.ma.filled(snap.reader(snap.extent, (rows, cols)).astype(np.float64), np.nan)
        src = np.moveaxis(_shade_array(arr, snap.style, ((x1_ - x0_) / cols, (y0_ - y1_) / rows), None)[0], 2, 0)
        snap = RasterSnapshot(snap.layer_id, ((x1_ - x0_) / cols, 0, x0_, 0, (y0_ - y1_) / rows, y1_),
                              (rows, cols), snap.crs, snap.style)
    dst = np.zeros((4, h, w), np.uint8)
    reproject(src, dst, src_transform=Affine(*snap.transform), src_crs=snap.crs, dst_transform=dst_t,
              dst_crs=view_crs, resampling=Resampling.nearest)
    m = dst[3] > 0
    out[m] = np.moveaxis(dst, 0, 2)[m]


def _same_crs(a, b) -> bool:
    from pyproj import CRS

    try:
        return CRS.from_user_input(a).equals(CRS.from_user_input(b), ignore_axis_order=True)
    except Exception:
        return str(a) == str(b)


def nodata_color(style: dict) -> tuple:
    return parse_color(style.get("nodata_color", "#00000000"))
