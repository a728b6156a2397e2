"""The rooms stay clean: import contracts, a cheap `import cim`, and a core that runs without Qt."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("geopandas", "pandas", "pyogrio", "rasterio", "ifcopenshell", "scipy", "matplotlib", "pyproj",
         "shapely", "fiona", "PySide6", "pyvista", "vtk")


def test_import_contracts_hold():
    from importlinter.cli import lint_imports

    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        assert lint_imports() == 0, "import-linter contracts are broken (run `lint-imports`)"
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("module", ["cim", "cim.project", "cim.commands", "cim.feedback", "cim.cli"])
def test_importing_the_core_loads_no_heavy_library(module):
    code = (f"import sys, {module}; heavy = {HEAVY!r}; "
            "print(','.join(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "", f"`import {module}` pulls in {out.stdout.strip()}"


@pytest.mark.slow
def test_core_and_layer_tests_pass_with_qt_not_importable():
    env = {**os.environ, "CIM_BLOCK_QT": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    targets = [str(p) for p in (REPO / "tests" / "cim", REPO / "tests" / "layers") if p.exists()]
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-m", "not slow and not gui and not postgis",
                           "-p", "no:cacheprovider", "-p", "no:pytest-qt", *targets], capture_output=True, text=True, env=env, cwd=REPO)
    tail = "\n".join(proc.stdout.splitlines()[-15:])
    assert proc.returncode == 0, f"core tests fail without Qt:\n{tail}\n{proc.stderr[-2000:]}"
    assert " passed" in tail


def test_qt_blocker_really_blocks():
    code = "import PySide6"
    proc = subprocess.run([sys.executable, "-c", "import tests.conftest; " + code], capture_output=True,
                          text=True, cwd=REPO, env={**os.environ, "CIM_BLOCK_QT": "1", "PYTHONPATH": str(REPO)})
    assert proc.returncode != 0 and "blocked" in proc.stderr


def test_the_tree_is_ruff_clean():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "."], capture_output=True, text=True,
                          cwd=REPO)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]
