"""Data responsibility per layer (seed 001 task 13): set by an undoable command, kept in the project
file, exported in the package manifest and in CityJSON metadata."""

import datetime as dt
import json
import sqlite3
import zipfile

import pytest

from cim.errors import CimInputError, PermissionDenied
from cim.project.layer_info import LayerInfo, SetLayerInfo, layer_info, validate_info
from cim.project.store import open_project, save_project

FULL = {"provider": "Sở Xây dựng tỉnh Phú Thọ", "update_cycle": "quarterly", "source_date": "2025-11-20",
        "quality": "checked", "licence": "CC-BY-4.0"}


def _lid(project):
    return next(iter(project.layers))


def test_setting_layer_info_is_one_undoable_step_and_undo_restores_the_old_values(project):
    lid = _lid(project)
    project.push(SetLayerInfo(project, lid, FULL))
    assert layer_info(project.layers[lid]).provider == "Sở Xây dựng tỉnh Phú Thọ"
    assert project.undo_stack.undo_text() == "Set layer metadata of Lô đất"
    project.undo_stack.undo()
    assert project.layers[lid].info == {}
    project.undo_stack.redo()
    assert project.layers[lid].info == FULL


def test_a_reviewer_may_not_change_layer_info(project):
    project.role = "reviewer"
    with pytest.raises(PermissionDenied):
        project.push(SetLayerInfo(project, _lid(project), FULL))
    assert project.layers[_lid(project)].info == {}


def test_layer_info_survives_save_and_reopen_in_its_own_table(project, tmp_path):
    lid = _lid(project)
    project.push(SetLayerInfo(project, lid, dict(FULL, contact="phòng QH – 0210 3xxx")))
    path = save_project(project, tmp_path / "p.cim.gpkg")
    again = open_project(path)
    assert again.layers[lid].info == dict(FULL, contact="phòng QH – 0210 3xxx")
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT layer_id, data FROM cim_layer_metadata").fetchall()
        assert [r[0] for r in rows] == [lid] and json.loads(rows[0][1])["update_cycle"] == "quarterly"
        assert conn.execute("SELECT data_type FROM gpkg_contents WHERE table_name='cim_layer_metadata'").fetchone() == ("attributes",)


def test_a_project_file_without_the_table_opens_with_empty_layer_info(project, tmp_path):
    path = save_project(project, tmp_path / "p.cim.gpkg")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE cim_layer_metadata")
        conn.execute("DELETE FROM gpkg_contents WHERE table_name = 'cim_layer_metadata'")
    assert all(r.info == {} for r in open_project(path).layers.values())


def test_missing_fields_and_staleness_follow_the_update_cycle():
    info = LayerInfo.from_dict(FULL)
    assert info.missing() == []
    assert not info.is_stale(dt.date(2026, 2, 19))       # 91 days < 92
    assert info.is_stale(dt.date(2026, 2, 21))           # 93 days
    assert not info.is_stale(dt.date(2026, 3, 1), grace=0.2)
    assert not LayerInfo.from_dict(dict(FULL, update_cycle="asNeeded")).is_stale(dt.date(2040, 1, 1))
    assert LayerInfo.from_dict({"provider": "x"}).missing() == ["update_cycle", "source_date", "quality", "licence"]


@pytest.mark.parametrize("values, word", [({"update_cycle": "sometimes"}, "ISO 19115"),
                                          ({"source_date": "20/11/2025"}, "YYYY-MM-DD"),
                                          ({"quality": "great"}, "quality level"),
                                          ({"owner": "x"}, "unknown layer metadata field")])
def test_invalid_values_are_refused_with_a_clear_message(values, word):
    with pytest.raises(CimInputError, match=word):
        validate_info(values, obj="plots")


def test_the_package_manifest_lists_each_layers_data_responsibility(tmp_path):
    from cim.package.build import PackageOptions, build_package
    from tests.cim.package.conftest import make_project

    path = make_project(tmp_path / "c")
    p = open_project(path)
    p.push(SetLayerInfo(p, _lid(p), FULL))
    save_project(p)
    opts = PackageOptions(key_dir=tmp_path / "k", user="tv", cityjson=False, passphrase="mật khẩu thử", create_key=True)
    res = build_package(path, tmp_path / "x.cimpkg", opts)
    with zipfile.ZipFile(res.path) as zf:
        m = json.loads(zf.read("manifest.json"))
    assert m["layer_metadata"] == [dict(FULL, layer="Lô đất", layer_id=_lid(p))]
    from cim.package.manifest_schema import manifest_problem

    assert manifest_problem(m) is None
    assert "layer_metadata" in manifest_problem(dict(m, layer_metadata=[{"layer": "x", "layer_id": "y", "provider": 3}]))


def test_cityjson_metadata_carries_the_plan_identity_and_the_layer_responsibility(project, tmp_path):
    from cim.cityjson.from_project import export_cityjson
    from cim.project.edits import SetMetadata

    project.push(SetMetadata(project, "plan_id", "QH-PT-2026-0009"))
    project.push(SetMetadata(project, "decision_date", "2026-01-15"))
    project.push(SetLayerInfo(project, _lid(project), FULL))
    report = export_cityjson(project, tmp_path / "a.city.json")
    assert report.valid, report.errors
    md = json.loads((tmp_path / "a.city.json").read_text(encoding="utf-8"))["metadata"]
    assert md["identifier"] == "QH-PT-2026-0009" and md["referenceDate"] == "2026-01-15"
    assert md["+layerMetadata"][0]["provider"] == "Sở Xây dựng tỉnh Phú Thọ"
    assert md["referenceSystem"].endswith("/9208")
    export_cityjson(project, tmp_path / "a.city.jsonl")
    header = json.loads((tmp_path / "a.city.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert header["metadata"]["+layerMetadata"][0]["update_cycle"] == "quarterly"


def test_every_layer_of_the_committed_sample_states_its_data_responsibility():
    from sample_data.project import DEFAULT_OUT

    p = open_project(DEFAULT_OUT)
    assert all(layer_info(r).missing() == [] for r in p.layers.values())
    assert layer_info(p.layers["lyr_net_energy"]).provider.startswith("Sở Công Thương")
