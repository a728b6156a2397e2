"""Extents of layers and of the project, in the project CRS."""

from __future__ import annotations

import numpy as np

from layers.kinds import feature_frame, layer_kind


def layer_extent(rec, project_crs=None):
    """(minx, miny, maxx, maxy) of a layer, or None when it is empty."""
    try:
        gdf = feature_frame(rec)
        if gdf is not None:
            if len(gdf) == 0:
                return None
            if project_crs and gdf.crs is not None and not _same(gdf.crs, project_crs):
                gdf = gdf.to_crs(project_crs)
            b = gdf.total_bounds
        elif layer_kind(rec).draw == "raster":
            b = tuple(rec.data.info()["bounds"])
        else:
            return None
    except Exception:   # a layer whose extent cannot be read does not stop the others
        return None
    b = np.asarray(b, dtype=float)
    return tuple(b) if np.all(np.isfinite(b)) else None


def project_extent(project, cache=None):
    exts = [layer_extent(r, project.crs) for r in project.layers.values()]
    exts = [e for e in exts if e is not None]
    if not exts:
        return None
    a = np.array(exts)
    return (a[:, 0].min(), a[:, 1].min(), a[:, 2].max(), a[:, 3].max())


def _same(a, b) -> bool:
    from pyproj import CRS

    try:
        return CRS.from_user_input(a).equals(CRS.from_user_input(b), ignore_axis_order=True)
    except Exception:
        return True
