"""Use case: export a project to CityJSON 2.0 / CityJSONSeq (``export_cityjson``)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from cim.cityjson.export import (
    SCALE,
    _Obj,
    add_block,
    add_footprint,
    add_mesh,
    add_point,
    add_shape,
    dem_tin,
    from_record,
    write_cityjson,
    write_cityjsonseq,
)
from cim.errors import CimInputError
from cim.feedback import Feedback


def _attrs(row, skip=("geometry",)) -> dict:
    out = {}
    for k, v in row.items():
        if k in skip or k == "psets":
            continue
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, str | int | float | bool):
            out[k] = v
    return out


def _ifc_index(project) -> dict[str, tuple]:
    """cim_id or IFC GlobalId → (ifc layer record, row) of every IFC building."""
    out = {}
    for rec in project.layers.values():
        if rec.kind != "ifc":
            continue
        b = rec.data.buildings
        for _i, row in b.iterrows():
            key = row.get("cim_id") or row["ifc_guid"]
            out[key] = (rec, row)
            out[row["ifc_guid"]] = (rec, row)
    return out


def _lod2(rec, guid: str, feedback: Feedback):
    """The triangles of one IFC building in map coordinates, or None when the geometry is unavailable."""
    model = rec.data
    if getattr(model, "_lod2_error", None) is not None:
        return None               # said once per model, not once per building
    try:       # both read the IFC in a child process on a cache miss (cim.ifc.isolated)
        mesh = model.meshes(feedback=feedback)
        cache = getattr(model, "_bld_of_elem", None)
        if cache is None:
            building_of = model.building_of_elements(feedback=feedback)
            cache = np.array([building_of.get(int(i), "") for i in mesh.ids], dtype="U22")
            model._bld_of_elem = cache
    except CimInputError as exc:
        model._lod2_error = exc
        feedback.log(f"LoD2 of the buildings of {Path(model.path).name} left out: {exc}", "warning")
        return None
    sel = np.flatnonzero(cache[mesh.element_of_face()] == guid)
    if not len(sel):
        return None
    return model.georef.map_from_metres(mesh.verts), mesh.faces[sel]


def _record(row) -> dict | None:
    text = row.get("cityjson")
    if not isinstance(text, str) or not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _cityjson_info(rec) -> tuple[dict, list | None]:
    info = (rec.source or {}).get("cityjson") or {}
    return info.get("attributes") or {}, info.get("scale")


def _imported(rec, row, record: dict, mapping: dict) -> _Obj:
    """A City Object imported from CityJSON, back from its record; attributes from the columns."""
    from cim.cityjson.attributes import attributes_of

    oid = str(row.get("cityjson_id") or row.get("cim_id") or f"{rec.name}-{row.name}")
    otype = str(row.get("cityjson_type") or _TYPE_OF_KIND.get(rec.object_kind, "GenericCityObject"))
    attrs = attributes_of(row, mapping)
    if rec.object_kind == "smart_element":
        attrs = dict(_smart_attributes(row, None), **attrs)
    return from_record(oid, otype, attrs, record)


_TYPE_OF_KIND = {"building": "Building", "road": "Road", "rail": "Railway", "plot": "LandUse",
                 "water_body": "WaterBody", "terrain": "TINRelief", "smart_element": "+SmartElement"}


def collect_objects(project, *, lod2: bool = True, dem=None, feedback: Feedback | None = None) -> list[_Obj]:
    feedback = feedback or Feedback()
    objs: list[_Obj] = []
    ifc_of = _ifc_index(project)
    for rec, _row in ifc_of.values():
        vars(rec.data).pop("_lod2_error", None)     # each export tries the sources again
    used_ifc: set[str] = set()
    buildings: dict[str, _Obj] = {}
    vectors = [r for r in project.ordered_layers() if r.kind == "vector" and len(r.data)]
    for rec in vectors:
        if rec.object_kind != "building":
            continue
        mapping, _ = _cityjson_info(rec)
        for _, row in rec.data.iterrows():
            record = _record(row)
            if record is not None:
                o = _imported(rec, row, record, mapping)
            else:
                cid = str(row.get("cim_id") or f"{rec.name}-{row.name}")
                hit = ifc_of.get(cid) or ifc_of.get(str(row.get("ifc_guid") or ""))
                o = _building(cid, row, hit, lod2, feedback)
                if hit:
                    used_ifc.add(hit[1]["ifc_guid"])
            buildings[o.id] = o
            objs.append(o)
    for key, (rec, row) in ifc_of.items():
        guid = row["ifc_guid"]
        if key != guid or guid in used_ifc:
            continue
        o = _building(guid, {"name": row["name"], "height_m": row["height_m"], "floors": row["floors"]},
                      (rec, row), lod2, feedback, footprint=row.geometry)
        buildings[guid] = o
        objs.append(o)
    for rec in vectors:
        if rec.object_kind == "building":
            continue
        mapping, _ = _cityjson_info(rec)
        synthesise = {"road": _road, "plot": _plot, "smart_element": _smart}.get(rec.object_kind)
        for _, row in rec.data.iterrows():
            record = _record(row)
            if record is not None:
                objs.append(_imported(rec, row, record, mapping))
            elif synthesise is not None:
                objs.append(synthesise(rec, row, buildings))
    if dem is not None:
        verts, tris = dem_tin(*dem)
        o = _Obj("terrain", "TINRelief", {})
        s = o.add_vertices(verts)
        o.geometry.append({"type": "CompositeSurface", "lod": "1", "boundaries": [[t] for t in (tris + s).tolist()]})
        objs.append(o)
    return _consistent(objs, feedback)


def _base(row) -> float:
    z = row.get("base_z")
    return float(z) if isinstance(z, int | float | np.number) and np.isfinite(z) else 0.0


def _road(rec, row, _buildings) -> _Obj:
    """A road as drawn: centre lines (LoD0 MultiLineString) or areas (LoD0 MultiSurface)."""
    o = _Obj(str(row.get("cim_id") or f"{rec.name}-{row.name}"), "Road", _attrs(row))
    add_shape(o, row.geometry, _base(row), lod="0")
    return o


def _plot(rec, row, _buildings) -> _Obj:
    o = _Obj(str(row.get("cim_id") or f"{rec.name}-{row.name}"), "LandUse", _attrs(row))
    add_shape(o, row.geometry, _base(row), lod="1")
    return o



def _consistent(objs: list[_Obj], feedback: Feedback) -> list[_Obj]:
    """Unique ids (a second object with a taken id gets ``-2``, ``-3`` …) and parents/children that
    name exported objects only."""
    seen: dict[str, int] = {}
    for o in objs:
        if o.id in seen:
            seen[o.id] += 1
            new = f"{o.id}-{seen[o.id]}"
            feedback.log(f"CityJSON export: a second City Object {o.id!r} is written as {new!r}", "warning")
            o.id = new
        else:
            seen[o.id] = 1
    ids = set(seen) | {o.id for o in objs}
    for o in objs:
        gone = [x for x in o.parents + o.children if x not in ids]
        if gone:
            feedback.log(f"CityJSON export: {o.id!r} refers to {', '.join(map(repr, gone))}, which is not in the "
                         "project any more; the reference is left out", "warning")
            o.parents = [x for x in o.parents if x in ids]
            o.children = [x for x in o.children if x in ids]
    return objs


def _building(cid, row, hit, lod2, feedback, footprint=None) -> _Obj:
    attrs = _attrs(dict(row)) if not hasattr(row, "items") else _attrs(row)
    geom = footprint if footprint is not None else row.geometry
    height = float(row.get("height_m") or np.nan)
    base = _base(row)
    smart = {}
    if hit:
        rec, irow = hit
        if np.isfinite(irow["height_m"]):
            height = float(irow["height_m"])
        base = float(irow["base_z"]) if np.isfinite(irow["base_z"]) else 0.0
        smart = {"ifcFile": Path(rec.data.path).name, "ifcGuid": irow["ifc_guid"], "bms": irow.get("bms") or "",
                 "iocLink": irow.get("ioc_link") or ""}
    if np.isfinite(height):
        attrs["measuredHeight"] = height
    if smart:
        attrs["+cimSmartBuilding"] = {k: v for k, v in smart.items() if v}
    o = _Obj(cid, "Building", attrs)
    add_footprint(o, geom, base, lod="0")
    if np.isfinite(height):
        add_block(o, geom, base, height, lod="1")
    if hit and lod2:
        tri = _lod2(hit[0], hit[1]["ifc_guid"], feedback)
        if tri is not None:
            add_mesh(o, *tri, lod="2")
    return o


def _smart_attributes(row, cid: str | None) -> dict:
    """+SmartElement attributes from a smart-element layer's columns (``cid`` None: only the columns an
    import from CityJSON fills, the other attributes being columns of their own)."""
    from cim.cityjson.import_ import SMART_COLUMNS

    required = ("cimId", "system", "elementType", "status")
    if cid is None:
        attrs = {key: str(row.get(col) or "") for key, col in SMART_COLUMNS.items()}
        return {k: v for k, v in attrs.items() if v or k in required}
    interval = row.get("interface_interval_s")
    attrs = {"cimId": cid, "system": str(row.get("system") or ""), "elementType": str(row.get("type") or ""),
             "status": str(row.get("status") or "planned"), "operator": str(row.get("operator") or ""),
             "interfaceProtocol": str(row.get("interface_protocol") or ""),
             "interfaceIntervalS": float(interval) if interval is not None and np.isfinite(interval) else None,
             "interfaceTarget": str(row.get("interface_target") or ""),
             "openStandard": str(row.get("open_standard") or ""),
             "networkNodeId": str(row.get("network_node_id") or ""),
             "buildingId": str(row.get("building_id") or ""), "ifcGuid": str(row.get("ifc_guid") or "")}
    return {k: v for k, v in attrs.items() if v != "" or k in required}


def _smart(rec, row, buildings: dict[str, _Obj]) -> _Obj:
    cid = str(row.get("cim_id") or row.get("ifc_guid") or f"{rec.name}-{row.name}")
    attrs = _smart_attributes(row, cid)
    o = _Obj(cid, "+SmartElement", attrs)
    if "interfaceIntervalS" in attrs and attrs["interfaceIntervalS"] is None:
        o.attributes["interfaceIntervalS"] = None
    g = row.geometry
    if g is not None and not g.is_empty:
        if g.geom_type != "Point":          # the Extension allows MultiPoint only: a drawn area → one point
            g = g.representative_point()
        z = float(row.get("z")) if row.get("z") is not None and np.isfinite(row.get("z", np.nan)) else (
            g.z if g.has_z else 0.0)
        add_point(o, g.x, g.y, z)
    return o


def export_scale(project) -> list[float]:
    """1 mm, or finer where a layer imported from CityJSON had a finer ``transform`` scale (its
    vertices then come back within that file's precision)."""
    scale = np.full(3, SCALE)
    for rec in project.layers.values():
        if rec.kind == "vector":
            _, s = _cityjson_info(rec)
            if isinstance(s, list) and len(s) == 3 and all(isinstance(x, int | float) and x > 0 for x in s):
                scale = np.minimum(scale, s)
    return scale.tolist()


def imported_extensions(project) -> dict:
    """The Extensions declared by the CityJSON files the project's layers came from."""
    out = {}
    for rec in project.layers.values():
        ext = ((rec.source or {}).get("cityjson") or {}).get("extensions")
        if rec.kind == "vector" and isinstance(ext, dict):
            out.update(ext)
    return out


def export_cityjson(project, path: str | Path, *, seq: bool | None = None, lod2: bool = True, dem=None,
                    validate: bool = True, feedback: Feedback | None = None):
    """Write the project to ``path`` (``.jsonl`` → CityJSONSeq). Returns the validation report."""
    from cim.cityjson.validate import ValidationReport, validate_cityjson

    feedback = feedback or Feedback()
    path = Path(path)
    seq = path.suffix.lower() == ".jsonl" if seq is None else seq
    with feedback.step(0.0, 0.7):
        objs = collect_objects(project, lod2=lod2, dem=dem, feedback=feedback)
    scale = export_scale(project)
    extensions = imported_extensions(project)
    extra = project_metadata(project)
    if seq:
        write_cityjsonseq(objs, path, project.crs, feedback, extra, scale=scale, extensions=extensions)
    else:
        write_cityjson(objs, path, project.crs, extra, scale=scale, extensions=extensions)
    report = ValidationReport()
    if validate:
        if seq:
            lines = path.read_text(encoding="utf-8").splitlines()
            header = json.loads(lines[0])
            report = validate_cityjson(header)
            for ln in lines[1:]:
                r = validate_cityjson(json.loads(ln), feature=True, header=header)
                report.findings += r.errors
        else:
            report = validate_cityjson(json.loads(path.read_text(encoding="utf-8")))
    feedback.set_progress(1.0)
    return report


def project_metadata(project) -> dict:
    """CityJSON ``metadata`` from the project: the plan id and date, and each layer's data
    responsibility (ISO 19115 subset, ``+layerMetadata``, an extra property CityJSON 2.0 allows)."""
    from cim.project.layer_info import info_table

    md = project.metadata
    given = {"identifier": md.plan_id, "title": md.name, "referenceDate": md.decision_date}
    out = {k: v for k, v in given.items() if v}
    rows = [r for r in info_table(project) if len(r) > 2]
    if rows:
        out["+layerMetadata"] = rows
    return out
