"""Assemble the clean district in local metres: layout, terrain, plots, buildings, networks, smart
elements. Defects are put in afterwards (``defects.py``), on the layers with ids."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from sample_data.gen.buildings import build_buildings, is_rectangle, plot_indicators
from sample_data.gen.dem import Dem, build_dem
from sample_data.gen.frame import rng
from sample_data.gen.graph import Network, StreetGraph
from sample_data.gen.layout import STATION_NAME, Layout, build_layout
from sample_data.gen.networks import build_drainage, build_water
from sample_data.gen.plots import assign_categories, build_faces
from sample_data.gen.utilities import build_energy, build_lighting, build_telecom

BUILDABLE = {"residential", "mixed_use", "public_service", "education", "health", "commercial",
             "technical_infrastructure", "industrial"}
SYMBOL = {"residential": "OM", "mixed_use": "HH", "public_service": "CC", "education": "GD", "health": "YT",
          "commercial": "TM", "green_space": "CX", "water": "MN", "transport": "GT",
          "technical_infrastructure": "HT", "industrial": "CN", "other": "K"}
CODE = {"residential": "ODT", "mixed_use": "HH", "public_service": "DVH", "education": "DGD", "health": "DYT",
        "commercial": "TMD", "green_space": "CXX", "water": "SON", "transport": "DGT",
        "technical_infrastructure": "DHT", "industrial": "SKC", "other": "TIN"}
# role -> (plot name or category, building name, IFC file, schema)
SMART_BUILDINGS = {
    "ioc": ("Trung tâm điều hành đô thị thông minh", "Trung tâm giám sát, điều hành đô thị thông minh tỉnh Phú Thọ",
            "ioc_centre.ifc", "IFC4"),
    "tower": ("mixed_use", "Tòa tháp hỗn hợp TOD Ga Việt Trì Tây", "hh_tower.ifc", "IFC4"),
    "school": ("Trường THCS Thụy Vân", "Trường THCS Thụy Vân – khối lớp học", "school_thcs.ifc", "IFC4"),
    "hospital": ("Bệnh viện đa khoa khu vực Việt Trì Tây", "Bệnh viện đa khoa khu vực Việt Trì Tây – khối kỹ thuật",
                 "hospital.ifc", "IFC4"),
    "office": ("commercial", "Tòa văn phòng Ga Việt Trì Tây", "office_2x3.ifc", "IFC2X3"),
}


@dataclass
class District:
    lay: Layout
    dem: Dem
    plots: list
    roles: list
    cats: list
    names: list
    ind: dict
    bld: dict
    street_graph: StreetGraph | None = None
    nets: dict[str, Network] = field(default_factory=dict)
    net_info: dict = field(default_factory=dict)
    smart_buildings: dict[str, int] = field(default_factory=dict)
    elements: object = None

    def bld_centroid(self, b: int) -> np.ndarray:
        return np.asarray(shapely.point_on_surface(self.bld["geometry"][b]).coords[0])


def build_district() -> District:
    lay = build_layout()
    dem = build_dem(lay.river_line)
    faces, _ = build_faces(lay)
    cats, names = assign_categories(faces, lay)
    bld = build_buildings(faces, cats, lay)
    with_bld = set(bld["plot"])
    for i, c in enumerate(cats):  # buildable parcels too small to build on become small gardens
        if c in BUILDABLE and i not in with_bld:
            cats[i], names[i] = "green_space", "Vườn hoa, sân chơi"
    plots = [f for f, _ in faces]
    roles = [r for _, r in faces]
    buildable = np.isin(cats, list(BUILDABLE))
    ind = plot_indicators(faces, cats, bld, buildable)
    ind["buildable"] = buildable
    d = District(lay=lay, dem=dem, plots=plots, roles=roles, cats=list(cats), names=list(names), ind=ind, bld=bld)
    _name_buildings(d)
    _pick_smart_buildings(d)
    _build_networks(d)
    from sample_data.gen.smart import build_smart

    d.elements = build_smart(d)
    return d


def _name_buildings(d: District) -> None:
    codes = plot_codes(d.cats)
    counter: dict[int, int] = {}
    names = []
    for p, label in zip(d.bld["plot"], d.bld["label"]):
        counter[p] = counter.get(p, 0) + 1
        base = d.names[p] if d.names[p] else label
        names.append(f"{label} {codes[p]}-{counter[p]}" if not d.names[p] else f"{base} – khối {counter[p]}")
    d.bld["name"] = names


def plot_codes(cats) -> list[str]:
    count: dict[str, int] = {}
    out = []
    for c in cats:
        count[c] = count.get(c, 0) + 1
        out.append(f"{SYMBOL[c]}-{count[c]:02d}")
    return out


def _pick_smart_buildings(d: District) -> None:
    geoms = d.bld["geometry"]
    plot = np.asarray(d.bld["plot"])
    st = d.lay.station
    used_plots = set()
    for role, (where, name, _, _) in SMART_BUILDINGS.items():
        if where in d.names:
            cand = [b for b in np.nonzero(plot == d.names.index(where))[0]]
        else:
            cand = [b for b in range(len(geoms)) if d.cats[plot[b]] == where]
        cand = [b for b in cand if is_rectangle(geoms[b]) and plot[b] not in used_plots
                and geoms[b].area >= 300.0]
        cand.sort(key=lambda b: (round(shapely.distance(geoms[b], st), 3), b))
        b = int(cand[0])
        used_plots.add(plot[b])
        d.smart_buildings[role] = b
        d.bld["name"][b] = name


def _build_networks(d: District) -> None:
    lay = d.lay
    pump_plot = d.plots[d.names.index("Trạm bơm tăng áp cấp nước")]
    water, g = build_water(lay, (0.0, 500.0), np.asarray(shapely.point_on_surface(pump_plot).coords[0]))
    d.street_graph = g
    drainage, dinfo = build_drainage(lay, d.dem)
    sub_plot = d.plots[d.names.index("Trạm biến áp 110 kV Thụy Vân")]
    energy, einfo = build_energy(g, sub_plot, d.plots, d.ind["gfa"])
    lighting, linfo = build_lighting(lay)
    # telecom: exchange beside the IOC building; radio sites and cabinets spread over the district
    ioc_b = d.smart_buildings["ioc"]
    ioc_plot = d.plots[d.bld["plot"][ioc_b]]
    exch = _inside_near(ioc_plot, d.bld_centroid(ioc_b), d.bld["geometry"][ioc_b])
    r = rng(6)
    sites = []
    for k, (x, y) in enumerate([(300, 300), (1100, 250), (1700, 350), (300, 1500), (900, 1700), (1650, 1200),
                                (620, 1000), (1850, 1850)]):
        sites.append((np.array([x, y], float) + r.uniform(-20, 20, 2), "radio_site", f"Trạm 5G số {k + 1}"))
    for k, (x, y) in enumerate([(500, 750), (1000, 500), (1500, 750), (750, 1250), (1250, 1500), (250, 1000),
                                (1750, 1750), (1250, 1000)]):
        sites.append((np.array([x, y], float) + [9.0, 9.0], "cabinet", f"Tủ cáp quang số {k + 1}"))
    sites = [(_off_buildings(xy, d), kind, nm) for xy, kind, nm in sites]
    telecom, tinfo = build_telecom(g, exch, sites)
    d.nets = {"water": water, "drainage": drainage, "energy": energy, "lighting": lighting, "telecom": telecom}
    d.net_info = {"water": {}, "drainage": dinfo, "energy": einfo, "lighting": linfo, "telecom": tinfo}


def _inside_near(plot, target, avoid) -> np.ndarray:
    """A point in ``plot`` outside ``avoid``, near ``target``."""
    free = shapely.difference(shapely.buffer(plot, -2.0), shapely.buffer(avoid, 3.0))
    return np.asarray(shapely.shortest_line(shapely.Point(target), free).coords[1])


def _off_buildings(xy, d: District) -> np.ndarray:
    """Move a point out of any building footprint (devices stand beside buildings, not inside)."""
    p = shapely.Point(xy)
    tree = shapely.STRtree(np.asarray(d.bld["geometry"], dtype=object))
    hit = tree.query(p, predicate="intersects")
    if len(hit) == 0:
        return np.asarray(xy, dtype=float)
    g = d.bld["geometry"][int(hit[0])]
    q = np.asarray(shapely.shortest_line(p, shapely.boundary(g)).coords[1])
    v = q - np.asarray(xy)
    return q + v / max(np.hypot(*v), 1e-9) * 3.0


__all__ = ["District", "build_district", "STATION_NAME", "SMART_BUILDINGS", "CODE", "plot_codes"]
