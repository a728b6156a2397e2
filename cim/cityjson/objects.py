"""One City Object as a self-contained record, so that import → export loses nothing.

Import cuts every City Object out of its document: the object's members (geometries with their LoD,
type, semantics, material and texture values; ``address``; ``parents``/``children``; any other member)
with every index made local to the object, plus what those indices point to — its vertices (real
coordinates, in the project CRS), materials, textures, texture coordinates and geometry templates.
The record is stored with the feature (column ``cityjson``); the feature's attributes are columns.
Export (:mod:`cim.cityjson.export`) puts the records back into one document, merging identical
materials, textures and templates.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

#: members of a City Object that the record does not hold (they live in the layer's columns)
NOT_IN_RECORD = ("type", "attributes")


def _remap(b, table: dict):
    """``b`` (nested lists of indices / None) with every index replaced through ``table``."""
    if isinstance(b, list):
        return [_remap(x, table) for x in b]
    return None if b is None else table[b]


def leaves(b):
    """The indices in ``b`` (nested lists of indices / None), depth first, leaving out the Nones."""
    if isinstance(b, list):
        for x in b:
            yield from leaves(x)
    elif b is not None:
        yield b


def _table(used) -> dict:
    return {old: new for new, old in enumerate(sorted(set(used)))}


def _geometries(members: dict) -> list[dict]:
    return [g for g in members.get("geometry") or [] if isinstance(g, dict)]


def _addresses(members: dict) -> list[dict]:
    return [a["location"] for a in members.get("address") or []
            if isinstance(a, dict) and isinstance(a.get("location"), dict)]


def _texture_leaves(values):
    """(texture indices, uv indices) of a texture theme's ``values``."""
    tex, uv = [], []

    def walk(v):
        if isinstance(v, list) and v and all(not isinstance(x, list) for x in v):
            if v[0] is not None:
                tex.append(v[0])
                uv.extend(x for x in v[1:] if x is not None)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(values)
    return tex, uv


def _map_texture(values, tex: dict, uv: dict):
    if isinstance(values, list) and values and all(not isinstance(x, list) for x in values):
        return values if values[0] is None else [tex[values[0]], *(uv[x] for x in values[1:])]
    return [_map_texture(x, tex, uv) for x in values] if isinstance(values, list) else values


def _map_appearance(g: dict, mats: dict, tex: dict, uv: dict) -> dict:
    g = dict(g)
    if isinstance(g.get("material"), dict):
        g["material"] = {theme: ({"value": mats[m["value"]]} if "value" in m else
                                 {"values": _remap(m.get("values"), mats)})
                         for theme, m in g["material"].items()}
    if isinstance(g.get("texture"), dict):
        g["texture"] = {theme: dict(t, values=_map_texture(t.get("values"), tex, uv))
                        for theme, t in g["texture"].items()}
    return g


def _appearance_used(geoms: list[dict]) -> tuple[list, list, list]:
    mats, tex, uv = [], [], []
    for g in geoms:
        for m in (g.get("material") or {}).values():
            mats.extend([m["value"]] if "value" in m else list(leaves(m.get("values"))))
        for t in (g.get("texture") or {}).values():
            a, b = _texture_leaves(t.get("values"))
            tex += a
            uv += b
    return mats, tex, uv


def cut_record(obj: dict, vertices: np.ndarray, appearance: dict, templates: dict | None,
               base_dir: Path | None = None) -> dict:
    """The self-contained record of City Object ``obj`` of a validated document whose real vertex
    coordinates are ``vertices`` (n × 3)."""
    members = {k: v for k, v in obj.items() if k not in NOT_IN_RECORD}
    geoms = _geometries(members)
    tpl_all = (templates or {}).get("templates", [])
    tpl_verts = np.asarray((templates or {}).get("vertices-templates", []), dtype=np.float64).reshape(-1, 3)
    used_tpl = _table(g["template"] for g in geoms if g.get("type") == "GeometryInstance")
    tpl_geoms = [tpl_all[i] for i in sorted(used_tpl)]
    mats, tex, uv = _appearance_used(geoms + tpl_geoms)
    mat_t, tex_t, uv_t = _table(mats), _table(tex), _table(uv)
    vt = _table([v for g in geoms for v in leaves(g.get("boundaries"))]
                + [v for a in _addresses(members) for v in leaves(a.get("boundaries"))])
    out_geoms = []
    for g in members.get("geometry") or []:
        g = _map_appearance(dict(g, boundaries=_remap(g.get("boundaries"), vt)), mat_t, tex_t, uv_t)
        if g.get("type") == "GeometryInstance":
            g["template"] = used_tpl[g["template"]]
        out_geoms.append(g)
    if "geometry" in members:
        members["geometry"] = out_geoms
    if "address" in members:
        members["address"] = [dict(a, location=dict(a["location"], boundaries=_remap(
            a["location"].get("boundaries"), vt))) if isinstance(a, dict) and isinstance(a.get("location"), dict)
            else a for a in members["address"]]
    record: dict = {"members": members, "vertices": vertices[sorted(vt)].tolist()}
    app = appearance or {}
    if mat_t:
        record["materials"] = [app["materials"][i] for i in sorted(mat_t)]
    if tex_t:
        record["textures"] = [_absolute_image(app["textures"][i], base_dir) for i in sorted(tex_t)]
    if uv_t:
        record["uv"] = [app["vertices-texture"][i] for i in sorted(uv_t)]
    if tpl_geoms:
        record["templates"] = []
        for t in tpl_geoms:
            tv = _table(leaves(t.get("boundaries")))
            if not all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(tpl_verts) for i in tv):
                raise ValueError("a geometry template's boundaries are not indices into 'vertices-templates'")
            t = _map_appearance(dict(t, boundaries=_remap(t.get("boundaries"), tv)), mat_t, tex_t, uv_t)
            record["templates"].append({"geometry": t, "vertices": tpl_verts[sorted(tv)].tolist()})
    return record


def _absolute_image(texture: dict, base_dir: Path | None) -> dict:
    image = texture.get("image")
    if base_dir is None or not isinstance(image, str) or "://" in image or Path(image).is_absolute():
        return texture
    found = (base_dir / image).resolve()
    return dict(texture, image=str(found)) if found.exists() else texture


class Shared:
    """The document-wide lists records point into on export: materials, textures and templates
    (identical entries merged), texture coordinates and template vertices."""

    def __init__(self, out_dir: Path | None = None, *, templates: Shared | None = None) -> None:
        self.out_dir = out_dir
        self._templates = templates or self     # CityJSONSeq: templates live in the header
        self.materials: list = []
        self.textures: list = []
        self.uv: list = []
        self.templates: list = []
        self.template_vertices: list = []
        self._keys: dict = {}

    def _once(self, kind: str, items: list, value) -> int:
        key = (kind, json.dumps(value, sort_keys=True))
        if key not in self._keys:
            self._keys[key] = len(items)
            items.append(value)
        return self._keys[key]

    def place(self, record: dict, members: dict) -> dict:
        """``members`` (the record's, vertex indices already shifted) with material, texture, uv and
        template indices turned into indices of the shared lists."""
        return self.place_all(record, [members])[0]

    def place_all(self, record: dict, many: list[dict]) -> list[dict]:
        """:meth:`place` for several objects that share the lists of one ``record`` (a CityJSONFeature's
        appearance); without ``templates`` in the record, template indices stay as they are."""
        mats = {i: self._once("m", self.materials, m) for i, m in enumerate(record.get("materials", []))}
        tex = {i: self._once("t", self.textures, self._relative(t)) for i, t in enumerate(record.get("textures", []))}
        uv = {i: len(self.uv) + i for i in range(len(record.get("uv", [])))}
        self.uv.extend(record.get("uv", []))
        tpl = {i: self._templates._template(_map_appearance(t["geometry"], mats, tex, uv), t["vertices"])
               for i, t in enumerate(record.get("templates", []))}
        out = []
        for members in many:
            geoms = []
            for g in members.get("geometry") or []:
                g = _map_appearance(g, mats, tex, uv)
                if g.get("type") == "GeometryInstance" and "templates" in record:
                    g["template"] = tpl[g["template"]]
                geoms.append(g)
            out.append(dict(members, geometry=geoms) if "geometry" in members else members)
        return out

    def _template(self, geom: dict, vertices: list) -> int:
        key = ("tpl", json.dumps([geom, vertices], sort_keys=True))
        if key not in self._keys:
            k = len(self.template_vertices)
            self.template_vertices.extend(vertices)
            self._keys[key] = len(self.templates)
            self.templates.append(dict(geom, boundaries=_shift(geom["boundaries"], k)))
        return self._keys[key]

    def _relative(self, texture: dict) -> dict:
        image = texture.get("image")
        if self.out_dir is None or not isinstance(image, str) or not Path(image).is_absolute():
            return texture
        import os

        return dict(texture, image=Path(os.path.relpath(image, self.out_dir)).as_posix())

    def appearance(self) -> dict | None:
        lists = {"materials": self.materials, "textures": self.textures, "vertices-texture": self.uv}
        return {k: v for k, v in lists.items() if v} or None

    def geometry_templates(self) -> dict | None:
        if not self.templates:
            return None
        return {"templates": self.templates, "vertices-templates": self.template_vertices}


def _shift(b, k: int):
    if isinstance(b, list):
        return [_shift(x, k) for x in b]
    return b if b is None else b + k


def shift_vertices(members: dict, k: int) -> dict:
    """``members`` with every vertex index (geometries, address locations) moved by ``k``."""
    if not k:
        return members
    out = dict(members)
    if "geometry" in out:
        out["geometry"] = [dict(g, boundaries=_shift(g.get("boundaries"), k)) for g in out["geometry"]]
    if "address" in out:
        out["address"] = [dict(a, location=dict(a["location"], boundaries=_shift(a["location"]["boundaries"], k)))
                          if isinstance(a, dict) and isinstance(a.get("location"), dict) else a
                          for a in out["address"]]
    return out
