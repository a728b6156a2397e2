"""The ifc-georef files land where the README's hand computations put them (within 1 cm)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cim.ifc.georef import read_georef
from cim.ifc.georef_checks import check_georef, logeoref
from cim.ifc.opening import file_sha256, open_ifc
from cim.ifc.synthetic import Georef, build_building_ifc, rectangle


def _codes(ws):
    return {w.code for w in ws}


def test_the_millimetre_file_with_empty_scale_lands_one_metre_away_not_a_kilometre(shared_data):
    src = open_ifc(shared_data / "ifc-georef" / "geographic-referencing.ifc")
    g = read_georef(src.file)
    e, n, h = g.map_from_local_units([[1000.0, 0.0, 0.0]])[0]
    assert abs(e - 458659.0506) < 0.01 and abs(n - 5438233.7527) < 0.01 and abs(h - 113.7) < 0.01
    assert g.scale == pytest.approx(0.001)
    warn = [w for w in g.warnings if w.code == "SCALE_DERIVED"]
    assert warn and "1000" in warn[0].message.en and "millimetres" in warn[0].message.en


def test_the_literal_reading_of_empty_scale_matches_ifcopenshell_and_is_flagged_as_an_error(shared_data):
    import ifcopenshell.util.geolocation as geo

    src = open_ifc(shared_data / "ifc-georef" / "geographic-referencing.ifc")
    g = read_georef(src.file, empty_scale="literal")
    e, n, h = g.map_from_local_units([[1000.0, 0.0, 0.0]])[0]
    assert abs(e - 458929.380) < 0.01 and abs(n - 5439195.482) < 0.01
    assert np.allclose([e, n, h], geo.auto_xyz2enh(src.file, 1000, 0, 0), atol=0.01)
    assert [w.severity for w in g.warnings if w.code == "SCALE_LITERAL"] == ["E"]


def test_the_rc2_file_opens_from_an_upgraded_copy_and_lands_on_its_map_conversion(shared_data):
    path = shared_data / "ifc-georef" / "UT_GeoRef_1.ifc"
    before = file_sha256(path)
    src = open_ifc(path)
    assert (src.declared_schema, src.schema) == ("IFC4X3_RC2", "IFC4X3_ADD2")
    assert src.dropped_entities == {"IFCSOLIDSTRATUM": 1}
    assert {"SCHEMA_PRERELEASE", "ENTITIES_DROPPED"} <= _codes(src.warnings)
    assert "IFCSOLIDSTRATUM" in " ".join(w.message.en for w in src.warnings)
    g = read_georef(src.file)
    assert g.epsg == 5834
    assert np.allclose(g.map_from_local_units([[1000.0, 0.0, 0.0]])[0], [4469005.0, 5334600.0, 515.0], atol=0.01)
    assert file_sha256(path) == before


def test_the_rc1_survey_file_has_an_identity_conversion_so_map_coordinates_pass_through(shared_data):
    src = open_ifc(shared_data / "ifc-georef" / "UT_One_String_One_Point_in_MGA_56.ifc")
    assert src.declared_schema == "IFC4X3_RC1"
    g = read_georef(src.file)
    assert g.epsg == 28356 and g.map_unit_m is None
    p = np.array([[256400.0, 7011556.0, 10.0]])
    assert np.allclose(g.map_from_local_units(p), p, atol=0.01)
    assert not _codes(g.warnings) & {"SCALE_DERIVED", "SCALE_LITERAL"}


def test_crs_outside_vn2000_is_an_error_finding(shared_data):
    src = open_ifc(shared_data / "ifc-georef" / "geographic-referencing.ifc")
    found = check_georef(read_georef(src.file))
    assert "CRS_NOT_VN2000" in _codes(found)


def test_a_model_without_georeferencing_asks_to_be_placed_by_hand(ifc_dir):
    src = open_ifc(ifc_dir / "nogeo.ifc")
    g = read_georef(src.file)
    assert not g.present
    assert [w.severity for w in check_georef(g) if w.code == "NO_GEOREF"] == ["E"]


def test_ifc2x3_epset_on_the_site_is_read_as_a_fallback(ifc_dir):
    g = read_georef(open_ifc(ifc_dir / "old_2x3.ifc").file)
    assert g.source == "ePSet_MapConversion (IfcSite)"
    assert g.epsg == 9208 and g.eastings == pytest.approx(561200.0)
    assert "CRS_NOT_VN2000" not in _codes(check_georef(g))


def test_ifc2x3_epset_on_the_project_in_millimetres_with_explicit_scale(tmp_path):
    f = build_building_ifc(tmp_path / "p.ifc", schema="IFC2X3", length_unit="MILLIMETRE",
                           georef=Georef(500000.0, 2300000.0, 5.0, 90.0, scale=0.001, style="epset_project"))
    g = read_georef(f)
    assert g.source == "ePSet_MapConversion (IfcProject)"
    e, n, _ = g.map_from_local_units([[1000.0, 0.0, 0.0]])[0]
    assert abs(e - 500000.0) < 0.01 and abs(n - 2300001.0) < 0.01
    assert "SCALE_DERIVED" not in _codes(g.warnings)


def test_true_north_rotated_while_the_map_conversion_is_not_is_reported_as_north_confusion(tmp_path):
    f = build_building_ifc(None, footprint=rectangle(0, 0, 5, 5), storeys=1,
                           georef=Georef(561000.0, 2355000.0, 0.0, 0.0, true_north_deg=20.0))
    found = check_georef(read_georef(f))
    assert "NORTH_MISMATCH" in _codes(found)
    f2 = build_building_ifc(None, footprint=rectangle(0, 0, 5, 5), storeys=1,
                            georef=Georef(561000.0, 2355000.0, 0.0, -20.0, true_north_deg=20.0))
    assert "NORTH_MISMATCH" not in _codes(check_georef(read_georef(f2)))


def test_a_footprint_outside_the_plan_boundary_is_an_error(ifc_dir):
    import shapely

    g = read_georef(open_ifc(ifc_dir / "office.ifc").file)
    far = shapely.box(0, 0, 10, 10)
    found = check_georef(g, footprint=shapely.box(561000, 2355000, 561010, 2355010), plan_boundary=far)
    assert "OUTSIDE_PLAN" in _codes(found)


def test_logeoref_levels_of_the_shared_files(shared_data, ifc_dir):
    assert logeoref(open_ifc(shared_data / "ifc-georef" / "geographic-referencing.ifc").file).level == 50
    level = logeoref(open_ifc(ifc_dir / "nogeo.ifc").file)
    assert level.level < 50 and not level.met[50]


def test_map_and_inverse_transforms_round_trip():
    g = read_georef.__globals__["Georef"](source="IfcMapConversion", eastings=5e5, northings=2e6, height=3,
                                           xaa=math.cos(0.3), xao=math.sin(0.3), scale_declared=0.001,
                                           length_unit_m=0.001)
    p = np.random.default_rng(1).uniform(-100, 100, (50, 3))
    assert np.allclose(g.metres_from_map(g.map_from_metres(p)), p, atol=1e-9)
