"""Parameters of a TOD study: radii, what counts as a park or an intermodal element, QCVN-like limits.

Every number a study may want to change lives here, with its provenance (DOMAIN.md labels):
[V] read in a legal text or a seed, [P] press or secondary source, [I] our own inference — a default
to be replaced by the study's own value, never a legal limit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

#: land-use categories counted in the mix entropy; K = len(MIX_CATEGORIES) = 8 [I].
#: Transport, water, technical infrastructure and "other" land are not activities and are left out.
MIX_CATEGORIES = ("residential", "mixed_use", "commercial", "public_service", "education", "health",
                  "green_space", "industrial")
#: intermodal and smart element types counted per catchment (element ``type`` codes, cim/model/systems.toml)
INTERMODAL_TYPES = ("bus_stop", "transfer_hub", "bike_share", "smart_parking", "ev_charger")
#: destinations of the 500 m access indicator: name -> plot categories (DOMAIN §7) [I]
ACCESS_DESTINATIONS = {"park": ("green_space",), "school": ("education",), "health": ("health",)}


@dataclass(frozen=True)
class CapacityDefaults:
    """QCVN-like thresholds above which an area needs an infrastructure-capacity check (TOD-03).

    All [I]: QCVN 01:2021/BXD sets per-plot limits, not catchment densities; these are placeholders a
    study replaces with the capacities of its own networks. Per-capita demands [I] estimate the load
    the capacity check must cover.
    """

    pop_density_pph: float = 250.0       # residents per hectare of catchment [I]
    job_density_jph: float = 300.0       # jobs per hectare of catchment [I]
    far_gross: float = 2.5               # GFA ÷ catchment area [I]
    water_l_per_person_day: float = 150.0   # domestic water demand [I]
    water_l_per_job_day: float = 45.0       # non-domestic water demand [I]
    power_kw_per_person: float = 0.5        # peak electricity demand [I]
    power_kw_per_job: float = 1.0           # peak electricity demand [I]


@dataclass(frozen=True)
class TodParams:
    """Everything a TOD study run depends on. Distances in metres of the project CRS."""

    radii: tuple[float, ...] = (400.0, 800.0, 1000.0)          # walk rings, DOMAIN §7 [P]
    bike_radii: tuple[float, ...] = (1000.0, 2000.0, 3000.0)   # bicycle/feeder catchments [P]
    walk_mode: str = "walk"
    bike_mode: str = "bicycle"
    buffer_m: float = 25.0            # half a street and its frontage around reached streets [I]
    max_snap_m: float = 150.0         # a station farther than this from every walkable node is "outside" [I]
    access_m: float = 500.0           # walk to parks / schools / health (DOMAIN §7)
    access_entry_m: float = 30.0      # a destination plot is entered from nodes this close to it [I]
    intersection_degree: int = 3      # nodes of degree ≥ 3 are intersections (DOMAIN §7)
    mix_categories: tuple[str, ...] = MIX_CATEGORIES
    intermodal_types: tuple[str, ...] = INTERMODAL_TYPES
    access_destinations: dict = field(default_factory=lambda: dict(ACCESS_DESTINATIONS))
    road_categories: tuple[str, ...] = ("transport",)
    parking_categories: tuple[str, ...] = ("parking",)
    parking_codes: tuple[str, ...] = ("P", "BDX", "DBX")      # plot codes of car parks [I]
    tod_radius_m: float = 1000.0      # TOD-01: Hồ Chí Minh City's 1 000 m [P]
    far_cap_factor: float = 1.5       # TOD-02: FAR up to 1.5 × the QCVN value [P]
    qcvn_far: float = 5.0             # QCVN FAR used when a plot carries no `far_qcvn` [I]
    capacity: CapacityDefaults = field(default_factory=CapacityDefaults)
    scorecard_ring: float = 800.0     # the ring whose walkshed the ITDP-style scorecard reads [I]

    def with_(self, **changes) -> TodParams:
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def max_radius(self) -> float:
        return max(self.radii) if self.radii else 0.0


def parse_radii(text: str) -> tuple[float, ...]:
    """``"400,800,1000"`` → (400.0, 800.0, 1000.0); explains bad input."""
    from cim.errors import CimInputError

    try:
        values = tuple(sorted({float(v) for v in str(text).replace(";", ",").split(",") if v.strip()}))
    except ValueError:
        raise CimInputError(None, f"radii {text!r} are not numbers",
                            hint="give metres separated by commas, e.g. 400,800,1000") from None
    if not values or min(values) <= 0:
        raise CimInputError(None, f"radii {text!r} must be positive distances in metres",
                            hint="e.g. 400,800,1000")
    return values
