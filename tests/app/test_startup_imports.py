"""Start-up stays fast: building the main window with every plugin panel loads none of the heavy
libraries that only some commands need (they are imported when the command runs)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parents[2]
LATER = ("matplotlib", "ifcopenshell", "ifctester", "networkx", "weasyprint", "pyvista", "vtk", "jinja2",
         "scipy", "bcf", "cryptography", "rasterio", "pyrosm", "jsonschema")


def test_the_main_window_with_all_plugin_panels_loads_no_heavy_library():
    code = ("import sys\n"
            "from app.bootstrap import build_window, make_app\n"
            "app = make_app([], 'vi')\n"
            "win = build_window(None, empty=True)\n"
            "assert win.plugin_docks, 'no plugin panel was built'\n"
            f"print(','.join(m for m in {LATER!r} if m in sys.modules))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "", f"start-up loads {out.stdout.strip()}: import it inside the command instead"
