"""Source paths are stored relative to the project folder: no machine paths in the file, and a
project moved together with its sources still finds them."""

import json
import shutil
import sqlite3

import pyogrio

from cim.project import Project
from cim.project.importing import import_layer
from cim.project.source_paths import from_stored, to_stored
from cim.project.store import open_project, save_project
from cim.testing import make_plots


def test_a_moved_project_folder_still_resolves_its_sources_and_the_file_has_no_absolute_path(tmp_path):
    work = tmp_path / "dự án" / "phân khu"
    (work / "nguon").mkdir(parents=True)
    src = work / "nguon" / "lo_dat.gpkg"
    pyogrio.write_dataframe(make_plots(12), src, layer="plots")
    project = Project()
    rec = import_layer(project, src)
    assert rec.source["path"] == str(src)
    save_project(project, work / "a.cim.gpkg")
    stored = sqlite3.connect(work / "a.cim.gpkg").execute("SELECT source FROM cim_layers").fetchone()[0]
    assert str(tmp_path) not in stored
    assert json.loads(stored)["path"] == "nguon/lo_dat.gpkg"

    moved = tmp_path / "máy khác" / "hồ sơ"
    shutil.copytree(work, moved)
    again = open_project(moved / "a.cim.gpkg")
    path = again.layers[rec.id].source["path"]
    assert path == str(moved / "nguon" / "lo_dat.gpkg") and (moved / "nguon" / "lo_dat.gpkg").exists()
    assert "path_base" not in again.layers[rec.id].source


def test_sources_outside_the_folder_use_parent_steps_and_relative_or_empty_paths_stay_as_they_are(tmp_path):
    project_dir = tmp_path / "a" / "b"
    stored = to_stored({"path": str(tmp_path / "c" / "d.tif"), "sha256": "x"}, project_dir)
    assert stored == {"path": "../../c/d.tif", "path_base": "project", "sha256": "x"}
    assert from_stored(stored, project_dir) == {"path": str(tmp_path / "c" / "d.tif"), "sha256": "x"}
    for source in ({"path": "relative/x.gpkg"}, {"path": ""}, {}, {"path": None}):
        assert to_stored(source, project_dir) == source
        assert from_stored(source, project_dir) == source


def test_the_committed_sample_project_carries_no_absolute_source_path():
    from pathlib import Path

    sample = Path(__file__).resolve().parents[3] / "sample_data" / "district.cim.gpkg"
    rows = sqlite3.connect(sample).execute("SELECT name, source FROM cim_layers").fetchall()
    assert rows
    for name, source in rows:
        path = json.loads(source).get("path", "")
        assert not path.startswith("/") and ":\\" not in path, (name, path)
