"""The Shared database dock against a real PostGIS server: test the connection, publish, pull a
working copy, push with a conflict, resolve it in the conflict view (undoable), push again, history."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QCoreApplication, Qt

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
    assert dock is not None and dock.isVisible() and panel.dialog.isVisible()
    return panel


def _connect(panel, qtbot, window, dsn: str) -> None:
    """Fill the connection dialog field by field, test, OK."""
    from psycopg.conninfo import conninfo_to_dict

    d, params = panel.dialog, conninfo_to_dict(dsn)
    d.host.setText(params["host"])
    if params.get("port"):
        d.port.setValue(int(params["port"]))
    d.dbname.setText(params["dbname"])
    d.user.setText(params["user"])
    qtbot.mouseClick(d.test_button, Qt.LeftButton)
    wait_tasks(qtbot, window)
    assert "PostGIS 3" in d.answer.text()
    d.accept()
    assert conninfo_to_dict(panel.dsn.text()) == {k: v for k, v in params.items() if k != "password"}


def test_connect_publish_pull_conflict_resolve_and_history(window, qtbot, cim_db, tmp_path):  # noqa: F811
    from cim.db.workcopy import link_of
    from cim.project.feature_edits import ChangeAttribute

    panel = _panel(window)
    _connect(panel, qtbot, window, cim_db.dsn("alice"))
    wait_tasks(qtbot, window)
    assert "PostGIS 3" in panel.status.text()

    task = panel.push()                                       # Cancel at once: nothing is written
    task.dialog.canceled.emit()
    wait_tasks(qtbot, window)
    assert panel.last_result is None and link_of(window.session.project) is None
    assert panel.status.text() == QCoreApplication.translate(
        "DatabasePanel", "Push canceled: nothing was written to the database")
    with psycopg.connect(cim_db.dsn("anna")) as conn:
        assert conn.execute("SELECT count(*) FROM cim.revisions").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM cim.layers").fetchone()[0] == 0

    qtbot.mouseClick(panel.push_button, Qt.LeftButton)        # publish the sample
    wait_tasks(qtbot, window)
    assert panel.last_result.rev is not None and panel.last_result.inserted > 3000
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
    view = panel.conflict_view
    assert view.features.rowCount() == 1 and view.features.item(0, 1).text() == "PLT-000020"
    assert _row(view.fields, "far")[2:4] == ["1,1", "4,4"]          # theirs, mine (Vietnamese decimal comma)
    panel.grab().save(str(tmp_path / "database_panel.png"))

    view.features.selectRow(0)
    qtbot.mouseClick(view.buttons["theirs"], Qt.LeftButton)
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


def _row(table, field: str) -> list[str]:
    for r in range(table.rowCount()):
        if table.item(r, 0).text() == field:
            return [table.item(r, c).text() for c in range(table.columnCount())]
    raise AssertionError(f"no row {field!r}")


def _badge(window, layer_id: str) -> dict | None:
    got = window.layers_dock.model.badges.of(layer_id)
    return got[-1] if got else None


def test_two_users_conflict_on_the_map_merged_in_the_gui_then_undone_and_pushed(window, qtbot, cim_db, tmp_path):  # noqa: F811
    """Alice (in the app) and Bob (another working copy) edit the same plot: Bob moves it and renames it,
    Alice changes its FAR. Alice's push stops on the conflict; the conflict view draws base / theirs /
    mine on the map, compares the fields, and "merge" keeps Bob's geometry and name with Alice's FAR,
    as one undo step; the layer tree shows the working copy's state all along."""
    import shapely

    from cim.db.connect import connect
    from cim.db.pull import pull
    from cim.db.sync import push
    from cim.project.feature_edits import ChangeAttribute, ChangeGeometry
    from cim.project.store import open_project, save_project

    panel = _panel(window)
    panel.dialog.reject()
    panel.dsn.setText(cim_db.dsn("alice"))
    qtbot.mouseClick(panel.push_button, Qt.LeftButton)         # alice publishes the sample …
    wait_tasks(qtbot, window)
    panel.pull(str(tmp_path / "alice.cim.gpkg"))               # … and works on a copy of it
    wait_tasks(qtbot, window)
    s = window.session
    plots = s.project.layer_by_name("plots")
    qtbot.waitUntil(lambda: (_badge(window, plots.id) or {}).get("state") == "synced", timeout=20000)
    assert "r1" in _badge(window, plots.id)["tooltip"]

    with connect(cim_db.dsn("bob")) as conn:                    # bob: his own working copy, pushed first
        bob = open_project(pull(conn, tmp_path / "bob.cim.gpkg", dsn="bob"))
        rec = bob.layer_by_name("plots")
        fid = int(rec.data.index[rec.data["cim_id"] == "PLT-000020"][0])
        moved = shapely.affinity.translate(rec.data.geometry.loc[fid], 12.0, -8.0)
        bob.user = "bob"
        ChangeGeometry(bob, rec.id, fid, moved).redo()
        ChangeAttribute(bob, rec.id, fid, "name", "Lô Bob").redo()
        save_project(bob)
        assert push(conn, bob, dsn="bob").updated == 1

    fid = int(plots.data.index[plots.data["cim_id"] == "PLT-000020"][0])
    mine_geom = plots.data.geometry.loc[fid]
    s.push(ChangeAttribute(s.project, plots.id, fid, "far", 4.4))
    qtbot.waitUntil(lambda: (_badge(window, plots.id) or {}).get("state") == "diverged", timeout=20000)
    assert QCoreApplication.translate("DatabaseLayerState", "%1 local edit(s); %2 changed in the database since"
                                      ).replace("%1", "1").replace("%2", "1") in _badge(window, plots.id)["tooltip"]

    qtbot.mouseClick(panel.push_button, Qt.LeftButton)
    wait_tasks(qtbot, window)
    view = panel.conflict_view
    assert [c.cim_id for c in panel.last_result.conflicts] == ["PLT-000020"]
    assert view.features.rowCount() == 1 and view.current()[0].conflict.cim_id == "PLT-000020"
    ov = window.canvas.overlays
    assert sorted(k for k in ov.keys() if k.startswith("database.")) == ["database.base", "database.mine",
                                                                         "database.theirs"]
    assert ov.get("database.theirs").geometries[0].equals_exact(moved, 1e-6)
    assert ov.get("database.mine").geometries[0].equals_exact(mine_geom, 1e-6)
    assert ov.get("database.base").geometries[0].equals_exact(mine_geom, 1e-6)
    assert len({ov.get(k).colour.name() for k in ("database.base", "database.theirs", "database.mine")}) == 3
    assert _row(view.fields, "name")[2] == "Lô Bob" and _row(view.fields, "far")[3] == "4,4"
    assert _row(view.fields, "far")[4] == "4,4" and _row(view.fields, "name")[4] == "Lô Bob"   # merged
    assert view.fields.item(0, 0).text() in ("far", "geometry", "name")     # changed fields come first
    qtbot.waitUntil(lambda: (_badge(window, plots.id) or {}).get("state") == "conflict", timeout=20000)

    undo_before = s.project.undo_stack.index
    qtbot.mouseClick(view.buttons["merge"], Qt.LeftButton)
    data = s.project.layer(plots.id).data
    assert data.at[fid, "far"] == 4.4 and data.at[fid, "name"] == "Lô Bob"
    assert data.geometry.loc[fid].equals_exact(moved, 1e-6)
    assert view.features.rowCount() == 0
    assert s.project.undo_stack.index == undo_before + 1
    window.actions["edit.undo"].trigger()                      # one step: the conflict is back
    data = s.project.layer(plots.id).data
    assert data.at[fid, "name"] != "Lô Bob" and data.geometry.loc[fid].equals_exact(mine_geom, 1e-6)
    assert view.features.rowCount() == 1
    window.actions["edit.redo"].trigger()
    assert view.features.rowCount() == 0

    qtbot.mouseClick(panel.push_button, Qt.LeftButton)
    wait_tasks(qtbot, window)
    assert not panel.last_result.conflicts and panel.last_result.updated == 1
    with connect(cim_db.dsn("anna")) as conn:
        row = conn.execute("SELECT far, name, ST_AsBinary(geom) FROM cim_data.plots WHERE cim_id = 'PLT-000020'"
                           ).fetchone()
    assert row[:2] == (4.4, "Lô Bob") and shapely.from_wkb(bytes(row[2])).equals_exact(moved, 1e-6)
    last = f"r{panel.last_result.rev}"                          # the last push, in the tooltip once read
    qtbot.waitUntil(lambda: (b := _badge(window, plots.id) or {}).get("state") == "synced"
                    and last in b["tooltip"], timeout=20000)
