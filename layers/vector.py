"""A vector layer over a GeoDataFrame: geometry type, bbox queries, selection, immutable snapshots."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
from psygnal import Signal

from layers.base import Layer

_FAMILIES = {("MultiPoint", "Point"): "MultiPoint", ("LineString", "MultiLineString"): "MultiLineString",
             ("MultiPolygon", "Polygon"): "MultiPolygon"}
_TYPE_NAMES = {0: "Point", 1: "LineString", 2: "LinearRing", 3: "Polygon", 4: "MultiPoint",
               5: "MultiLineString", 6: "MultiPolygon", 7: "GeometryCollection"}


@dataclass(frozen=True, eq=False)
class VectorLayerSnapshot:
    """What a renderer needs, frozen: safe to hand to another thread while the layer changes.

    (``layers.render`` builds its own styled render snapshot; this one is the layer's state.)

    ``geometries`` is a read-only array of references to the (immutable) shapely geometries;
    ``type_codes`` are ``shapely.get_type_id`` values (-1 for a missing geometry).
    """

    layer_id: str
    version: int
    fids: np.ndarray
    geometries: np.ndarray
    type_codes: np.ndarray
    bbox: tuple[float, float, float, float] | None
    style: Mapping
    selection: frozenset
    visible: bool
    opacity: float
    crs: str | None

    def __len__(self) -> int:
        return len(self.geometries)


class VectorLayer(Layer):
    """State over a GeoDataFrame whose index holds the feature ids (``fid``)."""

    kind = "vector"

    data_changed = Signal()
    selection_changed = Signal(frozenset)

    def __init__(self, data, *, name: str = "", id: str | None = None, crs: str | None = None,
                 style: dict | None = None, visible: bool = True, opacity: float = 1.0) -> None:
        super().__init__(name=name, id=id, visible=visible, opacity=opacity, style=style, crs=crs)
        self._data = data
        self._version = 0
        self._selection: frozenset = frozenset()
        self._cache: dict = {}

    # -------------------------------------------------------------------------------- data
    @property
    def data(self):
        return self._data

    def set_data(self, data) -> None:
        """Replace the GeoDataFrame; fids no longer present leave the selection."""
        self._data = data
        self.notify_data_changed()

    def notify_data_changed(self) -> None:
        """Call after editing :attr:`data` in place (edit commands do)."""
        self._version += 1
        self._cache.clear()
        self.data_changed.emit()
        if self._selection:
            kept = frozenset(self._existing(self._selection))
            if kept != self._selection:
                self._selection = kept
                self.selection_changed.emit(kept)

    @property
    def version(self) -> int:
        return self._version

    @property
    def crs(self) -> str | None:
        if self._crs is not None:
            return self._crs
        crs = getattr(self._data, "crs", None)
        if crs is None:
            return None
        code = crs.to_epsg()
        return f"EPSG:{code}" if code else crs.to_wkt()

    def __len__(self) -> int:
        return len(self._data)

    def _geometries(self) -> np.ndarray:
        if "geoms" not in self._cache:
            self._cache["geoms"] = np.asarray(self._data.geometry.array)
        return self._cache["geoms"]

    def _type_codes(self) -> np.ndarray:
        if "types" not in self._cache:
            import shapely

            self._cache["types"] = shapely.get_type_id(self._geometries()).astype(np.int8)
        return self._cache["types"]

    @property
    def geometry_type(self) -> str | None:
        """``"Polygon"``, ``"MultiPolygon"`` (for a mix of single and multi) …, ``"Mixed"``; None if empty."""
        codes = np.unique(self._type_codes())
        names = tuple(sorted(_TYPE_NAMES[c] for c in codes if c >= 0))
        if not names:
            return None
        if len(names) == 1:
            return names[0]
        return _FAMILIES.get(names, "Mixed")

    def extent(self) -> tuple[float, float, float, float] | None:
        if "extent" not in self._cache:
            bounds = self._data.total_bounds if len(self._data) else None
            ok = bounds is not None and np.isfinite(bounds).all()
            self._cache["extent"] = tuple(float(v) for v in bounds) if ok else None
        return self._cache["extent"]

    def features_in_bbox(self, bbox, *, exact: bool = False) -> np.ndarray:
        """Fids of the features whose bounding box meets ``bbox`` (x0, y0, x1, y1), in layer order.

        ``exact=True`` keeps only those whose geometry itself intersects the box.
        """
        import shapely

        box = shapely.box(*bbox)
        pos = self._data.sindex.query(box, predicate="intersects" if exact else None)
        return self._data.index.to_numpy()[np.sort(pos)]

    # ---------------------------------------------------------------------------- selection
    @property
    def selection(self) -> frozenset:
        return self._selection

    def select(self, fids: Iterable[int], mode: str = "replace") -> None:
        """Change the selection (``mode``: replace, add, remove, toggle); unknown fids are ignored."""
        fids = frozenset(self._existing(fids))
        if mode == "replace":
            new = fids
        elif mode == "add":
            new = self._selection | fids
        elif mode == "remove":
            new = self._selection - fids
        elif mode == "toggle":
            new = self._selection ^ fids
        else:
            raise ValueError(f"mode must be replace, add, remove or toggle, not {mode!r}")
        if new != self._selection:
            self._selection = new
            self.selection_changed.emit(new)

    def select_in_bbox(self, bbox, mode: str = "replace", *, exact: bool = True) -> None:
        self.select(self.features_in_bbox(bbox, exact=exact).tolist(), mode)

    def clear_selection(self) -> None:
        self.select((), "replace")

    def _existing(self, fids: Iterable[int]) -> list[int]:
        import pandas as pd

        arr = np.fromiter((int(f) for f in fids), dtype=np.int64)
        if not len(arr):
            return []
        return arr[pd.Index(arr).isin(self._data.index)].tolist()

    # ------------------------------------------------------------------------- out of here
    def to_file(self, path, **kwargs) -> Path:
        """Write the data with :func:`cim.io.vector.write_vector` (same keyword arguments)."""
        from cim.io.vector import write_vector

        return write_vector(self._data, path, **kwargs)

    def snapshot(self) -> VectorLayerSnapshot:
        """An immutable view for renderers: arrays of references, no geometry copied."""
        if "snap" not in self._cache:
            geoms = np.array(self._geometries(), dtype=object, copy=True)
            fids = np.array(self._data.index.to_numpy(), dtype=np.int64, copy=True)
            codes = self._type_codes().copy()
            for a in (geoms, fids, codes):
                a.flags.writeable = False
            self._cache["snap"] = (fids, geoms, codes)
        fids, geoms, codes = self._cache["snap"]
        return VectorLayerSnapshot(self.id, self._version, fids, geoms, codes, self.extent(),
                              MappingProxyType(copy.deepcopy(self._style)), self._selection, self.visible,
                              self.opacity, self.crs)
