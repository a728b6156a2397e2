"""Immutable render snapshots of vector layers: geometry arrays, bounds, per-feature colours.

A snapshot is built once per (data, style) version, possibly in a worker thread, and then only read,
so any number of render jobs can use it concurrently while the live layer keeps changing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from layers.render.style import ResolvedStyle, resolve_style

POINT, LINE, POLYGON = 0, 1, 2


@dataclass(frozen=True, eq=False)
class VectorSnapshot:
    layer_id: str
    geoms: np.ndarray          # (N,) shapely geometries in the view CRS, painter's order
    fids: np.ndarray           # (N,) int64 feature ids
    dims: np.ndarray           # (N,) int8: 0 point, 1 line, 2 polygon (-1 empty)
    minx: np.ndarray
    miny: np.ndarray
    maxx: np.ndarray
    maxy: np.ndarray
    style: ResolvedStyle
    extent: tuple[float, float, float, float]
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.fids)

    @property
    def tree(self):
        """An STRtree over the geometries, built on first use (thread-safe)."""
        with self._lock:
            tree = self._cache.get("tree")
            if tree is None:
                import shapely

                tree = shapely.STRtree(self.geoms)
                self._cache["tree"] = tree
            return tree

    def query(self, bounds) -> np.ndarray | slice:
        """Indices (ascending: painter's order) of the features whose box meets ``bounds``."""
        x0, y0, x1, y1 = bounds
        ex0, ey0, ex1, ey1 = self.extent
        if x0 <= ex0 and y0 <= ey0 and x1 >= ex1 and y1 >= ey1:
            return slice(None)
        if ex1 < x0 or ex0 > x1 or ey1 < y0 or ey0 > y1:
            return np.zeros(0, dtype=np.int64)
        if len(self.fids) < 20000:
            m = (self.maxx >= x0) & (self.minx <= x1) & (self.maxy >= y0) & (self.miny <= y1)
            return np.flatnonzero(m)
        import shapely

        idx = self.tree.query(shapely.box(x0, y0, x1, y1))
        idx.sort()
        return idx

    def index_of(self, fids) -> np.ndarray:
        """Positions of the given feature ids in this snapshot (missing ids are dropped)."""
        order = self._cache.get("fid_order")
        if order is None:
            order = np.argsort(self.fids, kind="stable")
            self._cache["fid_order"] = order
        fids = np.asarray(fids, dtype=np.int64)
        pos = np.searchsorted(self.fids, fids, sorter=order)
        pos = np.clip(pos, 0, max(len(order) - 1, 0))
        if len(order) == 0:
            return np.zeros(0, dtype=np.int64)
        hit = order[pos]
        return np.sort(hit[self.fids[hit] == fids])


def transform_geometries(geoms: np.ndarray, src_crs, dst_crs) -> np.ndarray:
    """Reproject shapely geometries on the fly (only when the CRSs differ), with the core's
    transformers (EPSG:6960 for VN-2000 <-> WGS 84)."""
    if not src_crs or not dst_crs:
        return geoms
    from pyproj import CRS

    if CRS.from_user_input(src_crs).equals(CRS.from_user_input(dst_crs), ignore_axis_order=True):
        return geoms
    from cim.crs.transform import reproject_geometries

    return np.asarray(reproject_geometries(geoms, src_crs, dst_crs), dtype=object)


def snapshot_vector(layer_id: str, frame, style: dict | None = None, *, src_crs=None, dst_crs=None,
                    geoms: np.ndarray | None = None, fids: np.ndarray | None = None) -> VectorSnapshot:
    """Snapshot a GeoDataFrame (or raw ``geoms``/``fids`` arrays with ``frame`` holding attributes)."""
    import shapely

    if geoms is None:
        geoms = np.asarray(frame.geometry.array, dtype=object) if frame is not None else np.zeros(0, object)
        if src_crs is None and frame is not None and getattr(frame, "crs", None) is not None:
            src_crs = frame.crs
    geoms = np.asarray(geoms, dtype=object)
    if fids is None:
        fids = frame.index.to_numpy(dtype=np.int64) if frame is not None else np.arange(len(geoms))
    geoms = transform_geometries(geoms, src_crs, dst_crs)
    b = shapely.bounds(geoms)
    dims = shapely.get_dimensions(geoms).astype(np.int8)
    empty = ~np.isfinite(b[:, 0])
    dims[empty] = -1
    b[empty] = 0.0
    if (~empty).any():
        extent = (float(b[~empty, 0].min()), float(b[~empty, 1].min()),
                  float(b[~empty, 2].max()), float(b[~empty, 3].max()))
    else:
        extent = (0.0, 0.0, 0.0, 0.0)
    resolved = resolve_style(style, frame, len(geoms))
    return VectorSnapshot(layer_id=layer_id, geoms=geoms, fids=np.asarray(fids, dtype=np.int64), dims=dims,
                          minx=np.ascontiguousarray(b[:, 0]), miny=np.ascontiguousarray(b[:, 1]),
                          maxx=np.ascontiguousarray(b[:, 2]), maxy=np.ascontiguousarray(b[:, 3]),
                          style=resolved, extent=extent)


def subset(snap: VectorSnapshot, index: np.ndarray, style: ResolvedStyle | None = None,
           layer_id: str | None = None) -> VectorSnapshot:
    """A snapshot of some features of ``snap`` (e.g. the selection) with another style."""
    index = np.asarray(index, dtype=np.int64)
    n = len(index)
    st = style or ResolvedStyle(fill=snap.style.fill[index], stroke=snap.style.stroke[index],
                                width=snap.style.width, size=snap.style.size, marker=snap.style.marker)
    if len(st.fill) != n:
        st = ResolvedStyle(fill=np.resize(st.fill, n), stroke=np.resize(st.stroke, n), width=st.width,
                           size=st.size, marker=st.marker, opacity=st.opacity)
    if n:
        extent = (float(snap.minx[index].min()), float(snap.miny[index].min()),
                  float(snap.maxx[index].max()), float(snap.maxy[index].max()))
    else:
        extent = (0.0, 0.0, 0.0, 0.0)
    return VectorSnapshot(layer_id=layer_id or snap.layer_id, geoms=snap.geoms[index], fids=snap.fids[index],
                          dims=snap.dims[index], minx=snap.minx[index], miny=snap.miny[index],
                          maxx=snap.maxx[index], maxy=snap.maxy[index], style=st, extent=extent)
