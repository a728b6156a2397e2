"""The CLI runs the whole IFC → merge → CityJSON → IDS chain headless."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.cli import main
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer
from cim.project.store import save_project

E0, N0 = 561_000.0, 2_355_000.0


@pytest.mark.slow
def test_import_merge_export_and_ids_from_the_command_line(ifc_dir, tmp_path, capsys):
    p = Project()
    gis = gpd.GeoDataFrame({"cim_id": ["BLD-000001"], "height_m": [14.0]},
                           geometry=[shapely.Polygon([(E0, N0), (E0 + 30 * np.cos(np.radians(30)), N0 + 15),
                                                      (E0 + 25.98 - 9, N0 + 15 + 15.59),
                                                      (E0 - 9, N0 + 15.59)])],
                           crs="EPSG:9208", index=np.array([1], dtype=np.int64))
    p.push(AddLayer(p, LayerRecord("buildings", "vector", gis, "EPSG:9208", object_kind="building")))
    proj = save_project(p, tmp_path / "p.cim.gpkg")
    assert main(["-q", "import-ifc", str(proj), str(ifc_dir / "office.ifc"), "--cache", str(tmp_path / "c")]) == 0
    assert main(["-q", "merge", str(proj), "--report", str(tmp_path / "merge.json")]) in (0, 1)
    report = json.loads((tmp_path / "merge.json").read_text())
    assert report["summary"]["links"] == 1 and report["links"][0]["iou"] > 0.9
    assert main(["-q", "export-cityjson", str(proj), str(tmp_path / "o.city.json")]) == 0
    assert main(["-q", "import-cityjson", str(proj), str(tmp_path / "o.city.json")]) == 0
    assert main(["ids", str(proj)]) == 1          # the light fixture and flow meter lack CIM_DataLink
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "FAIL" in out and "IfcLightFixture" in out and "BLD-000001" in out


def test_georef_explains_the_millimetre_trap_and_writes_a_corrected_copy(shared_data, tmp_path, capsys):
    src = shared_data / "ifc-georef" / "geographic-referencing.ifc"
    code = main(["georef", str(src), "--place", "561000", "2355000", "--crs", "EPSG:9208",
                 "--write", str(tmp_path / "fixed.ifc")])
    out = capsys.readouterr().out
    assert code == 1 and "SCALE_DERIVED" in out and "1000× too far" in out
    assert (tmp_path / "fixed.ifc").exists()
    assert main(["georef", str(tmp_path / "fixed.ifc"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["origin_map"][:2] == [561000.0, 2355000.0] and data["logeoref"]["level"] == 50


def test_a_bad_file_exits_2_with_one_clear_line(tmp_path, capsys):
    bad = tmp_path / "bad.ifc"
    bad.write_text("ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n")
    assert main(["georef", str(bad)]) == 2
    assert "truncated" in capsys.readouterr().err


def test_import_ifc_of_a_model_without_georeferencing_needs_place(ifc_dir, tmp_path, capsys):
    proj = tmp_path / "p.cim.gpkg"
    assert main(["-q", "new", str(proj)]) == 0
    before = proj.read_bytes()
    capsys.readouterr()
    assert main(["-q", "import-ifc", str(proj), str(ifc_dir / "nogeo.ifc"), "--cache", str(tmp_path / "c")]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.count("\n") == 0 and "nogeo.ifc" in err and "no georeferencing" in err and "--place" in err
    assert "NO_GEOREF" not in captured.out and proj.read_bytes() == before
    assert main(["-q", "import-ifc", str(proj), str(ifc_dir / "nogeo.ifc"), "--place", "564980.5,2359410",
                 "--cache", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "PLACED_AT_IMPORT" in out and "NO_GEOREF" not in out
    from cim.project.store import open_project

    rec = next(r for r in open_project(proj).layers.values() if r.kind == "ifc")
    minx, miny, maxx, maxy = rec.data.buildings.total_bounds
    assert (minx, miny, maxx, maxy) == pytest.approx((564980.5, 2359410.0, 564990.5, 2359420.0), abs=0.01)
    assert main(["-q", "import-ifc", str(proj), str(ifc_dir / "nogeo.ifc"), "--place", "east,north"]) == 2
    assert "--place 'east,north' is not E,N" in capsys.readouterr().err
