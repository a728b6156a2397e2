"""Importing files into a project: CRS handling, reprojection, and failures that change nothing."""

import pyogrio
import pytest
import shapely

from cim.errors import CimInputError
from cim.feedback import Feedback
from cim.project import Project
from cim.project.importing import import_layer
from cim.testing import assert_same_project_state, make_plots, project_state


def _bad_files(tmp_path):
    good = tmp_path / "good.gpkg"
    pyogrio.write_dataframe(make_plots(200), good, layer="plots")
    truncated = tmp_path / "truncated.gpkg"
    truncated.write_bytes(good.read_bytes()[:4096])
    shp = tmp_path / "noshx.shp"
    pyogrio.write_dataframe(make_plots(5), shp, layer="noshx")
    shp.write_bytes(b"\x00\x00\x27\x0a" + b"garbage" * 20)   # a damaged .shp header
    nocrs = tmp_path / "nocrs.geojson"
    pyogrio.write_dataframe(make_plots(5).set_crs(None, allow_override=True), nocrs)
    return {"truncated": truncated, "missing": tmp_path / "khong_ton_tai.gpkg", "damaged shp": shp,
            "no crs": nocrs, "not a dataset": tmp_path / "note.txt"}


@pytest.mark.parametrize("case", ["truncated", "missing", "damaged shp", "no crs", "not a dataset"])
def test_a_failed_import_names_the_file_and_leaves_the_project_unchanged(tmp_path, case):
    files = _bad_files(tmp_path)
    (tmp_path / "note.txt").write_text("không phải dữ liệu")
    project = Project()
    import_layer(project, tmp_path / "good.gpkg", layer="plots")
    before = project_state(project)
    undo_len = len(project.undo_stack)
    with pytest.raises(CimInputError) as err:
        import_layer(project, files[case])
    assert files[case].name in str(err.value)
    assert_same_project_state(project_state(project), before)
    assert len(project.undo_stack) == undo_len


def test_invalid_geometries_are_kept_and_reported_in_the_log(tmp_path):
    gdf = make_plots(6)
    gdf.loc[3, "geometry"] = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    src = tmp_path / "bad.geojson"
    pyogrio.write_dataframe(gdf, src)

    class Log(Feedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def log(self, message, level="info"):
            self.lines.append((level, message))

    fb = Log()
    rec = import_layer(Project(), src, feedback=fb)
    assert len(rec.data) == 6
    assert rec.source["invalid_count"] == 1
    assert any(level == "warning" and "invalid" in msg for level, msg in fb.lines)


def test_canceling_an_import_leaves_the_project_unchanged(tmp_path):
    src = tmp_path / "plots.gpkg"
    pyogrio.write_dataframe(make_plots(100), src)
    project = Project()
    fb = Feedback()
    fb.cancel()
    with pytest.raises(Exception, match="Canceled"):
        import_layer(project, src, feedback=fb)
    assert project.layers == {} and len(project.undo_stack) == 0


def test_an_import_is_one_undoable_step(tmp_path):
    src = tmp_path / "plots.gpkg"
    pyogrio.write_dataframe(make_plots(10), src)
    project = Project()
    rec = import_layer(project, src, name="Lô đất")
    assert project.layers[rec.id].name == "Lô đất" and project.tree.layer_order() == [rec.id]
    project.undo_stack.undo()
    assert project.layers == {} and project.tree.layer_order() == []
