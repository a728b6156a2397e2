"""The bundled sample project: built through the normal import path, identical after save/reopen."""

import json
from pathlib import Path

import pandas.testing as pdt
import pyogrio
import pytest

from cim.project.store import open_project
from cim.testing import assert_same_project_state, project_state
from sample_data.project import DEFAULT_OUT, DEFAULT_SRC, build_sample_project

SOURCES = DEFAULT_SRC / "sources.gpkg"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_sample_project(DEFAULT_SRC, tmp_path_factory.mktemp("sample") / "district.cim.gpkg")


def test_every_sample_layer_survives_new_import_save_reopen_identically(built):
    project = open_project(built)
    for name, _geom in pyogrio.list_layers(SOURCES):
        source = pyogrio.read_dataframe(SOURCES, layer=name)
        rec = project.layer_by_name(name)
        ours = rec.data.reset_index(drop=True)
        assert list(ours.columns) == list(source.columns), name
        pdt.assert_frame_equal(ours.drop(columns="geometry"), source.drop(columns="geometry"), check_dtype=False)
        assert ours.geometry.geom_equals_exact(source.geometry, tolerance=0).all(), name
    again = built.with_name("again.cim.gpkg")
    from cim.project.store import save_project

    project.path = None
    save_project(project, again)
    assert_same_project_state(project_state(open_project(again)), project_state(project))


def test_the_sample_project_metadata_comes_from_plan_json_and_is_complete(built):
    plan = json.loads((DEFAULT_SRC / "plan.json").read_text(encoding="utf-8"))
    md = open_project(built).metadata
    assert md.plan_id == plan["plan_id"] and md.province == "Phú Thọ" and md.scale == 2000
    assert md.missing() == []


def test_gdal_lists_the_project_layers_and_the_tree_groups_them(built):
    tables = [row[0] for row in pyogrio.list_layers(built)]
    assert {"plots", "buildings", "roads", "smart_elements", "cim_project"} <= set(tables)
    project = open_project(built)
    groups = [n.name for n in project.tree.root.children]
    assert groups == ["Đô thị thông minh", "Giao thông", "Hạ tầng kỹ thuật", "Quy hoạch", "Địa hình"]
    assert project.layers["lyr_dem"].kind == "raster"


def test_the_committed_sample_project_is_current_with_its_sources():
    committed = open_project(DEFAULT_OUT)
    for name, _geom in pyogrio.list_layers(SOURCES):
        assert len(committed.layer_by_name(name).data) == pyogrio.read_info(SOURCES, layer=name)["features"], name
