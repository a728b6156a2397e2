"""A realistic multi-type CityJSON 2.0 city model built from the sample district (EPSG:9208).

Like the 3D city models planners receive: LoD1 and LoD2.2 building solids on the terrain (bases at the
DEM height, not z = 0) with semantic surfaces, materials on walls and textures on some roofs,
BuildingParts, roads and squares as surfaces (TrafficArea), land use, plant cover, water bodies, a
bridge, railway, street furniture, generic objects (lamp posts, cables), trees as geometry instances,
a TIN relief, a CityObjectGroup, +SmartElement objects of our Extension, and attributes of every
JSON type (text with Vietnamese diacritics, integers, decimals, booleans, arrays, objects, null).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyogrio
import rasterio
import shapely

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "district"


class _Doc:
    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.translate = np.array([564000.0, 2358500.0, 0.0])
        self.vertices: list = []
        self.objects: dict = {}

    def v(self, xyz) -> list[int]:
        """Indices of new vertices at real coordinates ``xyz`` (k × 3)."""
        q = np.round((np.asarray(xyz, dtype=float).reshape(-1, 3) - self.translate) / self.scale).astype(np.int64)
        start = len(self.vertices)
        self.vertices.extend(q.tolist())
        return list(range(start, start + len(q)))


def _ring(poly) -> np.ndarray:
    poly = shapely.geometry.polygon.orient(poly, 1.0)
    return np.asarray(poly.exterior.coords)[:-1, :2]


def _dem():
    src = rasterio.open(SAMPLE / "dem.tif")
    z = src.read(1)

    def at(x, y):
        r, c = src.index(x, y)
        r = min(max(r, 0), z.shape[0] - 1)
        c = min(max(c, 0), z.shape[1] - 1)
        return float(round(z[r, c], 2))

    return src, z, at


def _solid(doc: _Doc, ring: np.ndarray, base: float, height: float, roof: float = 0.0):
    """A closed shell: floor, walls and a flat roof (roof == 0) or a hipped roof rising ``roof`` to an
    apex above the centroid (convex footprints). Returns (boundaries, semantic values)."""
    n = len(ring)
    lo = doc.v(np.column_stack([ring, np.full(n, base)]))
    hi = doc.v(np.column_stack([ring, np.full(n, base + height)]))
    floor = [lo[::-1]]
    walls = [[[lo[i], lo[(i + 1) % n], hi[(i + 1) % n], hi[i]]] for i in range(n)]
    if roof:
        apex = doc.v([[*ring.mean(axis=0), base + height + roof]])[0]
        roofs = [[[hi[i], hi[(i + 1) % n], apex]] for i in range(n)]
    else:
        roofs = [[hi]]
    shell = [floor, *walls, *roofs]
    values = [0] + [2] * n + [1] * len(roofs)
    return [shell], [values], len(walls), len(roofs)


SEM = [{"type": "GroundSurface"}, {"type": "RoofSurface", "slope": 22.5}, {"type": "WallSurface"}]


def _buildings(doc: _Doc, dem_at, n: int) -> tuple[list, list]:
    b = pyogrio.read_dataframe(SAMPLE / "sources.gpkg", layer="buildings").head(n)
    uvs, textured = [], []
    for i, row in enumerate(b.itertuples()):
        ring = _ring(row.geometry)
        c = row.geometry.centroid
        base = dem_at(c.x, c.y)
        h = float(row.height_m)
        oid = f"NL-{row.cim_id}"
        lod1, v1, _, _ = _solid(doc, ring, base, h)
        lod2, v2, nw, nr = _solid(doc, ring, base, h, roof=2.5 if len(ring) <= 6 else 0.0)
        g2 = {"type": "Solid", "lod": "2.2", "boundaries": lod2,
              "semantics": {"surfaces": SEM, "values": v2},
              "material": {"visual": {"values": [[0] + [1] * nw + [2] * nr]},
                           "thermal": {"value": 3}}}
        if i % 7 == 0:   # a photographed roof: texture on the roof faces
            tex = []
            for _k in range(nr):
                k = len(uvs)
                ring_len = 3 if nr > 1 else len(ring)
                angles = np.linspace(0, 2 * np.pi, ring_len, endpoint=False)
                uvs.extend(np.round(np.column_stack([0.5 + 0.5 * np.cos(angles), 0.5 + 0.5 * np.sin(angles)]),
                                    4).tolist())
                tex.append([[i % 2] + list(range(k, k + ring_len))])
            g2["texture"] = {"photo": {"values": [[[[None]]] + [[[None]]] * nw + tex]}}
            textured.append(oid)
        attrs = {"name": row.name or None, "function": row.use, "storeysAboveGround": int(row.floors),
                 "measuredHeight": h, "roofType": "hipped" if len(ring) <= 6 else "flat",
                 "smart": bool(row.smart), "gfa_m2": float(row.gfa_m2), "yearOfConstruction": 1990 + i % 35,
                 "owner": None, "tags": ["sample", row.use], "address": {"ward": "phường Nông Trang",
                                                                          "city": "Việt Trì"}}
        attrs = {k: v for k, v in attrs.items() if not (k == "name" and v is None)}
        doc.objects[oid] = {"type": "Building", "attributes": attrs,
                            "geometry": [{"type": "Solid", "lod": "1", "boundaries": lod1,
                                          "semantics": {"surfaces": SEM, "values": v1}}, g2]}
        if i % 25 == 3:   # an annex as a BuildingPart
            part = f"{oid}-annex"
            small = shapely.affinity.scale(row.geometry, 0.4, 0.4)
            pb, pv, _, _ = _solid(doc, _ring(small), base + h, 3.0)
            doc.objects[part] = {"type": "BuildingPart", "parents": [oid], "attributes": {"function": "annex"},
                                 "geometry": [{"type": "Solid", "lod": "2.2", "boundaries": pb,
                                               "semantics": {"surfaces": SEM, "values": pv}}]}
            doc.objects[oid]["children"] = [part]
    return uvs, textured


def _surfaces(doc: _Doc, geom, z: float) -> list:
    out = []
    for poly in getattr(geom, "geoms", [geom]):
        poly = shapely.geometry.polygon.orient(poly, 1.0)
        rings = [np.asarray(poly.exterior.coords)[:-1, :2]] + [np.asarray(r.coords)[:-1, :2] for r in poly.interiors]
        out.append([doc.v(np.column_stack([r, np.full(len(r), z)])) for r in rings])
    return out


def build_city_model(path: Path, *, buildings: int = 200, scale: float = 0.001) -> dict:
    """Write the model to ``path`` and return the document."""
    doc = _Doc(scale)
    src, z, dem_at = _dem()
    uvs, _textured = _buildings(doc, dem_at, buildings)
    gpkg = SAMPLE / "sources.gpkg"
    roads = pyogrio.read_dataframe(gpkg, layer="roads")
    for row in roads.itertuples():
        area = row.geometry.buffer(float(row.width_m) / 2, cap_style="flat")
        c = row.geometry.interpolate(0.5, normalized=True)
        surf = _surfaces(doc, area, dem_at(c.x, c.y))
        otype = "TransportSquare" if row.road_class == "pedestrian" else "Road"
        doc.objects[f"NL-{row.cim_id}"] = {
            "type": otype, "attributes": {"name": row.name, "class": row.road_class, "lanes": int(row.lanes),
                                          "oneway": bool(row.oneway), "speed_kmh": float(row.speed_kmh)},
            "geometry": [{"type": "MultiSurface", "lod": "1", "boundaries": surf,
                          "semantics": {"surfaces": [{"type": "TrafficArea", "surfaceMaterial": ["asphalt"]}],
                                        "values": [0] * len(surf)}}]}
    plots = pyogrio.read_dataframe(gpkg, layer="plots").head(120)
    for row in plots.itertuples():
        c = row.geometry.centroid
        green = row.category == "green_space"
        doc.objects[f"NL-{row.cim_id}"] = {
            "type": "PlantCover" if green else "LandUse",
            "attributes": {"class": row.category, "code": row.landuse_code, "far": float(row.far)},
            "geometry": [{"type": "MultiSurface", "lod": "1", "boundaries": _surfaces(doc, row.geometry, dem_at(c.x, c.y))}]}
    for k, row in enumerate(pyogrio.read_dataframe(gpkg, layer="plots").tail(20).itertuples()):
        c = row.geometry.centroid
        doc.objects[f"NL-veg-{k}"] = {
            "type": "PlantCover", "attributes": {"averageHeight": 1.5 + k % 3},
            "geometry": [{"type": "MultiSurface", "lod": "1", "boundaries": _surfaces(doc, row.geometry.buffer(-3),
                                                                                       dem_at(c.x, c.y) + 0.1)}]}
    water = pyogrio.read_dataframe(gpkg, layer="water_bodies")
    for row in water.itertuples():
        surf = _surfaces(doc, row.geometry, 8.2)
        doc.objects[f"NL-{row.cim_id}"] = {
            "type": "WaterBody", "attributes": {"name": row.name, "class": row.water_type},
            "geometry": [{"type": "CompositeSurface", "lod": "1", "boundaries": surf,
                          "semantics": {"surfaces": [{"type": "WaterSurface"}], "values": [0] * len(surf)}}]}
    w = water.geometry.iloc[0]
    deck = shapely.box(w.centroid.x - 30, w.centroid.y - 4, w.centroid.x + 30, w.centroid.y + 4)
    bb, bv, _, _ = _solid(doc, _ring(deck), 12.0, 1.2)
    doc.objects["NL-bridge-1"] = {"type": "Bridge", "attributes": {"name": "Cầu Sông Lô", "isMovable": False},
                                  "geometry": [{"type": "Solid", "lod": "1", "boundaries": bb}]}
    rail = pyogrio.read_dataframe(gpkg, layer="rail")
    for row in rail.itertuples():
        xy = np.asarray(row.geometry.coords)[:, :2]
        line = doc.v(np.column_stack([xy, [dem_at(x, y) + 1.0 for x, y in xy]]))
        doc.objects[f"NL-{row.cim_id}"] = {"type": "Railway", "attributes": {"gauge_mm": int(row.gauge_mm)},
                                           "geometry": [{"type": "MultiLineString", "lod": "0", "boundaries": [line]}]}
    lamps = pyogrio.read_dataframe(gpkg, layer="net_lighting_nodes").head(60)
    for row in lamps.itertuples():
        p = doc.v([[row.geometry.x, row.geometry.y, dem_at(row.geometry.x, row.geometry.y)]])
        doc.objects[f"NL-{row.cim_id}"] = {"type": "GenericCityObject",
                                           "attributes": {"class": "lamp post", "circuit": row.circuit},
                                           "geometry": [{"type": "MultiPoint", "lod": "1", "boundaries": p}]}
    cables = pyogrio.read_dataframe(gpkg, layer="net_telecom").head(20)
    for row in cables.itertuples():
        xy = np.asarray(row.geometry.coords)[:, :2]
        line = doc.v(np.column_stack([xy, [dem_at(x, y) - 0.8 for x, y in xy]]))
        doc.objects[f"NL-{row.cim_id}"] = {"type": "GenericCityObject",
                                           "attributes": {"class": "telecom cable", "fibres": int(row.fibre_count)},
                                           "geometry": [{"type": "MultiLineString", "lod": "0", "boundaries": [line]}]}
    for row in pyogrio.read_dataframe(gpkg, layer="station_entrances").itertuples():
        p = doc.v([[row.geometry.x, row.geometry.y, dem_at(row.geometry.x, row.geometry.y)]])
        doc.objects[f"NL-{row.cim_id}"] = {"type": "CityFurniture", "attributes": {"name": row.name},
                                           "geometry": [{"type": "MultiPoint", "lod": "1", "boundaries": p}]}
    b0 = pyogrio.read_dataframe(gpkg, layer="boundary").geometry.iloc[0]
    rng = np.random.default_rng(7)
    minx, miny, maxx, maxy = b0.bounds
    for k in range(40):
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        p = doc.v([[x, y, dem_at(x, y)]])
        s = 0.8 + (k % 4) * 0.2
        doc.objects[f"NL-tree-{k}"] = {
            "type": "SolitaryVegetationObject", "attributes": {"species": "Lagerstroemia speciosa"},
            "geometry": [{"type": "GeometryInstance", "template": k % 2, "boundaries": p,
                          "transformationMatrix": [s, 0, 0, 0, 0, s, 0, 0, 0, 0, s, 0, 0, 0, 0, 1]}]}
    _tin(doc, src, z)
    members = [oid for oid in doc.objects if doc.objects[oid]["type"] == "Building"][:5]
    doc.objects["NL-group-1"] = {"type": "CityObjectGroup", "attributes": {"purpose": "phase 1"},
                                 "children": members}
    for m in members:
        doc.objects[m]["parents"] = ["NL-group-1"]
    smart = pyogrio.read_dataframe(gpkg, layer="smart_elements").head(15)
    for row in smart.itertuples():
        p = doc.v([[row.geometry.x, row.geometry.y, dem_at(row.geometry.x, row.geometry.y) + 4.0]])
        doc.objects[row.cim_id] = {
            "type": "+SmartElement",
            "attributes": {"cimId": row.cim_id, "system": row.system, "elementType": row.type,
                           "status": row.status, "operator": row.operator, "interfaceProtocol": row.interface_protocol,
                           "interfaceIntervalS": float(row.interface_interval_s), "networkNodeId": "N-1"},
            "geometry": [{"type": "MultiPoint", "lod": "1", "boundaries": p}]}
    from cim.cityjson.extension import declaration

    out = {"type": "CityJSON", "version": "2.0",
           "transform": {"scale": [scale] * 3, "translate": doc.translate.tolist()},
           "metadata": {"title": "Việt Trì Tây — 3D city model (synthetic, from the sample district)",
                        "referenceSystem": "https://www.opengis.net/def/crs/EPSG/0/9208"},
           "extensions": declaration(),
           "CityObjects": doc.objects, "vertices": doc.vertices,
           "appearance": {
               "materials": [{"name": "plinth", "diffuseColor": [0.4, 0.4, 0.4]},
                             {"name": "plaster", "diffuseColor": [0.9, 0.85, 0.7], "transparency": 0.0},
                             {"name": "tiles", "diffuseColor": [0.7, 0.2, 0.1], "shininess": 0.2},
                             {"name": "thermal-u0.35", "ambientIntensity": 0.35}],
               "textures": [{"type": "JPG", "image": "appearances/roof_a.jpg"},
                            {"type": "PNG", "image": "appearances/roof_b.png", "wrapMode": "wrap"}],
               "vertices-texture": uvs},
           "geometry-templates": {
               "templates": [{"type": "MultiSurface", "lod": "2", "boundaries": [[[0, 1, 2]], [[0, 2, 3]], [[0, 3, 1]]]},
                             {"type": "MultiSurface", "lod": "1", "boundaries": [[[0, 1, 2, 3]]]}],
               "vertices-templates": [[0.0, 0.0, 6.0], [-2.0, -2.0, 0.0], [2.0, -2.0, 0.0], [0.0, 2.5, 0.0]]}}
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def _tin(doc: _Doc, src, z: np.ndarray, step: int = 40) -> None:
    zz = z[::step, ::step]
    rows, cols = np.mgrid[0:zz.shape[0], 0:zz.shape[1]]
    x, y = rasterio.transform.xy(src.transform, (rows * step).ravel(), (cols * step).ravel())
    idx = np.asarray(doc.v(np.column_stack([x, y, zz.ravel()]))).reshape(zz.shape)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel(), idx[1:, :-1].ravel(), idx[1:, 1:].ravel()
    tris = [[[int(p), int(q), int(r)]] for p, q, r in zip(a, c, d)] + [[[int(p), int(q), int(r)]] for p, q, r in zip(a, d, b)]
    doc.objects["NL-terrain"] = {"type": "TINRelief", "geometry": [{"type": "CompositeSurface", "lod": "1",
                                                                    "boundaries": tris}]}
