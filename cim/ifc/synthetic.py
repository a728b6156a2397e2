"""Small, georeferenced IFC models built with ``ifcopenshell.api``: test fixtures and benchmark inputs.

Not used by the import path; imported on demand by tests, benchmarks and the sample generator.
Every coordinate argument is in metres; the file may still use millimetres (``length_unit``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Device:
    ifc_class: str                     # IfcSensor, IfcLightFixture …
    position: tuple[float, float, float]
    predefined_type: str | None = None
    name: str | None = None
    psets: dict[str, dict] = field(default_factory=dict)


@dataclass
class Georef:
    eastings: float
    northings: float
    height: float = 0.0
    rotation_deg: float = 0.0          # local x axis, anticlockwise from grid east
    scale: float | None = None         # None: leave Scale empty (the IFC default, 1.0)
    crs: str | None = "EPSG:9208"
    style: str = "map"                 # map | epset_project | epset_site
    true_north_deg: float | None = None  # true north in local coords, anticlockwise from +y


def _api(name):
    import ifcopenshell.api

    return lambda *a, **k: ifcopenshell.api.run(name, *a, **k)


def build_building_ifc(*args, **kwargs):
    """Build one building (see :func:`_build_building_ifc`), leaving ifcopenshell's global owner-history
    settings as they were: IFC2X3 needs them set while building, other files must not inherit them."""
    import ifcopenshell.api.owner.settings as owner

    saved = (owner.get_user, owner.get_application)
    try:
        return _build_building_ifc(*args, **kwargs)
    finally:
        owner.get_user, owner.get_application = saved


def _build_building_ifc(path: str | Path | None = None, *, schema: str = "IFC4", name: str = "Building",
                       footprint: Sequence[tuple[float, float]] = ((0, 0), (20, 0), (20, 12), (0, 12)),
                       storeys: int = 3, storey_height: float = 3.5, length_unit: str = "METRE",
                       georef: Georef | None = None, devices: Sequence[Device] = (),
                       walls_per_storey: int = 0, gfa_quantities: bool = True,
                       building_psets: dict[str, dict] | None = None, geometry: bool = True):
    """Build one building: per storey a slab on ``footprint`` and walls round it (plus
    ``walls_per_storey`` short interior walls, for benchmarks). Returns the ``ifcopenshell.file``."""
    import ifcopenshell
    import numpy as np

    f = ifcopenshell.file(schema=schema)
    if schema == "IFC2X3":
        _owner_history_settings(f)
    project = _api("root.create_entity")(f, ifc_class="IfcProject", name=f"{name} project")
    prefix = "MILLI" if length_unit == "MILLIMETRE" else None
    length = _api("unit.add_si_unit")(f, unit_type="LENGTHUNIT", prefix=prefix)
    area = _api("unit.add_si_unit")(f, unit_type="AREAUNIT")
    _api("unit.assign_unit")(f, units=[length, area])
    model = _api("context.add_context")(f, context_type="Model")
    body = _api("context.add_context")(f, context_type="Model", context_identifier="Body",
                                        target_view="MODEL_VIEW", parent=model)
    site = _api("root.create_entity")(f, ifc_class="IfcSite", name=f"{name} site")
    building = _api("root.create_entity")(f, ifc_class="IfcBuilding", name=name)
    _api("aggregate.assign_object")(f, products=[site], relating_object=project)
    _api("aggregate.assign_object")(f, products=[building], relating_object=site)
    for pset_name, props in (building_psets or {}).items():
        pset = _api("pset.add_pset")(f, product=building, name=pset_name)
        _api("pset.edit_pset")(f, pset=pset, properties=props)
    if georef is not None:
        _add_georef(f, project, site, model, georef, length_unit)
    poly = [tuple(map(float, p)) for p in footprint]
    ring = poly + [poly[0]]
    area_m2 = 0.5 * abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:])))
    storey_objs = []
    for i in range(storeys):
        st = _api("root.create_entity")(f, ifc_class="IfcBuildingStorey", name=f"Tầng {i + 1}")
        _api("aggregate.assign_object")(f, products=[st], relating_object=building)
        st.Elevation = i * storey_height / (0.001 if prefix else 1.0)
        storey_objs.append(st)
        if gfa_quantities and schema != "IFC2X3":
            qto = _api("pset.add_qto")(f, product=st, name="Qto_BuildingStoreyBaseQuantities")
            _api("pset.edit_qto")(f, qto=qto, properties={"GrossFloorArea": area_m2})
        if not geometry:
            continue
        z = i * storey_height
        slab = _api("root.create_entity")(f, ifc_class="IfcSlab", name=f"Sàn {i + 1}")
        rep = _api("geometry.add_slab_representation")(f, context=body, depth=0.2, polyline=poly)
        _api("geometry.assign_representation")(f, product=slab, representation=rep)
        _place(f, slab, 0, 0, z, 0)
        elements = [slab]
        for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:]):
            elements.append(_wall(f, body, x0, y0, x1, y1, z, storey_height))
        xs, ys = [p[0] for p in poly], [p[1] for p in poly]
        rng = np.random.default_rng(i)
        for _ in range(walls_per_storey):
            x = rng.uniform(min(xs) + 1, max(xs) - 2)
            y = rng.uniform(min(ys) + 1, max(ys) - 1)
            elements.append(_wall(f, body, x, y, x + 1.0, y, z + 0.2, storey_height - 0.2))
        _api("spatial.assign_container")(f, products=elements, relating_structure=st)
    for dev in devices:
        el = _api("root.create_entity")(f, ifc_class=dev.ifc_class, predefined_type=dev.predefined_type,
                                        name=dev.name or dev.ifc_class[3:])
        if geometry:
            rep = _api("geometry.add_wall_representation")(f, context=body, length=0.3, height=0.3, thickness=0.3)
            _api("geometry.assign_representation")(f, product=el, representation=rep)
        x, y, z = dev.position
        _place(f, el, x, y, z, 0)
        idx = min(int(z // storey_height), storeys - 1) if storeys else 0
        if storey_objs:
            _api("spatial.assign_container")(f, products=[el], relating_structure=storey_objs[max(idx, 0)])
        for pset_name, props in dev.psets.items():
            pset = _api("pset.add_pset")(f, product=el, name=pset_name)
            _api("pset.edit_pset")(f, pset=pset, properties=props)
    if path is not None:
        f.write(str(path))
    return f


def _owner_history_settings(f) -> None:
    """IFC2X3 requires an IfcOwnerHistory on every rooted entity: give the api a user and an application."""
    import ifcopenshell.api.owner.settings as owner

    person = f.createIfcPerson(None, "CIM", "Studio")
    org = f.createIfcOrganization(None, "CIM Studio", None)
    user = f.createIfcPersonAndOrganization(person, org)
    app = f.createIfcApplication(org, "0.1", "CIM Studio", "CIMStudio")
    owner.get_user = lambda file: user if file == f else owner_user_default(file)
    owner.get_application = lambda file: app if file == f else None


def owner_user_default(file):
    users = file.by_type("IfcPersonAndOrganization")
    return users[0] if users else None


def _place(f, product, x, y, z, angle):
    import numpy as np

    m = np.eye(4)
    c, s = math.cos(angle), math.sin(angle)
    m[:3, :3] = [[c, -s, 0], [s, c, 0], [0, 0, 1]]
    m[:3, 3] = [x, y, z]
    _api("geometry.edit_object_placement")(f, product=product, matrix=m, is_si=True)


def _wall(f, body, x0, y0, x1, y1, z, height):
    wall = _api("root.create_entity")(f, ifc_class="IfcWall", name="Tường")
    length = math.hypot(x1 - x0, y1 - y0)
    rep = _api("geometry.add_wall_representation")(f, context=body, length=length, height=height, thickness=0.2)
    _api("geometry.assign_representation")(f, product=wall, representation=rep)
    _place(f, wall, x0, y0, z, math.atan2(y1 - y0, x1 - x0))
    return wall


def _add_georef(f, project, site, model, g: Georef, length_unit: str) -> None:
    rot = math.radians(g.rotation_deg)
    xaa, xao = math.cos(rot), math.sin(rot)
    if g.true_north_deg is not None:
        tn = math.radians(g.true_north_deg)
        model.TrueNorth = f.createIfcDirection((-math.sin(tn), math.cos(tn)))
    if g.style == "map":
        _api("georeference.add_georeferencing")(f, name=g.crs or "EPSG:9208")
        conv = f.by_type("IfcMapConversion")[0]
        conv.Eastings, conv.Northings, conv.OrthogonalHeight = g.eastings, g.northings, g.height
        conv.XAxisAbscissa, conv.XAxisOrdinate, conv.Scale = xaa, xao, g.scale
        crs = f.by_type("IfcProjectedCRS")[0]
        if g.crs is None:
            crs.Name = "unknown"
        else:
            crs.Name = g.crs
        crs.MapUnit = f.createIfcSIUnit(None, "LENGTHUNIT", None, "METRE")
        return
    target = project if g.style == "epset_project" else site
    conv = {"Eastings": g.eastings, "Northings": g.northings, "OrthogonalHeight": g.height,
            "XAxisAbscissa": xaa, "XAxisOrdinate": xao}
    if g.scale is not None:
        conv["Scale"] = g.scale
    pset = _api("pset.add_pset")(f, product=target, name="ePSet_MapConversion")
    _api("pset.edit_pset")(f, pset=pset, properties=conv)
    if g.crs:
        pset = _api("pset.add_pset")(f, product=target, name="ePSet_ProjectedCRS")
        _api("pset.edit_pset")(f, pset=pset, properties={"Name": g.crs, "MapUnit": "METRE"})


def rectangle(x0: float, y0: float, w: float, d: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x0 + w, y0), (x0 + w, y0 + d), (x0, y0 + d)]
