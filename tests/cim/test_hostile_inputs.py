"""The hostile-input corpus (tests/data/third_party/hostile-inputs): every case, run as its cmd.txt says
through the real ``cimstudio`` entry point in a subprocess, exits 2 with one clear message naming the
input, no traceback, no native crash, no hang, and the target project unchanged."""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import THIRD_PARTY

REPO = Path(__file__).resolve().parents[2]
CORPUS = THIRD_PARTY / "hostile-inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "cmd.txt").is_file()) if CORPUS.is_dir() else []
TIME_LIMIT_S = 90          # the slowest case is the 94 s IFC, stopped by the reader's time limit (~35 s)


def command_of(case: str) -> list[str]:
    line = next(raw for raw in (CORPUS / case / "cmd.txt").read_text().splitlines()
                if raw.strip() and not raw.startswith("#"))
    argv = shlex.split(line)
    assert argv[0] == "cimstudio"
    return [sys.executable, "-m", "app.launcher", *argv[1:]]


@pytest.fixture(scope="module")
def project_template(tmp_path_factory) -> Path:
    """A fresh project with one imported layer (what cmd.txt means by proj.cim.gpkg)."""
    import pyogrio

    from cim.project import Project
    from cim.project.importing import import_layer
    from cim.project.store import save_project
    from cim.testing import make_plots

    root = tmp_path_factory.mktemp("hostile-template")
    src = root / "plots.gpkg"
    pyogrio.write_dataframe(make_plots(8), src, layer="plots")
    p = Project(crs="EPSG:9208")
    import_layer(p, src, name="Lô đất")
    return save_project(p, root / "proj.cim.gpkg")


def test_the_corpus_is_there_with_every_group():
    groups = {c.split("-")[0] for c in CASES}
    assert {"bcf", "cimpkg", "cityjson", "ifc", "shp"} <= groups and len(CASES) >= 33


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_a_hostile_input_is_one_clear_error(case, tmp_path, project_template):
    work = tmp_path / case
    shutil.copytree(CORPUS / case, work)
    argv = command_of(case)
    proj = work / "proj.cim.gpkg"
    if "proj.cim.gpkg" in argv:
        shutil.copyfile(project_template, proj)
    before = hashlib.sha256(proj.read_bytes()).hexdigest() if proj.exists() else None
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CIMSTUDIO_IFC_TIMEOUT", None)          # the default time limit must stop the slow IFC
    try:
        r = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True, timeout=TIME_LIMIT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: no answer within {TIME_LIMIT_S} s (hang)")
    err = r.stderr.strip()
    assert r.returncode == 2, f"{case}: exit {r.returncode} (negative: killed by a signal)\n{err[-2000:]}"
    assert "Traceback" not in err, f"{case}:\n{err[-3000:]}"
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, f"{case}: more than one message:\n{err[-2000:]}"
    named = next(a for a in argv[3:] if a.startswith("in."))
    assert named in lines[0], f"{case}: the message does not name {named}: {lines[0]}"
    if before is not None:
        assert hashlib.sha256(proj.read_bytes()).hexdigest() == before, f"{case}: the project changed"
