"""The progress report panel: two communes' plans and the last quarter's snapshot give the figures in the
table and the four files."""

import os
import shutil

import pytest

from tests.app.conftest import REPO, settle, wait_tasks
from tests.cim.progress.conftest import plans  # noqa: F401  (session fixture)

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_the_panel_builds_and_writes_the_quarterly_report(window, qtbot, plans, tmp_path):  # noqa: F811
    from app.plugin_panels import add_plugin_panels
    from cim.progress.collect import build_report
    from cim.progress.outputs import write_outputs
    from plugins.registry import PluginRegistry

    write_outputs(build_report([plans["q4"], plans["other"]], "2025-Q4"), json_path=tmp_path / "q4.json")
    registry = PluginRegistry.discover(extra_paths=[REPO / "plugins" / "builtin" / "appraisal"], entry_points=False)
    dock = {d.objectName(): d for d in add_plugin_panels(window, registry)}["dock_plugin_appraisal.progress"]
    dock.show()
    dock.raise_()
    panel = dock.widget()
    panel.add_plans([str(plans["q1"]), str(plans["other"]), str(plans["q1"])])
    assert panel.paths() == [str(plans["q1"]), str(plans["other"])]
    panel.period.setText("2026-Q1")
    panel.previous.setText(str(tmp_path / "q4.json"))
    panel.build()
    wait_tasks(qtbot, window, 180000)
    assert panel.table.rowCount() == 2 and panel.table.item(1, 0).text() == "xã Hy Cương"
    assert "Quý I/2026" in panel.summary.text() and "2026-03-20" in panel.summary.text()
    assert panel.table.item(0, 3).text().startswith("+")
    window.resize(1500, 950)
    dock.setMinimumWidth(680)
    settle(qtbot, 300)
    shot = tmp_path / "panel_progress.png"
    window.grab().save(str(shot))
    if os.environ.get("CIM_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, REPO / "docs" / "screenshots" / "panel_progress.png")
    (tmp_path / "out").mkdir()
    files = panel.write(tmp_path / "out")
    assert sorted(f.suffix for f in files) == [".html", ".json", ".pdf", ".xlsx"]
    panel.period.setText("quý một")
    assert panel.build() is None and "not understood" in panel.summary.text()
    panel.period.setText("2026-Q1")
    panel.plans.clear()
    assert panel.build() is None and "ít nhất" in panel.summary.text()
