import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from cim.project.edits import AddLayer
from cim.project.layer import LayerRecord
from cim.project.store import open_project
from layers.kinds import (
    IFC,
    LayerKind,
    feature_frame,
    geometry_kind,
    has_table,
    identify_attributes,
    is_drawn,
    layer_kind,
    layer_kinds,
    layer_style,
    register_layer_kind,
    table_layers,
    unregister_layer_kind,
)
from layers.render.project_view import legend_items, project_bounds, project_snapshots

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "district.cim.gpkg"


@pytest.fixture
def project(tmp_path):
    dst = tmp_path / "district.cim.gpkg"
    shutil.copyfile(SAMPLE, dst)
    return open_project(dst)


@dataclass
class Outlines:
    """A plugin's layer data: survey outlines with their own GeoDataFrame."""
    outlines: object


@pytest.fixture
def outlines_kind():
    kind = LayerKind("survey_outlines", draw="features", features=lambda rec: rec.data.outlines, icon="features",
                     default_style=lambda rec, language="vi": {"fill": "#ff000080", "stroke": "#800000"})
    register_layer_kind(kind)
    yield kind
    unregister_layer_kind(kind.name)


def test_the_sample_vector_and_raster_layers_answer_by_their_kind(project):
    plots, dem = project.layer_by_name("plots"), project.layer_by_name("dem")
    assert has_table(plots) and feature_frame(plots) is plots.data and geometry_kind(plots) == "polygon"
    assert geometry_kind(project.layer_by_name("roads")) == "line"
    assert geometry_kind(project.layer_by_name("stations")) == "point"
    assert not has_table(dem) and feature_frame(dem) is None and geometry_kind(dem) == "raster"
    k = layer_kind(dem)
    assert (k.draw, k.values, k.scene3d, k.icon, k.default_ramp) == ("raster", True, "terrain", "raster", "terrain")
    assert "hillshade" in k.style_options and "hillshade" not in layer_kind(plots).style_options
    assert dem not in table_layers(project) and plots in table_layers(project)
    assert set(layer_kinds()) >= {"vector", "raster", "ifc"}


def test_a_layer_without_a_style_gets_its_kinds_default_in_the_chosen_language(project):
    plots = project.layer_by_name("plots")
    plots.style = {}
    vi, en = layer_style(plots, "vi"), layer_style(plots, "en")
    assert vi["type"] == "categorised" and vi["field"] == "category"
    assert vi != en          # the class labels follow the language
    plots.style = {"fill": "#123456"}
    assert layer_style(plots) == {"fill": "#123456"}


def test_ifc_identify_spells_out_the_property_sets(project):
    row = {"name": "House", "psets": json.dumps({"Pset_BuildingCommon": {"id": 7, "IsLandmarked": False}})}
    attrs = identify_attributes(LayerRecord("m", "ifc", data=None), row, ["name", "psets"])
    assert attrs == {"name": "House", "Pset_BuildingCommon.IsLandmarked": False}
    vec = identify_attributes(project.layer_by_name("plots"), row, ["name", "psets"])
    assert vec == row
    assert IFC.geometry == "model" and IFC.default_style(None)["stroke"] == "#5e35b1"


def test_a_registered_kind_is_drawn_legended_and_bounded_by_its_features(project, outlines_kind):
    plots = project.layer_by_name("plots")
    outlines = plots.data.iloc[:5].copy()
    outlines["geometry"] = outlines.geometry.translate(5000.0, 0.0)
    rec = LayerRecord("survey", "survey_outlines", data=Outlines(outlines), crs=project.crs)
    before = project_bounds(project)
    project.push(AddLayer(project, rec))
    assert is_drawn(rec) and not has_table(rec) and geometry_kind(rec) == "polygon"
    snaps = {s.layer_id: s for s in project_snapshots(project)}
    assert len(snaps[rec.id].fids) == 5
    item = next(it for it in legend_items(project) if it.layer_id == rec.id)
    assert item.geometry == "polygon" and item.entries[0].fill == (255, 0, 0, 128)
    assert project_bounds(project)[2] > before[2] + 4000


def test_a_kind_nobody_registered_is_kept_but_not_drawn(project):
    rec = LayerRecord("scan", "pointcloud", data=object(), crs=project.crs)
    project.push(AddLayer(project, rec))
    k = layer_kind(rec)
    assert (k.name, k.draw, k.icon, k.scene3d, k.table) == ("pointcloud", "none", "model", None, False)
    assert not is_drawn(rec) and feature_frame(rec) is None
    assert rec.id not in {s.layer_id for s in project_snapshots(project)}
    assert rec.id not in {it.layer_id for it in legend_items(project)}


def test_registering_a_taken_kind_needs_replace_and_bad_parts_are_refused(outlines_kind):
    with pytest.raises(ValueError, match="already registered"):
        register_layer_kind(LayerKind("survey_outlines"))
    with pytest.raises(ValueError, match="already registered"):
        register_layer_kind(LayerKind("vector"))
    other = LayerKind("survey_outlines", icon="raster")
    register_layer_kind(other, replace=True)
    assert layer_kind("survey_outlines") is other
    with pytest.raises(ValueError, match="draw must be one of"):
        LayerKind("x", draw="voxels")
    with pytest.raises(ValueError, match="gives no features"):
        LayerKind("x", draw="features")
    with pytest.raises(ValueError, match="built-in"):
        unregister_layer_kind("raster")
    with pytest.raises(TypeError):
        register_layer_kind("vector")
