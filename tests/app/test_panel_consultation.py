"""The consultation panel: export the map of the open sample, import a citizens' file (undoable), the
summary by topic and area; a file of another plan is refused with a sentence."""

import json

import pytest

from tests.app.conftest import REPO

pytestmark = pytest.mark.gui


def _file(tmp_path, plan_id, n=2):
    p = tmp_path / f"c_{plan_id}.json"
    p.write_text(json.dumps({"format": "cimstudio-consultation-comments", "version": 1, "plan_id": plan_id,
                             "comments": [{"id": f"k{i}", "topic": "green", "text": "Giữ cây xanh", "lon": 105.38 + i / 1000,
                                           "lat": 21.33, "consent": True} for i in range(n)]}), encoding="utf-8")
    return p


def test_the_panel_exports_imports_and_summarises(window, tmp_path):
    from app.plugin_panels import add_plugin_panels
    from plugins.registry import PluginRegistry

    registry = PluginRegistry.discover(extra_paths=[REPO / "plugins" / "builtin" / "appraisal"], entry_points=False)
    panel = {d.objectName(): d for d in add_plugin_panels(window, registry)}["dock_plugin_appraisal.consultation"].widget()
    assert panel.export(tmp_path / "m.html").stat().st_size > 100_000
    assert panel.import_files([_file(tmp_path, "QH-KHAC")]) == 0 and "QH-KHAC" in panel.status.text()
    assert panel.import_files([_file(tmp_path, "QH-PT-2026-0001")]) == 2
    assert panel.table.rowCount() >= 2 and panel.table.item(0, 1).text() == "2"
    assert "Cây xanh" in panel.table.item(0, 0).text()
    window.session.project.undo_stack.undo()
    panel.refresh()
    assert panel.table.rowCount() == 0
