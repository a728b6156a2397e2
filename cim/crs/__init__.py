"""VN-2000 coordinate reference systems: the zone and province catalogue, transforms, CRS checks.

Importing ``cim.crs`` is cheap: pyproj, shapely and numpy are imported inside the functions that
need them (``tests/cim/crs/test_crs_package.py`` holds this).

* :mod:`cim.crs.catalogue` — zones (EPSG:4756, 3405/3406, 5896–5899, 9205–9218), the 63 legacy and
  34 post-2025 provinces, tolerant lookups, :func:`is_vn2000`.
* :mod:`cim.crs.transform` — cached transformers pinned to EPSG:6960 for VN-2000 ↔ WGS 84.
* :mod:`cim.crs.proj_check` — wrongly signed hand-typed ``+towgs84``.
* :mod:`cim.crs.checks` — CRS-01/02/03 for the rule pack.
"""

from cim.crs.catalogue import (
    ZONES,
    LegacyProvince,
    Province,
    ProvinceZones,
    Zone,
    find_legacy_province,
    find_province,
    fold_name,
    format_meridian,
    get_province,
    is_vn2000,
    legacy_provinces,
    province_zones,
    provinces,
    tm3_zone_for_meridian,
    zone_for_epsg,
)
from cim.crs.checks import check_layer_crs
from cim.crs.proj_check import TowgsDiagnosis, check_towgs84, expected_towgs84
from cim.crs.transform import get_transformer, reproject_geometries, to_wgs84, transform_xy

__all__ = [
    "ZONES", "LegacyProvince", "Province", "ProvinceZones", "TowgsDiagnosis", "Zone",
    "check_layer_crs", "check_towgs84", "expected_towgs84", "find_legacy_province", "find_province",
    "fold_name", "format_meridian", "get_province", "get_transformer", "is_vn2000", "legacy_provinces",
    "province_zones", "provinces", "reproject_geometries", "tm3_zone_for_meridian", "to_wgs84",
    "transform_xy", "zone_for_epsg",
]
