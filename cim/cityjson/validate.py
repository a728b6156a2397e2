"""A focused CityJSON 2.0 validator (the official ``cjval``/``cjvalpy`` does not install here).

It checks what cjval reports as errors, in the same order: root members and version, ``transform``,
vertices (integer triplets), City Object types (1st/2nd level and ``+Extension`` types declared by an
extension), parents ↔ children consistency, geometry types, LoD, boundary nesting depth per type,
vertex indices in range, semantics (values index existing surfaces, arrays shaped like the
boundaries), geometry templates, and — for extensions whose schema is shipped here (our own
``+SmartElement``) — the extension's attribute schema via ``jsonschema``. Warnings: unused and
duplicate vertices, extensions whose schema cannot be read offline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FIRST_LEVEL = {
    "Bridge", "Building", "CityFurniture", "CityObjectGroup", "GenericCityObject", "LandUse", "OtherConstruction",
    "PlantCover", "SolitaryVegetationObject", "TINRelief", "TransportSquare", "Railway", "Road", "Tunnel",
    "WaterBody", "Waterway"}
SECOND_LEVEL = {
    "BridgePart", "BridgeInstallation", "BridgeConstructiveElement", "BridgeRoom", "BridgeFurniture",
    "BuildingPart", "BuildingInstallation", "BuildingConstructiveElement", "BuildingFurniture", "BuildingStorey",
    "BuildingRoom", "BuildingUnit", "TunnelPart", "TunnelInstallation", "TunnelConstructiveElement",
    "TunnelHollowSpace", "TunnelFurniture"}
#: geometry type -> nesting depth of ``boundaries`` down to vertex indices
DEPTH = {"MultiPoint": 1, "MultiLineString": 2, "MultiSurface": 3, "CompositeSurface": 3, "Solid": 4,
         "MultiSolid": 5, "CompositeSolid": 5, "GeometryInstance": 1}
#: semantics ``values`` depth (one less than boundaries for surfaces: one value per surface)
SEM_DEPTH = {"MultiPoint": 1, "MultiLineString": 1, "MultiSurface": 1, "CompositeSurface": 1, "Solid": 2,
             "MultiSolid": 3, "CompositeSolid": 3}
ROOT_ALLOWED = {"type", "version", "transform", "CityObjects", "vertices", "metadata", "extensions",
                "appearance", "geometry-templates", "id"}


@dataclass
class ValidationReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def text(self, limit: int = 5) -> str:
        head = "; ".join(self.errors[:limit])
        more = f" (+{len(self.errors) - limit} more)" if len(self.errors) > limit else ""
        return head + more


def _depth_ok(b, depth: int) -> bool:
    """Every leaf of ``b`` is an int at exactly ``depth`` levels of lists."""
    if depth == 0:
        return isinstance(b, int) and not isinstance(b, bool)
    return isinstance(b, list) and all(_depth_ok(x, depth - 1) for x in b)


def _leaves(b):
    if isinstance(b, list):
        for x in b:
            yield from _leaves(x)
    else:
        yield b


def _shape_of_surfaces(b, depth: int):
    """The boundaries with each surface replaced by None (to compare with semantics values)."""
    if depth == 0:
        return None
    return [_shape_of_surfaces(x, depth - 1) for x in b]


def _values_match(values, shape) -> bool:
    if shape is None:
        return values is None or (isinstance(values, int) and not isinstance(values, bool))
    if values is None:
        return True
    return isinstance(values, list) and len(values) == len(shape) and all(
        _values_match(v, s) for v, s in zip(values, shape))


def validate_cityjson(doc, *, extension_schemas: dict[str, dict] | None = None, feature: bool = False,
                      header: dict | None = None) -> ValidationReport:
    """Validate a parsed CityJSON (or CityJSONFeature when ``feature``; its ``header`` is the
    CityJSONSeq's first line, whose extensions apply) document."""
    from cim.cityjson.extension import known_extensions

    r = ValidationReport()
    if not isinstance(doc, dict):
        r.errors.append("the document is not a JSON object")
        return r
    kind = doc.get("type")
    if feature:
        if kind != "CityJSONFeature":
            r.errors.append(f"'type' must be 'CityJSONFeature', not {kind!r}")
    else:
        if kind != "CityJSON":
            r.errors.append(f"'type' must be 'CityJSON', not {kind!r}")
        if doc.get("version") != "2.0":
            r.errors.append(f"'version' must be \"2.0\", not {doc.get('version')!r}")
        t = doc.get("transform")
        if not (isinstance(t, dict) and _num3(t.get("scale")) and _num3(t.get("translate"))):
            r.errors.append("'transform' with 'scale' and 'translate' (3 numbers each) is required")
    for key in ("CityObjects", "vertices"):
        if key not in doc:
            r.errors.append(f"the member {key!r} is missing")
    if r.errors:
        return r
    verts = doc["vertices"]
    if not isinstance(verts, list) or not all(isinstance(v, list) and len(v) == 3 and all(
            isinstance(c, int) and not isinstance(c, bool) for c in v) for v in verts):
        r.errors.append("'vertices' must be an array of integer [x, y, z] triplets")
        return r
    exts = dict(known_extensions(), **(extension_schemas or {}))
    declared = doc.get("extensions") or (header or {}).get("extensions") or {}
    declared = declared if isinstance(declared, dict) else {}
    ext_types, ext_schemas = {}, {}
    for name, info in declared.items():
        if not isinstance(info, dict) or "url" not in info or "version" not in info:
            r.errors.append(f"extension {name!r} needs 'url' and 'version'")
            continue
        schema = exts.get(info["url"]) or exts.get(name)
        if schema is None:
            r.warnings.append(f"extension {name!r}: schema at {info['url']} not available offline; its "
                              "types and properties are not checked")
            ext_types[name] = None
        else:
            ext_schemas[name] = schema
            for t in schema.get("extraCityObjects", {}):
                ext_types[t] = schema
    for k in doc:
        if k not in ROOT_ALLOWED and not k.startswith("+"):
            r.errors.append(f"unknown root property {k!r} (extra root properties must start with '+')")
    _check_objects(doc, r, ext_types, ext_schemas, len(verts), bool(declared))
    _vertex_warnings(doc, r)
    return r


def _num3(v) -> bool:
    return isinstance(v, list) and len(v) == 3 and all(isinstance(x, int | float) and not isinstance(x, bool)
                                                      for x in v)


def _check_objects(doc, r: ValidationReport, ext_types, ext_schemas, nverts: int, has_ext: bool) -> None:
    objs = doc["CityObjects"]
    if not isinstance(objs, dict):
        r.errors.append("'CityObjects' must be an object")
        return
    templates = doc.get("geometry-templates", {}).get("templates", []) if isinstance(
        doc.get("geometry-templates"), dict) else []
    for oid, o in objs.items():
        where = f"CityObject {oid!r}"
        if not isinstance(o, dict) or "type" not in o:
            r.errors.append(f"{where}: missing 'type'")
            continue
        t = o["type"]
        if t.startswith("+"):
            if t not in ext_types and not (has_ext and None in ext_types.values()):
                r.errors.append(f"{where}: type {t} is not defined by any declared extension")
            elif ext_types.get(t):
                _check_ext_object(oid, o, ext_types[t], r)
        elif t not in FIRST_LEVEL | SECOND_LEVEL:
            r.errors.append(f"{where}: unknown type {t!r}")
        if t in SECOND_LEVEL and not o.get("parents"):
            r.errors.append(f"{where}: a {t} must have a parent")
        for p in o.get("parents", []) or []:
            if p not in objs:
                r.errors.append(f"{where}: parent {p!r} does not exist")
            elif oid not in (objs[p].get("children") or []):
                r.errors.append(f"{where}: parent {p!r} does not list it as a child")
        for c in o.get("children", []) or []:
            if c not in objs:
                r.errors.append(f"{where}: child {c!r} does not exist")
            elif oid not in (objs[c].get("parents") or []):
                r.errors.append(f"{where}: child {c!r} does not list it as a parent")
        if "attributes" in o and not isinstance(o["attributes"], dict):
            r.errors.append(f"{where}: 'attributes' must be an object")
        for i, g in enumerate(o.get("geometry", []) or []):
            _check_geometry(f"{where} geometry {i}", g, r, nverts, len(templates))


def _check_geometry(where: str, g, r: ValidationReport, nverts: int, ntemplates: int) -> None:
    gt = g.get("type") if isinstance(g, dict) else None
    if gt not in DEPTH:
        r.errors.append(f"{where}: unknown geometry type {gt!r}")
        return
    if gt == "GeometryInstance":
        if not isinstance(g.get("template"), int) or not 0 <= g["template"] < ntemplates:
            r.errors.append(f"{where}: template index out of range")
        m = g.get("transformationMatrix")
        if not (isinstance(m, list) and len(m) == 16):
            r.errors.append(f"{where}: transformationMatrix must hold 16 numbers")
    elif "lod" not in g or not isinstance(g["lod"], str):
        r.errors.append(f"{where}: 'lod' (a string) is required")
    b = g.get("boundaries")
    if not _depth_ok(b, DEPTH[gt]):
        r.errors.append(f"{where}: 'boundaries' are not a valid {gt} (array depth {DEPTH[gt]})")
        return
    bad = [v for v in _leaves(b) if v < 0 or v >= nverts]
    if bad:
        r.errors.append(f"{where}: vertex index {bad[0]} out of range (0–{nverts - 1})")
    sem = g.get("semantics")
    if sem is not None and gt in SEM_DEPTH:
        surfaces = sem.get("surfaces", [])
        values = sem.get("values")
        shape = _shape_of_surfaces(b, SEM_DEPTH[gt])
        if not _values_match(values, shape):
            r.errors.append(f"{where}: semantics 'values' do not match the boundaries")
        else:
            idx = [v for v in _leaves(values) if v is not None]
            if any(v < 0 or v >= len(surfaces) for v in idx):
                r.errors.append(f"{where}: semantics value out of range of 'surfaces'")


def _check_ext_object(oid: str, o: dict, schema: dict, r: ValidationReport) -> None:
    import jsonschema

    spec = schema["extraCityObjects"][o["type"]]
    sub = {"$schema": "https://json-schema.org/draft/2020-12/schema", **spec}
    try:
        jsonschema.validate(o, sub)
    except jsonschema.ValidationError as exc:
        r.errors.append(f"CityObject {oid!r}: {o['type']} does not follow its extension schema: {exc.message}")


def _vertex_warnings(doc, r: ValidationReport) -> None:
    used = set()
    for o in doc["CityObjects"].values():
        for g in (o.get("geometry") or []) if isinstance(o, dict) else []:
            if isinstance(g, dict):
                used.update(v for v in _leaves(g.get("boundaries", [])) if isinstance(v, int))
    n = len(doc["vertices"])
    if n - len(used & set(range(n))):
        r.warnings.append(f"{n - len(used & set(range(n)))} unused vertices")
    if len({tuple(v) for v in doc["vertices"]}) != n:
        r.warnings.append("duplicate vertices")
