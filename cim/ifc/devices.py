"""Smart devices in IFC (IfcSensor, IfcActuator, IfcLightFixture …) → smart elements of the taxonomy.

The IFC class (and PredefinedType) → (smart system, element type) mapping is ``devices.toml`` beside
this module; its codes are those of ``cim/model/systems.toml``. Interface fields come from any property
set that carries them (``CIM_DataInterface`` is what the shipped IDS asks for; common aliases are read
too).
"""

from __future__ import annotations

import tomllib
from importlib import resources

import numpy as np

from cim.ifc.georef import Georef
from cim.ifc.structure import Structure, find_property, psets_of

#: (IFC class, PredefinedType or None) -> (smart system, element type), from ``devices.toml``
_TABLE = tomllib.loads(resources.files(__package__).joinpath("devices.toml").read_text(encoding="utf-8"))
DEVICE_MAP: dict[tuple[str, str | None], tuple[str, str]] = {
    (cls, None if pre == "*" else pre): tuple(hit) for cls, by_type in _TABLE.items() for pre, hit in by_type.items()}
DEVICE_CLASSES = tuple(sorted({c for c, _ in DEVICE_MAP}))
SMART_COLUMNS = ("cim_id", "name", "type", "system", "status", "operator", "interface_protocol",
                 "interface_interval_s", "interface_target", "open_standard", "network_node_id",
                 "building_id", "ifc_guid", "ifc_class", "ifc_file", "building_guid", "z")


def classify(ifc_class: str, predefined: str | None) -> tuple[str, str]:
    hit = DEVICE_MAP.get((ifc_class, (predefined or "").upper() or None))
    return hit or DEVICE_MAP.get((ifc_class, None), ("smart_buildings", "bms"))


def _check_codes() -> None:
    """The mapping uses the taxonomy's codes (when the taxonomy module is installed)."""
    try:
        from cim.model.taxonomy import smart_systems
    except ImportError:
        return
    systems = smart_systems()
    for system, etype in DEVICE_MAP.values():
        codes = {e.code for e in systems[system].element_types}
        if etype not in codes:
            raise AssertionError(f"{etype} is not an element type of {system}")


def device_rows(ifc, structure: Structure, georef: Georef, *, ifc_file: str = "") -> list[dict]:
    """One row per device with its map position (``geometry`` key: (E, N) tuple)."""
    import ifcopenshell.util.placement as placement

    elements = []
    for cls in DEVICE_CLASSES:
        try:
            elements.extend(ifc.by_type(cls, include_subtypes=False))
        except RuntimeError:  # the class does not exist in this schema (IFC2X3)
            continue
    if not elements:
        return []
    local = np.array([placement.get_local_placement(e.ObjectPlacement)[:3, 3] if e.ObjectPlacement else
                      np.zeros(3) for e in elements])
    enh = georef.map_from_local_units(local)
    rows = []
    for e, (x, y, z) in zip(elements, enh):
        ps = psets_of(e)
        predefined = getattr(e, "PredefinedType", None)
        if predefined == "USERDEFINED":
            predefined = getattr(e, "ObjectType", None)
        system, etype = classify(e.is_a(), predefined)
        interval = find_property(ps, "Interval_s", "IntervalSeconds", "DataInterval", "interface_interval_s")
        rows.append({
            "cim_id": "", "name": e.Name or e.is_a()[3:], "type": etype, "system": system,
            "status": _status(find_property(ps, "Status")),
            "operator": str(find_property(ps, "Operator") or ""),
            "interface_protocol": str(find_property(ps, "Protocol", "interface_protocol") or ""),
            "interface_interval_s": float(interval) if interval is not None else np.nan,
            "interface_target": str(find_property(ps, "Target", "DataTarget", "interface_target") or ""),
            "open_standard": str(find_property(ps, "OpenStandard", "open_standard") or ""),
            "network_node_id": "", "building_id": "", "ifc_guid": e.GlobalId, "ifc_class": e.is_a(),
            "ifc_file": ifc_file, "building_guid": structure.building_of.get(e.id(), ""), "z": float(z),
            "geometry": (float(x), float(y))})
    return rows


def _status(value) -> str:
    s = str(value or "").strip().lower()
    return s if s in ("existing", "planned") else ("existing" if s in ("active", "operational") else "planned")
