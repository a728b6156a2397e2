"""Placing a model by hand is undoable; the corrected georeferencing goes into a new file."""

from __future__ import annotations

import pytest

from cim.errors import CimInputError
from cim.ifc.georef import read_georef
from cim.ifc.importer import import_ifc
from cim.ifc.opening import file_sha256, open_ifc
from cim.ifc.place import PlaceIfcModel, placed_georef, write_georeferenced_copy
from cim.project import Project


def test_placing_a_model_moves_footprints_and_devices_and_undo_restores_them(ifc_dir):
    p = Project()
    res = import_ifc(p, ifc_dir / "nogeo.ifc", place=(0.0, 0.0))
    rec = res.layers[0]
    before = rec.data.buildings.total_bounds.copy()
    g = placed_georef(rec.data.georef, eastings=561500.0, northings=2355500.0, rotation_deg=0.0, crs="EPSG:9208")
    p.push(PlaceIfcModel(p, rec.id, g))
    minx, miny, *_ = rec.data.buildings.total_bounds
    assert minx == pytest.approx(561500.0, abs=0.01) and miny == pytest.approx(2355500.0, abs=0.01)
    p.undo_stack.undo()
    assert rec.data.buildings.total_bounds == pytest.approx(before)
    assert rec.data.georef.eastings == 0.0 and rec.data.georef.source == "placed by hand"


def test_a_corrected_copy_carries_an_explicit_scale_and_the_source_is_untouched(ifc_dir, tmp_path):
    src = ifc_dir / "house_mm.ifc"
    sha = file_sha256(src)
    g = read_georef(open_ifc(src).file)
    new = placed_georef(g, eastings=561234.5, northings=2355678.9, height=15.0, rotation_deg=10.0, crs="EPSG:9208")
    out = write_georeferenced_copy(src, tmp_path / "house_georef.ifc", new)
    assert file_sha256(src) == sha
    g2 = read_georef(open_ifc(out).file)
    assert g2.scale_declared == pytest.approx(0.001) and not g2.warnings
    assert g2.map_from_local_units([[0, 0, 0]])[0] == pytest.approx([561234.5, 2355678.9, 15.0])
    assert g2.rotation_deg == pytest.approx(10.0)


def test_writing_over_the_source_is_refused(ifc_dir):
    src = ifc_dir / "office.ifc"
    g = read_georef(open_ifc(src).file)
    with pytest.raises(CimInputError, match="new file"):
        write_georeferenced_copy(src, src, g)


def test_an_rc2_file_gets_a_corrected_add2_copy(shared_data, tmp_path):
    src = shared_data / "ifc-georef" / "UT_GeoRef_1.ifc"
    g = read_georef(open_ifc(src).file)
    out = write_georeferenced_copy(src, tmp_path / "ut.ifc", placed_georef(g, eastings=561000, northings=2355000,
                                                                          crs="EPSG:9208"))
    s = open_ifc(out)
    assert s.declared_schema == "IFC4X3_ADD2" and read_georef(s.file).epsg == 9208


def test_placing_in_another_crs_puts_the_model_at_the_anchor_seen_in_the_project_crs(ifc_dir):
    from cim.crs.transform import transform_xy

    p = Project(crs="EPSG:9208")
    rec = import_ifc(p, ifc_dir / "nogeo.ifc", place=(0.0, 0.0)).layers[0]
    # the anchor picked on the map (project CRS, VN-2000 TM-3) expressed in UTM 48N (WGS 84)
    e, n = transform_xy(561500.0, 2355500.0, "EPSG:9208", "EPSG:32648")
    g = placed_georef(rec.data.georef, eastings=float(e), northings=float(n), crs="EPSG:32648")
    p.push(PlaceIfcModel(p, rec.id, g))
    minx, miny, maxx, maxy = rec.data.buildings.total_bounds
    assert minx == pytest.approx(561500.0, abs=0.5) and miny == pytest.approx(2355500.0, abs=0.5)
    assert maxx - minx == pytest.approx(10.0, abs=0.1)        # a 10 m model stays 10 m wide
    assert rec.data.georef.epsg == 32648
    p.undo_stack.undo()
    assert rec.data.georef.epsg == 9208 and rec.data.georef.northings == 0.0


def test_a_model_without_georeferencing_is_refused_without_a_placement_and_nothing_changes(ifc_dir):
    p = Project(crs="EPSG:9208")
    with pytest.raises(CimInputError, match="no georeferencing") as err:
        import_ifc(p, ifc_dir / "nogeo.ifc")
    assert "nogeo.ifc" in str(err.value) and "--place E,N[,rotation°]" in str(err.value)
    assert not p.layers and not len(p.undo_stack)


def test_a_placement_at_import_puts_the_origin_there_turned_by_the_rotation(ifc_dir):
    import math

    p = Project(crs="EPSG:9208")
    res = import_ifc(p, ifc_dir / "nogeo.ifc", place=(564980.5, 2359410.0, 90.0))
    rec = res.layers[0]
    g = rec.data.georef
    assert g.epsg == 9208 and g.rotation_deg == pytest.approx(90.0)
    codes = {w.code for w in res.warnings}
    assert "PLACED_AT_IMPORT" in codes and "NO_GEOREF" not in codes
    # the 10 × 10 m model (local x 0…10, y 0…10) turned 90° anticlockwise: x → north, y → west
    minx, miny, maxx, maxy = rec.data.buildings.total_bounds
    assert (minx, miny, maxx, maxy) == pytest.approx((564970.5, 2359410.0, 564980.5, 2359420.0), abs=0.01)
    assert math.isclose(g.xao, 1.0, abs_tol=1e-12)


@pytest.mark.parametrize("text", ["564980", "a,b", "1,2,3,4", "nan,1", ""])
def test_a_malformed_place_option_is_refused(text):
    from cim.ifc.place import parse_place

    with pytest.raises(CimInputError, match="--place"):
        parse_place(text)
    assert parse_place(" 564980.5, 2359410 ") == (564980.5, 2359410.0, 0.0)
