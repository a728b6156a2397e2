"""Every place that opens a user's IFC file reads it in the limited child process (cim.ifc.isolated):
IDS checking, TOD corridors, the corrected copy, the meshes on a cache miss (3D view) and the CityJSON
LoD2. A file of the hostile corpus that crashes ifcopenshell natively (SIGFPE) or that no reader can
finish in time is one clear error naming it, and this test process lives on; good files give what they
gave in-process."""

from __future__ import annotations

import shutil

import pytest

from cim.errors import CimInputError
from cim.ifc.isolated import TIMEOUT_ENV

CRASH, SLOW = "ifc-00083-crash_sig8", "ifc-00339-hang"   # SIGFPE when tessellated on >1 thread; 38-94 s


@pytest.fixture
def hostile(shared_data, tmp_path):
    def get(case: str):
        dst = tmp_path / f"{case}.ifc"
        shutil.copyfile(shared_data / "hostile-inputs" / case / "in.ifc", dst)
        return dst
    return get


def one_clear_line(err: str, path) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert "Traceback" not in err and len(lines) == 1, err[-2000:]
    assert str(path) in lines[0]
    return lines[0]


# IDS ---------------------------------------------------------------------------------------------
def test_ids_of_a_good_file_in_the_child_equals_the_check_in_process(ifc_dir):
    from cim.ids.check import check_ids, check_ifc_file, load_ids, shipped_ids
    from cim.ifc.opening import open_ifc

    path, ids = ifc_dir / "office.ifc", shipped_ids()
    child = check_ifc_file(path, ids)
    here = check_ids(open_ifc(path).file, load_ids(ids), ifc_file=str(path), ids_file=str(ids))
    assert child.to_dict() == here.to_dict() and child.specifications


def test_cimstudio_ids_on_a_file_that_cannot_be_read_in_time_exits_2_with_one_line(hostile, monkeypatch, capsys):
    from cim.cli import main

    path = hostile(SLOW)
    monkeypatch.setenv(TIMEOUT_ENV, "0.001")
    assert main(["-q", "ids", str(path)]) == 2
    line = one_clear_line(capsys.readouterr().err, path)
    assert "IDS check was not run" in line


def test_cimstudio_ids_on_a_project_names_the_model_that_cannot_be_read(ifc_dir, tmp_path, monkeypatch, capsys):
    from cim.cli import main
    from cim.ifc.importer import import_ifc
    from cim.project import Project
    from cim.project.store import save_project

    p = Project(crs="EPSG:9208")
    model = import_ifc(p, ifc_dir / "office.ifc", cache_dir=tmp_path / "cache").model
    proj = save_project(p, tmp_path / "p.cim.gpkg")
    assert main(["-q", "ids", str(proj)]) in (0, 1)          # good model: checked (pass or findings)
    capsys.readouterr()
    monkeypatch.setenv(TIMEOUT_ENV, "0.001")
    assert main(["-q", "ids", str(proj)]) == 2
    one_clear_line(capsys.readouterr().err, model.path)


# TOD corridor from IfcAlignment -------------------------------------------------------------------
def test_a_corridor_read_in_the_child_is_the_alignment(tmp_path):
    from cim.tod.stations import corridor_from_ifc
    from tests.cim.ifc.test_infra import _alignment_file

    path = tmp_path / "line.ifc"
    _alignment_file(tmp_path).write(str(path))
    gdf = corridor_from_ifc(path, target_crs="EPSG:9208")
    assert len(gdf) == 1 and gdf.geometry.iloc[0].length > 500 and gdf.crs == "EPSG:9208"


def test_a_corridor_file_without_alignment_and_one_that_cannot_be_read_in_time_are_clear_errors(hostile,
                                                                                                monkeypatch):
    from cim.tod.stations import corridor_from_ifc

    path = hostile(CRASH)
    with pytest.raises(CimInputError, match="no IfcAlignment") as err:
        corridor_from_ifc(path)
    assert str(path) in str(err.value)
    monkeypatch.setenv(TIMEOUT_ENV, "0.001")
    with pytest.raises(CimInputError, match="no corridor was read") as err:
        corridor_from_ifc(hostile(SLOW))
    assert str(hostile(SLOW)) in str(err.value)


# the corrected copy ----------------------------------------------------------------------------
def test_the_corrected_copy_is_written_by_the_child_and_a_slow_source_writes_nothing(ifc_dir, hostile, tmp_path,
                                                                                     monkeypatch):
    from cim.ifc.georef_inspect import read_georef_report
    from cim.ifc.place import placed_georef, write_georeferenced_copy

    g = read_georef_report(ifc_dir / "nogeo.ifc")["georef"]
    new = placed_georef(g, eastings=561_500.0, northings=2_355_500.0, rotation_deg=10.0, crs="EPSG:9208")
    out = write_georeferenced_copy(ifc_dir / "nogeo.ifc", tmp_path / "placed.ifc", new)
    back = read_georef_report(out)["georef"]
    assert (back.eastings, back.northings, back.epsg) == (561_500.0, 2_355_500.0, 9208)
    assert back.rotation_deg == pytest.approx(10.0)
    monkeypatch.setenv(TIMEOUT_ENV, "0.001")
    src = hostile(SLOW)
    with pytest.raises(CimInputError, match="no corrected copy was written") as err:
        write_georeferenced_copy(src, tmp_path / "slow_georef.ifc", new)
    assert str(src) in str(err.value)
    assert not (tmp_path / "slow_georef.ifc").exists()
    assert not list(tmp_path.glob(".slow_georef.ifc.*"))              # nor a half-written temporary file


# meshes on a cache miss (3D view) and CityJSON LoD2 ----------------------------------------------
@pytest.fixture
def crashing_model(ifc_dir, hostile, tmp_path):
    """A project with an imported IFC layer whose source is now the SIGFPE file of the corpus (its
    SHA-256 recorded, as if imported where it did not crash) and no cached meshes."""
    import os

    from cim.ifc.importer import import_ifc
    from cim.ifc.opening import file_sha256
    from cim.project import Project

    if (os.cpu_count() or 1) < 2:
        pytest.skip("the corpus file crashes ifcopenshell only when tessellated on several threads")
    p = Project(crs="EPSG:9208")
    model = import_ifc(p, ifc_dir / "office.ifc", cache_dir=tmp_path / "cache").model
    path = hostile(CRASH)
    model.path, model.sha256, model.cache_dir, model._mesh = str(path), file_sha256(path), None, None
    return p, model


def test_meshes_of_a_good_model_on_a_cache_miss_equal_the_imported_ones(ifc_dir, tmp_path):
    import numpy as np

    from cim.ifc.importer import import_ifc
    from cim.project import Project

    model = import_ifc(Project(crs="EPSG:9208"), ifc_dir / "office.ifc", cache_dir=tmp_path / "c").model
    before = model.meshes()
    model._mesh, model.cache_dir = None, str(tmp_path / "empty")
    again = model.meshes()
    assert sorted(again.guids) == sorted(before.guids)        # (threads: the order may differ)
    for guid in before.guids:
        assert np.allclose(again.mesh(guid)[0], before.mesh(guid)[0])
    assert list((tmp_path / "empty").glob("*.npz"))          # the child filled the cache
    model._mesh = None
    assert len(model.meshes()) == len(before)                # now a hit, read here


def test_meshes_of_a_model_whose_source_crashes_the_tessellator_are_a_clear_error(crashing_model):
    from cim.ifc.scene_mesh import placed_mesh

    _p, model = crashing_model
    with pytest.raises(CimInputError, match="SIGFPE") as err:
        placed_mesh(model, "EPSG:9208")
    assert model.path in str(err.value) and "3D geometry was not built" in str(err.value)
    with pytest.raises(CimInputError, match="SIGFPE") as again:     # kept: no second child for a redraw
        placed_mesh(model, "EPSG:9208")
    assert again.value is err.value


def test_cityjson_export_leaves_out_the_lod2_of_a_model_that_crashes_and_says_so_once(crashing_model, tmp_path):
    import json

    from cim.cityjson.from_project import export_cityjson
    from cim.feedback import RecordingFeedback

    p, model = crashing_model
    fb = RecordingFeedback()
    report = export_cityjson(p, tmp_path / "out.city.json", feedback=fb)
    said = [m for level, m in fb.messages if level == "warning" and "SIGFPE" in m]
    assert len(said) == 1 and model.path in said[0] and report.valid
    objs = json.loads((tmp_path / "out.city.json").read_text())["CityObjects"]
    lods = {g["lod"] for o in objs.values() if o["type"] == "Building" for g in o["geometry"]}
    assert lods and "2" not in lods


def test_cityjson_lod2_of_a_good_model_read_on_a_cache_miss(ifc_dir, tmp_path):
    import json

    from cim.cityjson.from_project import export_cityjson
    from cim.ifc.importer import import_ifc
    from cim.project import Project

    p = Project(crs="EPSG:9208")
    model = import_ifc(p, ifc_dir / "office.ifc", cache_dir=tmp_path / "c").model
    model._mesh, model.cache_dir = None, None
    export_cityjson(p, tmp_path / "out.city.json")
    objs = json.loads((tmp_path / "out.city.json").read_text())["CityObjects"]
    assert "2" in {g["lod"] for o in objs.values() if o["type"] == "Building" for g in o["geometry"]}
