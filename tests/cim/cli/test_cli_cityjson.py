"""The CityJSON commands on the hostile-input corpus and on files without a CRS: exit 2, one clear
line naming the file, no traceback, the project untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pyogrio
import pytest

from cim.cli import main
from cim.testing import make_plots

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def _cases(shared):
    return sorted((shared / "hostile-inputs").glob("cityjson-*"))


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "plots.gpkg"
    pyogrio.write_dataframe(make_plots(5), src, layer="plots")
    proj = tmp_path / "proj.cim.gpkg"
    assert main(["-q", "new", str(proj)]) == 0
    assert main(["-q", "import", str(proj), str(src)]) == 0
    return proj


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_holds_the_cityjson_cases(shared_data):
    assert len(_cases(shared_data)) == 9
    for case in _cases(shared_data):
        assert "import-cityjson proj.cim.gpkg in.city.json" in (case / "cmd.txt").read_text()


def test_every_hostile_cityjson_is_refused_with_one_line_naming_the_file(shared_data, project, tmp_path, capsys):
    before = _digest(project)
    for case in _cases(shared_data):
        src = tmp_path / f"{case.name}.city.json"
        shutil.copyfile(case / "in.city.json", src)
        capsys.readouterr()
        rc = main(["-q", "import-cityjson", str(project), str(src)])
        err = capsys.readouterr().err.strip()
        assert rc == 2, case.name
        assert err.count("\n") == 0 and err.startswith("cimstudio: error: ") and str(src) in err, (case.name, err)
        assert "Traceback" not in err and len(err) < 600, (case.name, err)
    assert _digest(project) == before


def test_deep_nesting_and_wrong_types_give_a_clean_error_in_a_real_process(shared_data, project, tmp_path):
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    for name, expected in (("cityjson-00010-traceback", "nested too deeply"),
                           ("cityjson-00160-traceback", "'type' must be a string")):
        src = tmp_path / f"{name}.city.json"
        shutil.copyfile(shared_data / "hostile-inputs" / name / "in.city.json", src)
        run = subprocess.run([sys.executable, "-m", "cim.cli", "-q", "import-cityjson", str(project), str(src)],
                             capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 2, run.stderr
        assert "Traceback" not in run.stderr and expected in run.stderr and str(src) in run.stderr


def test_import_cityjson_without_reference_system_needs_crs(shared_data, project, capsys):
    path = shared_data / "cityjson-conformance" / "v2_0" / "cityobject_all_types" / "cityobject_all_types.city.json"
    before = _digest(project)
    capsys.readouterr()
    assert main(["-q", "import-cityjson", str(project), str(path)]) == 2
    err = capsys.readouterr().err
    assert "no referenceSystem" in err and "--crs" in err and str(path) in err
    assert _digest(project) == before
    assert main(["import-cityjson", str(project), str(path), "--crs", "EPSG:9208"]) == 0
    captured = capsys.readouterr()
    assert "no referenceSystem in the file; its coordinates are taken as EPSG:9208" in captured.err


def test_export_cityjson_writes_roads_drawn_as_polygons(tmp_path, capsys):
    import geopandas as gpd
    import shapely

    e0, n0 = 564_500.0, 2_359_000.0
    roads = gpd.GeoDataFrame({"cim_id": ["RD-1", "RD-2"], "name": ["Hùng Vương", "Trần Phú"]},
                             geometry=[shapely.box(e0, n0, e0 + 200, n0 + 12), shapely.box(e0, n0 + 30, e0 + 9, n0 + 90)],
                             crs="EPSG:9208")
    src = tmp_path / "road_areas.gpkg"
    pyogrio.write_dataframe(roads, src)
    proj = tmp_path / "p.cim.gpkg"
    assert main(["-q", "new", str(proj)]) == 0
    assert main(["-q", "import", str(proj), str(src), "--kind", "road"]) == 0
    out = tmp_path / "roads.city.json"
    assert main(["-q", "export-cityjson", str(proj), str(out)]) == 0
    import json

    objs = json.loads(out.read_text())["CityObjects"]
    assert {o["type"] for o in objs.values()} == {"Road"}
    assert all(o["geometry"][0]["type"] == "MultiSurface" for o in objs.values())
