"""What a CRS means on the ground at a place: metres per map unit and grid-north convergence."""

from __future__ import annotations

import functools
import math


@functools.lru_cache(maxsize=64)
def _crs_info(crs: str):
    from pyproj import CRS

    c = CRS.from_user_input(crs)
    factor = c.axis_info[0].unit_conversion_factor if c.axis_info else 1.0
    return c.is_geographic, float(factor or 1.0)


def metres_per_unit(crs: str | None, y: float = 0.0) -> float:
    """Ground metres per map unit along x for ``crs`` at latitude/northing ``y``.

    Projected CRSs: the axis unit (metre 1.0, US survey foot 0.3048…). Geographic CRSs: one degree of
    longitude at the latitude ``y`` (the scale of a plate carrée view). No CRS: metres are assumed.
    """
    if not crs:
        return 1.0
    geographic, factor = _crs_info(str(crs))
    if not geographic:
        return factor
    lat = max(-89.0, min(89.0, float(y)))
    return math.radians(1.0) * 6378137.0 * math.cos(math.radians(lat))


def grid_convergence(crs: str | None, x: float, y: float) -> float:
    """Degrees from grid north to true north at (x, y) of a projected ``crs`` (0 for geographic/none):
    a north arrow on the map is rotated by minus this angle."""
    if not crs:
        return 0.0
    geographic, _ = _crs_info(str(crs))
    if geographic:
        return 0.0
    from pyproj import CRS, Proj, Transformer

    c = CRS.from_user_input(str(crs))
    try:
        to_geo = Transformer.from_crs(c, c.geodetic_crs, always_xy=True)
        lon, lat = to_geo.transform(x, y)
        conv = Proj(c).get_factors(lon, lat).meridian_convergence
    except Exception:    # a CRS pyproj cannot take factors of: grid north is north
        return 0.0
    return float(conv) if math.isfinite(conv) else 0.0
