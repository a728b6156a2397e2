"""The plan revision panel: the open sample compared with its approved earlier version — changes coloured
on the map (overlays), listed in the table, added as an undoable layer, written as a report."""

import os
import shutil

import pytest

from tests.app.conftest import REPO, settle, wait_tasks
from tests.cim.revision.conftest import earlier_path  # noqa: F401  (session fixture)

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture
def panel(window):
    from app.plugin_panels import add_plugin_panels
    from plugins.registry import PluginRegistry

    registry = PluginRegistry.discover(extra_paths=[REPO / "plugins" / "builtin" / "appraisal"], entry_points=False)
    docks = {d.objectName(): d for d in add_plugin_panels(window, registry)}
    dock = docks["dock_plugin_appraisal.revision"]
    dock.show()
    dock.raise_()
    return dock.widget()


def test_the_panel_compares_colours_lists_and_reports_the_changes(window, panel, qtbot, waits, earlier_path, tmp_path):  # noqa: F811
    panel.compare(earlier_path)
    wait_tasks(qtbot, window, 180000)
    assert panel.diff is not None and panel.table.rowCount() == 11
    assert "6" in panel.summary.text() and "PLN-02" not in panel.checks.text()
    ov = window.canvas.overlays
    assert set(ov.keys_of("revision")) == {"revision.added", "revision.removed", "revision.changed"}
    assert len(ov.get("revision.changed").geometries) == 4
    rows = [panel.table.item(r, 1).text() for r in range(panel.table.rowCount())]
    panel.table.selectRow(rows.index("PLT-000005"))
    settle(qtbot, 200)
    waits.rendered(window)
    window.resize(1500, 950)
    settle(qtbot, 300)
    shot = tmp_path / "panel_revision.png"
    window.grab().save(str(shot))
    if os.environ.get("CIM_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, REPO / "docs" / "screenshots" / "panel_revision.png")
    n = len(window.session.project.layers)
    rec = panel.add_layer()
    assert len(window.session.project.layers) == n + 1 and len(rec.data) == 11
    window.session.project.undo_stack.undo()
    assert len(window.session.project.layers) == n
    html, pdf = panel.write_report(tmp_path / "rev")
    assert "PLT-OLD-0011" in html.read_text(encoding="utf-8") and pdf.stat().st_size > 10000
    panel.clear()
    assert ov.keys_of("revision") == []
