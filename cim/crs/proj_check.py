"""Hand-typed ``+towgs84`` strings: is the VN-2000 → WGS 84 shift the right one, signed the right way?

EPSG:6960 ("VN-2000 to WGS 84 (2)") is published as a *Coordinate Frame* rotation (EPSG method 9607).
proj4's ``+towgs84=dx,dy,dz,rx,ry,rz,ds`` (and WKT1 ``TOWGS84[...]``) is read in the *Position
Vector* convention, so a correct string carries EPSG:6960's three rotations with their signs flipped.
Many published VN-2000 proj strings copy the EPSG values unflipped; near Hà Nội that puts every point
about 0.75 m off (computed here, not assumed).

The parameters come from PROJ's EPSG database (``CoordinateOperation.from_epsg(6960)``), never from
memory. A string is judged by where it puts points: it *matches* a convention when, at three test
points (Hà Nội, Đà Nẵng, Hồ Chí Minh City), it lands within 1 cm of EPSG:6960. The error reported is a
round trip at the Hà Nội point: VN-2000 → WGS 84 with the string's shift, back with EPSG:6960, and the
geodesic distance to where the point started. Only the Helmert is judged: VN-2000 uses the WGS 84
ellipsoid, and a different ellipsoid is a CRS-01 matter.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

UNFLIPPED = "unflipped"                # EPSG:6960 with the coordinate-frame signs left in +towgs84
THREE_PARAMETER = "three_parameter"    # translation only: an approximation of VN-2000
NOT_EPSG_6960 = "not_epsg_6960"        # 7 parameters that are not EPSG:6960 in either convention
MALFORMED = "malformed"                # neither 3 nor 7 numbers

POSITION_VECTOR = "position_vector"
COORDINATE_FRAME = "coordinate_frame"
TRANSLATION_ONLY = "translation_only"
UNKNOWN = "unknown"

HANOI_TEST_POINT = (105.85, 21.03)     # VN-2000 longitude, latitude: Hoàn Kiếm, Hà Nội
CHECK_POINTS = (HANOI_TEST_POINT, (108.22, 16.05), (106.70, 10.78))  # + Đà Nẵng, Hồ Chí Minh City
MATCH_TOLERANCE_M = 0.01


@dataclass(frozen=True)
class TowgsDiagnosis:
    """What is wrong with a towgs84 shift: a measurement (kind, convention, error in metres), not a finding —
    :func:`cim.crs.checks.check_layer_crs` turns it into the CRS-03 :class:`cim.findings.Finding`.

    ``kind``: one of UNFLIPPED, THREE_PARAMETER, NOT_EPSG_6960, MALFORMED. ``convention``: the
    convention the values match — COORDINATE_FRAME (EPSG:6960's published signs, wrong for
    ``+towgs84``), TRANSLATION_ONLY, or UNKNOWN. ``error_m``: round-trip position error in metres at
    ``test_point`` against EPSG:6960 (NaN when the string cannot be evaluated). ``expected``: the
    correct ``+towgs84`` value for EPSG:6960.
    """

    kind: str
    convention: str
    values: tuple[float, ...]
    error_m: float
    expected: str
    test_point: tuple[float, float] = HANOI_TEST_POINT

    @property
    def towgs84(self) -> str:
        return ",".join(repr(float(v)) for v in self.values)


_TOWGS84_RE = re.compile(r"(?:^|[\s+])\+?towgs84\s*=\s*(\S*)", re.IGNORECASE)
_WKT1_TOWGS84_RE = re.compile(r"\bTOWGS84\s*\[([^\]]*)\]", re.IGNORECASE)


def parse_towgs84(text: str) -> tuple[float, ...] | None:
    """The numbers of ``+towgs84=`` (proj4) or ``TOWGS84[...]`` (WKT1) as typed; None when absent.

    Raises ValueError when they are not numbers.
    """
    m = _WKT1_TOWGS84_RE.search(text)
    if m is None:
        m = _TOWGS84_RE.search(text)
    if m is None:
        return None
    raw = m.group(1).strip()
    if not raw:
        raise ValueError("empty towgs84")
    return tuple(float(v) for v in raw.split(","))


def expected_towgs84() -> str:
    """EPSG:6960 as a correct proj4 ``+towgs84=`` value (position-vector signs)."""
    from cim.crs import _inspect

    return _inspect.epsg6960().towgs84()


def is_text_crs(text: str) -> bool:
    """proj4 or WKT1: formats whose towgs84 must be read as typed (see the module docstring)."""
    head = text.lstrip().upper()
    return bool(re.match(r"\+?(PROJ|INIT|TOWGS84|DATUM|ELLPS)\s*=", head)) or head.startswith(
        ("GEOGCS", "PROJCS", "COMPD_CS", "GEOCCS"))


def _values_of(crs: Any) -> tuple[float, ...] | None:
    """towgs84 values as typed in proj4/WKT1 text, else those of any CRS pyproj reads as a bound CRS."""
    if isinstance(crs, str) and is_text_crs(crs):
        return parse_towgs84(crs)
    from pyproj.exceptions import CRSError

    from cim.crs import _inspect

    try:
        parsed = _inspect.to_crs(crs)
    except (CRSError, TypeError):
        return None  # unreadable: not a towgs84 matter (CRS-01 reports it)
    helmert = _inspect.bound_helmert(parsed)
    return helmert.values if helmert is not None else None


@functools.lru_cache(maxsize=256)
def roundtrip_error_m(values: tuple[float, ...], lon: float, lat: float) -> float:
    """Metres between (lon, lat) and its round trip: → WGS 84 with ``values`` → VN-2000 with EPSG:6960.

    The forward step is an explicit PROJ pipeline (``+proj=helmert +convention=position_vector``,
    what ``+towgs84`` means), not a CRS built from the string: PROJ ≥ 9.5 autocorrects some wrongly
    signed towgs84 values on import (PROJ PR #4172), which would hide the very error measured here.
    """
    from pyproj import Geod, Transformer

    from cim.crs.transform import get_transformer

    names = ("x", "y", "z", "rx", "ry", "rz", "s")
    helmert = " ".join(f"+{n}={float(v)!r}" for n, v in zip(names, values))
    convention = " +convention=position_vector" if len(values) == 7 else ""
    fwd = Transformer.from_pipeline(
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=push +v_3 "
        f"+step +proj=cart +ellps=WGS84 +step +proj=helmert {helmert}{convention} "
        "+step +inv +proj=cart +ellps=WGS84 +step +proj=pop +v_3 "
        "+step +proj=unitconvert +xy_in=rad +xy_out=deg")
    back = get_transformer("EPSG:4326", "EPSG:4756")
    lon_w, lat_w = fwd.transform(lon, lat)
    lon_b, lat_b = back.transform(lon_w, lat_w)
    if not all(math.isfinite(v) for v in (lon_b, lat_b)):
        return math.inf
    return abs(Geod(ellps="WGS84").inv(lon, lat, lon_b, lat_b)[2])


def _worst_error(values: tuple[float, ...]) -> float:
    return max(roundtrip_error_m(values, lon, lat) for lon, lat in CHECK_POINTS)


def check_towgs84(proj_string: Any) -> TowgsDiagnosis | None:
    """Judge the towgs84 shift of a proj4 string (or WKT1 ``TOWGS84``, or any bound CRS).

    Returns None when there is no towgs84 (an EPSG code or WKT without one is fine) or when it is
    EPSG:6960 in the position-vector convention. Otherwise a :class:`TowgsDiagnosis`: UNFLIPPED
    (EPSG:6960's coordinate-frame signs typed into ``+towgs84``), THREE_PARAMETER (translation only,
    approximate), NOT_EPSG_6960 (other 7 values) or MALFORMED (not 3 or 7 numbers).
    """
    expected = expected_towgs84()
    try:
        values = _values_of(proj_string)
    except ValueError:
        return TowgsDiagnosis(MALFORMED, UNKNOWN, (), math.nan, expected)
    if values is None:
        return None
    hanoi = HANOI_TEST_POINT
    if len(values) not in (3, 7):
        return TowgsDiagnosis(MALFORMED, UNKNOWN, values, math.nan, expected)
    if len(values) == 3 or not any(values[3:]):
        return TowgsDiagnosis(THREE_PARAMETER, TRANSLATION_ONLY, values,
                            roundtrip_error_m(values, *hanoi), expected)
    if _worst_error(values) <= MATCH_TOLERANCE_M:
        return None
    flipped = values[:3] + tuple(-r for r in values[3:6]) + values[6:]
    if _worst_error(flipped) <= MATCH_TOLERANCE_M:
        return TowgsDiagnosis(UNFLIPPED, COORDINATE_FRAME, values, roundtrip_error_m(values, *hanoi), expected)
    return TowgsDiagnosis(NOT_EPSG_6960, UNKNOWN, values, roundtrip_error_m(values, *hanoi), expected)
