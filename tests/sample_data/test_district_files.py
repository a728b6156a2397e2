"""The sample district's files beside the GeoPackage: IFC buildings, DEM, plan metadata, defects."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

KNOWN_RULES = {"CRS-01", "CRS-02", "CRS-03", "GEO-01", "ID-01", "ID-02", "ID-03", "FMT-01", "META-01", "SEC-01",
               "PLN-01", "PLN-02", "INF-01", "INF-02", "INF-03", "INF-05", "BLD-01", "BLD-02", "MAT-01",
               "TOD-01", "TOD-02", "TOD-03", "TOD-04"}


@pytest.fixture(scope="module")
def ifc_buildings(layers, district):
    import ifcopenshell

    bld = layers["buildings"]
    smart = bld[bld["ifc_file"].notna()]
    return [(row, ifcopenshell.open(str(district / row.ifc_file))) for row in smart.itertuples()]


def _world_corners(f):
    """The model's first slab outline mapped to EPSG:9208 by the file's georeferencing."""
    import ifcopenshell.geom
    import ifcopenshell.util.geolocation as geo
    import ifcopenshell.util.unit as unit

    h = geo.get_helmert_transformation_parameters(f)
    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    shape = ifcopenshell.geom.create_shape(settings, f.by_type("IfcSlab")[0])
    local = np.unique(np.round(np.asarray(shape.geometry.verts).reshape(-1, 3)[:, :2], 6), axis=0)
    local = local / unit.calculate_unit_scale(f) * h.scale  # metres -> model units -> map units
    rot = np.array([[h.xaa, -h.xao], [h.xao, h.xaa]]) / np.hypot(h.xaa, h.xao)
    return local @ rot.T + [h.e, h.n]


def test_there_are_four_ifc4_buildings_and_one_ifc2x3_each_on_a_footprint(ifc_buildings):
    schemas = sorted(f.schema for _, f in ifc_buildings)
    assert schemas == ["IFC2X3", "IFC4", "IFC4", "IFC4", "IFC4"]
    for row, f in ifc_buildings:
        (b,) = f.by_type("IfcBuilding")
        assert b.GlobalId == row.ifc_guid
        assert len(f.by_type("IfcBuildingStorey")) == row.floors
        assert f.by_type("IfcWall") and f.by_type("IfcSlab")


def test_every_ifc_is_georeferenced_in_epsg_9208_with_its_unit_scale(ifc_buildings):
    import ifcopenshell.util.geolocation as geo
    import ifcopenshell.util.unit as unit

    for _, f in ifc_buildings:
        h = geo.get_helmert_transformation_parameters(f)
        assert h is not None
        assert h.scale == pytest.approx(unit.calculate_unit_scale(f))
        if f.schema == "IFC2X3":
            assert geo.get_crs(f)["Name"] == "EPSG:9208" and not f.by_type("IfcProject")[0].RepresentationContexts[0].is_a("IfcMapConversion")
        else:
            (conv,) = f.by_type("IfcMapConversion")
            assert conv.TargetCRS.is_a("IfcProjectedCRS") and conv.TargetCRS.Name == "EPSG:9208"
    scales = sorted(geo.get_helmert_transformation_parameters(f).scale for _, f in ifc_buildings)
    assert scales[0] == pytest.approx(0.001) and scales[-1] == 1.0  # one model in millimetres


def test_ifc_models_land_on_their_footprints_but_the_listed_shifted_one(ifc_buildings, defect):
    (shifted,) = defect("GEO-01")
    for row, f in ifc_buildings:
        fp = shapely.get_coordinates(row.geometry)[:4]
        corners = _world_corners(f)
        gap = max(np.min(np.hypot(*(fp - c).T)) for c in corners)
        if row.cim_id == shifted["object_id"]:
            assert 20.0 < gap < 30.0
        else:
            assert gap < 0.05, row.ifc_file


def test_ifc_walls_and_slabs_are_solids_with_real_geometry(ifc_buildings):
    import ifcopenshell.geom

    settings = ifcopenshell.geom.settings()
    _, f = ifc_buildings[0]
    shape = ifcopenshell.geom.create_shape(settings, f.by_type("IfcWall")[0])
    assert len(shape.geometry.verts) >= 24


def test_ifc_buildings_carry_floor_area_height_and_their_data_links(ifc_buildings, defect):
    import ifcopenshell.util.element as el

    no_links = {d["object_id"] for d in defect("BLD-02")}
    devices = 0
    for row, f in ifc_buildings:
        (b,) = f.by_type("IfcBuilding")
        psets = el.get_psets(b)
        assert psets["Qto_BuildingBaseQuantities"]["GrossFloorArea"] == pytest.approx(row.gfa_m2, rel=1e-3)
        assert psets["Qto_BuildingBaseQuantities"]["Height"] > 0
        assert psets["CIM_Identity"]["CimId"] == row.cim_id
        assert ("CIM_SmartBuilding" in psets) == (row.cim_id not in no_links)
        if "CIM_SmartBuilding" in psets:
            assert psets["CIM_SmartBuilding"]["IOC_Link"] == "IOC" and psets["CIM_SmartBuilding"]["BMS_System"]
        if f.schema != "IFC2X3" and f.by_type("IfcSensor"):
            assert f.by_type("IfcLightFixture")
            devices += 1
    assert devices == 1


def test_the_dem_is_a_tiled_compressed_float32_geotiff_with_overviews_and_a_flood_prone_hollow(district, layers):
    import rasterio

    with rasterio.open(district / "dem.tif") as src:
        assert src.crs.to_epsg() == 9208 and src.dtypes[0] == "float32" and src.nodata is not None
        assert src.res == (10.0, 10.0) and src.profile["tiled"] and src.compression is not None
        assert src.overviews(1)
        z = src.read(1)
        b = shapely.bounds(layers["boundary"].geometry.iloc[0])
        assert src.bounds.left < b[0] and src.bounds.right > b[2] and src.bounds.bottom < b[1] and src.bounds.top > b[3]
        assert (z != src.nodata).all() and 0 < z.min() < z.max() < 100
        park = layers["plots"][layers["plots"]["name"] == "Công viên trũng chứa nước mưa"]
        c = park.geometry.union_all().centroid
        col = int((c.x - src.transform.c) / src.transform.a)
        row = int((c.y - src.transform.f) / src.transform.e)
        ring = z[row - 15:row + 16, col - 15:col + 16]
        assert z[row, col] < np.median(ring) - 1.0  # a real hollow, not just lower ground


def test_plan_metadata_is_complete_and_says_the_data_is_synthetic(district):
    plan = json.loads((district / "plan.json").read_text(encoding="utf-8"))
    for key in ("plan_id", "name", "level", "scale", "province", "commune", "approving_body", "decision_no",
                "decision_date", "producer", "version", "crs"):
        assert plan[key], key
    assert plan["synthetic"] is True and plan["crs"] == "EPSG:9208" and plan["level"] == "phan_khu"
    assert plan["scale"] == 2000 and plan["province"] == "Phú Thọ" and plan["plan_id"].startswith("QH-PT-")
    assert json.loads((district / "defects.json").read_text(encoding="utf-8"))["synthetic"] is True


def test_defects_cite_rules_of_the_catalogue_and_cover_what_checks_must_find(defects):
    rules = [d["rule"] for d in defects]
    assert all(r in KNOWN_RULES or r.startswith("SMT-") for r in rules)
    for r, n in {"INF-02": 1, "INF-03": 1, "PLN-02": 3, "SEC-01": 1, "INF-05": 17, "GEO-01": 1, "ID-03": 1,
                 "BLD-02": 1, "SMT-LIGHT": 1, "SMT-DRAIN": 1, "SMT-WASTE": 1}.items():
        assert rules.count(r) == n, r


def test_the_committed_output_stays_small(district):
    total = sum(p.stat().st_size for p in district.rglob("*") if p.is_file())
    assert total < 10 * 1024 * 1024
