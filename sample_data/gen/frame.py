"""Where the sample district is and how its local coordinates map to EPSG:9208."""

from __future__ import annotations

from functools import cache

import numpy as np

CRS = "EPSG:9208"  # VN-2000 / TM-3 104-45, Phú Thọ
CENTRE_LONLAT = (105.38, 21.33)  # WGS 84, near Việt Trì
SIZE = 2000.0  # the district is SIZE × SIZE metres
SEED = 20260115  # every random draw derives from this
FIXED_DATE = "2026-01-15T09:00:00"  # timestamps written into files (GPKG, IFC headers)


@cache
def origin() -> tuple[float, float]:
    """EPSG:9208 coordinates of the local origin (south-west corner), on a 10 m grid."""
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    e, n = t.transform(*CENTRE_LONLAT)
    return float(round((e - SIZE / 2) / 10.0) * 10.0), float(round((n - SIZE / 2) / 10.0) * 10.0)


def rng(stream: int) -> np.random.Generator:
    """A generator for one named part of the district (streams keep parts independent)."""
    return np.random.default_rng([SEED, stream])


def to_world(geoms):
    """Local shapely geometries → EPSG:9208, rounded to the millimetre (vectorised)."""
    import shapely

    e0, n0 = origin()
    arr = np.asarray(geoms, dtype=object)
    return shapely.transform(arr, lambda c: np.round(c + np.array([e0, n0]), 3))


def world_xy(xy: np.ndarray) -> np.ndarray:
    """Local coordinates (n × 2) → EPSG:9208, rounded to the millimetre."""
    e0, n0 = origin()
    return np.round(np.asarray(xy, dtype=float) + np.array([e0, n0]), 3)
