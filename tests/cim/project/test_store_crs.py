"""A project's CRS survives save → open as it is: a project without a CRS reopens without one, so the
checks that look for a missing CRS (META-01, CRS-01) can fire."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.launcher import main  # the cimstudio CLI: rule packs come from plugins
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer
from cim.project.store import open_project, save_project
from cim.testing import make_plots


def _project(crs):
    p = Project(crs=crs)
    plots = make_plots(4).set_crs(crs or None, allow_override=True)
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", plots, crs or None, object_kind="plot")))
    return p


@pytest.mark.parametrize("crs", [None, ""])
def test_a_project_saved_without_crs_reopens_without_crs(tmp_path, crs):
    path = save_project(_project(crs), tmp_path / "khong_crs.cim.gpkg")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM cim_project WHERE key = 'crs'").fetchone()[0] in (None, "")
    assert open_project(path).crs is None


def test_a_project_crs_is_kept_as_saved(tmp_path):
    path = save_project(_project("EPSG:9210"), tmp_path / "a.cim.gpkg")
    assert open_project(path).crs == "EPSG:9210"


def test_the_no_crs_checks_fire_on_a_reopened_project_without_crs(tmp_path):
    path = save_project(_project(None), tmp_path / "khong_crs.cim.gpkg")
    out = tmp_path / "o.json"
    assert main(["-q", "check", str(path), "--rules", "META-01,CRS-01", "--no-store", "--json", str(out)]) == 1
    text = json.dumps(json.loads(out.read_text(encoding="utf-8")), ensure_ascii=False)
    assert "The project declares no CRS." in text
    fixed = save_project(_project("EPSG:9208"), tmp_path / "co_crs.cim.gpkg")
    out2 = tmp_path / "o2.json"
    main(["-q", "check", str(fixed), "--rules", "META-01,CRS-01", "--no-store", "--json", str(out2)])
    assert "The project declares no CRS." not in out2.read_text(encoding="utf-8")
