"""Which project layers the Networks panel offers: line layers to build from, built networks to load,
and the layers a validation reads (DEM, buildings, smart elements, plan boundary). No Qt here."""

from __future__ import annotations

from dataclasses import dataclass

from layers.kinds import has_table, table_layers

# systems a planner picks from (canonical names of cim.network.validate.canonical_system)
SYSTEMS = ("road", "water", "drainage", "sewer", "energy", "lighting", "telecom", "gas", "heating")
LINE_TYPES = ("LineString", "MultiLineString", "LinearRing")


@dataclass(frozen=True)
class NetworkSource:
    layer_id: str
    name: str
    system: str
    built: bool            # a network built by CIM Studio (edges + nodes layers), loaded as is
    nodes_name: str | None  # declared node layer (<name>_nodes) for a line layer


def _geometry_type(rec) -> str:
    src = rec.source if isinstance(rec.source, dict) else {}
    gt = src.get("geometry_type")
    if gt:
        return str(gt)
    data = rec.data
    return str(data.geom_type.iloc[0]) if len(data) else ""


def network_info(rec) -> dict | None:
    src = rec.source if isinstance(rec.source, dict) else {}
    info = src.get("network")
    return info if isinstance(info, dict) else None


def guess_system(rec) -> str:
    """The system a layer carries: a built network's own, the layer's ``system`` values, else its name."""
    from cim.network.validate import canonical_system

    info = network_info(rec)
    if info and info.get("system"):
        return _road(canonical_system(info["system"]))
    data = rec.data
    if "system" in data.columns and len(data):
        common = data["system"].dropna().astype(str)
        if len(common):
            return _road(canonical_system(common.mode().iat[0]))
    if rec.object_kind == "road":
        return "road"
    return _road(canonical_system(rec.name))


def _road(system: str) -> str:
    return "road" if system in ("road", "roads", "streets", "street", "traffic", "transport") else system


def network_sources(project) -> list[NetworkSource]:
    """Line layers and built networks of the project, in layer-tree order."""
    names = {r.name for r in project.layers.values()}
    out = []
    for rec in project.ordered_layers():
        if not has_table(rec):
            continue
        info = network_info(rec)
        if info is not None:
            if info.get("role") == "edges":
                out.append(NetworkSource(rec.id, rec.name, guess_system(rec), True, None))
            continue
        if _geometry_type(rec) not in LINE_TYPES:
            continue
        nodes = f"{rec.name}_nodes"
        out.append(NetworkSource(rec.id, rec.name, guess_system(rec), False, nodes if nodes in names else None))
    return out


def context_layers(project) -> dict[str, list]:
    """Candidate layers for each validation input, the most likely first."""
    vec = table_layers(project)
    rasters = [r for r in project.ordered_layers() if r.kind == "raster"]

    def first(kind: str, words: tuple[str, ...]):
        hit = [r for r in vec if r.object_kind == kind or any(w in r.name.lower() for w in words)]
        return hit + [r for r in vec if r not in hit]

    dem = sorted(rasters, key=lambda r: not any(w in r.name.lower() for w in ("dem", "dtm", "địa hình")))
    return {"dem": dem, "buildings": first("building", ("building", "công trình")),
            "smart": first("smart_element", ("smart",)), "boundary": first("boundary", ("boundary", "ranh giới"))}


def default_context(project) -> dict[str, str | None]:
    """Layer id per validation input when the project has a layer of that kind, else None."""
    kinds = {"buildings": "building", "smart": "smart_element", "boundary": "boundary"}
    out: dict[str, str | None] = {}
    for key, kind in kinds.items():
        hit = project.layers_of_kind(kind)
        out[key] = hit[0].id if hit else None
    dem = [r for r in context_layers(project)["dem"] if any(w in r.name.lower() for w in ("dem", "dtm", "địa hình"))]
    out["dem"] = dem[0].id if dem else None
    return out


def read_dem(rec):
    """``(array, transform, nodata)`` of a raster layer, as ``validate_network`` takes it."""
    with rec.data.open() as ds:
        return ds.read(1).astype(float), ds.transform, ds.nodata
