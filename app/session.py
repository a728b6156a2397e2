"""The open project as the GUI sees it: the core :class:`cim.project.Project`, its selection,
and Qt signals mirroring the core's psygnal ones (views connect to these, never to the core directly).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QSettings, Signal

from cim.project import Project
from layers.kinds import feature_frame, has_table

MAX_RECENT = 8


class Session(QObject):
    project_replaced = Signal()            # a new project object (new/open)
    layers_changed = Signal()              # layer added/removed/renamed/styled, tree changed
    layer_changed = Signal(str)            # one layer's name/style
    features_changed = Signal(str)         # layer id whose features changed
    undo_changed = Signal()
    selection_changed = Signal()
    current_layer_changed = Signal(str)
    role_changed = Signal(str)
    message = Signal(str, str)             # level, text (for the log dock and the status bar)

    def __init__(self, project: Project | None = None) -> None:
        super().__init__()
        self.project: Project | None = None
        self.selection: dict[str, np.ndarray] = {}
        self.current_layer_id: str | None = None
        self.reviewer = False
        self.set_project(project or Project())

    # project ------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        old = self.project
        if old is not None:
            for sig, slot in self._connections(old):
                sig.disconnect(slot)
        from cim.project.access import granted_role, switch_role

        self.project = project
        if granted_role(project) != "consultant":
            self._forced_reviewer = not self.reviewer or getattr(self, "_forced_reviewer", False)
            self.reviewer = True               # the project grants no more than reviewing
        elif getattr(self, "_forced_reviewer", False):
            self.reviewer = self._forced_reviewer = False    # the mode came from the previous project
        if self.reviewer and project.role == "consultant":
            switch_role(project, "reviewer")
        for sig, slot in self._connections(project):
            sig.connect(slot)
        self.selection = {}
        layers = project.ordered_layers()
        vec = [r for r in layers if has_table(r)]
        main = [r for r in vec if r.object_kind == "plot"] or vec   # planners start from the plots
        self.current_layer_id = main[0].id if main else (layers[0].id if layers else None)
        if project.path is not None:
            remember_recent(str(project.path))
        self.project_replaced.emit()
        self.layers_changed.emit()
        self.undo_changed.emit()
        self.selection_changed.emit()

    def _connections(self, p: Project):
        return ((p.layer_added, self._on_layer_added), (p.layer_removed, self._on_layer_removed),
                (p.layer_changed, self._on_layer_changed), (p.features_changed, self._on_features),
                (p.tree.changed, self._on_tree), (p.undo_stack.changed, self._on_undo))

    def _on_layer_added(self, lid: str) -> None:
        if self.current_layer_id is None:
            self.current_layer_id = lid
        self.layers_changed.emit()

    def _on_layer_removed(self, lid: str) -> None:
        self.selection.pop(lid, None)
        if self.current_layer_id == lid:
            rest = self.project.ordered_layers()
            self.current_layer_id = rest[0].id if rest else None
        self.layers_changed.emit()
        self.selection_changed.emit()

    def _on_layer_changed(self, lid: str) -> None:
        self.layer_changed.emit(lid)
        self.layers_changed.emit()

    def _on_features(self, lid: str, fids) -> None:
        sel = self.selection.get(lid)
        if sel is not None and len(sel):
            frame = feature_frame(self.project.layers[lid]) if lid in self.project.layers else None
            alive = np.isin(sel, frame.index.to_numpy()) if frame is not None else np.zeros(len(sel), bool)
            if not alive.all():
                self.selection[lid] = sel[alive]
                self.selection_changed.emit()
        self.features_changed.emit(lid)

    def _on_tree(self) -> None:
        self.layers_changed.emit()

    def _on_undo(self) -> None:
        self.undo_changed.emit()

    # roles --------------------------------------------------------------
    def set_reviewer(self, on: bool) -> None:
        """Reviewer mode on, or back to the role the project grants (never more: unticking the mode
        does not make a reviewer a consultant)."""
        from cim.project.access import granted_role, switch_role

        granted = granted_role(self.project)
        if on:
            if self.project.role == "consultant":
                switch_role(self.project, "reviewer")
        else:
            switch_role(self.project, granted)
        self.reviewer = self.project.role != "consultant"
        self.role_changed.emit(self.project.role)

    @property
    def can_leave_reviewer_mode(self) -> bool:
        from cim.project.access import granted_role

        return granted_role(self.project) == "consultant"

    @property
    def editable(self) -> bool:
        return not self.reviewer and self.project.role == "consultant"

    # current layer --------------------------------------------------------
    def set_current_layer(self, lid: str | None) -> None:
        if lid != self.current_layer_id:
            self.current_layer_id = lid
            self.current_layer_changed.emit(lid or "")

    def current_layer(self):
        lid = self.current_layer_id
        return self.project.layers.get(lid) if lid else None

    # selection ----------------------------------------------------------
    def select(self, lid: str, fids, mode: str = "replace") -> None:
        """``mode``: replace (this layer only), add, toggle, remove."""
        fids = np.unique(np.asarray(fids, dtype=np.int64))
        cur = self.selection.get(lid, np.zeros(0, np.int64))
        if mode == "replace":
            self.selection = {lid: fids} if len(fids) else {}
        elif mode == "add":
            self.selection[lid] = np.union1d(cur, fids)
        elif mode == "toggle":
            self.selection[lid] = np.setxor1d(cur, fids)
        elif mode == "remove":
            self.selection[lid] = np.setdiff1d(cur, fids)
        self.selection = {k: v for k, v in self.selection.items() if len(v)}
        self.selection_changed.emit()

    def clear_selection(self) -> None:
        if self.selection:
            self.selection = {}
            self.selection_changed.emit()

    def selected(self, lid: str) -> np.ndarray:
        return self.selection.get(lid, np.zeros(0, np.int64))

    def selection_count(self) -> int:
        return int(sum(len(v) for v in self.selection.values()))

    # edits ----------------------------------------------------------------
    def push(self, command) -> bool:
        """Push a core command; refusals (role, bad input) become messages, not exceptions."""
        from cim.errors import CimError

        try:
            self.project.push(command)
            return True
        except CimError as exc:
            self.message.emit("error", str(exc))
            return False


def recent_files() -> list[str]:
    value = QSettings().value("project/recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def remember_recent(path: str) -> None:
    items = [p for p in recent_files() if p != path]
    QSettings().setValue("project/recent", [path] + items[: MAX_RECENT - 1])
