"""The user guide: in Vietnamese and English, every task with its screenshot, shown from Help › User guide
out of the package's own files, and the screenshots retaken under Xvfb by tests/app/guide_driver.py."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.app.conftest import REPO

GUIDE = REPO / "resources" / "guide"
TASKS = ("open", "import", "metadata", "checks", "tod", "package", "print", "sheet")


def _images(md: Path) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_guide_shows_every_main_task_with_its_own_language_screenshots(lang):
    md = GUIDE / f"{lang}.md"
    refs = _images(md)
    assert [Path(r).stem for r in refs] == list(TASKS)
    from PIL import Image

    for ref in refs:
        assert ref.startswith(f"img/{lang}/"), ref
        with Image.open(md.parent / ref) as im:
            assert im.width >= 500 and im.height >= 190, ref
    text = md.read_text(encoding="utf-8")
    for cmd in ("cimstudio meta", "cimstudio print", "cimstudio check", "cimstudio package", "cimstudio tod"):
        assert cmd in text


def test_the_vietnamese_guide_names_the_menus_as_the_interface_does():
    text = (GUIDE / "vi.md").read_text(encoding="utf-8")
    for words in ("Trợ giúp › Hướng dẫn sử dụng", "Tệp › Mở dự án…", "Dự án › Thông tin quy hoạch…",
                  "Tệp › In bản vẽ…", "Tệp › Xuất hồ sơ thẩm định…", "Chạy kiểm tra", "Chạy nghiên cứu TOD"):
        assert words in text, words


def test_the_guide_is_packaged_with_its_screenshots():
    import tomllib

    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["resources"]
    assert "guide/*.md" in patterns and "guide/img/*/*.png" in patterns
    found = {p.relative_to(REPO / "resources").as_posix() for pat in patterns for p in (REPO / "resources").glob(pat)}
    for lang in ("vi", "en"):
        assert f"guide/{lang}.md" in found
        assert {f"guide/img/{lang}/{t}.png" for t in TASKS} <= found


@pytest.mark.gui
@pytest.mark.parametrize("lang, heading", [("vi", "Hướng dẫn sử dụng CIM Studio"), ("en", "CIM Studio user guide")])
def test_help_user_guide_opens_the_local_guide_with_its_pictures(window, qtbot, lang, heading):
    from PySide6.QtGui import QTextDocument

    from app.i18n import install_language

    if lang == "en":
        from PySide6.QtWidgets import QApplication

        install_language(QApplication.instance(), "en")
    act = window.actions["help.guide"]
    assert act.shortcut().toString() == "F1"
    act.trigger()
    viewer = window._guide_viewer
    qtbot.addWidget(viewer)
    assert viewer.isVisible() and viewer.path == GUIDE / f"{lang}.md"
    doc = viewer.browser.document()
    assert heading in doc.toPlainText()
    for ref in _images(viewer.path):
        img = doc.resource(QTextDocument.ImageResource, viewer.browser.source().resolved(ref))
        assert img is not None and not img.isNull(), ref
    if lang == "en":
        from PySide6.QtWidgets import QApplication

        install_language(QApplication.instance(), "vi")


@pytest.mark.xvfb
@pytest.mark.slow
def test_the_guide_screenshots_are_taken_under_xvfb_and_not_blank(tmp_path):
    from tests.app.test_screenshots import _free_display

    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("the Xvfb binary is not installed (Debian: apt-get install xvfb)")
    n = _free_display()
    xvfb = subprocess.Popen([binary, f":{n}", "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        env = dict(os.environ, DISPLAY=f":{n}", QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(tmp_path),
                   PYTHONPATH=str(REPO))
        run = subprocess.run([sys.executable, str(REPO / "tests" / "app" / "guide_driver.py"), "vi",
                              str(tmp_path / "shots")], env=env, capture_output=True, text=True, timeout=600)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "platform xcb" in run.stdout
    from PIL import Image

    for task in TASKS:
        img = np.asarray(Image.open(tmp_path / "shots" / f"{task}.png").convert("RGB"))
        assert img.std() > 20 and len(np.unique(img.reshape(-1, 3), axis=0)) > 150, task
    window = np.asarray(Image.open(tmp_path / "shots" / "open.png"))
    assert window.shape[:2] == (768, 1366)
    if os.environ.get("CIM_UPDATE_SCREENSHOTS") == "1":
        for task in TASKS:
            shutil.copyfile(tmp_path / "shots" / f"{task}.png", GUIDE / "img" / "vi" / f"{task}.png")
