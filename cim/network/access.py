"""Who may use an edge, in which direction, and on which level — from CIM flags or OpenStreetMap tags.

Two kinds of line layers reach a network:

* CIM layers carry explicit flags per mode (``allow_walk``/``pedestrian``, ``allow_bike``, ``allow_car``/
  ``car``, ``allow_bus``/``bus``) and a ``oneway`` flag; a missing flag means "not allowed".
* OpenStreetMap ways (read by pyrosm, osmnx or GDAL's OSM driver) carry ``highway`` and optional access
  tags, as columns or inside a ``tags`` (JSON) or ``other_tags`` (GDAL hstore) column. A missing tag
  means "the default for this kind of way", as in routing engines (OSRM's ``foot.lua``/``bicycle.lua``/
  ``car.lua`` profiles and Valhalla's default access table):

  - walk: ``footway``, ``path``, ``pedestrian``, ``steps``, ``living_street``, ``residential``, ``service``,
    ``track``, ``unclassified``, ``road``, ``tertiary``, ``secondary``, ``primary`` (and their ``_link``),
    ``cycleway``, ``bridleway``, ``corridor``, ``platform``, ``pier``, ``elevator``; motorways and trunk
    roads only with ``foot=yes|designated|permissive`` or a mapped ``sidewalk``; ``sidewalk=no`` takes a
    primary/secondary road away from pedestrians unless ``foot`` allows it;
  - bicycle: every road but motorways, plus ``cycleway``, ``path``, ``track``, ``bridleway``; footways,
    pedestrian streets and steps only with ``bicycle=yes|designated|permissive``;
  - car and bus: motorway … ``service``, ``living_street``, ``road``; buses on arterial and collector roads
    or where ``bus``/``psv`` allows them;
  - overrides, most specific first (``foot`` then ``access`` for walking; ``bicycle``, ``vehicle``,
    ``access`` for cycling; ``motorcar``, ``motor_vehicle``, ``vehicle``, ``access`` for cars):
    ``yes``/``designated``/``permissive``/``destination`` open, ``no``/``private``/``agricultural``/
    ``forestry``/``delivery``/``use_sidepath`` close; only the mode's own tag (``foot``, ``bicycle``,
    ``motorcar``/``motor_vehicle``, ``bus``/``psv``) opens a way its class closes — ``access=permissive`` on a
    footway does not let cars in; ``construction``/``proposed``/``abandoned`` ways are
    never used;
  - one-way streets (``oneway=yes|1|true|-1``, ``junction=roundabout``, motorways) bind cyclists, cars and
    buses; ``oneway:bicycle=no`` exempts cyclists; pedestrians walk both ways.

Levels (grade separation): an integer ``layer`` (column or tag) wins, else the CIM ``grade`` (bridge +1,
tunnel −1), else OSM ``bridge=*`` (+1) or ``tunnel=*`` (−1; ``building_passage`` is at grade).
"""

from __future__ import annotations

import re

import numpy as np

OPEN = frozenset({"yes", "designated", "permissive", "destination", "customers", "official", "discouraged", "foot"})
CLOSED = frozenset({"no", "private", "agricultural", "forestry", "delivery", "use_sidepath", "emergency", "military"})
NEVER = frozenset({"construction", "proposed", "abandoned", "disused", "razed", "planned", "raceway",
                   "bus_guideway", "escape", "rest_area", "services"})
ROADS = frozenset({"primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
                   "unclassified", "residential", "road", "living_street", "service"})
MOTOR = frozenset({"motorway", "motorway_link", "trunk", "trunk_link"})
WALK_DEFAULT = ROADS | {"footway", "path", "pedestrian", "steps", "track", "cycleway", "bridleway", "corridor",
                        "platform", "pier", "elevator", "trail", "crossing", "sidewalk"}
BIKE_DEFAULT = ROADS | {"trunk", "trunk_link", "cycleway", "path", "track", "bridleway", "trail"}
CAR_DEFAULT = ROADS | MOTOR
SIDEWALK_NEEDED = frozenset({"primary", "primary_link", "secondary", "secondary_link"})
# tags that may open a way its highway class closes; the others (vehicle, access) only close or confirm
SPECIFIC = frozenset({"foot", "bicycle", "motorcar", "motor_vehicle", "bus", "psv"})
HIERARCHY = {"walk": ("foot", "access"), "bicycle": ("bicycle", "vehicle", "access"),
             "car": ("motorcar", "motor_vehicle", "vehicle", "access"), "bus": ("bus", "psv", "access")}
DEFAULTS = {"walk": WALK_DEFAULT, "bicycle": BIKE_DEFAULT, "car": CAR_DEFAULT, "bus": CAR_DEFAULT}
# explicit CIM flags per mode; "bicycle"/"bus" are flags only when boolean (in OSM they are tags)
FLAGS = {"walk": ("allow_walk", "pedestrian", "walk"), "bicycle": ("allow_bike", "bike"),
         "car": ("allow_car", "car"), "bus": ("allow_bus",)}
BOOL_FLAGS = {"bicycle": ("bicycle",), "bus": ("bus",)}
TRUTHY = frozenset({"1", "true", "yes", "y", "t", "có", "co", "x"})
FALSY = frozenset({"0", "false", "no", "n", "f", "không", "khong", ""})


def _norm(series):
    return series.astype("string").str.strip().str.lower()


def tag(frame, key: str):
    """Values of OSM tag ``key`` per row (lower-case strings, <NA> when absent): the column of that name,
    else the ``tags`` JSON / dict column (pyrosm, osmnx), else GDAL's ``other_tags`` hstore."""
    import pandas as pd

    if key in frame.columns:
        return _norm(frame[key])
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    for col in ("tags", "other_tags"):
        if col not in frame.columns:
            continue
        raw = frame[col]
        if raw.map(lambda t: isinstance(t, dict)).any():
            raw = raw.map(lambda t: t if not isinstance(t, dict) else
                          "{" + ",".join(f'"{k}":"{v}"' for k, v in t.items()) + "}")
        pat = r'["\']' + re.escape(key) + r'["\']\s*(?:=>|:)\s*["\']([^"\']*)["\']'
        found = raw.astype("string").str.extract(pat, expand=False)
        out = out.fillna(_norm(found))
    return out


def is_osm(frame) -> bool:
    """True when the frame carries OpenStreetMap ways (a ``highway`` value per row)."""
    return "highway" in frame.columns or (
        any(c in frame.columns for c in ("tags", "other_tags")) and tag(frame, "highway").notna().any())


def _is_bool_flag(series) -> bool:
    import pandas as pd

    if series.dtype == bool or str(series.dtype) == "boolean" or pd.api.types.is_numeric_dtype(series.dtype):
        return True
    vals = set(_norm(series).dropna().unique().tolist())
    return bool(vals) and vals <= (TRUTHY | FALSY)


def flag_column(frame, mode: str) -> str | None:
    """The explicit CIM flag column for ``mode`` (None when the frame has none)."""
    for name in FLAGS.get(mode, ()):
        if name in frame.columns:
            return name
    for name in BOOL_FLAGS.get(mode, ()):
        if name in frame.columns and (not is_osm(frame) or _is_bool_flag(frame[name])):
            return name
    return None


def osm_allowed(frame, mode: str) -> np.ndarray:
    """OSM access for ``mode`` ("walk", "bicycle", "car", "bus"): highway defaults, then tag overrides."""
    hw = tag(frame, "highway")
    has_hw = hw.notna().to_numpy(bool)
    hwv = hw.fillna("").to_numpy(dtype=object)
    allowed = np.isin(hwv, list(DEFAULTS[mode])) | ~has_hw          # a line without highway: open
    if mode == "walk":
        sidewalk = tag(frame, "sidewalk").fillna("").to_numpy(dtype=object)
        walked_along = np.isin(sidewalk, ["both", "left", "right", "yes", "separate"])
        allowed |= np.isin(hwv, list(MOTOR - {"motorway", "motorway_link"})) & walked_along
        allowed &= ~(np.isin(hwv, list(SIDEWALK_NEEDED)) & np.isin(sidewalk, ["no", "none"]))
    decided = np.zeros(len(frame), dtype=bool)
    for key in HIERARCHY[mode]:                                       # most specific tag first
        v = tag(frame, key).str.split(";").str[0].str.strip().fillna("").to_numpy(dtype=object)
        opens, closes = np.isin(v, list(OPEN)) & ~decided, np.isin(v, list(CLOSED)) & ~decided
        opened = True if key in SPECIFIC else allowed                # access=permissive on a footway: not cars
        allowed = np.where(opens, opened, np.where(closes, False, allowed))
        decided |= opens | closes
    if mode == "bus":
        from cim.network.osm import ARTERIAL, COLLECTOR

        major = np.isin(hwv, list(ARTERIAL | COLLECTOR))
        explicit = np.isin(np.r_[tag(frame, "bus").fillna("").to_numpy(dtype=object),
                                 tag(frame, "psv").fillna("").to_numpy(dtype=object)].reshape(2, -1),
                           list(OPEN)).any(axis=0)
        allowed = (allowed & major) | explicit
    allowed &= ~np.isin(hwv, list(NEVER))
    return allowed.astype(bool)


def osm_direction(frame, mode: str) -> np.ndarray:
    """+1 forward only, −1 backward only, 0 both ways, per row (pedestrians: always 0)."""
    n = len(frame)
    if mode not in ("bicycle", "car", "bus"):
        return np.zeros(n, dtype=np.int8)
    ow = tag(frame, "oneway").fillna("").to_numpy(dtype=object)
    hw = tag(frame, "highway").fillna("").to_numpy(dtype=object)
    junction = tag(frame, "junction").fillna("").to_numpy(dtype=object)
    d = np.where(np.isin(ow, ["yes", "true", "1"]), 1, np.where(np.isin(ow, ["-1", "reverse"]), -1, 0))
    implied = (ow == "") & (np.isin(hw, ["motorway", "motorway_link"]) | np.isin(junction, ["roundabout", "circular"]))
    d = np.where(implied, 1, d)
    if mode == "bicycle":
        exempt = tag(frame, "oneway:bicycle").fillna("").to_numpy(dtype=object) == "no"
        exempt |= np.isin(tag(frame, "cycleway").fillna("").to_numpy(dtype=object),
                          ["opposite", "opposite_lane", "opposite_track"])
        d = np.where(exempt, 0, d)
    return d.astype(np.int8)


def mode_access(frame, mode: str) -> tuple[np.ndarray, np.ndarray]:
    """(allowed, direction) per row for a travel mode; see the module docstring for the rules."""
    from cim.network.model import as_bool, find_column

    n = len(frame)
    if mode == "any":
        return np.ones(n, dtype=bool), np.zeros(n, dtype=np.int8)
    flag = flag_column(frame, mode)
    osm = is_osm(frame)
    if flag is not None:
        allowed = as_bool(frame[flag])
    elif osm or any(k in frame.columns for k in HIERARCHY[mode]):
        allowed = osm_allowed(frame, mode)
    else:
        allowed = np.ones(n, dtype=bool)
    if mode not in ("bicycle", "car", "bus"):
        return allowed, np.zeros(n, dtype=np.int8)
    ow = find_column(frame, "oneway")
    if osm:
        direction = osm_direction(frame, mode)
    elif ow is not None:
        txt = _norm(frame[ow]).fillna("").to_numpy(dtype=object)
        direction = np.where(txt == "-1", -1, as_bool(frame[ow]).astype(int)).astype(np.int8)
    else:
        direction = np.zeros(n, dtype=np.int8)
    return allowed, direction


def levels(frame) -> np.ndarray:
    """Vertical level per row: integer ``layer`` (column or tag), else CIM ``grade``, else OSM bridge/tunnel."""
    import pandas as pd

    from cim.network.model import GRADE_LEVEL, find_column

    n = len(frame)
    level = np.zeros(n, dtype=np.int64)
    gcol = find_column(frame, "grade")
    if gcol is not None:
        g = _norm(frame[gcol]).fillna("")
        level = g.map(lambda v: GRADE_LEVEL.get(v, 0)).to_numpy(dtype=np.int64)
    else:
        bridge = tag(frame, "bridge").fillna("no").to_numpy(dtype=object)
        tunnel = tag(frame, "tunnel").fillna("no").to_numpy(dtype=object)
        off = ["no", "false", "0", ""]
        level = np.where(~np.isin(bridge, off), 1,
                         np.where(~np.isin(tunnel, off + ["building_passage"]), -1, 0)).astype(np.int64)
    lay = pd.to_numeric(tag(frame, "layer").str.extract(r"^\s*([+-]?\d+)")[0], errors="coerce").to_numpy(float)
    return np.where(np.isfinite(lay), lay, level).astype(np.int64)
