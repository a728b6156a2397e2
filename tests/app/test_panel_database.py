"""The Shared database dock against a real PostGIS server: test the connection, publish, pull a
working copy, push with a conflict, resolve it in the conflict view (undoable), push again, history."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt

from tests.app.conftest import wait_tasks
from tests.cim.db.conftest import cim_db, pg_server  # noqa: F401  (the real server fixtures)

pytestmark = [pytest.mark.gui, pytest.mark.postgis]
REPO = Path(__file__).resolve().parents[2]


def _panel(window):
    from PySide6.QtWidgets import QDockWidget, QWidget

    if window.findChild(QWidget, "database_panel") is None:   # plugin not in the installed entry points yet
        from app.plugin_panels import add_plugin_panels
        from plugins.registry import PluginRegistry

        add_plugin_panels(window, PluginRegistry.discover(
            extra_paths=[REPO / "plugins" / "builtin" / "database"], entry_points=False))
    action = window.findChild(type(window.actions["app.quit"]), "database.connect")
    assert action is not None and action in window.menus["file"].actions()
    action.trigger()                                      # File › Database connection…
    panel = window.findChild(QWidget, "database_panel")
    dock = window.findChild(QDockWidget, "dock_plugin_database.database")
    assert dock is not None and dock.isVisible()
    return panel


def test_connect_publish_pull_conflict_resolve_and_history(window, qtbot, cim_db, tmp_path):  # noqa: F811
    from cim.db.workcopy import link_of
    from cim.project.feature_edits import ChangeAttribute

    panel = _panel(window)
    panel.dsn.setText(cim_db.dsn("alice"))
    qtbot.mouseClick(panel.test_button, Qt.LeftButton)
    wait_tasks(qtbot, window)
    assert "PostGIS 3" in panel.status.text()

    qtbot.mouseClick(panel.push_button, Qt.LeftButton)        # publish the sample
    wait_tasks(qtbot, window)
    assert panel.last_result.rev == 1 and panel.last_result.inserted > 3000
    qtbot.waitUntil(lambda: panel.history.rowCount() == 1, timeout=20000)

    panel.pull(str(tmp_path / "wc.cim.gpkg"))
    wait_tasks(qtbot, window)
    s = window.session
    assert link_of(s.project) is not None and s.project.path == (tmp_path / "wc.cim.gpkg").resolve()

    rec = s.project.layer_by_name("plots")
    fid = int(rec.data.index[rec.data["cim_id"] == "PLT-000020"][0])
    s.push(ChangeAttribute(s.project, rec.id, fid, "far", 4.4))
    with psycopg.connect(cim_db.dsn("bob")) as conn:          # bob changed it meanwhile
        conn.execute("UPDATE cim_data.plots SET far = 1.1 WHERE cim_id = 'PLT-000020'")
    qtbot.mouseClick(panel.push_button, Qt.LeftButton)
    wait_tasks(qtbot, window)
    assert len(panel.last_result.conflicts) == 1 and panel.last_result.rev is None
    assert panel.conflicts.rowCount() == 1
    assert [panel.conflicts.item(0, c).text() for c in range(6)][1:] == ["PLT-000020", "far",
                                                                         panel.conflicts.item(0, 3).text(), "1.1", "4.4"]
    panel.grab().save(str(tmp_path / "database_panel.png"))

    panel.conflicts.selectRow(0)
    qtbot.mouseClick(panel.resolve_buttons["theirs"], Qt.LeftButton)
    assert s.project.layer(rec.id).data.at[fid, "far"] == 1.1
    window.actions["edit.undo"].trigger()                     # the resolution is one undo step
    assert s.project.layer(rec.id).data.at[fid, "far"] == 4.4
    window.actions["edit.redo"].trigger()
    s.push(ChangeAttribute(s.project, rec.id, fid, "height_max_m", 45.0))
    qtbot.mouseClick(panel.push_button, Qt.LeftButton)
    wait_tasks(qtbot, window)
    assert not panel.last_result.conflicts and panel.last_result.updated == 1
    with psycopg.connect(cim_db.dsn("anna")) as conn:
        assert conn.execute("SELECT far, height_max_m FROM cim_data.plots WHERE cim_id = 'PLT-000020'"
                            ).fetchone() == (1.1, 45.0)
    qtbot.waitUntil(lambda: panel.history.rowCount() == 2, timeout=20000)
    assert panel.history.item(0, 2).text() in (f"{s.project.user} (alice)", "alice")
