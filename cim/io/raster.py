"""Rasters (DEMs, orthophotos) held as a file path or as GeoTIFF bytes embedded in the project.

    dem = read_raster("dem.tif")                 # checks the file; warnings for a missing CRS
    dem.info()                                   # crs, bounds, res, shape, dtype, nodata, count, overviews
    dem.sample(np.array([[x, y], ...]))          # elevations, NaN outside or at nodata
    dem.read_window(bounds, (256, 256))          # resampled read, from overviews when zoomed out
    embedded = RasterData.from_bytes(dem.tiff_bytes())
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import warnings as _warnings
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from cim.errors import CimInputError

SAMPLE_TILE = 512
_SINGLE_READ_PIXELS = 16_000_000


class RasterData:
    """A raster by path or by GeoTIFF bytes. Cheap to create; the file is opened on demand."""

    def __init__(self, *, path: str | Path | None = None, data: bytes | None = None,
                 warnings: list[str] | tuple[str, ...] = ()) -> None:
        if (path is None) == (data is None):
            raise ValueError("give either path or data")
        self.path = Path(path) if path is not None else None
        self._data = bytes(data) if data is not None else None
        self.warnings = list(warnings)
        self._sha256: str | None = None
        self._info: dict | None = None
        self._mem = None
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: str | Path) -> RasterData:
        return cls(path=path)

    @classmethod
    def from_bytes(cls, data: bytes) -> RasterData:
        return cls(data=data)

    @property
    def embedded(self) -> bool:
        return self._data is not None

    def __repr__(self) -> str:
        where = f"path={str(self.path)!r}" if self.path else f"{len(self._data):,} bytes"
        return f"RasterData({where})"

    # ------------------------------------------------------------------------------------ bytes
    def tiff_bytes(self) -> bytes:
        """The raster as GeoTIFF bytes (a GeoTIFF file as it is; other formats are converted)."""
        if self._data is not None:
            return self._data
        if self.info()["driver"] == "GTiff":
            return self.path.read_bytes()
        return _to_geotiff_bytes(self)

    @property
    def sha256(self) -> str:
        if self._sha256 is None:
            if self._data is not None:
                self._sha256 = hashlib.sha256(self._data).hexdigest()
            else:
                with open(self.path, "rb") as f:
                    self._sha256 = hashlib.file_digest(f, "sha256").hexdigest()
        return self._sha256

    # ---------------------------------------------------------------------------------- reading
    @contextmanager
    def open(self):
        """A rasterio dataset (read-only); a ``MemoryFile`` for embedded bytes."""
        import rasterio
        from rasterio.errors import NotGeoreferencedWarning

        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore", NotGeoreferencedWarning)
            if self._data is None:
                ds = rasterio.open(self.path)
            else:
                with self._lock:
                    if self._mem is None:
                        from rasterio.io import MemoryFile

                        self._mem = MemoryFile(self._data)
                    ds = self._mem.open()
        try:
            yield ds
        finally:
            ds.close()

    def close(self) -> None:
        """Free the in-memory copy GDAL holds of embedded bytes (reopened on demand)."""
        with self._lock:
            if self._mem is not None:
                self._mem.close()
                self._mem = None

    def info(self) -> dict:
        if self._info is None:
            with self.open() as ds:
                self._info = {
                    "driver": ds.driver, "crs": crs_text(ds.crs), "bounds": tuple(ds.bounds),
                    "res": tuple(ds.res), "shape": (ds.height, ds.width), "dtype": ds.dtypes[0],
                    "nodata": ds.nodata, "count": ds.count, "overviews": ds.overviews(1),
                    "transform": tuple(ds.transform)[:6],
                }
        return dict(self._info)

    def read_window(self, bounds, out_shape, *, bands=None, resampling: str | None = None):
        """Read ``bounds`` (x0, y0, x1, y1) resampled to ``out_shape`` ((h, w) or (bands, h, w)).

        GDAL serves zoomed-out reads from the overviews. ``resampling`` defaults to ``"average"``
        when the output is coarser than the data (right for a DEM), ``"bilinear"`` when finer.
        Returns a masked array (bands, h, w); nodata and the area outside the raster are masked.
        """
        from rasterio.enums import Resampling
        from rasterio.windows import Window, from_bounds

        h, w = out_shape[-2:]
        with self.open() as ds:
            idx = list(range(1, ds.count + 1)) if bands is None else list(np.atleast_1d(bands))
            out = np.ma.masked_all((len(idx), h, w), dtype=ds.dtypes[0])
            win = from_bounds(*bounds, transform=ds.transform)
            if win.width <= 0 or win.height <= 0 or h <= 0 or w <= 0:
                return out
            if resampling is None:
                resampling = "average" if win.width / w > 1 or win.height / h > 1 else "bilinear"
            c0, r0 = max(win.col_off, 0.0), max(win.row_off, 0.0)
            c1 = min(win.col_off + win.width, ds.width)
            r1 = min(win.row_off + win.height, ds.height)
            if c1 <= c0 or r1 <= r0:
                return out
            oc0 = int(round((c0 - win.col_off) / win.width * w))
            oc1 = int(round((c1 - win.col_off) / win.width * w))
            or0 = int(round((r0 - win.row_off) / win.height * h))
            or1 = int(round((r1 - win.row_off) / win.height * h))
            if oc1 <= oc0 or or1 <= or0:
                return out
            part = ds.read(idx, window=Window(c0, r0, c1 - c0, r1 - r0), out_shape=(len(idx), or1 - or0, oc1 - oc0),
                           resampling=Resampling[resampling], masked=True)
            out[:, or0:or1, oc0:oc1] = part
            return out

    def sample(self, xy, *, band: int = 1, method: str = "nearest") -> np.ndarray:
        """Values of ``band`` at points ``xy`` (N×2, the raster's CRS) as float64; NaN outside or nodata.

        ``method="nearest"`` takes the pixel the point falls in; ``"bilinear"`` interpolates between
        the four nearest pixel centres (NaN if any of them is nodata).
        """
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        out = np.full(len(xy), np.nan)
        if not len(xy):
            return out
        with self.open() as ds:
            inv = ~ds.transform
            col, row = inv * (xy[:, 0], xy[:, 1])
            col, row = np.asarray(col, float), np.asarray(row, float)
            h, w = ds.height, ds.width
            if method == "nearest":
                r, c = np.floor(row), np.floor(col)
                ok = np.isfinite(r) & np.isfinite(c) & (r >= 0) & (r < h) & (c >= 0) & (c < w)
                out[ok] = _gather(ds, band, r[ok].astype(np.int64), c[ok].astype(np.int64))
                return out
            if method != "bilinear":
                raise ValueError(f"method must be 'nearest' or 'bilinear', not {method!r}")
            ok = np.isfinite(row) & np.isfinite(col) & (row >= 0) & (row <= h) & (col >= 0) & (col <= w)
            fr = np.clip(row[ok] - 0.5, 0, h - 1)
            fc = np.clip(col[ok] - 0.5, 0, w - 1)
            r0 = np.minimum(np.floor(fr), max(h - 2, 0)).astype(np.int64)
            c0 = np.minimum(np.floor(fc), max(w - 2, 0)).astype(np.int64)
            r1, c1 = np.minimum(r0 + 1, h - 1), np.minimum(c0 + 1, w - 1)
            tr, tc = fr - r0, fc - c0
            rr = np.concatenate([r0, r0, r1, r1])
            cc = np.concatenate([c0, c1, c0, c1])
            v = _gather(ds, band, rr, cc).reshape(4, -1)
            out[ok] = (v[0] * (1 - tr) * (1 - tc) + v[1] * (1 - tr) * tc
                       + v[2] * tr * (1 - tc) + v[3] * tr * tc)
            return out

    # ------------------------------------------------------------------------------- overviews
    def build_overviews(self, factors=None, *, resampling: str = "average",
                        path: str | Path | None = None) -> RasterData:
        """A tiled copy with internal overviews (in memory, or written atomically to ``path``)."""
        import rasterio
        import rasterio.shutil
        from rasterio.enums import Resampling

        folder = Path(path).expanduser().parent if path else None
        tmpdir = Path(tempfile.mkdtemp(prefix=".cim-ovr-", dir=folder))
        try:
            tmp = tmpdir / "raster.tif"
            with self.open() as ds:
                if factors is None:
                    factors, f = [], 2
                    while min(ds.height, ds.width) / f >= 64:
                        factors.append(f)
                        f *= 2
                rasterio.shutil.copy(ds, tmp, driver="GTiff", tiled=True, blockxsize=256, blockysize=256,
                                     compress="deflate", BIGTIFF="IF_SAFER")
            if factors:
                with rasterio.open(tmp, "r+") as ds:
                    ds.build_overviews(list(factors), Resampling[resampling])
                    ds.update_tags(ns="rio_overview", resampling=resampling)
            if path is None:
                return RasterData.from_bytes(tmp.read_bytes())
            target = Path(path).expanduser()
            from cim.io.atomic import atomic_path

            with atomic_path(target, suffix=".tif") as final:
                shutil.move(tmp, final)
            return RasterData.from_file(target)
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)


def _gather(ds, band: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Pixel values at (rows, cols) as float64, NaN where masked; reads only the blocks it needs."""
    from rasterio.windows import Window

    vals = np.full(len(rows), np.nan)
    if not len(rows):
        return vals
    rmin, rmax, cmin, cmax = rows.min(), rows.max(), cols.min(), cols.max()
    if (rmax - rmin + 1) * (cmax - cmin + 1) <= _SINGLE_READ_PIXELS:
        groups = [(np.arange(len(rows)), rmin, cmin, rmax + 1, cmax + 1)]
    else:
        key = (rows // SAMPLE_TILE) * ((ds.width // SAMPLE_TILE) + 1) + cols // SAMPLE_TILE
        order = np.argsort(key, kind="stable")
        uniq, starts = np.unique(key[order], return_index=True)
        groups = []
        for sel in np.split(order, starts[1:]):
            tr, tc = rows[sel[0]] // SAMPLE_TILE * SAMPLE_TILE, cols[sel[0]] // SAMPLE_TILE * SAMPLE_TILE
            groups.append((sel, tr, tc, min(tr + SAMPLE_TILE, ds.height), min(tc + SAMPLE_TILE, ds.width)))
    for sel, r0, c0, r1, c1 in groups:
        block = ds.read(band, window=Window(c0, r0, c1 - c0, r1 - r0), masked=True)
        picked = block[rows[sel] - r0, cols[sel] - c0]
        vals[sel] = np.ma.filled(picked.astype(float), np.nan)
    return vals


def _to_geotiff_bytes(raster: RasterData) -> bytes:
    import rasterio.shutil

    with tempfile.TemporaryDirectory(prefix="cim-tif-") as tmp, raster.open() as ds:
        out = Path(tmp) / "raster.tif"
        rasterio.shutil.copy(ds, out, driver="GTiff", tiled=True, compress="deflate", BIGTIFF="IF_SAFER")
        return out.read_bytes()


def crs_text(crs) -> str | None:
    """``"EPSG:9208"`` when an EPSG code matches, else WKT; ``None`` when the raster has no CRS."""
    if not crs:
        return None
    code = crs.to_epsg()
    return f"EPSG:{code}" if code else crs.to_wkt()


def read_raster(path) -> RasterData:
    """Open and check a raster file (GeoTIFF, or a .zip holding one); raises :class:`CimInputError`."""
    from rasterio.errors import RasterioError
    from rasterio.windows import Window

    from cim.io.sources import resolve_source

    src = resolve_source(path, raster=True)
    if src.member is not None:
        import zipfile

        with zipfile.ZipFile(src.path) as zf:
            raster = RasterData.from_bytes(zf.read(src.member))
    else:
        raster = RasterData.from_file(src.path)
    raster.warnings.extend(src.warnings)
    try:
        info = raster.info()
        with raster.open() as ds:   # read the first and the last block: a truncated file fails here
            bh, bw = ds.block_shapes[0]
            last = Window((ds.width - 1) // bw * bw, (ds.height - 1) // bh * bh, 1, 1)
            for win in (Window(0, 0, 1, 1), last):
                ds.read(1, window=win)
    except (RasterioError, _cple_error()) as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "not recognized" in msg or "not supported" in msg.lower():
            raise CimInputError(src.path, "this is not a raster CIM Studio can read / không phải tệp raster",
                                hint="rasters are GeoTIFF (.tif); vector files are imported as vector layers"
                                ) from exc
        raise CimInputError(src.path, f"the raster is damaged or incomplete ({msg})",
                            hint="copy it again from its source, or check it in QGIS") from exc
    if info["crs"] is None:
        raster.warnings.append("the raster has no coordinate reference system (crs=None); choose it when "
                               "importing / ảnh chưa có hệ tọa độ")
    if info["transform"] == (1.0, 0.0, 0.0, 0.0, 1.0, 0.0):
        raster.warnings.append("the raster has no georeferencing (pixel coordinates only)")
    return raster


def _cple_error():
    try:
        from rasterio._err import CPLE_BaseError
    except ImportError:  # pragma: no cover - private module moved
        return RuntimeError
    return CPLE_BaseError
