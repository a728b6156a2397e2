"""Spatial structure and properties of an IFC model: site → building → storey → element, with
property sets and quantities flattened into attributes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class Structure:
    """Who contains whom, by STEP id. ``building_of[id]`` is the building GlobalId of any product."""

    buildings: list = field(default_factory=list)            # IfcBuilding instances
    storeys_of: dict[str, list] = field(default_factory=dict)  # building guid -> storeys
    building_of: dict[int, str] = field(default_factory=dict)  # product id -> building guid
    storey_of: dict[int, str] = field(default_factory=dict)    # product id -> storey name
    site_of: dict[str, str] = field(default_factory=dict)      # building guid -> site guid


def read_structure(ifc) -> Structure:
    """Walk aggregation and containment once (no per-element queries)."""
    s = Structure(buildings=list(ifc.by_type("IfcBuilding")))
    children: dict[int, list] = {}
    for rel in ifc.by_type("IfcRelAggregates"):
        children.setdefault(rel.RelatingObject.id(), []).extend(rel.RelatedObjects)
    contained: dict[int, list] = {}
    for rel in ifc.by_type("IfcRelContainedInSpatialStructure"):
        contained.setdefault(rel.RelatingStructure.id(), []).extend(rel.RelatedElements)
    for site in ifc.by_type("IfcSite"):
        for ch in children.get(site.id(), []):
            if ch.is_a("IfcBuilding"):
                s.site_of[ch.GlobalId] = site.GlobalId
    for b in s.buildings:
        guid = b.GlobalId
        s.storeys_of[guid] = []
        stack, storey = [(b, None)], {}
        while stack:
            node, st_name = stack.pop()
            if node.is_a("IfcBuildingStorey"):
                s.storeys_of[guid].append(node)
                st_name = node.Name or node.GlobalId
            s.building_of[node.id()] = guid
            if st_name is not None:
                storey[node.id()] = st_name
            for ch in children.get(node.id(), []) + contained.get(node.id(), []):
                stack.append((ch, st_name))
        s.storey_of.update(storey)
    return s


def _plain(value):
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def psets_of(element, *, qtos: bool | None = None) -> dict[str, dict]:
    """Property sets (``qtos=False``), quantity sets (``qtos=True``) or both, as plain JSON values."""
    import ifcopenshell.util.element as el

    raw = el.get_psets(element, psets_only=qtos is False, qtos_only=qtos is True)
    return {name: {k: _plain(v) for k, v in props.items() if k != "id"} for name, props in raw.items()}


def find_property(psets: dict[str, dict], *names: str):
    """The first value of any property called one of ``names`` (case-insensitive), in any set."""
    wanted = {n.lower() for n in names}
    for props in psets.values():
        for k, v in props.items():
            if k.lower() in wanted and v not in (None, ""):
                return v
    return None


def element_table(ifc, structure: Structure, classes: tuple[str, ...] = ("IfcElement",)) -> list[dict]:
    """One row per element: guid, class, name, building, storey, psets/qtos as JSON text."""
    rows = []
    for cls in classes:
        for e in ifc.by_type(cls):
            rows.append({"guid": e.GlobalId, "ifc_class": e.is_a(), "name": e.Name or "",
                         "building_guid": structure.building_of.get(e.id(), ""),
                         "storey": structure.storey_of.get(e.id(), ""),
                         "psets": json.dumps(psets_of(e), ensure_ascii=False, default=str)})
    return rows
