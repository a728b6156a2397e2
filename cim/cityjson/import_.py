"""Import CityJSON 2.0 / CityJSONSeq into the CIM: validate first, reject invalid input with a clear
message, then turn City Objects into layers (buildings, roads, land use, smart elements, terrain,
other city objects) added in one undoable step."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cim.cityjson.objects import leaves
from cim.cityjson.validate import DEPTH
from cim.errors import CimInputError
from cim.feedback import Feedback

#: the largest coordinate a real place can have in any CRS (metres, feet or degrees), ECEF included
MAX_COORDINATE = 1e9
ROUTES = {"Building": "building", "BuildingPart": "building", "Road": "road", "Railway": "rail",
          "TransportSquare": "road", "LandUse": "plot", "+SmartElement": "smart_element", "TINRelief": "terrain",
          "WaterBody": "water_body"}
LAYER_NAMES = {"building": "buildings", "road": "roads", "rail": "rail", "plot": "land_use",
               "smart_element": "smart_elements", "terrain": "terrain", "water_body": "water_bodies",
               None: "city_objects"}


@dataclass
class CityModel:
    doc: dict
    vertices: np.ndarray                  # (n, 3) real coordinates
    crs: str | None
    warnings: list[str] = field(default_factory=list)
    reprojected: bool = False             # vertices moved into another CRS than the file's


def _parse_text(path: Path, text: str) -> tuple[dict, bool]:
    """Return (document, is_sequence). A CityJSONSeq is merged into one document."""
    try:
        return json.loads(text), False
    except RecursionError:
        raise _too_deep(path) from None
    except json.JSONDecodeError as whole_err:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        try:
            objs = [json.loads(ln) for ln in lines]
        except RecursionError:
            raise _too_deep(path) from None
        except json.JSONDecodeError:
            raise CimInputError(path, f"not valid JSON: {whole_err.msg} at line {whole_err.lineno} "
                                      "/ tệp không phải JSON hợp lệ", hint="check the file is complete") from None
        return _merge_seq(path, objs), True


def _too_deep(path: Path) -> CimInputError:
    return CimInputError(path, "not valid CityJSON: arrays or objects nested too deeply "
                               "/ tệp CityJSON lồng mảng quá sâu", hint="the file is damaged; export it again")


def _merge_seq(path: Path, objs: list) -> dict:
    """One document from a CityJSONSeq: the header, then every feature's objects with their vertex,
    material, texture and texture-coordinate indices moved into the merged lists."""
    from cim.cityjson.objects import Shared, shift_vertices
    from cim.cityjson.validate import validate_cityjson

    if not objs or not isinstance(objs[0], dict) or objs[0].get("type") != "CityJSON":
        raise CimInputError(path, "a CityJSONSeq must start with a CityJSON header line")
    header = objs[0]
    r = validate_cityjson(header)
    if not r.valid:
        raise CimInputError(path, f"invalid CityJSONSeq header (line 1): {r.text()}")
    doc = dict(header, CityObjects=dict(header.get("CityObjects", {})), vertices=list(header.get("vertices", [])))
    shared = Shared()
    for i, feat in enumerate(objs[1:], start=2):
        r = validate_cityjson(feat, feature=True, header=header)
        if not r.valid:
            raise CimInputError(path, f"invalid CityJSONFeature on line {i}: {r.text()}")
        k = len(doc["vertices"])
        doc["vertices"].extend(feat["vertices"])
        app = feat.get("appearance") or {}
        lists = {"materials": app.get("materials", []), "textures": app.get("textures", []),
                 "uv": app.get("vertices-texture", [])}
        ids = list(feat["CityObjects"])
        placed = shared.place_all(lists, [shift_vertices(feat["CityObjects"][oid], k) for oid in ids])
        doc["CityObjects"].update(zip(ids, placed))
    if shared.appearance():
        doc["appearance"] = shared.appearance()
    return doc


def read_cityjson(path: str | Path) -> CityModel:
    """Parse and validate ``path``; :class:`CimInputError` when it is not valid CityJSON 2.0."""
    from cim.cityjson.validate import validate_cityjson

    path = Path(path)
    if not path.is_file():
        raise CimInputError(path, "the CityJSON file does not exist")
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    doc, _seq = _parse_text(path, text)
    warnings = []
    if isinstance(doc, dict) and doc.get("type") == "CityJSONFeature":
        r = validate_cityjson(doc, feature=True)
        if not r.valid:
            raise CimInputError(path, f"invalid CityJSONFeature: {r.text()}")
        warnings.append("a lone CityJSONFeature without its header: coordinates taken as they are (scale 1)")
        doc = {"type": "CityJSON", "version": "2.0", "transform": {"scale": [1, 1, 1], "translate": [0, 0, 0]},
               "CityObjects": doc["CityObjects"], "vertices": doc["vertices"]}
    r = validate_cityjson(doc)
    if not r.valid:
        raise CimInputError(path, f"not valid CityJSON 2.0: {r.text()} / tệp CityJSON không hợp lệ",
                            hint="fix the file or export it again (CityJSON 2.0)")
    t = doc["transform"]
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            v = (np.asarray(doc["vertices"], dtype=np.float64).reshape(-1, 3) * np.asarray(t["scale"], dtype=np.float64)
                 + np.asarray(t["translate"], dtype=np.float64))
    except (OverflowError, ValueError, TypeError):    # integers beyond a float, ragged arrays
        v = np.array([[np.inf, np.inf, np.inf]])
    if not np.isfinite(v).all() or (len(v) and np.abs(v).max() > MAX_COORDINATE):
        raise CimInputError(path, "not valid CityJSON 2.0: the vertices scaled by the transform are not coordinates "
                                  "on Earth (infinite or beyond 10⁹ m) / toạ độ đỉnh sau phép biến đổi không hợp lệ",
                            hint="check 'transform' (scale, translate) and 'vertices'")
    crs = _crs(doc.get("metadata", {}).get("referenceSystem"))
    return CityModel(doc, v, crs, warnings + [w.message.en for w in r.warnings])


def _crs(ref: str | None) -> str | None:
    """``EPSG:n`` for an OGC CRS URL (``https://www.opengis.net/def/crs/EPSG/0/7415``); None when absent."""
    if not ref:
        return None
    parts = ref.rstrip("/").split("/")
    if "EPSG" in parts and parts[-1].isdigit():
        return f"EPSG:{parts[-1]}"
    if parts[-1].upper() == "CRS84":
        return "OGC:CRS84"
    return None


def _surfaces(g: dict):
    """Yield every surface (list of rings) of a surface/solid geometry."""
    t, b = g["type"], g["boundaries"]
    if t in ("MultiSurface", "CompositeSurface"):
        yield from b
    elif t == "Solid":
        for shell in b:
            yield from shell
    elif t in ("MultiSolid", "CompositeSolid"):
        for solid in b:
            for shell in solid:
                yield from shell


def _geometry_2d(obj: dict, model: CityModel):
    """A 2D footprint/line/point for one City Object (lowest LoD), or None; and the (zmin, zmax) of
    all its geometries."""
    import shapely

    geoms = [g for g in obj.get("geometry") or [] if g.get("type") in DEPTH]
    if not geoms:
        return None, (np.nan, np.nan)
    v = model.vertices
    idx = [i for g in geoms for i in leaves(g["boundaries"])]
    z = v[idx, 2] if idx else np.array([np.nan])
    zr = (float(np.min(z)), float(np.max(z)))
    g = min(geoms, key=lambda x: str(x.get("lod", "9")))
    t = g["type"]
    if t == "GeometryInstance":
        return shapely.Point(v[g["boundaries"][0], :2]), zr
    if t == "MultiPoint":
        return shapely.MultiPoint(v[g["boundaries"], :2]), zr
    if t == "MultiLineString":
        return shapely.MultiLineString([v[line, :2] for line in g["boundaries"] if len(line) > 1]), zr
    polys = []
    for surf in _surfaces(g):
        if len(surf[0]) < 3:
            continue
        p = shapely.Polygon(v[surf[0], :2], [v[r, :2] for r in surf[1:] if len(r) >= 3])
        if p.area > 1e-9:
            polys.append(p.buffer(0) if not p.is_valid else p)
    if not polys:
        return None, zr
    return shapely.union_all(polys), zr


#: +SmartElement attributes that have their own column in a smart-element layer
SMART_COLUMNS = {"elementType": "type", "system": "system", "status": "status", "operator": "operator",
                 "interfaceProtocol": "interface_protocol", "interfaceTarget": "interface_target",
                 "openStandard": "open_standard", "buildingId": "building_id"}


def _row(oid: str, o: dict, kind: str | None, model: CityModel, base_dir: Path) -> tuple[dict, dict]:
    """(the feature's own columns, its attributes)."""
    from cim.cityjson.objects import cut_record

    geom, (zmin, zmax) = _geometry_2d(o, model)
    attrs = dict(o.get("attributes") or {})
    if model.reprojected:      # the extent is in the file's CRS; export computes none
        o = {k: v for k, v in o.items() if k != "geographicalExtent"}
    lods = sorted({str(g.get("lod")) for g in o.get("geometry") or [] if "lod" in g})
    record = cut_record(o, model.vertices, model.doc.get("appearance"), model.doc.get("geometry-templates"),
                        base_dir)
    row = {"cim_id": str(attrs.get("cimId") or oid), "cityjson_id": oid, "cityjson_type": o["type"],
           "cityjson_lods": ",".join(lods), "base_z": zmin,
           "cityjson": json.dumps(record, ensure_ascii=False, separators=(",", ":")), "geometry": geom}
    if kind == "building":
        h = attrs.get("measuredHeight")
        row["height_m"] = float(h) if isinstance(h, int | float) and not isinstance(h, bool) else (zmax - zmin)
        f = attrs.get("storeysAboveGround")
        row["floors"] = float(f) if isinstance(f, int | float) and not isinstance(f, bool) else np.nan
    elif kind == "smart_element":
        for key, col in SMART_COLUMNS.items():
            row[col] = str(attrs.pop(key, "") or "")
    return row, attrs


def cityjson_layers(model: CityModel, *, path: Path | None = None,
                    feedback: Feedback | None = None) -> tuple[dict[str | None, object], dict]:
    """GeoDataFrames by object kind (None = other city objects), and each kind's attribute columns
    (:func:`cim.cityjson.attributes.attribute_columns`)."""
    import geopandas as gpd

    from cim.cityjson.attributes import attribute_columns

    feedback = feedback or Feedback()
    rows: dict[str | None, list[dict]] = {}
    attrs: dict[str | None, list[dict]] = {}
    base_dir = path.parent if path else None
    for n, (oid, o) in enumerate(model.doc["CityObjects"].items()):
        kind = ROUTES.get(o["type"])
        try:
            row, a = _row(oid, o, kind, model, base_dir)
        except (IndexError, ValueError, TypeError, OverflowError) as exc:    # what the schema cannot say
            raise CimInputError(path, f"not valid CityJSON 2.0: {exc} / tệp CityJSON không hợp lệ", obj=oid,
                                hint="fix the file or export it again (CityJSON 2.0)") from None
        rows.setdefault(kind, []).append(row)
        attrs.setdefault(kind, []).append(a)
        if n % 1000 == 0:
            feedback.raise_if_canceled("CityJSON import")
    out, mappings = {}, {}
    for kind, rs in rows.items():
        columns, mappings[kind] = attribute_columns(attrs[kind], taken=tuple(rs[0]))
        gdf = gpd.GeoDataFrame(rs, geometry="geometry", crs=model.crs)
        for name, values in columns.items():
            gdf[name] = values
        if "name" not in gdf.columns:
            gdf["name"] = ""
        gdf.index = np.arange(1, len(gdf) + 1, dtype=np.int64)
        gdf.index.name = "fid"
        out[kind] = gdf
    return out, mappings


def _to_project_crs(model: CityModel, target: str | None, path: Path) -> bool:
    """Move the model's vertices (x, y; z kept) into ``target``; True when they moved."""
    from cim.crs.transform import transform_xy

    if not target or not model.crs or _same_crs(model.crs, target) or not len(model.vertices):
        return False
    try:
        x, y = transform_xy(model.vertices[:, 0], model.vertices[:, 1], model.crs, target)
    except Exception as exc:
        raise CimInputError(path, f"cannot transform from {model.crs} to {target}: {exc}") from exc
    model.vertices = np.column_stack([x, y, model.vertices[:, 2]])
    model.reprojected = True
    return True


def _same_crs(a: str, b: str) -> bool:
    from pyproj import CRS

    try:
        return CRS.from_user_input(a) == CRS.from_user_input(b)
    except Exception:
        return a == b


def source_crs(model: CityModel, path: Path, crs_if_missing: str | None) -> str:
    """The CRS of the file's coordinates: its ``referenceSystem``, else the one the user chose; a file
    that names none is refused (never imported silently without a CRS)."""
    ref = model.doc.get("metadata", {}).get("referenceSystem")
    if model.crs:
        return model.crs
    if crs_if_missing:
        return crs_if_missing
    if ref:
        raise CimInputError(path, f"the referenceSystem {ref!r} is not an EPSG code CIM Studio can use "
                                  "/ hệ tọa độ của tệp không dùng được",
                            hint="choose the CRS the coordinates are in, e.g. --crs EPSG:9208")
    raise CimInputError(path, "the file has no referenceSystem: its coordinate reference system is unknown "
                              "/ tệp không khai báo hệ tọa độ (referenceSystem)",
                        hint="choose the CRS the coordinates are in, e.g. --crs EPSG:9208 "
                             "(VN-2000 / TM-3 Phú Thọ)")


def import_cityjson(project, path: str | Path, *, crs: str | None = None,
                    feedback: Feedback | None = None) -> list:
    """Import ``path`` into ``project`` as layers (one undo step). Returns the new LayerRecords.

    ``crs`` is the CRS to assume when the file has no ``referenceSystem``; without it such a file is
    refused with a :class:`CimInputError` saying so."""
    from cim.project.edits import AddLayer
    from cim.project.layer import LayerRecord

    feedback = feedback or Feedback()
    path = Path(path)
    model = read_cityjson(path)
    src = source_crs(model, path, crs)
    if not model.crs:
        feedback.log(f"{path.name}: no referenceSystem in the file; its coordinates are taken as {src} "
                     "(chosen at import)", "warning")
        model.crs = src
    for w in model.warnings:
        feedback.log(f"{path.name}: {w}", "warning")
    moved = _to_project_crs(model, project.crs, path)
    layers, mappings = cityjson_layers(model, path=path, feedback=feedback)
    scale = model.doc.get("transform", {}).get("scale")
    records = []
    for kind, gdf in layers.items():
        if moved:
            gdf = gdf.set_crs(project.crs, allow_override=True)
        info = {"attributes": mappings[kind], "scale": None if moved else scale,
                "extensions": model.doc.get("extensions") or {}}
        records.append(LayerRecord(name=f"{path.name.split('.')[0]} — {LAYER_NAMES[kind]}", kind="vector", data=gdf,
                                   crs=project.crs or model.crs, object_kind=kind,
                                   source={"path": str(path), "format": "CityJSON 2.0", "source_crs": src,
                                           "cityjson": info}))
    if records:
        with project.undo_stack.macro(f"Import CityJSON {path.name}"):
            for rec in records:
                project.push(AddLayer(project, rec))
    feedback.set_progress(1.0)
    return records
