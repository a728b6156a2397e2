"""Export the CIM to CityJSON 2.0 (one file) or CityJSONSeq (one feature per line, for large models).

City Objects imported from CityJSON come back from the record the import kept (:mod:`cim.cityjson.objects`):
same id, type, members, geometries, appearance and templates, attributes from the layer's columns.
Other features are built: buildings as LoD0 footprint (MultiSurface) and LoD1 block (Solid) on their
``base_z``, LoD2 (MultiSurface of the IFC triangles) when an IFC model is linked; roads as LoD0
MultiLineString (centre lines) or MultiSurface (areas); land-use plots: LoD1 MultiSurface; terrain:
TINRelief (CompositeSurface) from a DEM; smart elements: ``+SmartElement`` (CIM_Smart Extension).
Coordinates are the project CRS's, quantised by the ``transform`` to millimetres, or finer when an
imported file had a finer scale.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from cim.cityjson.extension import declaration
from cim.errors import CimInputError
from cim.feedback import Feedback

SCALE = 0.001


class _Obj:
    """One City Object being built: its own vertex list (float, map coordinates) and geometries.

    An object imported from CityJSON comes back from its record (:func:`from_record`): every member
    it had, its materials, textures and templates (``record``)."""

    def __init__(self, oid: str, otype: str, attributes: dict) -> None:
        self.id, self.type, self.attributes = oid, otype, {k: v for k, v in attributes.items() if _ok(v)}
        self.verts: list[np.ndarray] = []
        self.n = 0
        self.geometry: list[dict] = []
        self.parents: list[str] = []
        self.children: list[str] = []
        self.members: dict = {}
        self.record: dict | None = None

    def add_vertices(self, xyz: np.ndarray) -> int:
        start = self.n
        self.verts.append(np.asarray(xyz, dtype=np.float64).reshape(-1, 3))
        self.n += len(self.verts[-1])
        return start

    def to_json(self) -> dict:
        lists = {"attributes": self.attributes, "geometry": self.geometry, "parents": self.parents,
                 "children": self.children}
        return {"type": self.type, **{k: v for k, v in lists.items() if v}, **self.members}


def from_record(oid: str, otype: str, attributes: dict, record: dict) -> _Obj:
    """The City Object an import stored as ``record`` (:mod:`cim.cityjson.objects`), attributes as given."""
    o = _Obj(oid, otype, {})
    o.attributes = dict(attributes)
    members = dict(record.get("members") or {})
    if record.get("vertices"):
        o.add_vertices(np.asarray(record["vertices"], dtype=np.float64))
    o.geometry = list(members.pop("geometry", []) or [])
    o.parents = list(members.pop("parents", []) or [])
    o.children = list(members.pop("children", []) or [])
    o.members = members
    o.record = record
    return o


def _ok(v) -> bool:
    if v is None:
        return False
    if isinstance(v, float) and not math.isfinite(v):
        return False
    return not (isinstance(v, str) and v == "")


def _plain(v):
    if isinstance(v, np.generic):
        return v.item()
    return v


def _rings(poly) -> list[np.ndarray]:
    """Exterior (counter-clockwise) and interiors (clockwise) of a polygon, without the closing point."""
    import shapely

    poly = shapely.geometry.polygon.orient(poly, 1.0)
    return [np.asarray(poly.exterior.coords)[:-1, :2]] + [np.asarray(r.coords)[:-1, :2] for r in poly.interiors]


def _polygons(geom):
    if geom is None or geom.is_empty:
        return []
    return list(getattr(geom, "geoms", [geom])) if geom.geom_type in ("MultiPolygon", "GeometryCollection") \
        else [geom] if geom.geom_type == "Polygon" else []


def add_footprint(obj: _Obj, geom, z: float, lod: str = "0") -> None:
    surfaces = []
    for poly in _polygons(geom):
        rings = []
        for ring in _rings(poly):
            s = obj.add_vertices(np.column_stack([ring, np.full(len(ring), z)]))
            rings.append(list(range(s, s + len(ring))))
        surfaces.append(rings)
    if surfaces:
        obj.geometry.append({"type": "MultiSurface", "lod": lod, "boundaries": surfaces})


def add_block(obj: _Obj, geom, base: float, height: float, lod: str = "1") -> None:
    """LoD1: a Solid per polygon part (exterior shell: floor, roof, walls)."""
    polys = _polygons(geom)
    if not polys or not (height > 0):
        return
    poly = max(polys, key=lambda p: p.area)
    ext = _rings(poly)[0]
    n = len(ext)
    s = obj.add_vertices(np.vstack([np.column_stack([ext, np.full(n, base)]),
                                    np.column_stack([ext, np.full(n, base + height)])]))
    floor = [[s + i for i in range(n - 1, -1, -1)]]
    roof = [[s + n + i for i in range(n)]]
    walls = [[[s + i, s + (i + 1) % n, s + n + (i + 1) % n, s + n + i]] for i in range(n)]
    shell = [floor, roof, *walls]
    sem = {"surfaces": [{"type": "GroundSurface"}, {"type": "RoofSurface"}, {"type": "WallSurface"}],
           "values": [[0, 1] + [2] * n]}
    obj.geometry.append({"type": "Solid", "lod": lod, "boundaries": [shell], "semantics": sem})


def add_mesh(obj: _Obj, verts: np.ndarray, faces: np.ndarray, lod: str = "2") -> None:
    if not len(faces):
        return
    tri = verts[faces]
    e1, e2 = tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]
    keep = np.linalg.norm(np.cross(e1, e2), axis=1) > 1e-9
    faces = faces[keep]
    used, inv = np.unique(faces, return_inverse=True)
    s = obj.add_vertices(verts[used])
    local = (inv.reshape(-1, 3) + s).tolist()
    obj.geometry.append({"type": "MultiSurface", "lod": lod, "boundaries": [[f] for f in local]})


def add_lines(obj: _Obj, geom, z: float = 0.0, lod: str = "0") -> None:
    parts = list(getattr(geom, "geoms", [geom])) if geom is not None and not geom.is_empty else []
    lines = []
    for line in parts:
        c = np.asarray(line.coords)
        xyz = c if c.shape[1] == 3 else np.column_stack([c, np.full(len(c), z)])
        s = obj.add_vertices(xyz)
        lines.append(list(range(s, s + len(c))))
    if lines:
        obj.geometry.append({"type": "MultiLineString", "lod": lod, "boundaries": lines})


def add_shape(obj: _Obj, geom, z: float = 0.0, lod: str = "0") -> None:
    """Any 2D/3D shape: polygons → MultiSurface at height ``z``, lines → MultiLineString, points →
    MultiPoint; a collection gives one geometry per kind it holds."""
    if geom is None or geom.is_empty:
        return
    parts = list(getattr(geom, "geoms", [geom]))
    polys = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    lines = [p for p in parts if p.geom_type in ("LineString", "MultiLineString", "LinearRing")]
    points = [p for p in parts if p.geom_type in ("Point", "MultiPoint")]
    if polys:
        import shapely

        add_footprint(obj, shapely.union_all(polys) if len(polys) > 1 else polys[0], z, lod=lod)
    if lines:
        import shapely

        flat = [ln for p in lines for ln in getattr(p, "geoms", [p])]
        add_lines(obj, shapely.MultiLineString(flat) if len(flat) > 1 else flat[0], z, lod=lod)
    if points:
        pts = np.array([(q.x, q.y, q.z if q.has_z else z) for p in points for q in getattr(p, "geoms", [p])])
        s = obj.add_vertices(pts)
        obj.geometry.append({"type": "MultiPoint", "lod": lod, "boundaries": list(range(s, s + len(pts)))})


def add_point(obj: _Obj, x: float, y: float, z: float, lod: str = "1") -> None:
    s = obj.add_vertices(np.array([[x, y, z]]))
    obj.geometry.append({"type": "MultiPoint", "lod": lod, "boundaries": [s]})


def dem_tin(z: np.ndarray, transform, step: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """A regular TIN from a DEM grid (``transform`` = GDAL/affine (a, b, c, d, e, f)): vertices, triangles."""
    z = np.asarray(z, dtype=np.float64)[::step, ::step]
    a, b, c, d, e, f = transform[:6] if len(transform) >= 6 else transform
    rows, cols = np.mgrid[0:z.shape[0], 0:z.shape[1]]
    px, py = cols * step + 0.5, rows * step + 0.5
    x, y = a * px + b * py + c, d * px + e * py + f
    verts = np.column_stack([x.ravel(), y.ravel(), z.ravel()])
    idx = np.arange(z.size).reshape(z.shape)
    p00, p01, p10, p11 = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel(), idx[1:, :-1].ravel(), idx[1:, 1:].ravel()
    tris = np.vstack([np.column_stack([p00, p10, p11]), np.column_stack([p00, p11, p01])])
    ok = np.isfinite(verts[tris][:, :, 2]).all(axis=1)
    return verts, tris[ok]


def _reference_system(crs: str | None) -> str | None:
    if crs and crs.upper().startswith("EPSG:"):
        return f"https://www.opengis.net/def/crs/EPSG/0/{crs.split(':')[1]}"
    return None


def _quantise(objs: list[_Obj], scale: list[float]) -> tuple[np.ndarray, list[float]]:
    allv = [np.vstack(o.verts) for o in objs if o.verts]
    if not allv:
        return np.zeros((0, 3), dtype=np.int64), [0.0, 0.0, 0.0]
    v = np.vstack(allv)
    if not np.isfinite(v).all():
        raise CimInputError(None, "CityJSON export: some coordinates are not finite numbers",
                            hint="check the geometries of the exported layers (Layer › Validate)")
    translate = np.floor(v.min(axis=0)).tolist()
    q = np.round((v - translate) / scale)
    if np.abs(q).max() >= 2 ** 62:
        raise CimInputError(None, f"CityJSON export: the coordinates span {np.ptp(v, axis=0).max():.3g} units, too "
                                  f"much for a {min(scale):g} transform scale",
                            hint="check the geometries of the exported layers (Layer › Validate)")
    return q.astype(np.int64), translate


def _city_objects(objs: list[_Obj], shared) -> dict:
    """CityObjects of ``objs`` whose vertices follow each other in that order."""
    from cim.cityjson.objects import shift_vertices

    city, k = {}, 0
    for o in objs:
        d = shift_vertices(o.to_json(), k)
        if o.record is not None:
            d = shared.place(o.record, d)
        k += o.n
        city[o.id] = d
    return city


def assemble(objs: list[_Obj], crs: str | None, title: str = "CIM Studio export", *,
             scale: list[float] | None = None, out_dir: Path | None = None, extensions: dict | None = None,
             extra_metadata: dict | None = None) -> dict:
    """One CityJSON document from built objects (vertices quantised to ``scale``, default 1 mm);
    ``extensions`` are declarations of imported files' Extensions, written beside our own;
    ``extra_metadata`` is merged into ``metadata``."""
    from cim.cityjson.objects import Shared

    scale = list(scale or [SCALE] * 3)
    ints, translate = _quantise(objs, scale)
    shared = Shared(out_dir)
    city = _city_objects(objs, shared)
    doc = {"type": "CityJSON", "version": "2.0",
           "transform": {"scale": scale, "translate": translate},
           "metadata": {"title": title}, "extensions": {**(extensions or {}), **declaration()},
           "CityObjects": city,
           "vertices": ints.tolist()}
    if shared.appearance():
        doc["appearance"] = shared.appearance()
    if shared.geometry_templates():
        doc["geometry-templates"] = shared.geometry_templates()
    ref = _reference_system(crs)
    if ref:
        doc["metadata"]["referenceSystem"] = ref
    doc["metadata"].update(extra_metadata or {})
    return doc


def write_cityjson(objs: list[_Obj], path: str | Path, crs: str | None, extra_metadata: dict | None = None, *,
                   scale: list[float] | None = None, extensions: dict | None = None) -> Path:
    path = Path(path)
    doc = assemble(objs, crs, scale=scale, out_dir=path.resolve().parent, extensions=extensions,
                   extra_metadata=extra_metadata)
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=_plain), encoding="utf-8")
    return path


def _family(o: _Obj, by_id: dict) -> list[_Obj]:
    """``o`` and all its descendants, each once."""
    out, seen, todo = [], set(), [o]
    while todo:
        m = todo.pop(0)
        if m.id in seen:
            continue
        seen.add(m.id)
        out.append(m)
        todo += [by_id[c] for c in m.children if c in by_id]
    return out


def write_cityjsonseq(objs: list[_Obj], path: str | Path, crs: str | None, feedback: Feedback | None = None,
                      extra_metadata: dict | None = None, *, scale: list[float] | None = None,
                      extensions: dict | None = None) -> Path:
    """CityJSONSeq: a header ``CityJSON`` object (with the geometry templates), then one
    ``CityJSONFeature`` per first-level object (with its descendants and its own appearance), each
    with its own vertices quantised by the header's transform."""
    from cim.cityjson.objects import Shared

    feedback = feedback or Feedback()
    path = Path(path)
    scale = list(scale or [SCALE] * 3)
    ints, translate = _quantise(objs, scale)
    header = assemble([], crs, scale=scale, extensions=extensions, extra_metadata=extra_metadata)
    header["transform"]["translate"] = translate
    by_id = {o.id: o for o in objs}
    top = [o for o in objs if not o.parents]
    templates = Shared(path.resolve().parent)
    lines = []
    for i, o in enumerate(top):
        members = _family(o, by_id)
        verts = [np.round((np.vstack(m.verts) - translate) / scale).astype(np.int64) for m in members if m.verts]
        shared = Shared(path.resolve().parent, templates=templates)
        feat = {"type": "CityJSONFeature", "id": o.id, "CityObjects": _city_objects(members, shared),
                "vertices": np.vstack(verts).tolist() if verts else []}
        if shared.appearance():
            feat["appearance"] = shared.appearance()
        lines.append(feat)
        if i % 500 == 0:
            feedback.raise_if_canceled("CityJSONSeq export")
            feedback.set_progress(i / max(len(top), 1))
    if templates.geometry_templates():
        header["geometry-templates"] = templates.geometry_templates()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n")
        for feat in lines:
            fh.write(json.dumps(feat, ensure_ascii=False, separators=(",", ":"), default=_plain) + "\n")
    return path
