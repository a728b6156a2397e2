"""The project document: layer registry, layer tree, plan metadata, CRS, undo stack, change log."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from psygnal import Signal

from cim.commands import Command, UndoStack
from cim.errors import CimInputError
from cim.project import access
from cim.project.access import ROLE_PERMISSIONS, ROLES  # noqa: F401  (re-exported)
from cim.project.extensions import ProjectExtensions
from cim.project.layer import LayerRecord
from cim.project.metadata import PlanMetadata
from cim.project.tree import LayerTree


class Project:
    """The open project. Change it only through commands pushed on :attr:`undo_stack`."""

    layer_added = Signal(str)
    layer_removed = Signal(str)
    layer_changed = Signal(str)            # name, style or properties
    features_changed = Signal(str, object)  # layer id, fids (array-like) or None for "many"
    metadata_changed = Signal()

    def __init__(self, crs: str = "EPSG:9208", metadata: PlanMetadata | None = None) -> None:
        self.crs = crs
        self.metadata = metadata or PlanMetadata()
        self.layers: dict[str, LayerRecord] = {}
        self.tree = LayerTree()
        self.path: Path | None = None
        self._granted_role = self._session_role = "consultant"   # a new project belongs to its creator
        self.user = _current_user()
        self.changelog: list[dict] = []
        self.dirty_layers: set[str] = set()   # layers whose data changed since the last save
        self.removed_layers: set[str] = set()
        self.schema_version = None            # set by the store when opened from a file
        self.open_notes: list[tuple[str, str]] = []   # (vi, en): crash leftovers cleaned, edits to recover
        self.ext = ProjectExtensions()        # what other modules keep on the project (cim/project/extensions.py)
        self.undo_stack = UndoStack(guard=self._check_permission)
        self.undo_stack.changed.connect(self._record_change)

    def __setattr__(self, name: str, value) -> None:
        if name.startswith("_cim_"):
            raise AttributeError(f"Project.{name}: keep a module's state on a project in project.ext "
                                 "(a field of cim/project/extensions.py ProjectExtensions)")
        object.__setattr__(self, name, value)

    @property
    def role(self) -> str:
        """The role of this session: granted when the project is opened, lowered only by
        :func:`cim.project.access.switch_role`."""
        return self._session_role

    @role.setter
    def role(self, value: str) -> None:
        """Same as :func:`cim.project.access.switch_role`: fewer rights only, never more."""
        access.switch_role(self, value)

    # registry -----------------------------------------------------------
    def layer(self, layer_id: str) -> LayerRecord:
        try:
            return self.layers[layer_id]
        except KeyError:
            raise CimInputError(self.path, f"no layer with id {layer_id!r} in the project",
                                hint="list the layers with `cimstudio info`") from None

    def layer_by_name(self, name: str) -> LayerRecord:
        for rec in self.layers.values():
            if rec.name == name:
                return rec
        names = ", ".join(sorted(r.name for r in self.layers.values()))
        raise CimInputError(self.path, f"no layer named {name!r}", hint=f"layers are: {names}")

    def find_layer(self, name_or_id: str) -> LayerRecord:
        if name_or_id in self.layers:
            return self.layers[name_or_id]
        return self.layer_by_name(name_or_id)

    def layers_of_kind(self, object_kind: str) -> list[LayerRecord]:
        return [r for r in self.layers.values() if r.object_kind == object_kind]

    def ordered_layers(self) -> list[LayerRecord]:
        order = self.tree.layer_order()
        rest = [i for i in self.layers if i not in order]
        return [self.layers[i] for i in order + rest if i in self.layers]

    # editing ------------------------------------------------------------
    def push(self, command: Command) -> Command:
        return self.undo_stack.push(command)

    def is_modified(self) -> bool:
        return not self.undo_stack.is_clean()

    def mark_dirty(self, layer_id: str) -> None:
        self.dirty_layers.add(layer_id)

    def _check_permission(self, command: Command) -> None:
        access.check_command(self, command)

    def _record_change(self) -> None:
        idx = self.undo_stack.index
        self.changelog.append({
            "time": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "user": self.user,
            "action": "edit",
            "text": self.undo_stack.undo_text() if idx else "",
            "index": idx,
        })
        if len(self.changelog) > 10000:
            del self.changelog[:-10000]


def _current_user() -> str:
    return access.current_user()
