"""File › Database connection…: host, port, database and user (or a service name from
pg_service.conf), a Test button that connects in a worker and says which PostgreSQL and PostGIS answered
and whether the CIM schema is there. The password is never asked for nor stored: libpq reads it from
~/.pgpass (or PGPASSWORD)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from plugins.gui import tr as _t


def split_dsn(dsn: str) -> dict:
    from psycopg.conninfo import conninfo_to_dict

    try:
        return conninfo_to_dict(dsn) if dsn.strip() else {}
    except Exception:     # not a connection string: maybe a bare service name
        return {"service": dsn.strip()}


class ConnectionDialog(QDialog):
    def __init__(self, window, dsn: str = "", parent=None) -> None:
        super().__init__(parent or window)
        self.setObjectName("database_connection_dialog")
        self.setWindowTitle(_t("DatabaseConnection", "Database connection"))
        self.window = window
        self.result_text = ""
        p = split_dsn(dsn)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.service = QLineEdit(p.get("service", ""))
        self.service.setPlaceholderText(_t("DatabaseConnection", "optional: a name from pg_service.conf"))
        self.host = QLineEdit(p.get("host", ""))
        self.host.setPlaceholderText("db.example.gov.vn")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(p.get("port") or 5432))
        self.dbname = QLineEdit(p.get("dbname", ""))
        self.user = QLineEdit(p.get("user", ""))
        form.addRow(_t("DatabaseConnection", "Service"), self.service)
        form.addRow(_t("DatabaseConnection", "Server"), self.host)
        form.addRow(_t("DatabaseConnection", "Port"), self.port)
        form.addRow(_t("DatabaseConnection", "Database"), self.dbname)
        form.addRow(_t("DatabaseConnection", "User"), self.user)
        lay.addLayout(form)
        note = QLabel(_t("DatabaseConnection", "The password is read from ~/.pgpass; it is never saved in the project."))
        note.setWordWrap(True)
        lay.addWidget(note)
        self.test_button = QPushButton(_t("DatabaseConnection", "Test connection"))
        self.test_button.setObjectName("database_connection_test")
        self.test_button.clicked.connect(self.test)
        lay.addWidget(self.test_button)
        self.answer = QLabel("")
        self.answer.setObjectName("database_connection_answer")
        self.answer.setWordWrap(True)
        lay.addWidget(self.answer)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

    def dsn(self) -> str:
        """The libpq connection string of the fields (no password)."""
        from psycopg.conninfo import make_conninfo

        params = {"service": self.service.text().strip(), "host": self.host.text().strip(),
                  "dbname": self.dbname.text().strip(), "user": self.user.text().strip()}
        params = {k: v for k, v in params.items() if v}
        if params.get("host") and not params["host"].startswith("/") or self.port.value() != 5432:
            params["port"] = str(self.port.value())
        return make_conninfo(**params)

    def test(self) -> None:
        target = self.dsn()
        self.answer.setText(_t("DatabaseConnection", "Connecting…"))

        self.window.run_task(_t("DatabaseConnection", "Connecting to the database…"), lambda fb: probe(target),
                             lambda res: self.answer.setText(connected_text(res)),
                             on_failed=lambda exc: self.answer.setText(self.window.readable_error(exc)),
                             show_errors=False)


def probe(target: str) -> tuple[str, str, bool]:
    """(PostgreSQL version, PostGIS version, CIM schema present) of a server."""
    from cim.db.connect import connect

    with connect(target) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
        gis = conn.execute("SELECT postgis_lib_version()").fetchone()[0]
        ready = conn.execute("SELECT to_regclass('cim.layers') IS NOT NULL").fetchone()[0]
    return pg, gis, ready


def connected_text(probed) -> str:
    """What a successful :func:`probe` found, as the dialog and the panel say it."""
    pg, gis, ready = probed
    text = _t("DatabaseConnection", "Connected: PostgreSQL %1, PostGIS %2").replace("%1", pg).replace("%2", gis)
    if not ready:
        text += " — " + _t("DatabaseConnection", "no CIM schema yet (cimstudio db init)")
    return text
