"""Screenshots of the Shared database dock under a real X server: a throwaway PostGIS cluster, Alice
publishes the sample and pulls a working copy in the app, Bob pushes edits to the same plots from his
own copy, Alice's push stops on the conflicts (db_conflicts.png), she merges them and pushes
(db_panel.png: history, padlocks in the layer tree).

Usage: xvfb-run -s "-screen 0 1366x768x24" python tests/app/db_screenshot_driver.py OUT_DIR [LANG]"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
USERS = {"alice": "consultant", "bob": "consultant"}
PASSWORD = "cim-shot-pw"


def main(out: str, lang: str = "vi") -> int:
    import psycopg
    from psycopg import sql
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QDockWidget

    from cim.db.cluster import Cluster

    work = Path(tempfile.mkdtemp(prefix="cim-dbshot-"))
    pgpass = work / "pgpass"
    pgpass.write_text("".join(f"*:*:*:{u}:{PASSWORD}\n" for u in USERS))
    pgpass.chmod(0o600)
    os.environ["PGPASSFILE"] = str(pgpass)
    cluster = Cluster().start()
    try:
        admin = cluster.create_database("tinh_phu_tho")
        with psycopg.connect(admin, autocommit=True) as conn:
            for u in USERS:
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(u), sql.Literal(PASSWORD)))
        from cim.db.connect import connect
        from cim.db.roles import add_member
        from cim.db.schema import init_database

        with connect(admin) as conn:
            init_database(conn)
            for u, role in USERS.items():
                add_member(conn, u, role)
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        params = conninfo_to_dict(admin)

        def dsn(user):
            return make_conninfo(**dict(params, user=user))

        QSettings.setDefaultFormat(QSettings.IniFormat)
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "settings"))
        from app.bootstrap import build_window, make_app

        app = make_app([], lang)
        app.setOrganizationName("CIM Studio Screenshots")
        project = work / "district.cim.gpkg"
        shutil.copyfile(REPO / "sample_data" / "district.cim.gpkg", project)
        win = build_window(project)
        win.never_ask = True
        win.quiet_errors = True
        win.resize(1366, 768)
        win.show()

        def pump(cond, timeout=90.0):
            t = time.perf_counter()
            while time.perf_counter() - t < timeout:
                app.processEvents()
                if cond():
                    return True
                time.sleep(0.02)
            return False

        def idle():
            pump(lambda: not win.files.tasks)
            pump(lambda: win.canvas.is_idle() and win.canvas.rendered_image() is not None)

        idle()
        win.session.project.user = "alice"
        dock = win.findChild(QDockWidget, "dock_plugin_database.database")
        dock.show()
        dock.raise_()
        win.resizeDocks([dock], [560], Qt.Horizontal)
        win.table_dock.hide()
        win.log_dock.hide()
        from PySide6.QtWidgets import QWidget

        panel = win.findChild(QWidget, "database_panel")
        panel.dsn.setText(dsn("alice"))
        panel.test_connection()
        idle()
        panel.push()                               # publish the sample
        idle()
        panel.pull(str(work / "alice.cim.gpkg"))
        idle()
        win.session.project.user = "alice"

        import shapely

        from cim.db.pull import pull
        from cim.db.sync import push
        from cim.project.feature_edits import ChangeAttribute, ChangeGeometry
        from cim.project.store import open_project, save_project

        with connect(dsn("bob"), app_user="bob") as conn:
            bob = open_project(pull(conn, work / "bob.cim.gpkg", dsn="bob"))
            bob.user = "bob"
            rec = bob.layer_by_name("plots")
            for cid, dx in (("PLT-000020", 14.0), ("PLT-000021", 0.0)):
                fid = int(rec.data.index[rec.data["cim_id"] == cid][0])
                if dx:
                    ChangeGeometry(bob, rec.id, fid, shapely.affinity.translate(rec.data.geometry.loc[fid], dx, -9.0)).redo()
                ChangeAttribute(bob, rec.id, fid, "name", f"Lô {cid[-2:]} (Bob)").redo()
            save_project(bob)
            push(conn, bob, dsn="bob", message="Bob: dời ranh lô 20, đổi tên lô 20–21")
        s = win.session
        plots = s.project.layer_by_name("plots")
        for cid, field, value in (("PLT-000020", "far", 4.4), ("PLT-000021", "name", "Lô 21 (Alice)")):
            fid = int(plots.data.index[plots.data["cim_id"] == cid][0])
            s.push(ChangeAttribute(s.project, plots.id, fid, field, value))
        panel.push()
        idle()
        pump(lambda: False, 2.5)                   # the layer state refresh (debounced) and the zoom
        idle()
        panel.conflict_view.features.selectRow(0)
        idle()
        pump(lambda: False, 0.5)
        Path(out).mkdir(parents=True, exist_ok=True)
        win.grab().save(str(Path(out) / "db_conflicts.png"))
        panel.conflict_view.features.selectRow(0)
        panel.conflict_view.resolve("merge")
        panel.conflict_view.features.selectRow(0)
        panel.conflict_view.resolve("mine")
        idle()
        panel.push()
        idle()
        pump(lambda: False, 3.0)
        win.canvas.overlays.clear_group("database")
        idle()
        view = win.layers_dock.view
        index = win.layers_dock.model.index_of_layer(plots.id)
        view.setCurrentIndex(index)
        pump(lambda: False, 0.5)
        from PySide6.QtWidgets import QToolTip

        rect = view.visualRect(index)               # the padlock's tooltip: the working copy's state
        QToolTip.showText(view.viewport().mapToGlobal(rect.center()), index.data(Qt.ToolTipRole), view)
        pump(lambda: False, 1.0)
        shot = app.primaryScreen().grabWindow(0)
        shot.copy(win.frameGeometry()).save(str(Path(out) / "db_panel.png"))
        print("badge", win.layers_dock.model.badges.of(plots.id), flush=True)
        win.close()
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main(*sys.argv[1:]))
