"""GUI fixtures: an isolated QSettings, the sample district project copied into tmp, the main window."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample_project_file(tmp_path_factory) -> Path:
    """The committed sample project, or one built once per session from the sample sources."""
    committed = REPO / "sample_data" / "district.cim.gpkg"
    if committed.exists():
        return committed
    from app.sample import build_sample_project

    return build_sample_project(tmp_path_factory.mktemp("sample") / "district.cim.gpkg")


@pytest.fixture
def sample_copy(sample_project_file, tmp_path) -> Path:
    dst = tmp_path / "district.cim.gpkg"
    shutil.copyfile(sample_project_file, dst)
    return dst


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    qapp.setOrganizationName("CIM Studio Tests")
    yield


@pytest.fixture
def window(qtbot, sample_copy):
    import pyvista

    pyvista.OFF_SCREEN = True
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build_window
    from app.i18n import install_language

    install_language(QApplication.instance(), "vi")
    win = build_window(sample_copy)
    win.never_ask = True
    win.quiet_errors = True
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    wait_rendered(qtbot, win)
    yield win
    from app.workers import pool

    pool().waitForDone(10000)
    win.close()


class Waits:
    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def rendered(self, win, timeout=30000):
        wait_rendered(self.qtbot, win, timeout)

    def tasks(self, win, timeout=60000):
        wait_tasks(self.qtbot, win, timeout)


@pytest.fixture
def waits(qtbot) -> Waits:
    return Waits(qtbot)


def wait_rendered(qtbot, win, timeout=30000):
    qtbot.waitUntil(lambda: win.canvas.is_idle() and win.canvas.rendered_image() is not None, timeout=timeout)


def wait_tasks(qtbot, win, timeout=60000):
    qtbot.waitUntil(lambda: not win.files.tasks, timeout=timeout)


def settle(qtbot, ms=50):
    t = time.perf_counter()
    while time.perf_counter() - t < ms / 1000:
        qtbot.wait(10)
