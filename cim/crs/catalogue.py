"""The VN-2000 coordinate catalogue: zones (EPSG codes), legacy and 2025 provinces, tolerant lookups.

Everything here is plain data and string handling; only :func:`is_vn2000` touches pyproj (imported
inside it). The zone table was read from PROJ's EPSG database (pyproj 3.7 / PROJ 9.5) and is checked
against it by ``tests/cim/crs/test_catalogue.py``.

Lookups (:func:`find_province`, :func:`find_legacy_province`) return ``None`` for a name they do not
know; :func:`province_zones` and :func:`get_province` raise :class:`cim.errors.CimInputError` whose
text names the unknown province and suggests the closest known names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from cim.crs.provinces import ALIASES, LEGACY_PROVINCES, PROVINCES_2025
from cim.errors import CimInputError

GEOGRAPHIC = "geographic"
UTM = "utm"
TM3_NATIONAL = "tm3_national"
TM3_PROVINCIAL = "tm3_provincial"


@dataclass(frozen=True)
class Zone:
    """One VN-2000 CRS: EPSG code, EPSG name, kind and central meridian in degrees (None if geographic)."""

    epsg: int
    name: str
    kind: str
    central_meridian: float | None

    @property
    def meridian_dm(self) -> str:
        """The central meridian as Vietnamese documents write it, e.g. ``104°45′``."""
        return format_meridian(self.central_meridian) if self.central_meridian is not None else "—"


# Read from pyproj (CRS.from_epsg(code).name and "Longitude of natural origin"); verified by the tests.
ZONES: tuple[Zone, ...] = (
    Zone(4756, "VN-2000", GEOGRAPHIC, None),
    Zone(3405, "VN-2000 / UTM zone 48N", UTM, 105.0),
    Zone(3406, "VN-2000 / UTM zone 49N", UTM, 111.0),
    Zone(5896, "VN-2000 / TM-3 zone 481", TM3_NATIONAL, 102.0),
    Zone(5897, "VN-2000 / TM-3 zone 482", TM3_NATIONAL, 105.0),
    Zone(5898, "VN-2000 / TM-3 zone 491", TM3_NATIONAL, 108.0),
    Zone(5899, "VN-2000 / TM-3 107-45", TM3_PROVINCIAL, 107.75),
    Zone(9205, "VN-2000 / TM-3 103-00", TM3_PROVINCIAL, 103.0),
    Zone(9206, "VN-2000 / TM-3 104-00", TM3_PROVINCIAL, 104.0),
    Zone(9207, "VN-2000 / TM-3 104-30", TM3_PROVINCIAL, 104.5),
    Zone(9208, "VN-2000 / TM-3 104-45", TM3_PROVINCIAL, 104.75),
    Zone(9209, "VN-2000 / TM-3 105-30", TM3_PROVINCIAL, 105.5),
    Zone(9210, "VN-2000 / TM-3 105-45", TM3_PROVINCIAL, 105.75),
    Zone(9211, "VN-2000 / TM-3 106-00", TM3_PROVINCIAL, 106.0),
    Zone(9212, "VN-2000 / TM-3 106-15", TM3_PROVINCIAL, 106.25),
    Zone(9213, "VN-2000 / TM-3 106-30", TM3_PROVINCIAL, 106.5),
    Zone(9214, "VN-2000 / TM-3 107-00", TM3_PROVINCIAL, 107.0),
    Zone(9215, "VN-2000 / TM-3 107-15", TM3_PROVINCIAL, 107.25),
    Zone(9216, "VN-2000 / TM-3 107-30", TM3_PROVINCIAL, 107.5),
    Zone(9217, "VN-2000 / TM-3 108-15", TM3_PROVINCIAL, 108.25),
    Zone(9218, "VN-2000 / TM-3 108-30", TM3_PROVINCIAL, 108.5),
)
_ZONES_BY_EPSG = {z.epsg: z for z in ZONES}
VN2000_EPSG_CODES: frozenset[int] = frozenset(_ZONES_BY_EPSG)


def format_meridian(degrees: float) -> str:
    """104.75 -> ``104°45′`` (rounded to the whole minute)."""
    minutes = round(degrees * 60)
    return f"{minutes // 60}°{minutes % 60:02d}′"


def zone_for_epsg(code: int | str) -> Zone | None:
    """The catalogue zone for an EPSG code (``9208``, ``"9208"`` or ``"EPSG:9208"``), else None."""
    if isinstance(code, str):
        m = re.fullmatch(r"\s*(?:epsg\s*:\s*)?(\d+)\s*", code, flags=re.IGNORECASE)
        if m is None:
            return None
        code = int(m.group(1))
    return _ZONES_BY_EPSG.get(int(code))


def tm3_zone_for_meridian(degrees: float) -> Zone | None:
    """The TM-3 zone with this central meridian: a provincial code if EPSG has one, else national."""
    minutes = round(degrees * 60)
    for kind in (TM3_PROVINCIAL, TM3_NATIONAL):
        for z in ZONES:
            if z.kind == kind and round(z.central_meridian * 60) == minutes:
                return z
    return None


# ----------------------------------------------------------------------------------- provinces

@dataclass(frozen=True)
class _Named:
    """A province or centrally-run city: its name and kind (tỉnh, thành phố)."""

    name: str
    kind: str

    @property
    def full_name(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"


@dataclass(frozen=True)
class LegacyProvince(_Named):
    """One of the 63 provinces before 1/7/2025, with its official central meridian and TM-3 zone."""

    central_meridian: float
    epsg: int
    successor: str


@dataclass(frozen=True)
class ProvinceZones:
    """The zones a province's data may use: ``default`` first in ``allowed``, then legacy ones."""

    default: int
    allowed: tuple[int, ...]

    @property
    def meridians(self) -> tuple[float, ...]:
        return tuple(_ZONES_BY_EPSG[c].central_meridian for c in self.allowed)


@dataclass(frozen=True)
class Province(_Named):
    """One of the 34 provinces and cities from 1/7/2025 (Resolution 202/2025/QH15)."""

    legacy: tuple[str, ...]
    zones: ProvinceZones

    @property
    def merged(self) -> bool:
        return len(self.legacy) > 1


_PREFIXES = ("thanh pho", "thu do", "tinh", "tp", "t p", "city of", "province of")
_SUFFIXES = ("province", "city", "municipality")


def fold_name(name: str) -> str:
    """A lookup key: no case, no diacritics, no spaces/punctuation, no "tỉnh"/"thành phố"/"TP." prefix.

    ``fold_name("Tỉnh Phú Thọ") == fold_name("phu tho") == fold_name("PhuTho") == "phutho"``.
    """
    text = name.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if text.startswith(p + " "):
                text, changed = text[len(p) + 1:], True
        for s in _SUFFIXES:
            if text.endswith(" " + s):
                text, changed = text[: -len(s) - 1], True
    return text.replace(" ", "")


def _build() -> tuple[dict[str, LegacyProvince], dict[str, Province]]:
    successor = {old: new for new, _kind, olds in PROVINCES_2025 for old in olds}
    legacy: dict[str, LegacyProvince] = {}
    for name, kind, (deg, minutes) in LEGACY_PROVINCES:
        meridian = deg + minutes / 60
        zone = tm3_zone_for_meridian(meridian)
        if zone is None:  # pragma: no cover - guarded by the tests
            raise ValueError(f"no VN-2000 TM-3 zone with central meridian {meridian} for {name}")
        legacy[name] = LegacyProvince(name, kind, meridian, zone.epsg, successor[name])
    provinces: dict[str, Province] = {}
    for name, kind, olds in PROVINCES_2025:
        codes = tuple(dict.fromkeys(legacy[o].epsg for o in olds))
        provinces[name] = Province(name, kind, olds, ProvinceZones(codes[0], codes))
    return legacy, provinces


_LEGACY, _PROVINCES = _build()
_LEGACY_KEYS = {fold_name(n): n for n in _LEGACY} | {fold_name(a): n for a, n in ALIASES.items()}
_PROVINCE_KEYS = {fold_name(n): n for n in _PROVINCES}


def legacy_provinces() -> tuple[LegacyProvince, ...]:
    """The 63 legacy provinces, in the order of Circular 973/2001's appendix."""
    return tuple(_LEGACY.values())


def provinces() -> tuple[Province, ...]:
    """The 34 provinces and centrally-run cities of 2025."""
    return tuple(_PROVINCES.values())


def find_legacy_province(name: str) -> LegacyProvince | None:
    """A pre-2025 province by any spelling ("vinh phuc", "Tỉnh Vĩnh Phúc", "TP.HCM"), else None."""
    hit = _LEGACY_KEYS.get(fold_name(name))
    return _LEGACY[hit] if hit else None


def find_province(name: str) -> Province | None:
    """A 2025 province by any spelling; a legacy name resolves to the province that absorbed it.

    ``find_province("phu tho")``, ``find_province("Tỉnh Phú Thọ")`` and ``find_province("Vĩnh Phúc")``
    all give Phú Thọ. Returns None for an unknown name.
    """
    key = fold_name(name)
    hit = _PROVINCE_KEYS.get(key)
    if hit:
        return _PROVINCES[hit]
    old = _LEGACY_KEYS.get(key)
    return _PROVINCES[_LEGACY[old].successor] if old else None


def get_province(name: str | Province) -> Province:
    """Like :func:`find_province` but raises ``CimInputError`` naming close matches when unknown."""
    if isinstance(name, Province):
        return name
    found = find_province(name) if isinstance(name, str) else None
    if found is not None:
        return found
    import difflib

    known = [p.name for p in _PROVINCES.values()] + [p.name for p in _LEGACY.values()]
    folded = {fold_name(k): k for k in known}
    close = [folded[k] for k in difflib.get_close_matches(fold_name(str(name)), folded, n=3, cutoff=0.6)]
    hint = ("did you mean " + ", ".join(close) + "?") if close else \
        "use one of the 34 provinces of Resolution 202/2025/QH15 or a pre-2025 province name"
    raise CimInputError(None, f"unknown province {name!r} (không rõ tỉnh/thành phố)", obj="province",
                        hint=hint)


def province_zones(name: str | Province) -> ProvinceZones:
    """Default and allowed zones: ``province_zones("Phú Thọ") == ProvinceZones(9208, (9208, 5897, 9211))``.

    Raises ``CimInputError`` for an unknown province.
    """
    return get_province(name).zones


def is_vn2000(crs: Any) -> bool:
    """True for a CRS on the VN-2000 datum: any input pyproj accepts ("EPSG:9208", 9208, WKT, proj4).

    Accepted: a CRS whose datum is VN-2000 (EPSG:6756; ESRI/GDAL spellings too), also inside a compound
    CRS; and a hand-typed proj4/WKT1 CRS on the WGS 84 ellipsoid whose towgs84 translation lies within
    10 m of EPSG:6960's (whether its rotations are signed right is CRS-03's business). ``None``,
    unreadable input and every other datum give False. Known VN-2000 EPSG codes answer without pyproj.
    """
    if crs is None:
        return False
    if isinstance(crs, int | str) and not isinstance(crs, bool):
        zone = zone_for_epsg(crs)
        if zone is not None:
            return True
    from pyproj.exceptions import CRSError

    from cim.crs import _inspect

    try:
        parsed = _inspect.to_crs(crs)
    except (CRSError, TypeError, ValueError):
        return False
    return _inspect.is_vn2000_crs(parsed)
