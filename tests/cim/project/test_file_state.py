"""Two sessions saving the same *.cim.gpkg: disjoint edits merge by cim_id, the same feature is a
conflict that refuses the second save — never a silent lost update."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cim.project.feature_edits import ChangeAttribute
from cim.project.file_state import SaveConflict
from cim.project.store import open_project, save_project

REPO = Path(__file__).resolve().parents[3]
WORKER = REPO / "tests" / "cim" / "db" / "save_worker.py"


@pytest.fixture
def shared(tmp_path):
    dst = tmp_path / "shared.cim.gpkg"
    shutil.copy(REPO / "sample_data" / "district.cim.gpkg", dst)
    return dst


def _far(path, cim_id):
    data = open_project(path).layer_by_name("plots").data
    return float(data.loc[data["cim_id"] == cim_id, "far"].iloc[0])


def _two_sessions(shared, tmp_path, a, b):
    """Both processes open the file first, then both edit and save at the same time."""
    go = tmp_path / "go"
    procs = []
    for i, (cim_id, value) in enumerate((a, b)):
        ready = tmp_path / f"ready{i}"
        procs.append((subprocess.Popen([sys.executable, str(WORKER), str(shared), cim_id, "far", str(value),
                                        str(go), str(ready)], env=dict(os.environ, PYTHONPATH=str(REPO)),
                                       stdout=subprocess.PIPE, text=True), ready))
    deadline = time.monotonic() + 120
    while not all(r.exists() for _, r in procs):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    go.touch()
    return [(p.wait(timeout=120), p.stdout.read()) for p, _ in procs]


def test_two_processes_saving_disjoint_edits_keep_both(shared, tmp_path):
    results = _two_sessions(shared, tmp_path, ("PLT-000001", 4.25), ("PLT-000002", 6.5))
    assert [r for r, _ in results] == [0, 0], results
    assert _far(shared, "PLT-000001") == 4.25
    assert _far(shared, "PLT-000002") == 6.5


def test_two_processes_saving_the_same_feature_refuse_the_second_save(shared, tmp_path):
    results = _two_sessions(shared, tmp_path, ("PLT-000003", 3.3), ("PLT-000003", 7.7))
    codes = sorted(r for r, _ in results)
    assert codes == [0, 3], results
    loser = [out for r, out in results if r == 3][0]
    assert "plots:PLT-000003" in loser and "nothing was saved" in loser
    assert _far(shared, "PLT-000003") in (3.3, 7.7)      # the first save stands intact


def test_in_process_merge_takes_their_new_feature_and_edit(shared):
    a, b = open_project(shared), open_project(shared)
    ra, rb = a.layer_by_name("plots"), b.layer_by_name("plots")
    b.push(ChangeAttribute(b, rb.id, int(rb.data.index[5]), "far", 1.5))
    from cim.project.feature_edits import DeleteFeatures

    b.push(DeleteFeatures(b, rb.id, [int(rb.data.index[6])]))
    save_project(b)
    a.push(ChangeAttribute(a, ra.id, int(ra.data.index[0]), "far", 2.5))
    save_project(a)
    merged = open_project(shared).layer_by_name("plots").data
    assert len(merged) == len(ra.data) == 337
    assert merged.loc[merged.index[0], "far"] == 2.5
    assert (merged["far"] == 1.5).sum() >= 1
    # and the same feature: refused, the file keeps b's save
    a2, b2 = open_project(shared), open_project(shared)
    fid = int(a2.layer_by_name("plots").data.index[1])
    b2.push(ChangeAttribute(b2, rb.id, fid, "far", 9.0))
    save_project(b2)
    before = shared.read_bytes()
    a2.push(ChangeAttribute(a2, ra.id, fid, "far", 8.0))
    with pytest.raises(SaveConflict) as err:
        save_project(a2)
    assert err.value.conflicts and shared.read_bytes() == before


def test_feature_hashes_see_any_vertex_or_attribute_change_and_ignore_dtype_drift():
    import geopandas as gpd
    import numpy as np
    import shapely

    from cim.project.file_state import geometry_hashes, row_hashes

    a = shapely.box(0, 0, 10, 10)
    moved = shapely.Polygon([(0, 0), (10, 0), (10, 10), (0, 10.000001)])
    h = geometry_hashes(np.array([a, shapely.box(0, 0, 10, 10), moved, a.reverse(), None,
                                  shapely.MultiPolygon([a])], dtype=object))
    assert h[0] == h[1] and len({h[0], h[2], h[3], h[4], h[5]}) == 5
    df = gpd.GeoDataFrame({"cim_id": ["A", "B"], "floors": [3, 4], "name": ["x", None]},
                          geometry=[a, moved], crs=9208)
    drift = df.astype({"floors": "float64"})
    assert row_hashes(df).tolist() == row_hashes(drift).tolist()
    edited = df.copy()
    edited.loc[1, "name"] = "y"
    assert (row_hashes(df) != row_hashes(edited)).tolist() == [False, True]
