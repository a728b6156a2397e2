"""Screenshots of the main window and the 3D view under a real X server (Xvfb), checked not blank and
saved as docs/screenshots/main_window.png and docs/screenshots/view_3d.png when CIM_UPDATE_SCREENSHOTS=1."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]


def _free_display() -> int:
    for n in range(90, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb():
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("the Xvfb binary is not installed (Debian: apt-get install xvfb)")
    n = _free_display()
    proc = subprocess.Popen([binary, f":{n}", "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                break
            if proc.poll() is not None:
                pytest.fail(f"Xvfb exited with code {proc.returncode}")
            time.sleep(0.05)
        yield f":{n}"
    finally:
        proc.terminate()
        proc.wait(10)


def _not_blank(path: Path, min_colours: int) -> np.ndarray:
    from PIL import Image

    img = np.asarray(Image.open(path).convert("RGB"))
    assert img.shape[0] > 400 and img.shape[1] > 600
    assert img.std() > 20, f"{path.name} is nearly uniform"
    assert len(np.unique(img.reshape(-1, 3), axis=0)) > min_colours, f"{path.name} has too few colours"
    return img


def test_main_window_and_3d_view_screenshots_under_xvfb(xvfb, sample_project_file, tmp_path):
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(tmp_path))
    env.pop("PYVISTA_OFF_SCREEN", None)
    project = tmp_path / "district.cim.gpkg"
    shutil.copyfile(sample_project_file, project)
    out = tmp_path / "shots"
    run = subprocess.run([sys.executable, str(Path(__file__).with_name("screenshot_driver.py")), str(project),
                          str(out), str(tmp_path / "settings")], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "platform xcb" in run.stdout
    main = _not_blank(out / "main_window.png", 2000)
    dpr_free = main.shape[:2]
    assert dpr_free in ((768, 1366), (1536, 2732)), f"the screenshot is {dpr_free[1]}×{dpr_free[0]}, not 1366×768"
    view = _not_blank(out / "view_3d.png", 500)   # no anti-aliasing in the view: fewer blended colours
    # the map area is not the empty canvas colour: layers were drawn
    h, w = main.shape[:2]
    centre = main[h // 3: 2 * h // 3, w // 3: 2 * w // 3]
    assert (np.abs(centre.astype(int) - (244, 241, 234)).sum(axis=2) > 30).mean() > 0.5
    # the 3D view shows more than sky: terrain and buildings in the lower part
    assert view[view.shape[0] // 2:].std() > 25
    if os.environ.get("CIM_UPDATE_SCREENSHOTS") == "1":   # refresh the committed screenshots on purpose
        shots = REPO / "docs" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / "main_window.png", shots / "main_window.png")
        shutil.copyfile(out / "view_3d.png", shots / "view_3d.png")
