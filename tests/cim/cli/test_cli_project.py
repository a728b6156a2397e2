"""The headless CLI: new → import → info → export-layer → validate, through the real entry point."""

import json
import subprocess
import sys

import pyogrio
import pytest
import shapely

from cim.cli import main
from cim.testing import make_plots


def run(*argv):
    return main([str(a) for a in argv])


def test_new_import_info_export_round_trip(tmp_path, capsys):
    src = tmp_path / "lo_dat.gpkg"
    pyogrio.write_dataframe(make_plots(30), src, layer="plots")
    proj = tmp_path / "plan.cim.gpkg"
    assert run("new", proj, "--meta", "plan_id=QH-PT-2026-0001", "--meta", "name=Phân khu ga") == 0
    assert run("import", proj, src, "--name", "Lô đất") == 0
    capsys.readouterr()
    assert run("info", proj, "--json") == 0
    info = json.loads(capsys.readouterr().out)
    assert info["metadata"]["plan_id"] == "QH-PT-2026-0001"
    assert [(layer["name"], layer["features"]) for layer in info["layers"]] == [("Lô đất", 30)]
    out = tmp_path / "out.geojson"
    assert run("export-layer", proj, "Lô đất", out) == 0
    back = pyogrio.read_dataframe(out)
    assert len(back) == 30 and back["name"].iloc[0] == "Lô 0 – phường Nông Trang"


def test_importing_data_without_crs_needs_an_explicit_choice(tmp_path, capsys):
    gdf = make_plots(5).set_crs(None, allow_override=True)
    src = tmp_path / "nocrs.geojson"
    pyogrio.write_dataframe(gdf, src)
    proj = tmp_path / "p.cim.gpkg"
    run("new", proj)
    capsys.readouterr()
    assert run("import", proj, src) == 2
    err = capsys.readouterr().err
    assert "nocrs.geojson" in err and "coordinate reference system" in err and "--crs" in err
    assert run("info", proj, "--json") == 0
    assert json.loads(capsys.readouterr().out)["layers"] == []   # the failed import changed nothing
    assert run("import", proj, src, "--crs", "EPSG:9208") == 0


def test_a_wgs84_layer_is_reprojected_to_the_project_crs(tmp_path, capsys):
    gdf = make_plots(3).to_crs("EPSG:4326")
    src = tmp_path / "wgs.gpkg"
    pyogrio.write_dataframe(gdf, src)
    proj = tmp_path / "p.cim.gpkg"
    run("new", proj)
    assert run("import", proj, src) == 0
    from cim.project.store import open_project

    rec = next(iter(open_project(proj).layers.values()))
    assert rec.data.crs.to_epsg() == 9208
    assert abs(rec.data.geometry.iloc[0].bounds[0] - 560000) < 0.01


def test_a_nonexistent_file_gives_a_clear_error_and_exit_2(tmp_path, capsys):
    proj = tmp_path / "p.cim.gpkg"
    run("new", proj)
    capsys.readouterr()
    assert run("import", proj, tmp_path / "khong_co.shp") == 2
    assert "khong_co.shp" in capsys.readouterr().err


def test_validate_reports_invalid_geometry_and_exits_1(tmp_path, capsys):
    gdf = make_plots(4)
    gdf.loc[2, "geometry"] = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])   # bow-tie
    src = tmp_path / "bad.geojson"
    pyogrio.write_dataframe(gdf, src)
    proj = tmp_path / "p.cim.gpkg"
    run("new", proj, "--province", "Phú Thọ")
    run("import", proj, src)
    capsys.readouterr()
    assert run("validate", proj, "--json") == 1
    report = json.loads(capsys.readouterr().out)
    bad = [f for f in report["findings"] if f["rule"] == "GEOM-VALID"]
    assert len(bad) == 1 and "Self-intersection" in bad[0]["message"]


def test_the_console_script_runs_headless(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "app.launcher", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "validate" in proc.stdout and "import" in proc.stdout


@pytest.mark.parametrize("argv", [["info", "missing.cim.gpkg"], ["new"]])
def test_usage_and_input_errors_exit_2(tmp_path, argv, capsys):
    try:
        code = run(*argv)
    except SystemExit as exc:   # argparse usage errors
        code = exc.code
    assert code == 2
