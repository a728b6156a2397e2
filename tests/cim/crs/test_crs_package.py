"""`import cim.crs` stays cheap: no pyproj, shapely or numpy until a function needs them."""

from __future__ import annotations

import subprocess
import sys

import cim.crs

HEAVY = ("pyproj", "shapely", "numpy")


def test_importing_cim_crs_loads_neither_pyproj_nor_shapely_nor_numpy(repo_root):
    code = f"import sys, cim.crs; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo_root)
    assert out.stdout.strip() == ""


def test_importtime_of_cim_crs_lists_no_pyproj_module(repo_root):
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import cim.crs"],
                         capture_output=True, text=True, check=True, cwd=repo_root)
    modules = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line]
    assert "cim.crs" in modules
    assert not [m for m in modules if m.split(".")[0] in HEAVY]


def test_catalogue_lookups_work_without_importing_pyproj(repo_root):
    code = ("import sys, cim.crs as c; z = c.province_zones('phu tho'); c.is_vn2000('EPSG:9208'); "
            "print(z.default, 'pyproj' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo_root)
    assert out.stdout.split() == ["9208", "False"]


def test_every_public_name_resolves():
    assert all(hasattr(cim.crs, name) for name in cim.crs.__all__)
