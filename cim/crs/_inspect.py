"""Reading pyproj CRS objects: datum, towgs84 Helmert, transverse-Mercator parameters.

Internal helpers shared by the catalogue, the transforms and the checks. pyproj is imported inside
the functions only, so importing this module stays cheap.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from pyproj import CRS

# Datum names pyproj reports for VN-2000, folded (lower case, letters and digits only): the EPSG
# name "Vietnam 2000", ESRI's "D_Vietnam_2000", GDAL WKT1's "Vietnam_2000".
_VN2000_DATUM_KEYS = {"vietnam2000", "dvietnam2000", "vn2000"}
VN2000_DATUM_CODE = 6756
HN72_DATUM_CODE = 6147  # Hanoi 1972, the datum VN-2000 replaced

# A bound CRS on the WGS 84 ellipsoid whose towgs84 translation lies within this many metres of
# EPSG:6960's is taken to *mean* VN-2000 (a hand-typed proj4 string); CRS-03 then judges the rest.
VN2000_TRANSLATION_TOLERANCE_M = 10.0

# EPSG method codes of the 7-parameter Helmert, 2D and 3D domains.
_PV_METHODS = {9606, 1037, 1033}   # Position Vector transformation (geog2D / geog3D / geocentric)
_CF_METHODS = {9607, 1038, 1032}   # Coordinate Frame rotation (geog2D / geog3D / geocentric)
_TRANSLATION_METHODS = {9603, 1035, 1031}  # Geocentric translations


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def to_crs(crs: Any) -> CRS:
    """``pyproj.CRS.from_user_input`` (raises ``pyproj.exceptions.CRSError`` when unreadable)."""
    from pyproj import CRS

    if isinstance(crs, CRS):
        return crs
    return CRS.from_user_input(crs)


def horizontal(crs: CRS) -> CRS:
    """The horizontal part of a compound CRS (VN-2000 / TM-3 + Hòn Dấu height), else ``crs``."""
    if crs.is_compound and crs.sub_crs_list:
        return crs.sub_crs_list[0]
    return crs


def unbound(crs: CRS) -> CRS:
    """The source CRS of a bound CRS (proj4 ``+towgs84``, WKT1 ``TOWGS84``), else ``crs``."""
    return crs.source_crs if crs.is_bound and crs.source_crs is not None else crs


def has_vn2000_datum(crs: CRS) -> bool:
    """True when the (horizontal, unbound) CRS names the VN-2000 datum (EPSG:6756)."""
    geod = unbound(horizontal(crs)).geodetic_crs
    if geod is None or geod.datum is None:
        return False
    datum = geod.datum
    ident = datum.to_json_dict().get("id") or {}
    if ident.get("authority") == "EPSG" and ident.get("code") == VN2000_DATUM_CODE:
        return True
    return _fold(datum.name) in _VN2000_DATUM_KEYS


def has_hn72_datum(crs: CRS) -> bool:
    geod = unbound(horizontal(crs)).geodetic_crs
    if geod is None or geod.datum is None:
        return False
    ident = geod.datum.to_json_dict().get("id") or {}
    return ident.get("code") == HN72_DATUM_CODE or _fold(geod.datum.name) in {"hanoi1972", "dhanoi1972"}


def on_wgs84_ellipsoid(crs: CRS) -> bool:
    ell = unbound(horizontal(crs)).ellipsoid
    if ell is None:
        return False
    return (abs(ell.semi_major_metre - 6378137.0) < 1e-3
            and abs(ell.inverse_flattening - 298.257223563) < 1e-6)


@dataclass(frozen=True)
class Helmert:
    """A Helmert datum shift to WGS 84 in the **position-vector** convention (proj4 ``+towgs84``).

    Translations in metres, rotations in arc-seconds, scale difference in ppm. ``values`` has 3 items
    for a translation-only shift, 7 otherwise.
    """

    values: tuple[float, ...]

    @property
    def translation(self) -> tuple[float, float, float]:
        return self.values[0], self.values[1], self.values[2]

    def towgs84(self) -> str:
        return ",".join(repr(float(v)) for v in self.values)


def _param_values(op: Any) -> list[float]:
    """Helmert parameters of a pyproj CoordinateOperation, in m, arc-seconds and ppm (EPSG order)."""
    by_code = {p.code: p for p in op.params}
    out = []
    for code in ("8605", "8606", "8607", "8608", "8609", "8610", "8611"):
        p = by_code.get(code) or by_code.get(int(code))
        if p is None:
            break
        value = float(p.value)
        unit = (p.unit_name or "").lower()
        if code in ("8608", "8609", "8610") and "arc-second" not in unit and p.unit_conversion_factor:
            value = math.degrees(value * p.unit_conversion_factor) * 3600.0
        if code == "8611" and "million" not in unit and p.unit_conversion_factor:
            value = value * p.unit_conversion_factor * 1e6
        out.append(value)
    return out


def operation_helmert(op: Any) -> Helmert | None:
    """The position-vector Helmert of a transformation, flipping rotations of a coordinate-frame one."""
    method = int(op.method_code) if str(op.method_code).isdigit() else None
    values = _param_values(op)
    if method in _TRANSLATION_METHODS and len(values) >= 3:
        return Helmert(tuple(values[:3]))
    if len(values) != 7 or method not in _PV_METHODS | _CF_METHODS:
        return None
    if method in _CF_METHODS:
        values[3:6] = [-v for v in values[3:6]]
    return Helmert(tuple(values))


def bound_helmert(crs: CRS) -> Helmert | None:
    """The towgs84 shift a bound CRS carries (position-vector convention), or None."""
    crs = horizontal(crs)
    if not crs.is_bound or crs.coordinate_operation is None:
        return None
    return operation_helmert(crs.coordinate_operation)


@functools.lru_cache(maxsize=1)
def epsg6960() -> Helmert:
    """EPSG:6960 "VN-2000 to WGS 84 (2)", read from PROJ's EPSG database, as a position-vector Helmert.

    EPSG publishes it as a Coordinate Frame rotation (method 9607); ``operation_helmert`` flips the
    rotation signs, so ``epsg6960().towgs84()`` is what a correct proj4 ``+towgs84=`` must hold.
    """
    from pyproj.crs import CoordinateOperation

    op = CoordinateOperation.from_epsg(6960)
    helmert = operation_helmert(op)
    if helmert is None or len(helmert.values) != 7:  # pragma: no cover - PROJ database changed
        raise RuntimeError(f"EPSG:6960 is no longer a 7-parameter Helmert in PROJ ({op.method_name})")
    return helmert


def translation_near_vn2000(helmert: Helmert) -> bool:
    ref = epsg6960().translation
    return math.dist(helmert.translation, ref) <= VN2000_TRANSLATION_TOLERANCE_M


def is_vn2000_crs(crs: CRS) -> bool:
    """VN-2000 datum by name/code, or a WGS 84-ellipsoid bound CRS whose towgs84 is a VN-2000 shift."""
    if has_vn2000_datum(crs):
        return True
    helmert = bound_helmert(crs)
    return helmert is not None and on_wgs84_ellipsoid(crs) and translation_near_vn2000(helmert)


@dataclass(frozen=True)
class TransverseMercator:
    central_meridian: float
    scale_factor: float
    false_easting: float
    false_northing: float
    latitude_of_origin: float

    @property
    def is_tm3(self) -> bool:
        """Vietnam's TM-3 convention: k = 0.9999, false easting 500 000 m, origin on the equator."""
        return (abs(self.scale_factor - 0.9999) < 1e-9 and abs(self.false_easting - 500000.0) < 1e-6
                and abs(self.false_northing) < 1e-6 and abs(self.latitude_of_origin) < 1e-9)

    @property
    def is_utm(self) -> bool:
        return abs(self.scale_factor - 0.9996) < 1e-9 and abs(self.false_easting - 500000.0) < 1e-6


_TM_CODES = {"8802": "central_meridian", "8805": "scale_factor", "8806": "false_easting",
             "8807": "false_northing", "8801": "latitude_of_origin"}


def transverse_mercator(crs: CRS) -> TransverseMercator | None:
    """The transverse-Mercator parameters of a projected CRS (degrees, metres), or None."""
    crs = unbound(horizontal(crs))
    op = crs.coordinate_operation if crs.is_projected else None
    if op is None or "transverse mercator" not in (op.method_name or "").lower():
        return None
    found: dict[str, float] = {"false_northing": 0.0, "latitude_of_origin": 0.0}
    for p in op.params:
        key = _TM_CODES.get(str(p.code))
        if key is None:
            continue
        value = float(p.value)
        if key in ("central_meridian", "latitude_of_origin") and p.unit_conversion_factor:
            value = math.degrees(value * p.unit_conversion_factor)
        elif key in ("false_easting", "false_northing") and p.unit_conversion_factor:
            value = value * p.unit_conversion_factor
        found[key] = value
    if not {"central_meridian", "scale_factor", "false_easting"} <= found.keys():
        return None
    return TransverseMercator(**found)


def describe(crs: CRS, *, limit: int = 90) -> str:
    """A short human name: "VN-2000 / TM-3 104-45 (EPSG:9208)", or the start of its proj string."""
    import warnings

    code = crs.to_epsg(min_confidence=90) if not crs.is_bound else None
    name = crs.name or ""
    if not name or name.lower().startswith("unknown"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "you will likely lose projection information"
            name = crs.to_proj4() or crs.to_string() or "?"
        name = " ".join(name.split())
        if len(name) > limit:
            name = name[: limit - 1] + "…"
        name = f"“{name}”"
    return f"{name} (EPSG:{code})" if code else name
