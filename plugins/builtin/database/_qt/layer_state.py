"""The lock/version state of a working copy's layers in the layer tree: a padlock on each layer
checked out from the database, coloured by state (in step, local edits, behind the database, both,
in conflict) with a tooltip — "checked out from <db> at revision N; k local edits; m changed in the
database since". Read with :func:`cim.db.status.status` in a worker, refreshed after pull, push,
conflict resolution and (debounced) after every edit or undo."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from plugins.gui import tr as _t

SOURCE = "database"


def db_label(dsn: str) -> str:
    """``dbname`` (and the host when it is a network one) of a connection string, for people."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        p = conninfo_to_dict(dsn)
    except Exception:     # a malformed string stored in an old copy: show it as it is
        return dsn
    host = p.get("host") or ""
    name = p.get("dbname") or p.get("service") or dsn
    return f"{name} @ {host}" if host and not host.startswith("/") else str(name)


def badges(st: dict, dsn: str, conflicted: set[str], editable: bool) -> dict[str, dict]:
    """Layer tree badges from a ``status(conn, project)`` answer."""
    out = {}
    where = db_label(dsn)
    rev = st.get("pulled_rev")
    for lay in st.get("layers", []):
        if "local" not in lay:
            continue
        local = sum(lay["local"].values())
        behind = int(lay.get("behind", 0))
        state = ("conflict" if lay["layer_id"] in conflicted else "diverged" if local and behind else
                 "edited" if local else "behind" if behind else "synced")
        if not editable and state == "synced":
            state = "readonly"
        head = _t("DatabaseLayerState", "Checked out from database %1 at revision r%2") if rev is not None else \
            _t("DatabaseLayerState", "Checked out from database %1")
        head = head.replace("%1", where).replace("%2", str(rev))
        lines = [head, _t("DatabaseLayerState", "%1 local edit(s); %2 changed in the database since")
                 .replace("%1", str(local)).replace("%2", str(behind))]
        if st.get("pushed_rev") is not None:
            lines.append(_t("DatabaseLayerState", "Last push: revision r%1").replace("%1", str(st["pushed_rev"])))
        if lay["layer_id"] in conflicted:
            lines.append(_t("DatabaseLayerState", "In conflict: resolve it in the Shared database panel"))
        elif not editable:
            lines.append(_t("DatabaseLayerState", "Read-only for your role"))
        out[lay["layer_id"]] = {"state": state, "tooltip": "\n".join(lines)}
    return out


class LayerState(QObject):
    """Keeps the layer tree's database badges in step with the working copy."""

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.panel, self.window, self.session = panel, panel.window, panel.session
        self.last: dict = {}
        self._running = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(1500)
        self.timer.timeout.connect(self.refresh)
        self.session.features_changed.connect(lambda _lid: self.timer.start())
        self.session.undo_changed.connect(self.timer.start)

    def refresh(self) -> None:
        from cim.db.workcopy import link_of

        project = self.session.project
        link = link_of(project)
        setter = getattr(self.window, "set_layer_badges", None)
        if setter is None:
            return
        if link is None:
            self.last = {}
            setter(SOURCE, None)
            return
        if self._running:           # one query at a time; the newest state is read once it ends
            self._again = True
            return
        self._running = True
        target = self.panel.dsn.text().strip() or link.dsn
        conflicted = {v.conflict.layer_id for v in self.panel.conflict_view.open_views()}
        editable = self.session.editable

        def work(fb):
            from cim.db.connect import connect
            from cim.db.status import status

            with connect(target) as conn:
                return status(conn, project)

        def done(st):
            if self.session.project is project:
                self.last = badges(st, link.dsn, conflicted, editable)
                setter(SOURCE, self.last)

        def finished():
            self._running = False
            if self._again:
                self._again = False
                self.timer.start()

        task = self.window.start_task(work)
        task.signals.done.connect(done)
        task.signals.finished.connect(finished)
