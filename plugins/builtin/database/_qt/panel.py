"""The Shared database dock (File › Database connection…): connect and test, pull a working copy,
push edits with progress and Cancel, resolve conflicts (theirs / mine / base) as one undoable step,
and read the history of revisions. All work runs in workers through ``window.run_task``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plugins import gui
from plugins.gui import tr as _t


def create_panel(window):
    panel = DatabasePanel(window)
    panel.action = QAction(_t("DatabasePanel", "&Database connection…"), window)
    panel.action.setObjectName("database.connect")
    panel.action.setToolTip(_t("DatabasePanel", "Connect to the shared PostGIS database of the province"))
    panel.action.triggered.connect(panel.show_connection)
    menu = window.menus["file"]
    first = next((a for a in menu.actions() if a.isSeparator()), None)
    if first is not None:
        menu.insertAction(first, panel.action)
    else:
        menu.addAction(panel.action)
    return panel


class DatabasePanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("database_panel")
        self.window, self.session = window, window.session
        self.views: list = []          # ConflictView of the last push / check
        self.last_result = None
        self._build()
        from plugins.builtin.database._qt.layer_state import LayerState

        self.layer_state = LayerState(self)
        self.session.project_replaced.connect(self._project_changed)
        self._project_changed()

    # layout ---------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        box = QGroupBox(_t("DatabasePanel", "Connection"))
        row = QHBoxLayout(box)
        self.dsn = QLineEdit(QSettings().value("database/dsn", "", str))
        self.dsn.setObjectName("database_dsn")
        self.dsn.setPlaceholderText(_t("DatabasePanel", "postgresql://user@host/dbname or a service name"))
        self.dsn.setToolTip(_t("DatabasePanel", "The password is read from ~/.pgpass; it is never saved in the project"))
        self.test_button = QPushButton(_t("DatabasePanel", "Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.dsn, 1)
        row.addWidget(self.test_button)
        lay.addWidget(box)
        self.status = QLabel(_t("DatabasePanel", "Not connected"))
        self.status.setObjectName("database_status")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        buttons = QHBoxLayout()
        self.pull_button = QPushButton(_t("DatabasePanel", "Pull working copy…"))
        self.pull_button.clicked.connect(self.pull)
        self.push_button = QPushButton(_t("DatabasePanel", "Push edits"))
        self.push_button.clicked.connect(self.push)
        buttons.addWidget(self.pull_button)
        buttons.addWidget(self.push_button)
        lay.addLayout(buttons)

        from plugins.builtin.database._qt.conflict_view import ConflictView

        self.conflict_view = ConflictView(self.window, self)
        self.conflict_view.resolved.connect(self._resolved)
        lay.addWidget(self.conflict_view, 3)

        hist = QHBoxLayout()
        hist.addWidget(QLabel(_t("DatabasePanel", "History")), 1)
        self.refresh_button = QPushButton(_t("DatabasePanel", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh_history)
        hist.addWidget(self.refresh_button)
        lay.addLayout(hist)
        self.history = _table(["Revision", "Time", "User", "Added", "Changed", "Deleted", "Message"], "DatabasePanel")
        self.history.setObjectName("database_history")
        lay.addWidget(self.history, 2)
        self._update_buttons()

    def _project_changed(self) -> None:
        from cim.db.workcopy import link_of

        link = link_of(self.session.project)
        if link is not None and not self.dsn.text().strip():
            self.dsn.setText(link.dsn)
        self.views = []
        self.conflict_view.clear()
        self._update_buttons()
        if hasattr(self, "layer_state"):
            self.layer_state.refresh()

    def _update_buttons(self) -> None:
        from cim.db.workcopy import link_of

        is_copy = link_of(self.session.project) is not None
        self.push_button.setEnabled(self.session.editable)
        self.push_button.setToolTip(_t("DatabasePanel", "Push the edits of this working copy") if is_copy else
                                    _t("DatabasePanel", "Publish this project to the database"))
        self.conflict_view.refresh()

    def show_connection(self) -> None:
        """File › Database connection…: the dock, and the connection dialog over it."""
        from plugins.builtin.database._qt.connection_dialog import ConnectionDialog

        gui.raise_dock(self)
        self.dialog = ConnectionDialog(self.window, self.dsn.text())
        self.dialog.accepted.connect(lambda: (self.dsn.setText(self.dialog.dsn()), self.test_connection()))
        self.dialog.open()

    def target(self) -> str:
        text = self.dsn.text().strip()
        QSettings().setValue("database/dsn", text)
        return text

    # actions ----------------------------------------------------------------
    def test_connection(self) -> None:
        target = self.target()

        from plugins.builtin.database._qt.connection_dialog import connected_text, probe

        def work(fb):
            return probe(target)

        def done(res):
            self.status.setText(connected_text(res))
            self.refresh_history()

        self.window.run_task(_t("DatabasePanel", "Connecting to the database…"), work, done,
                             on_failed=lambda exc: self.status.setText(self.window.readable_error(exc)))

    def pull(self, path: str | None = None) -> None:
        target = self.target()
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, _t("DatabasePanel", "Pull working copy"), "",
                                                  _t("DatabasePanel", "CIM projects (*.cim.gpkg)"))
            if not path:
                return
        if not self.window.files.maybe_save():
            return

        def work(fb):
            from cim.db.connect import connect, public_dsn
            from cim.db.pull import pull
            from cim.project.store import open_project

            with connect(target) as conn:
                out = pull(conn, Path(path), dsn=public_dsn(target), feedback=fb)
            return open_project(out)

        def done(project):
            self.session.set_project(project)
            self.status.setText(_t("DatabasePanel", "Working copy %1 pulled").replace("%1", str(project.path)))

        return self.window.run_task(_t("DatabasePanel", "Pulling from the database…"), work, done)

    def push(self) -> None:
        from cim.project.store import save_project

        project = self.session.project
        if project.path is None:
            self.session.message.emit("warning", _t("DatabasePanel", "Save the project before pushing it"))
            return
        if project.is_modified():
            save_project(project)
        target = self.target()

        def work(fb):
            from cim.db.conflicts import describe
            from cim.db.connect import connect, public_dsn
            from cim.db.sync import push

            with connect(target, app_user=project.user, application="cimstudio-push") as conn:
                res = push(conn, project, dsn=public_dsn(target), message="", feedback=fb)
                views = describe(conn, project, res.conflicts) if res.conflicts else []
            return res, views

        def done(out):
            res, views = out
            self.last_result = res
            self.show_conflicts(views)
            if res.conflicts:
                self.status.setText(_t("DatabasePanel", "%1 conflict(s): nothing was pushed; resolve them below")
                                    .replace("%1", str(len(res.conflicts))))
                return
            save_project(project)
            if res.rev is None:
                self.status.setText(_t("DatabasePanel", "Nothing to push"))
            else:
                self.status.setText(_t("DatabasePanel", "Revision %1: %2 added, %3 changed, %4 deleted")
                                    .replace("%1", str(res.rev)).replace("%2", str(res.inserted))
                                    .replace("%3", str(res.updated)).replace("%4", str(res.deleted)))
            if res.table_conflicts:
                held = ", ".join(f"{c.table}[{c.key}]" for c in res.table_conflicts)
                note = _t("DatabasePanel", "Not overwritten (changed in the database since your pull): %1")
                self.status.setText(self.status.text() + "\n" + note.replace("%1", held))
            self.refresh_history()
            self.refresh_state()

        def failed(exc):
            from cim.errors import Canceled

            if isinstance(exc, Canceled):
                self.status.setText(_t("DatabasePanel", "Push canceled: nothing was written to the database"))

        return self.window.run_task(_t("DatabasePanel", "Pushing to the database…"), work, done, on_failed=failed)

    def show_conflicts(self, views) -> None:
        self.views = list(views)
        self.conflict_view.set_views(self.views)
        self.refresh_state()

    def refresh_state(self) -> None:
        """The layer tree's padlocks: state of the working copy against the database."""
        self.layer_state.refresh()

    def _resolved(self, n: int) -> None:
        self.status.setText(_t("DatabasePanel", "%1 conflict(s) resolved; push again").replace("%1", str(n)))

    def refresh_history(self) -> None:
        target = self.target()
        if not target:
            return

        def work(fb):
            from cim.db.connect import connect
            from cim.db.history import log

            with connect(target) as conn:
                return log(conn, limit=200)

        def done(rows):
            _fill(self.history, [[f"r{r['rev']}", f"{r['at']:%d/%m/%Y %H:%M}", _who(r),
                                  r["inserted"], r["updated"], r["deleted"], r["message"] or ""] for r in rows])

        self.window.run_task(_t("DatabasePanel", "Reading the history…"), work, done, show_errors=False)


def _who(row: dict) -> str:
    app, db = row.get("app_user"), row.get("db_user")
    return f"{app} ({db})" if app and db and app != db else (app or db or "")


def _header(text: str) -> str:
    return {"Revision": _t("DatabasePanel", "Revision"), "Time": _t("DatabasePanel", "Time"),
            "User": _t("DatabasePanel", "User"), "Added": _t("DatabasePanel", "Added"),
            "Changed": _t("DatabasePanel", "Changed"), "Deleted": _t("DatabasePanel", "Deleted"),
            "Message": _t("DatabasePanel", "Message")}[text]


def _table(headers: list[str], _ctx: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels([_header(h) for h in headers])
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    return t


def _fill(table: QTableWidget, rows: list[list]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
