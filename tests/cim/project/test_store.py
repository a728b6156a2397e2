import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pyogrio
import pytest

from cim.errors import ProjectFileError
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer, RemoveLayer, RenameLayer, SetMetadata
from cim.project.feature_edits import ChangeAttribute
from cim.project.store import open_project, save_project
from cim.testing import assert_same_project_state, make_plots, project_state


def test_save_and_reopen_gives_identical_layers_metadata_and_tree(project, tmp_path):
    project.push(SetMetadata(project, "plan_id", "QH-PT-2026-0001"))
    project.push(SetMetadata(project, "name", "Quy hoạch phân khu ga Việt Trì"))
    project.push(SetMetadata(project, "scale", 2000))
    g = project.tree.add_group("Hạ tầng kỹ thuật")
    project.push(AddLayer(project, LayerRecord("Đường giao thông", "vector", make_plots(10, 3)), parent_id=g.id))
    path = save_project(project, tmp_path / "a.cim.gpkg")
    assert project.undo_stack.is_clean()
    reopened = open_project(path)
    assert_same_project_state(project_state(reopened), project_state(project))
    assert reopened.metadata.scale == 2000


def test_the_project_opens_as_a_normal_geopackage_in_gdal(project, tmp_path):
    path = save_project(project, tmp_path / "a.cim.gpkg")
    names = [row[0] for row in pyogrio.list_layers(path)]
    assert "lo_dat" in names and "cim_project" in names
    gdf = pyogrio.read_dataframe(path, layer="lo_dat")
    assert len(gdf) == 50 and gdf.crs.to_epsg() == 9208
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'rtree_lo_dat_%'").fetchone()[0] >= 1


def test_a_second_save_rewrites_only_changed_layers_and_drops_removed_ones(project, tmp_path):
    other = LayerRecord("Công trình", "vector", make_plots(20, 5))
    project.push(AddLayer(project, other))
    path = save_project(project, tmp_path / "a.cim.gpkg")
    lid = next(i for i in project.layers if i != other.id)
    project.push(ChangeAttribute(project, lid, 2, "far", 7.5))
    project.push(RemoveLayer(project, other.id))
    project.push(RenameLayer(project, lid, "Lô đất quy hoạch"))
    assert project.dirty_layers == {lid}
    save_project(project)
    reopened = open_project(path)
    assert list(reopened.layers) == [lid]
    assert reopened.layers[lid].data.loc[2, "far"] == 7.5
    assert reopened.layers[lid].name == "Lô đất quy hoạch"
    assert "cong_trinh" not in [r[0] for r in pyogrio.list_layers(path)]


def test_a_truncated_project_file_is_refused_with_the_reason(project, tmp_path):
    path = save_project(project, tmp_path / "a.cim.gpkg")
    data = path.read_bytes()
    bad = tmp_path / "bad.cim.gpkg"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ProjectFileError, match="truncated"):
        open_project(bad)


def test_a_plain_geopackage_is_explained_as_not_a_project(tmp_path):
    path = tmp_path / "plain.gpkg"
    pyogrio.write_dataframe(make_plots(3), path, layer="x")
    with pytest.raises(ProjectFileError, match="not a CIM Studio project"):
        open_project(path)


@pytest.mark.parametrize("content", [b"", b"hello world" * 20, b"\x00" * 200])
def test_garbage_is_not_opened_as_a_project(tmp_path, content):
    path = tmp_path / "junk.cim.gpkg"
    path.write_bytes(content)
    with pytest.raises(ProjectFileError, match="junk.cim.gpkg"):
        open_project(path)


def test_saving_to_a_missing_folder_fails_cleanly_and_changes_nothing(project, tmp_path):
    with pytest.raises(ProjectFileError, match="folder"):
        save_project(project, tmp_path / "nope" / "a.cim.gpkg")
    assert not project.undo_stack.is_clean() or project.path is None


KILL_SCRIPT = textwrap.dedent("""
    import sys
    from cim.project.store import open_project, save_project
    from cim.project.edits import SetMetadata
    from cim.project.feature_edits import ChangeAttribute
    path = sys.argv[1]
    p = open_project(path)
    lid = next(iter(p.layers))
    for gen in range(1, 1000):
        p.push(SetMetadata(p, "version", str(gen)))
        p.push(ChangeAttribute(p, lid, 1, "floors", gen))
        print("saving", gen, flush=True)
        save_project(p)
        print("saved", gen, flush=True)
""")


@pytest.mark.slow
def test_killing_a_save_midway_leaves_the_previous_or_the_new_project(tmp_path):
    p = Project()
    plots = make_plots(150_000, 1)
    p.push(AddLayer(p, LayerRecord("plots", "vector", plots)))
    p.push(SetMetadata(p, "version", "0"))
    p.layers[next(iter(p.layers))].data.loc[1, "floors"] = 0
    path = save_project(p, tmp_path / "big.cim.gpkg")
    script = tmp_path / "saver.py"
    script.write_text(KILL_SCRIPT)
    seen = set()
    for delay in (0.6, 1.1, 1.7, 2.3, 2.9, 3.6):
        proc = subprocess.Popen([sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": os.getcwd()})
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out = proc.communicate()[0]
        reopened = open_project(path)           # must always open
        version = int(reopened.metadata.version)
        floors = int(reopened.layers[next(iter(reopened.layers))].data.loc[1, "floors"])
        assert version == floors, "metadata and layer data come from different saves"
        saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved")]
        assert version >= (max(saved) if saved else 0)
        seen.add(version)
        shutil.copyfile(path, tmp_path / "check.gpkg")
    assert len(list(tmp_path.glob(".big.cim.gpkg.*.saving.gpkg"))) <= 1


def test_a_raster_added_before_any_vector_layer_survives_the_first_save(tmp_path):
    import numpy as np
    import rasterio
    from rasterio.transform import from_origin

    from cim.project.importing import import_layer

    tif = tmp_path / "dem.tif"
    with rasterio.open(tif, "w", driver="GTiff", width=4, height=4, count=1, dtype="float32", crs="EPSG:9208",
                       transform=from_origin(560000, 2358100, 25, 25)) as ds:
        ds.write(np.arange(16, dtype="float32").reshape(1, 4, 4))
    p = Project()
    import_layer(p, tif, name="dem")
    p.push(AddLayer(p, LayerRecord("plots", "vector", make_plots(5))))
    path = save_project(p, tmp_path / "r.cim.gpkg")
    back = open_project(path)
    assert sorted(r.kind for r in back.layers.values()) == ["raster", "vector"]
    assert back.layer_by_name("dem").data.sample(np.array([[560010.0, 2358090.0]]))[0] == 0.0
