import shutil
from pathlib import Path

import pytest

from cim.project.edits import SetLayerVisibility
from cim.project.store import open_project
from layers.render.project_view import legend_items, project_bounds, project_snapshots

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "district.cim.gpkg"


@pytest.fixture
def project(tmp_path):
    dst = tmp_path / "district.cim.gpkg"
    shutil.copyfile(SAMPLE, dst)
    return open_project(dst)


def test_legend_lists_the_visible_layers_top_first_and_drops_a_hidden_one(project):
    visible = [rec.name for rec in project.ordered_layers() if project.tree.is_visible(rec.id)]
    assert [it.layer_id for it in legend_items(project)] == [project.layer_by_name(n).id for n in visible]
    titles = [it.title for it in legend_items(project)]
    assert "Lô đất" in titles and "Đường giao thông" in titles and "plots" not in titles
    assert "Plots" in [it.title for it in legend_items(project, language="en")]
    plots = project.layer_by_name("plots")
    project.push(SetLayerVisibility(project, project.tree.find_layer(plots.id).id, False))
    assert plots.id not in [it.layer_id for it in legend_items(project)]
    assert "Lô đất" not in [it.title for it in legend_items(project)]


def test_legend_classes_are_the_land_uses_the_map_colours_in_vietnamese_or_english(project):
    plots = {it.title: it for it in legend_items(project, language="vi")}["Lô đất"]
    texts = [e.text for e in plots.entries]
    assert "Đất cây xanh" in texts and "Đất ở" in texts
    assert len(set(e.fill for e in plots.entries)) == len(plots.entries)
    en = {it.title: it for it in legend_items(project, language="en")}["Plots"]
    assert "Green space" in [e.text for e in en.entries] and "green_space" not in [e.text for e in en.entries]


def test_smart_element_legend_names_the_systems_not_their_codes(project):
    smart = {it.layer_id: it for it in legend_items(project)}[project.layer_by_name("smart_elements").id]
    texts = [e.text for e in smart.entries]
    assert "Hạ tầng số" in texts and not any("_" in t for t in texts)
    en = {it.layer_id: it for it in legend_items(project, language="en")}[project.layer_by_name("smart_elements").id]
    assert "Digital infrastructure" in [e.text for e in en.entries]


def test_a_line_layer_drawn_in_one_colour_has_one_legend_row_in_that_colour(project):
    roads = {it.title: it for it in legend_items(project)}["Đường giao thông"]
    assert roads.geometry == "line" and len(roads.entries) == 1
    assert roads.entries[0].stroke[:3] == (0x7B, 0x7B, 0x7B)


def test_print_snapshots_widen_lines_and_markers_with_the_print_resolution(project):
    screen = {s.layer_id: s for s in project_snapshots(project)}
    print_ = {s.layer_id: s for s in project_snapshots(project, line_scale=3.125)}
    rail = project.layer_by_name("rail").id
    assert print_[rail].style.width == pytest.approx(screen[rail].style.width * 3.125)
    minx, miny, maxx, maxy = project_bounds(project)
    assert 564_000 < minx < maxx < 567_000 and 2_358_000 < miny < maxy < 2_361_000
