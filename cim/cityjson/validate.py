"""CityJSON 2.0 validation (the official ``cjval``/``cjvalpy`` does not install here).

First the official CityJSON 2.0.2 JSON schemas (:mod:`cim.cityjson.schema`: types, LoD values,
``transform``, ``metadata`` such as ``geographicalExtent`` and ``referenceSystem``, appearance,
semantic surface types). Then, once every member has the type the schema demands, what a schema
cannot say (as cjval does): integer vertices, ``+Extension`` types declared by an extension,
parents ↔ children consistency, boundary nesting depth per type, vertex indices in range, semantics,
material and texture values shaped like the boundaries and indexing existing materials, textures and
texture coordinates, geometry templates, and — for extensions whose schema is shipped here (our own
``+SmartElement``) — the extension's attribute schema via ``jsonschema``. Warnings: unused and
duplicate vertices, extensions whose schema cannot be read offline.

The result is a :class:`ValidationReport` holding :class:`cim.findings.Finding` (code ``CITYJSON``, E or W).
The messages are technical English (schema paths, member names, jsonschema's own words); both
languages of each finding carry that text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cim.findings import Finding
from cim.text import Text

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
    """The findings of one validation: errors (E: not valid CityJSON 2.0) and warnings (W)."""

    findings: list[Finding] = field(default_factory=list)

    def error(self, message: str) -> None:
        self.findings.append(Finding("E", "CITYJSON", Text(message, message)))

    def warn(self, message: str) -> None:
        self.findings.append(Finding("W", "CITYJSON", Text(message, message)))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "E"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "W"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def text(self, limit: int = 5) -> str:
        head = "; ".join(f.message.en for f in self.errors[:limit])
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
    CityJSONSeq's first line, whose extensions apply) document: first against the official CityJSON
    2.0.2 schemas (:mod:`cim.cityjson.schema`), then — only when the schema holds, so every member has
    its expected type — the structural checks the schema cannot express."""
    r = ValidationReport()
    if not isinstance(doc, dict):
        r.error(f"the document is a JSON {type(doc).__name__}, not an object")
        return r
    try:
        _validate(doc, r, extension_schemas, feature, header)
    except RecursionError:
        r.error("the document is nested too deeply to be CityJSON")
    return r


def _validate(doc: dict, r: ValidationReport, extension_schemas, feature: bool, header) -> None:
    from cim.cityjson.extension import known_extensions
    from cim.cityjson.schema import schema_errors

    kind = doc.get("type")
    expected = "CityJSONFeature" if feature else "CityJSON"
    if kind != expected:
        r.error(f"'type' must be {expected!r}, not {kind!r}")
        return
    for message in schema_errors(doc, feature=feature):
        r.error(message)
    if r.errors:
        return
    verts = doc["vertices"]
    if not all(isinstance(c, int) and not isinstance(c, bool) for v in verts for c in v):
        r.error("'vertices' must be an array of integer [x, y, z] triplets")
        return
    exts = dict(known_extensions(), **(extension_schemas or {}))
    declared = doc.get("extensions") or (header or {}).get("extensions") or {}
    declared = declared if isinstance(declared, dict) else {}
    ext_types, ext_schemas = {}, {}
    for name, info in declared.items():
        if not isinstance(info, dict) or "url" not in info or "version" not in info:
            r.error(f"extension {name!r} needs 'url' and 'version'")
            continue
        schema = exts.get(info["url"]) or exts.get(name)
        if schema is None:
            r.warn(f"extension {name!r}: schema at {info['url']} not available offline; its "
                              "types and properties are not checked")
            ext_types[name] = None
        else:
            ext_schemas[name] = schema
            for t in schema.get("extraCityObjects", {}):
                ext_types[t] = schema
    for k in doc:
        if k not in ROOT_ALLOWED and not k.startswith("+"):
            r.error(f"unknown root property {k!r} (extra root properties must start with '+')")
    app = doc.get("appearance") or (header or {}).get("appearance") or {}
    counts = _Counts(len(verts), len(_templates(doc, header)), len(app.get("materials", [])),
                     len(app.get("textures", [])), len(app.get("vertices-texture", [])))
    _check_objects(doc, r, ext_types, counts, bool(declared))
    _vertex_warnings(doc, r)


@dataclass(frozen=True)
class _Counts:
    vertices: int
    templates: int
    materials: int
    textures: int
    uv: int


def _templates(doc: dict, header: dict | None) -> list:
    gt = doc.get("geometry-templates") or (header or {}).get("geometry-templates") or {}
    return gt.get("templates", []) if isinstance(gt, dict) else []


def _check_objects(doc, r: ValidationReport, ext_types, counts: _Counts, has_ext: bool) -> None:
    objs = doc["CityObjects"]
    for oid, o in objs.items():
        where = f"CityObject {oid!r}"
        t = o["type"]
        if t.startswith("+"):
            if t not in ext_types and not (has_ext and None in ext_types.values()):
                r.error(f"{where}: type {t} is not defined by any declared extension")
            elif ext_types.get(t):
                _check_ext_object(oid, o, ext_types[t], r)
        elif t not in FIRST_LEVEL | SECOND_LEVEL:
            r.error(f"{where}: unknown type {t!r}")
        if t in SECOND_LEVEL and not o.get("parents"):
            r.error(f"{where}: a {t} must have a parent")
        for p in _strings(o.get("parents")):
            if p not in objs:
                r.error(f"{where}: parent {p!r} does not exist")
            elif oid not in _strings(objs[p].get("children")):
                r.error(f"{where}: parent {p!r} does not list it as a child")
        for c in _strings(o.get("children")):
            if c not in objs:
                r.error(f"{where}: child {c!r} does not exist")
            elif oid not in _strings(objs[c].get("parents")):
                r.error(f"{where}: child {c!r} does not list it as a parent")
        if "attributes" in o and not isinstance(o["attributes"], dict):
            r.error(f"{where}: 'attributes' must be an object")
        geoms = o.get("geometry") or []
        if not isinstance(geoms, list):
            r.error(f"{where}: 'geometry' must be an array")
            continue
        for i, g in enumerate(geoms):
            _check_geometry(f"{where} geometry {i}", g, r, counts)


def _strings(v) -> list:
    """The strings of a ``parents``/``children`` member (extension objects are not schema-checked)."""
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


def _check_geometry(where: str, g, r: ValidationReport, counts: _Counts) -> None:
    gt = g.get("type") if isinstance(g, dict) else None
    if not isinstance(gt, str) or gt not in DEPTH:
        r.error(f"{where}: unknown geometry type {gt!r}")
        return
    if gt == "GeometryInstance":
        if not isinstance(g.get("template"), int) or not 0 <= g["template"] < counts.templates:
            r.error(f"{where}: template index out of range")
        m = g.get("transformationMatrix")
        if not (isinstance(m, list) and len(m) == 16):
            r.error(f"{where}: transformationMatrix must hold 16 numbers")
    elif "lod" not in g or not isinstance(g["lod"], str):
        r.error(f"{where}: 'lod' (a string) is required")
    b = g.get("boundaries")
    if not _depth_ok(b, DEPTH[gt]):
        r.error(f"{where}: 'boundaries' are not a valid {gt} (array depth {DEPTH[gt]})")
        return
    bad = [v for v in _leaves(b) if v < 0 or v >= counts.vertices]
    if bad:
        r.error(f"{where}: vertex index {bad[0]} out of range (0–{counts.vertices - 1})")
    if gt not in SEM_DEPTH:
        return
    shape = _shape_of_surfaces(b, SEM_DEPTH[gt])
    sem = g.get("semantics")
    if isinstance(sem, dict):
        surfaces = sem.get("surfaces", [])
        values = sem.get("values")
        if not _values_match(values, shape):
            r.error(f"{where}: semantics 'values' do not match the boundaries")
        else:
            n = len(surfaces) if isinstance(surfaces, list) else 0
            if any(v < 0 or v >= n for v in _leaves(values) if v is not None):
                r.error(f"{where}: semantics value out of range of 'surfaces'")
    _check_material(where, g.get("material"), shape, counts.materials, r)
    _check_texture(where, g.get("texture"), b, SEM_DEPTH[gt], counts, r)


def _check_material(where: str, material, shape, n: int, r: ValidationReport) -> None:
    for theme, m in (material or {}).items() if isinstance(material, dict) else ():
        if not isinstance(m, dict):
            r.error(f"{where}: material theme {theme!r} must be an object")
            continue
        if "value" in m:
            idx = [m["value"]]
        elif _values_match(m.get("values"), shape):
            idx = [v for v in _leaves(m.get("values")) if v is not None]
        else:
            r.error(f"{where}: material theme {theme!r}: 'values' do not match the boundaries")
            continue
        bad = [v for v in idx if not isinstance(v, int) or v < 0 or v >= n]
        if bad:
            r.error(f"{where}: material theme {theme!r}: index {bad[0]} out of range of "
                            f"appearance 'materials' ({n})")


def _check_texture(where: str, texture, b, depth: int, counts: _Counts, r: ValidationReport) -> None:
    for theme, t in (texture or {}).items() if isinstance(texture, dict) else ():
        values = t.get("values") if isinstance(t, dict) else None
        problem = _texture_problem(values, b, depth, counts)
        if problem:
            r.error(f"{where}: texture theme {theme!r}: {problem}")


def _texture_problem(values, b, depth: int, counts: _Counts) -> str | None:
    """What is wrong with texture ``values`` against boundaries ``b`` (``depth`` list levels above the
    surfaces): each ring gets ``[texture, uv…]`` (one uv per ring vertex) or ``[null]``."""
    if values == [[None]] and not depth:     # a surface without texture, however many rings it has
        return None
    if not isinstance(values, list) or len(values) != len(b):
        return "'values' do not match the boundaries"
    if depth:
        for v, sub in zip(values, b):
            problem = _texture_problem(v, sub, depth - 1, counts)
            if problem:
                return problem
        return None
    for ring_values, ring in zip(values, b):
        if not isinstance(ring_values, list) or not ring_values:
            return "'values' do not match the boundaries"
        if ring_values[0] is None:
            if any(x is not None for x in ring_values):
                return "a ring without texture must be [null]"
            continue
        tex, uv = ring_values[0], ring_values[1:]
        if len(uv) != len(ring):
            return f"a ring of {len(ring)} vertices has {len(uv)} texture coordinates"
        if not isinstance(tex, int) or not 0 <= tex < counts.textures:
            return f"texture index {tex} out of range of appearance 'textures' ({counts.textures})"
        bad = [x for x in uv if not isinstance(x, int) or not 0 <= x < counts.uv]
        if bad:
            return f"texture coordinate index {bad[0]} out of range of 'vertices-texture' ({counts.uv})"
    return None


def _check_ext_object(oid: str, o: dict, schema: dict, r: ValidationReport) -> None:
    import jsonschema

    spec = schema["extraCityObjects"][o["type"]]
    sub = {"$schema": "https://json-schema.org/draft/2020-12/schema", **spec}
    try:
        jsonschema.validate(o, sub)
    except jsonschema.ValidationError as exc:
        r.error(f"CityObject {oid!r}: {o['type']} does not follow its extension schema: {exc.message}")


def _vertex_warnings(doc, r: ValidationReport) -> None:
    used = set()
    for o in doc["CityObjects"].values():
        for g in o.get("geometry") or []:
            if isinstance(g, dict):
                used.update(v for v in _leaves(g.get("boundaries", [])) if isinstance(v, int))
    n = len(doc["vertices"])
    if n - len(used & set(range(n))):
        r.warn(f"{n - len(used & set(range(n)))} unused vertices")
    if len({tuple(v) for v in doc["vertices"]}) != n:
        r.warn("duplicate vertices")
