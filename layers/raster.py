"""A raster layer over :class:`cim.io.raster.RasterData`: extent, reads for the view, elevations."""

from __future__ import annotations

import numpy as np
from psygnal import Signal

from layers.base import Layer


class RasterLayer(Layer):
    kind = "raster"

    data_changed = Signal()

    def __init__(self, raster, *, name: str = "", id: str | None = None, crs: str | None = None,
                 style: dict | None = None, visible: bool = True, opacity: float = 1.0) -> None:
        super().__init__(name=name, id=id, visible=visible, opacity=opacity, style=style, crs=crs)
        self._raster = raster

    @property
    def raster(self):
        return self._raster

    def set_raster(self, raster) -> None:
        self._raster = raster
        self.data_changed.emit()

    @property
    def crs(self) -> str | None:
        return self._crs if self._crs is not None else self._raster.info()["crs"]

    def info(self) -> dict:
        return self._raster.info()

    def extent(self) -> tuple[float, float, float, float]:
        return tuple(float(v) for v in self._raster.info()["bounds"])

    def read_for_view(self, bounds, width: int, height: int, *, bands=None,
                      resampling: str | None = None) -> np.ma.MaskedArray:
        """The pixels covering ``bounds`` at ``width`` × ``height`` (bands, height, width), masked outside."""
        return self._raster.read_window(bounds, (height, width), bands=bands, resampling=resampling)

    def elevation_at(self, xy, *, method: str = "nearest") -> np.ndarray:
        """Band-1 values (elevations for a DEM) at points ``xy`` (N×2); NaN outside or at nodata."""
        return self._raster.sample(xy, band=1, method=method)
