"""The taxonomy of city objects: kinds, their layer schemas, technical and smart systems, land use.

Everything here is data read from TOML files beside this module (``kinds.toml``, ``systems.toml``,
``landuse.toml``) into frozen dataclasses, on first use and cached. Nothing heavy is imported: this
module is safe to import from anywhere in the core.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

#: The technical network systems of INF-01 (DOMAIN.md §3), in display order.
NETWORK_SYSTEM_CODES: tuple[str, ...] = (
    "traffic", "transport", "energy", "lighting", "water", "drainage", "waste", "telecom")
#: The smart systems of DOMAIN.md §2, in display order.
SMART_SYSTEM_CODES: tuple[str, ...] = (
    "smart_traffic", "public_transport_parking", "smart_energy", "smart_lighting", "smart_water",
    "smart_drainage", "smart_waste", "smart_environment", "digital_infrastructure", "smart_buildings")
#: The kinds of city object, in display order.
KIND_CODES: tuple[str, ...] = (
    "boundary", "plot", "building", "road", "rail", "station", "station_platform", "station_entrance",
    "corridor", "tod_area", "water_body", "network_node", "network_edge", "smart_element")
#: Values of ``status`` on smart elements, networks, rail and stations.
STATUS_VALUES: tuple[str, ...] = ("existing", "planned")
#: Column dtypes a field may declare.
DTYPES: tuple[str, ...] = ("str", "int", "float", "bool", "date")
#: The CRS the sample district and new projects in Phú Thọ use (VN-2000 / TM-3 104-45).
DEFAULT_CRS = "EPSG:9208"


@dataclass(frozen=True)
class FieldSpec:
    """One column of a layer: name, dtype, whether it must exist and may be empty, labels."""

    name: str
    dtype: str
    required: bool = False
    label_vi: str = ""
    label_en: str = ""
    nullable: bool = True
    values: tuple[str, ...] | None = None  # allowed values, when an enumeration
    values_from: str | None = None  # a named vocabulary: landuse, smart_systems, element_types …

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en


@dataclass(frozen=True)
class _Named:
    """A record of the taxonomy: its code, its Vietnamese and English names, ``name(lang)``."""

    code: str
    name_vi: str
    name_en: str

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class Kind(_Named):
    """A kind of city object: code, id prefix, names, geometry type, default layer and fields."""

    prefix: str
    geometry_type: str
    layer: str  # may hold "{system}"
    fields: tuple[FieldSpec, ...]

    @property
    def per_system(self) -> bool:
        return "{system}" in self.layer

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.code} has no field {name!r}")

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def required_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.required)


@dataclass(frozen=True)
class NetworkSystem(_Named):
    """A technical network system (INF-01) with its node kinds and extra edge/node fields."""

    node_kinds: tuple[str, ...]
    edge_fields: tuple[FieldSpec, ...]
    node_fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class ElementType(_Named):
    """A type of smart element (``smart_lamp``, ``flood_sensor`` …) and the system it belongs to."""

    system: str


@dataclass(frozen=True)
class SmartSystem(_Named):
    """A smart system of DOMAIN.md §2 with its element types and the network it attaches to."""

    element_types: tuple[ElementType, ...]
    network: str | None = None

    def type_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.element_types)


@dataclass(frozen=True)
class LandUseCategory(_Named):
    """A QCVN 01:2021-style land-use category, its plan symbol and cadastral codes (first = primary)."""

    buildable: bool
    symbol: str
    cadastral_codes: tuple[str, ...]


# ------------------------------------------------------------------------------------------ loading
def _read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def _field(d: Mapping[str, Any]) -> FieldSpec:
    values = d.get("values")
    return FieldSpec(name=d["name"], dtype=d["dtype"], required=bool(d.get("required", False)),
                     label_vi=d.get("vi", ""), label_en=d.get("en", ""),
                     nullable=bool(d.get("nullable", True)),
                     values=tuple(values) if values is not None else None,
                     values_from=d.get("values_from"))


@cache
def kinds() -> dict[str, Kind]:
    """Every kind of city object by code, in display order."""
    data = _read_toml("kinds.toml")["kinds"]
    return {code: Kind(code=code, prefix=d["prefix"], name_vi=d["name_vi"], name_en=d["name_en"],
                       geometry_type=d["geometry"], layer=d["layer"],
                       fields=tuple(_field(f) for f in d["fields"]))
            for code, d in data.items()}


def get_kind(kind: str | Kind) -> Kind:
    """The :class:`Kind` for a code (or the kind itself); ``KeyError`` names the known codes."""
    if isinstance(kind, Kind):
        return kind
    try:
        return kinds()[kind]
    except KeyError:
        raise KeyError(f"unknown kind {kind!r}; known: {', '.join(kinds())}") from None


@cache
def _systems() -> dict[str, Any]:
    return _read_toml("systems.toml")


@cache
def network_systems() -> dict[str, NetworkSystem]:
    """The technical network systems (traffic, transport, energy, lighting, water, drainage …)."""
    return {code: NetworkSystem(code=code, name_vi=d["name_vi"], name_en=d["name_en"],
                                node_kinds=tuple(d["node_kinds"]),
                                edge_fields=tuple(_field(f) for f in d.get("edge_fields", [])),
                                node_fields=tuple(_field(f) for f in d.get("node_fields", [])))
            for code, d in _systems()["network_systems"].items()}


@cache
def smart_systems() -> dict[str, SmartSystem]:
    """The smart systems of DOMAIN.md §2 with their element types."""
    out = {}
    for code, d in _systems()["smart_systems"].items():
        types = tuple(ElementType(code=t["code"], system=code, name_vi=t["vi"], name_en=t["en"])
                      for t in d["element_types"])
        out[code] = SmartSystem(code=code, name_vi=d["name_vi"], name_en=d["name_en"],
                                element_types=types, network=d.get("network") or None)
    return out


@cache
def element_types() -> dict[str, ElementType]:
    """Every smart element type by code (codes are unique across systems)."""
    return {t.code: t for s in smart_systems().values() for t in s.element_types}


def system_of_element_type(type_code: str) -> str | None:
    """The smart system an element type belongs to, or ``None`` for an unknown type."""
    t = element_types().get(type_code)
    return t.system if t else None


# ------------------------------------------------------------------------------------------ layers
def layer_name(kind: str | Kind, system: str | None = None) -> str:
    """The default layer name of a kind (``plots``; ``net_water`` for network edges of ``water``)."""
    k = get_kind(kind)
    if k.per_system:
        if not system:
            raise ValueError(f"{k.code} layers are per technical system: give system=")
        return k.layer.format(system=system)
    return k.layer


def kind_for_layer(name: str) -> tuple[Kind, str | None] | None:
    """The kind (and technical system) a default layer name stands for, or ``None``.

    >>> kind_for_layer("net_drainage_nodes")[0].code, kind_for_layer("net_drainage_nodes")[1]
    ('network_node', 'drainage')
    """
    for k in kinds().values():
        if not k.per_system:
            if k.layer == name:
                return k, None
            continue
        head, tail = k.layer.split("{system}")
        if name.startswith(head) and name.endswith(tail) and len(name) > len(head) + len(tail):
            system = name[len(head):len(name) - len(tail)]
            if system in network_systems() and layer_name(k, system) == name:
                return k, system
    return None


def fields_for(kind: str | Kind, system: str | None = None) -> tuple[FieldSpec, ...]:
    """The fields of a kind's layer; network layers add their system's fields."""
    k = get_kind(kind)
    fields = k.fields
    if system is not None and k.code in ("network_node", "network_edge"):
        ns = network_systems()[system]
        extra = ns.node_fields if k.code == "network_node" else ns.edge_fields
        fields = fields + tuple(f for f in extra if f.name not in k.field_names())
    return fields


def vocabulary(name: str, *, system: str | None = None) -> tuple[str, ...]:
    """The allowed values of a named vocabulary (``values_from`` of a field)."""
    if name == "landuse":
        return tuple(landuse_categories())
    if name == "smart_systems":
        return tuple(smart_systems())
    if name == "element_types":
        return tuple(element_types())
    if name == "network_systems":
        return tuple(network_systems())
    if name == "node_kinds":
        systems = [system] if system else list(network_systems())
        return tuple(dict.fromkeys(k for s in systems for k in network_systems()[s].node_kinds))
    raise KeyError(f"unknown vocabulary {name!r}")


def allowed_values(field: FieldSpec, *, system: str | None = None) -> tuple[str, ...] | None:
    """The values a field may take, or ``None`` when it is free."""
    if field.values is not None:
        return field.values
    if field.values_from:
        return vocabulary(field.values_from, system=system)
    return None


# ------------------------------------------------------------------------------------------ land use
@cache
def landuse_categories() -> dict[str, LandUseCategory]:
    """The land-use categories of the default crosswalk, in display order."""
    return dict(load_crosswalk().categories)


class Crosswalk:
    """Land-use category ↔ cadastral code crosswalk; configurable per province (a TOML file)."""

    def __init__(self, categories: Iterable[LandUseCategory]) -> None:
        self.categories: dict[str, LandUseCategory] = {c.code: c for c in categories}
        self._by_code: dict[str, str] = {}
        for c in self.categories.values():
            if not c.cadastral_codes:
                raise ValueError(f"land-use category {c.code!r} has no cadastral code")
            for code in c.cadastral_codes:
                if code in self._by_code:
                    raise ValueError(f"cadastral code {code!r} is in both {self._by_code[code]!r} "
                                     f"and {c.code!r}")
                self._by_code[code] = c.code

    def category_of(self, code: str) -> str | None:
        """The category of a cadastral code (case-insensitive), or ``None`` when unknown."""
        return self._by_code.get(str(code).strip().upper())

    def codes_of(self, category: str) -> tuple[str, ...]:
        return self.categories[category].cadastral_codes

    def primary_code(self, category: str) -> str:
        return self.categories[category].cadastral_codes[0]

    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def categories_for(self, codes):
        """Vectorised :meth:`category_of` over a pandas Series (unknown codes become missing)."""
        return codes.astype("string").str.strip().str.upper().map(self._by_code)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {c.code: {"name_vi": c.name_vi, "name_en": c.name_en, "buildable": c.buildable,
                         "symbol": c.symbol, "codes": list(c.cadastral_codes)}
                for c in self.categories.values()}


def load_crosswalk(path: str | Path | None = None) -> Crosswalk:
    """The crosswalk from a TOML file shaped like ``cim/model/landuse.toml`` (the default)."""
    if path is None:
        data = _read_toml("landuse.toml")
    else:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return Crosswalk(LandUseCategory(code=code, name_vi=d["name_vi"], name_en=d["name_en"],
                                     buildable=bool(d.get("buildable", False)),
                                     symbol=d.get("symbol", code[:2].upper()),
                                     cadastral_codes=tuple(d["codes"]))
                     for code, d in data["categories"].items())
