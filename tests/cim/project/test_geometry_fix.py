"""Fix geometry: GEOS make_valid as one undoable command that keeps the layer's dimension, the
``cimstudio fix-geometry`` command, and one way of naming features in the messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer
from cim.project.feature_names import feature_list, feature_name
from cim.project.geometry_fix import FixGeometries, invalid_fids, repaired
from cim.project.store import open_project, save_project
from cim.project.validation import validate_project

REPO = Path(__file__).resolve().parents[3]
BOW = shapely.Polygon([(0, 0), (20, 20), (20, 0), (0, 20)])            # self-intersecting bow tie
SPIKE = shapely.Polygon([(0, 0), (10, 0), (10, 10), (10, 20), (10, 10), (0, 10)])
SLIVER = shapely.Polygon([(0, 0), (10, 0), (20, 0)])                    # zero area: nothing to keep
GOOD = shapely.box(100, 100, 120, 130)


def _project() -> Project:
    gdf = gpd.GeoDataFrame({"code": ["A", "B", "C", "D"]}, geometry=[GOOD, BOW, SPIKE, SLIVER], crs="EPSG:9208",
                           index=pd_index([1, 2, 3, 4]))
    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("plots", "vector", gdf, crs="EPSG:9208", object_kind="plot")))
    p.undo_stack.clear()
    return p


def pd_index(values):
    import pandas as pd

    return pd.Index(np.asarray(values, dtype=np.int64), name="fid")


def test_repair_keeps_the_dimension():
    out = repaired(np.array([BOW, SPIKE, SLIVER], dtype=object))
    assert out[0].geom_type == "MultiPolygon" and out[0].is_valid and out[0].area == pytest.approx(200)
    assert out[1].geom_type == "Polygon" and out[1].is_valid and out[1].area == pytest.approx(100)
    assert out[2] is None


def test_fix_is_one_undoable_step():
    p = _project()
    rec = p.find_layer("plots")
    assert invalid_fids(rec).tolist() == [2, 3, 4]
    before = rec.data.geometry.copy()
    cmd = FixGeometries(p, rec.id)
    assert cmd.fids.tolist() == [2, 3] and cmd.unfixed.tolist() == [4]
    p.push(cmd)
    assert invalid_fids(rec).tolist() == [4]
    assert rec.data.geometry.loc[1].equals(GOOD)
    assert p.undo_stack.undo_text() == "Fix geometry of 2 feature(s) in plots"
    p.undo_stack.undo()
    assert all(a.equals_exact(b, 0) for a, b in zip(rec.data.geometry, before))
    p.undo_stack.redo()
    assert invalid_fids(rec).tolist() == [4]
    # only the features asked for
    q = _project()
    cmd = FixGeometries(q, q.find_layer("plots").id, fids=[3])
    assert cmd.fids.tolist() == [3]


def test_features_are_named_the_same_way_everywhere():
    p = _project()
    rec = p.find_layer("plots")
    assert feature_name(rec, 2) == "Lô đất #2"
    assert feature_name(rec, np.int64(2), "en") == "Plots #2"
    assert feature_name("net_water", 7) == "Mạng cấp nước #7"
    assert feature_list(rec, range(1, 12), "vi", limit=3) == "Lô đất #1, #2, #3 … (tổng 11)"
    msgs = [f for f in validate_project(p) if f.code == "GEOM-VALID"]
    assert [f.objects for f in msgs] == [("2",), ("3",), ("4",)]
    assert msgs[0].message.vi.startswith("Lô đất #2: hình học không hợp lệ")
    assert "Lớp › Sửa hình học" in msgs[0].message.vi
    assert msgs[0].message.en.startswith("Plots #2: invalid geometry") and "Layer › Fix geometry" in msgs[0].message.en
    assert "fid" not in msgs[0].message.en and "fid" not in msgs[0].message.vi


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "cim.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=180, cwd=REPO)


def test_cli_fix_geometry(tmp_path):
    path = save_project(_project(), tmp_path / "bad.cim.gpkg")
    out = _cli("validate", path, "--json")
    assert out.returncode == 1
    assert sum(f["rule"] == "GEOM-VALID" for f in json.loads(out.stdout)["findings"]) == 3
    dry = _cli("fix-geometry", path, "--dry-run", "--lang", "vi")
    assert "chạy thử" in dry.stdout and "sửa: Lô đất #2, #3" in dry.stdout
    assert len(invalid_fids(open_project(path).find_layer("plots"))) == 3
    run = _cli("fix-geometry", path, "--layer", "plots")
    assert run.returncode == 1, run.stderr          # the sliver cannot be fixed: say so with exit 1
    assert "fixed: Plots #2, #3" in run.stdout and "cannot be fixed" in run.stdout and "Plots #4" in run.stdout
    again = open_project(path)
    assert invalid_fids(again.find_layer("plots")).tolist() == [4]
    assert any(e.get("text") == "Fix geometry of 2 feature(s) in plots" for e in again.changelog)
    bad = _cli("fix-geometry", path, "--layer", "nope")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "nope" in bad.stderr

