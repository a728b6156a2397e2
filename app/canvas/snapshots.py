"""Immutable inputs for render jobs, captured on the UI thread, turned into snapshots in workers.

Capturing copies only references (the geometry object array, the fids and the style's columns), so
a later edit of the live GeoDataFrame cannot race with a render. Snapshots are cached per layer
version; a layer's version moves whenever its features, style or name change.
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass, replace

import numpy as np

from layers.kinds import feature_frame, layer_kind, layer_style
from layers.render.raster import snapshot_raster
from layers.render.snapshot import snapshot_vector


@dataclass(frozen=True, eq=False)
class LayerInput:
    layer_id: str
    kind: str                  # the render path: "features" or "raster" (layers.kinds.LayerKind.draw)
    key: tuple                 # (layer id, version, style json)
    style: dict
    geoms: np.ndarray | None = None
    fids: np.ndarray | None = None
    attributes: object = None  # a small DataFrame with the columns the style reads
    raster: object = None
    warp_to: str | None = None    # rasters in another CRS are warped to this one


@functools.lru_cache(maxsize=256)
def same_crs(a: str | None, b: str | None) -> bool:
    """CRS comparison on the UI thread only: pyproj objects are never created in render workers."""
    if not a or not b:
        return True
    from pyproj import CRS

    try:
        return CRS.from_user_input(a).equals(CRS.from_user_input(b), ignore_axis_order=True)
    except Exception:
        return a == b


def effective_style(rec) -> dict:
    """The layer's style, or a default one for its kind when it has none."""
    from app.i18n import current_language

    return layer_style(rec, current_language())


def _style_columns(style: dict) -> list[str]:
    cols = [style.get("field")] + [(style.get("label") or {}).get("field")]
    return [c for c in cols if c]


class SnapshotCache:
    """Layer id -> (key, input, snapshot). Thread-safe; builds happen in whichever thread asks."""

    def __init__(self) -> None:
        self._versions: dict[str, int] = {}
        self._inputs: dict[str, LayerInput] = {}
        self._snaps: dict[tuple, object] = {}
        self._lock = threading.Lock()
        self._building: dict[tuple, threading.Lock] = {}

    def bump(self, layer_id: str | None = None) -> None:
        """Mark a layer (or every layer) as changed."""
        ids = [layer_id] if layer_id else list(self._versions)
        for lid in ids:
            self._versions[lid] = self._versions.get(lid, 0) + 1
            self._inputs.pop(lid, None)

    def capture(self, rec, view_crs) -> LayerInput:
        """UI thread: the immutable input for ``rec`` at its current version (cached)."""
        ver = self._versions.setdefault(rec.id, 0)
        style = effective_style(rec)
        key = (rec.id, ver, json.dumps(style, sort_keys=True, default=str), str(view_crs))
        cached = self._inputs.get(rec.id)
        if cached is not None and cached.key == key:
            return cached
        gdf = feature_frame(rec)
        if gdf is not None:
            cols = [c for c in _style_columns(style) if c in gdf.columns]
            src = gdf.crs.to_string() if gdf.crs is not None else rec.crs
            geoms = np.array(gdf.geometry.array, dtype=object)
            if not same_crs(src, str(view_crs)):     # reprojected here, once per layer version
                from cim.crs.transform import reproject_geometries

                geoms = np.asarray(reproject_geometries(geoms, src, view_crs), dtype=object)
            inp = LayerInput(rec.id, "features", key, style, geoms=geoms,
                             fids=gdf.index.to_numpy(dtype=np.int64, copy=True),
                             attributes=gdf[cols].copy() if cols else None)
        else:
            warp = None if same_crs(rec.crs, str(view_crs)) else str(view_crs)
            inp = LayerInput(rec.id, layer_kind(rec).draw, key, style, raster=rec.data, warp_to=warp)
        self._inputs[rec.id] = inp
        return inp

    def snapshot(self, inp: LayerInput, view_crs=None):
        """Any thread: the snapshot for ``inp``, built once."""
        with self._lock:
            snap = self._snaps.get(inp.key)
            if snap is not None:
                return snap
            lock = self._building.setdefault(inp.key, threading.Lock())
        with lock:
            snap = self._snaps.get(inp.key)
            if snap is None:
                snap = self._build(inp, view_crs)
                with self._lock:
                    stale = [k for k in self._snaps if k[0] == inp.layer_id and k != inp.key]
                    for k in stale:
                        del self._snaps[k]
                    self._snaps[inp.key] = snap
                    self._building.pop(inp.key, None)
        return snap

    def latest(self, layer_id: str):
        """The newest snapshot already built for a layer, or None."""
        inp = self._inputs.get(layer_id)
        return self._snaps.get(inp.key) if inp is not None else None

    @staticmethod
    def _build(inp: LayerInput, view_crs):
        if inp.kind == "features":
            return snapshot_vector(inp.layer_id, inp.attributes, inp.style, geoms=inp.geoms, fids=inp.fids)
        if inp.kind == "raster":
            return replace(snapshot_raster(inp.layer_id, inp.raster, inp.style), warp_to=inp.warp_to)
        return None
