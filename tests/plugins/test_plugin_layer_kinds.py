"""plugins/layer_kinds.py: a plugin's ``[[layer_types]]`` becomes a kind the app draws, saves and opens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cim.project.edits import AddLayer
from cim.project.layer import LayerRecord
from cim.project.store import open_project, save_project
from layers.kinds import geometry_kind, has_table, is_drawn, layer_kind, unregister_layer_kind
from layers.render.project_view import legend_items, project_bounds, project_snapshots
from plugins.layer_kinds import install_layer_kinds
from plugins.registry import PluginRegistry

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "district.cim.gpkg"

LAYER_TYPE = """
[[layer_types]]
kind = "{kind}"
callable = "{id}.kinds:{fn}"
"""

KINDS = '''
from dataclasses import dataclass, replace

from cim.project.serializers import VectorSerializer, register_serializer
from layers.kinds import LayerKind


@dataclass
class Outlines:
    """Survey outlines: the layer's data holds its footprints (not an editable table)."""
    outlines: object


class OutlinesSerializer:
    def write(self, gpkg, table, record, feedback):
        VectorSerializer().write(gpkg, table, replace(record, data=record.data.outlines), feedback)

    def read(self, gpkg, row, feedback):
        return Outlines(VectorSerializer().read(gpkg, row, feedback))


def site_outlines():
    register_serializer("site_outlines", OutlinesSerializer())
    return LayerKind("site_outlines", draw="features", features=lambda rec: rec.data.outlines,
                     icon="features", scene3d="features",
                     default_style=lambda rec, language="vi": {"fill": "#00ff0080", "stroke": "#006400"})


def misnamed():
    return LayerKind("other_name")


def vector():
    return LayerKind("vector")


def not_a_kind():
    return {"name": "site_outlines"}
'''


@pytest.fixture(scope="module", autouse=True)
def _libraries_loaded_before_isolation(tmp_path_factory):
    """Open and save the sample once before ``isolated_imports`` notes sys.modules: the modules that reading
    and writing import on first use (pyarrow-backed pandas arrays) must outlive the test."""
    path = tmp_path_factory.mktemp("warm") / "district.cim.gpkg"
    shutil.copyfile(SAMPLE, path)
    project = open_project(path)
    project_snapshots(project)
    save_project(project)


@pytest.fixture
def plugin_registry(make_plugin):
    def build(kind: str, fn: str) -> PluginRegistry:
        folder = make_plugin("survey_kinds", LAYER_TYPE.replace("{kind}", kind).replace("{fn}", fn), kinds=KINDS)
        reg = PluginRegistry.discover(extra_paths=[folder], entry_points=False)
        assert reg.errors == [] and [c.kind for c in reg.layer_types()] == [kind]
        return reg

    yield build
    unregister_layer_kind("site_outlines")


def test_a_plugin_kind_is_drawn_saved_and_opened_again(plugin_registry, tmp_path):
    reg = plugin_registry("site_outlines", "site_outlines")
    assert layer_kind("site_outlines").draw == "none"          # not registered before the install
    assert install_layer_kinds(reg) == []
    assert install_layer_kinds(reg) == []                      # a second install changes nothing
    kind = layer_kind("site_outlines")
    assert (kind.draw, kind.icon, kind.scene3d, kind.table) == ("features", "features", "features", False)

    path = tmp_path / "district.cim.gpkg"
    shutil.copyfile(SAMPLE, path)
    project = open_project(path)
    plots = project.layer_by_name("plots").data
    outlines = plots.iloc[:4].copy()
    outlines["geometry"] = outlines.geometry.translate(6000.0, 0.0)
    from survey_kinds.kinds import Outlines  # on the path once the plugin is resolved

    rec = LayerRecord("site_outlines", "site_outlines", data=Outlines(outlines), crs=project.crs)
    before = project_bounds(project)
    project.push(AddLayer(project, rec))
    save_project(project)

    again = open_project(path)
    back = again.layer_by_name("site_outlines")
    assert back.kind == "site_outlines" and len(back.data.outlines) == 4
    assert is_drawn(back) and not has_table(back) and geometry_kind(back) == "polygon"
    assert len({s.layer_id: s for s in project_snapshots(again)}[back.id].fids) == 4
    item = next(it for it in legend_items(again) if it.layer_id == back.id)
    assert item.entries[0].fill == (0, 255, 0, 128)
    assert project_bounds(again)[2] > before[2] + 5000


@pytest.mark.parametrize(("kind", "fn", "message"), [
    ("site_outlines", "misnamed", "returned LayerKind 'other_name', not a layers.kinds.LayerKind named 'site_outlines'"),
    ("site_outlines", "not_a_kind", "returned dict"),
    ("site_outlines", "missing", "has no attribute 'missing'"),
    ("vector", "vector", "the kind 'vector' is already registered"),
])
def test_a_broken_layer_type_is_reported_and_skipped(plugin_registry, kind, fn, message):
    reg = plugin_registry(kind, fn)
    [problem] = install_layer_kinds(reg)
    assert f"Layer kind survey_kinds.{kind}" in problem and message in problem
    assert layer_kind("vector").table and layer_kind("site_outlines").draw == "none"
