"""Georeferenced IFC buildings on rectangular footprints of the ``buildings`` layer.

IFC4 files carry IfcMapConversion + IfcProjectedCRS (EPSG:9208); the IFC2X3 file carries the same
numbers in ePSet_MapConversion / ePSet_ProjectedCRS on IfcProject. Storeys hold walls and a slab as
extruded solids. GlobalIds come from a seeded generator and header timestamps are fixed, so a file
is the same byte for byte on every run.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sample_data.gen.frame import FIXED_DATE

FIXED_EPOCH = 1768467600  # 2026-01-15T09:00:00Z, for IfcOwnerHistory dates
WALL = 0.25
SLAB = 0.25


@dataclass
class IfcSpec:
    path: Path
    schema: str  # IFC4 | IFC2X3
    name: str
    cim_id: str
    corners: np.ndarray  # 4 × 2 world coordinates of the rectangular footprint
    ground_z: float
    floors: int
    height_m: float
    gfa_m2: float
    seed: int
    millimetres: bool = False
    shift: tuple[float, float] = (0.0, 0.0)  # added to the map conversion (a deliberate defect)
    smart_links: dict | None = None  # BMS / IOC properties; None = the building declares none
    devices: bool = False
    extra: dict = field(default_factory=dict)


def _frame(corners: np.ndarray):
    """Origin, unit x axis, length and width of a right-handed rectangle frame."""
    c0, c1, c3 = corners[0], corners[1], corners[3]
    e1, e2 = c1 - c0, c3 - c0
    if e1[0] * e2[1] - e1[1] * e2[0] < 0:
        e1, e2 = e2, e1
    L, W = float(np.hypot(*e1)), float(np.hypot(*e2))
    return c0, e1 / L, L, W


def write_ifc(spec: IfcSpec) -> str:
    """Write one building; return the IfcBuilding GlobalId."""
    import ifcopenshell.api.owner.settings as owner_settings
    import ifcopenshell.api.project
    import ifcopenshell.guid

    m = ifcopenshell.api.project.create_file(version=spec.schema)
    saved = (owner_settings.get_user, owner_settings.get_application)
    if spec.schema == "IFC2X3":
        _owner_history(m)
    else:   # no owner history in IFC4, whatever another caller left in ifcopenshell's global settings
        owner_settings.get_user = owner_settings.get_application = lambda ifc: None
    try:
        bldg = _build(m, spec)
    finally:
        owner_settings.get_user, owner_settings.get_application = saved
    _sort_relationships(m)
    for oh in m.by_type("IfcOwnerHistory"):
        oh.CreationDate = FIXED_EPOCH
        if oh.LastModifiedDate is not None:
            oh.LastModifiedDate = FIXED_EPOCH
    rnd = random.Random(spec.seed)
    for e in sorted(m.by_type("IfcRoot"), key=lambda e: e.id()):
        e.GlobalId = ifcopenshell.guid.compress(uuid.UUID(int=rnd.getrandbits(128)).hex)
    m.header.file_name.name = spec.path.name
    m.header.file_name.time_stamp = FIXED_DATE
    m.header.file_name.author = ("CIM Studio sample generator",)
    m.header.file_name.organization = ("CIM Studio (synthetic data)",)
    m.header.file_description.description = ("ViewDefinition [DesignTransferView]",
                                             "Synthetic sample building - not a real project")
    spec.path.parent.mkdir(parents=True, exist_ok=True)
    m.write(str(spec.path))
    return bldg.GlobalId


def _build(m, spec: IfcSpec):
    import ifcopenshell.api.aggregate
    import ifcopenshell.api.context
    import ifcopenshell.api.geometry
    import ifcopenshell.api.root
    import ifcopenshell.api.unit
    from ifcopenshell.util.shape_builder import ShapeBuilder

    k = 1000.0 if spec.millimetres else 1.0  # project length unit per metre
    project = ifcopenshell.api.root.create_entity(m, ifc_class="IfcProject", name=spec.name)
    length = ifcopenshell.api.unit.add_si_unit(m, unit_type="LENGTHUNIT", prefix="MILLI" if spec.millimetres else None)
    area = ifcopenshell.api.unit.add_si_unit(m, unit_type="AREAUNIT")
    volume = ifcopenshell.api.unit.add_si_unit(m, unit_type="VOLUMEUNIT")
    ifcopenshell.api.unit.assign_unit(m, units=[length, area, volume])
    model = ifcopenshell.api.context.add_context(m, context_type="Model")
    body = ifcopenshell.api.context.add_context(m, context_type="Model", context_identifier="Body",
                                                target_view="MODEL_VIEW", parent=model)
    site = ifcopenshell.api.root.create_entity(m, ifc_class="IfcSite", name="Khu đất")
    bldg = ifcopenshell.api.root.create_entity(m, ifc_class="IfcBuilding", name=spec.name)
    ifcopenshell.api.aggregate.assign_object(m, products=[site], relating_object=project)
    ifcopenshell.api.aggregate.assign_object(m, products=[bldg], relating_object=site)

    origin, ux, L, W = _frame(spec.corners)
    _georeference(m, spec, origin, ux, k)

    sb = ShapeBuilder(m)
    storey_h = spec.height_m / spec.floors
    storeys = []
    for f in range(spec.floors):
        st = ifcopenshell.api.root.create_entity(m, ifc_class="IfcBuildingStorey", name=f"Tầng {f + 1}")
        st.Elevation = f * storey_h * k
        ifcopenshell.api.aggregate.assign_object(m, products=[st], relating_object=bldg)
        ifcopenshell.api.geometry.edit_object_placement(m, product=st, matrix=_matrix(0, 0, f * storey_h * k),
                                                        is_si=False)
        storeys.append(st)
        slab = ifcopenshell.api.root.create_entity(m, ifc_class="IfcSlab", name=f"Sàn tầng {f + 1}",
                                                   predefined_type="FLOOR")
        rect = sb.rectangle(size=(L * k, W * k))
        rep = sb.get_representation(body, [sb.extrude(sb.profile(rect), magnitude=SLAB * k)])
        _place(m, slab, st, rep, _matrix(0, 0, f * storey_h * k))
        walls = [(0, 0, L, 0.0), (L, 0, W, 90.0), (L, W, L, 180.0), (0, W, W, 270.0)]
        for i, (x, y, length_m, ang) in enumerate(walls):
            wall = ifcopenshell.api.root.create_entity(m, ifc_class="IfcWall", name=f"Tường T{f + 1}-{i + 1}")
            prof = sb.rectangle(size=(length_m * k, WALL * k))
            h = (storey_h - SLAB) * k
            rep = sb.get_representation(body, [sb.extrude(sb.profile(prof), magnitude=h)])
            _place(m, wall, st, rep, _matrix(x * k, y * k, (f * storey_h + SLAB) * k, ang))
    _properties(m, bldg, spec)
    if spec.devices:
        _devices(m, sb, body, storeys[:2], L, W, storey_h, k, spec)
    return bldg


def _sort_relationships(m) -> None:
    """ifcopenshell.api collects related objects in sets; put them in id order for stable files."""
    import ifcopenshell

    for rel in [*m.by_type("IfcRelationship"), *m.by_type("IfcUnitAssignment")]:
        for i in range(len(rel)):
            value = rel[i]
            if isinstance(value, tuple) and value and all(isinstance(v, ifcopenshell.entity_instance) for v in value):
                rel[i] = tuple(sorted(value, key=lambda v: v.id()))


def _owner_history(m) -> None:
    """IFC2X3 needs an owner history on every rooted entity; make a fixed one."""
    import ifcopenshell.api.owner.settings as settings

    person = m.create_entity("IfcPerson", FamilyName="CIM Studio", GivenName="Generator")
    org = m.create_entity("IfcOrganization", Name="CIM Studio (synthetic data)")
    user = m.create_entity("IfcPersonAndOrganization", ThePerson=person, TheOrganization=org)
    app = m.create_entity("IfcApplication", ApplicationDeveloper=org, Version="0.1",
                          ApplicationFullName="CIM Studio sample generator", ApplicationIdentifier="cimstudio")
    settings.get_user = lambda f: user
    settings.get_application = lambda f: app


def _matrix(x, y, z, angle_deg: float = 0.0) -> np.ndarray:
    a = np.radians(angle_deg)
    mtx = np.eye(4)
    mtx[:2, :2] = [[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]
    mtx[:3, 3] = [x, y, z]
    return mtx


def _place(m, product, storey, rep, matrix) -> None:
    import ifcopenshell.api.geometry
    import ifcopenshell.api.spatial

    ifcopenshell.api.geometry.assign_representation(m, product=product, representation=rep)
    ifcopenshell.api.geometry.edit_object_placement(m, product=product, matrix=matrix, is_si=False)
    ifcopenshell.api.spatial.assign_container(m, products=[product], relating_structure=storey)


def _georeference(m, spec: IfcSpec, origin, ux, k: float) -> None:
    import ifcopenshell.api.georeference
    import ifcopenshell.api.pset

    e = round(float(origin[0]) + spec.shift[0], 3)
    n = round(float(origin[1]) + spec.shift[1], 3)
    conv = {"Eastings": e, "Northings": n, "OrthogonalHeight": round(spec.ground_z, 2),
            "XAxisAbscissa": round(float(ux[0]), 9), "XAxisOrdinate": round(float(ux[1]), 9), "Scale": 1.0 / k}
    crs = {"Name": "EPSG:9208", "Description": "VN-2000 / TM-3 104-45", "GeodeticDatum": "VN-2000",
           "VerticalDatum": "Hòn Dấu", "MapProjection": "Transverse Mercator (TM-3)", "MapZone": "104-45"}
    if spec.schema == "IFC2X3":
        project = m.by_type("IfcProject")[0]
        p = ifcopenshell.api.pset.add_pset(m, product=project, name="ePSet_MapConversion")
        ifcopenshell.api.pset.edit_pset(m, pset=p, properties=conv)
        p = ifcopenshell.api.pset.add_pset(m, product=project, name="ePSet_ProjectedCRS")
        ifcopenshell.api.pset.edit_pset(m, pset=p, properties={**crs, "MapUnit": "METRE"})
        return
    ifcopenshell.api.georeference.add_georeferencing(m, ifc_class="IfcMapConversion", name="EPSG:9208")
    ifcopenshell.api.georeference.edit_georeferencing(m, projected_crs=crs, coordinate_operation=conv)


def _properties(m, bldg, spec: IfcSpec) -> None:
    import ifcopenshell.api.pset

    p = ifcopenshell.api.pset.add_pset(m, product=bldg, name="Pset_BuildingCommon")
    ifcopenshell.api.pset.edit_pset(m, pset=p, properties={"NumberOfStoreys": int(spec.floors)})
    q = ifcopenshell.api.pset.add_qto(m, product=bldg, name="Qto_BuildingBaseQuantities")
    ifcopenshell.api.pset.edit_qto(m, qto=q, properties={
        "GrossFloorArea": round(spec.gfa_m2, 1), "Height": round(spec.height_m * (1000.0 if spec.millimetres else 1.0), 1)})
    p = ifcopenshell.api.pset.add_pset(m, product=bldg, name="CIM_Identity")
    ifcopenshell.api.pset.edit_pset(m, pset=p, properties={"CimId": spec.cim_id, "Synthetic": True})
    if spec.smart_links:
        p = ifcopenshell.api.pset.add_pset(m, product=bldg, name="CIM_SmartBuilding")
        ifcopenshell.api.pset.edit_pset(m, pset=p, properties=spec.smart_links)


def _devices(m, sb, body, storeys, L, W, storey_h, k, spec: IfcSpec) -> None:
    import ifcopenshell.api.pset
    import ifcopenshell.api.root

    link = {"Protocol": "MQTT", "Target": "IOC", "Interval_s": 60, "OpenStandard": "OGC SensorThings API"}
    for f, st in enumerate(storeys):
        z = (f * storey_h + storey_h - 0.3) * k
        for i, (cls, ptype, label) in enumerate([("IfcSensor", "TEMPERATURESENSOR", "Cảm biến nhiệt độ"),
                                                 ("IfcSensor", "CO2SENSOR", "Cảm biến CO2"),
                                                 ("IfcLightFixture", "POINTSOURCE", "Đèn LED điều khiển DALI"),
                                                 ("IfcLightFixture", "POINTSOURCE", "Đèn LED điều khiển DALI")]):
            el = ifcopenshell.api.root.create_entity(m, ifc_class=cls, name=f"{label} T{f + 1}-{i + 1}",
                                                     predefined_type=ptype)
            x, y = L * (0.25 + 0.5 * (i % 2)), W * (0.3 + 0.4 * (i // 2))
            prof = sb.rectangle(size=(0.3 * k, 0.3 * k))
            rep = sb.get_representation(body, [sb.extrude(sb.profile(prof), magnitude=0.1 * k)])
            _place(m, el, st, rep, _matrix(x * k, y * k, z))
            p = ifcopenshell.api.pset.add_pset(m, product=el, name="CIM_DataLink")
            ifcopenshell.api.pset.edit_pset(m, pset=p, properties={**link, "Topic": f"{spec.cim_id}/{el.Name}"})
