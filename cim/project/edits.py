"""One command class per kind of project edit: layers, features, geometry, attributes, metadata."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cim.commands import Command
from cim.errors import CimInputError

if TYPE_CHECKING:
    from cim.project.document import Project
    from cim.project.layer import LayerRecord


class AddLayer(Command):
    def __init__(self, project: Project, record: LayerRecord, parent_id: str = "root",
                 index: int | None = 0) -> None:
        from cim.project.tree import TreeNode

        self.project, self.record, self.parent_id, self.index = project, record, parent_id, index
        self.node = TreeNode(name=record.name, layer_id=record.id)
        self.text = f"Add layer {record.name}"

    def redo(self) -> None:
        p = self.project
        p.layers[self.record.id] = self.record
        p.tree.insert(self.node, self.parent_id, self.index)
        p.removed_layers.discard(self.record.id)
        p.mark_dirty(self.record.id)
        p.layer_added.emit(self.record.id)

    def undo(self) -> None:
        p = self.project
        node = p.tree.find_layer(self.record.id)
        if node is not None:
            p.tree.remove(node)
        del p.layers[self.record.id]
        p.removed_layers.add(self.record.id)
        p.layer_removed.emit(self.record.id)


class AddGroup(Command):
    """A new layer group in the tree (``self.node.id`` is its id for layers added after it)."""

    def __init__(self, project: Project, name: str, parent_id: str = "root", index: int | None = 0) -> None:
        from cim.project.tree import TreeNode

        self.project, self.parent_id, self.index = project, parent_id, index
        self.node = TreeNode(name=name)
        self.text = f"Add group {name}"

    def redo(self) -> None:
        self.project.tree.insert(self.node, self.parent_id, self.index)

    def undo(self) -> None:
        self.project.tree.remove(self.node)


class RemoveLayer(Command):
    def __init__(self, project: Project, layer_id: str) -> None:
        self.project = project
        self.record = project.layer(layer_id)
        self.node = None
        self.position = ("root", 0)
        self.text = f"Remove layer {self.record.name}"

    def redo(self) -> None:
        p = self.project
        self.node = p.tree.find_layer(self.record.id)
        if self.node is not None:
            self.position = p.tree.position(self.node)
            p.tree.remove(self.node)
        del p.layers[self.record.id]
        p.removed_layers.add(self.record.id)
        p.layer_removed.emit(self.record.id)

    def undo(self) -> None:
        p = self.project
        p.layers[self.record.id] = self.record
        if self.node is not None:
            p.tree.insert(self.node, *self.position)
        p.removed_layers.discard(self.record.id)
        p.mark_dirty(self.record.id)
        p.layer_added.emit(self.record.id)


class RenameLayer(Command):
    def __init__(self, project: Project, layer_id: str, new_name: str) -> None:
        if not new_name.strip():
            raise CimInputError(project.path, "a layer name cannot be empty", obj=layer_id)
        self.project, self.layer_id, self.new = project, layer_id, new_name
        self.old = project.layer(layer_id).name
        self.text = f"Rename layer {self.old} → {new_name}"

    def _apply(self, name: str) -> None:
        p = self.project
        p.layer(self.layer_id).name = name
        node = p.tree.find_layer(self.layer_id)
        if node is not None:
            node.name = name
        p.layer_changed.emit(self.layer_id)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class SetLayerDisplayName(Command):
    """The name the user sees (tree, legend, messages); the table name the CLI and rules use is kept.
    An empty name goes back to the standard name of the table."""

    def __init__(self, project: Project, layer_id: str, display_name: str) -> None:
        rec = project.layer(layer_id)
        self.project, self.layer_id = project, layer_id
        self.old, self.new = rec.display_name, display_name.strip()
        self.text = f"Rename layer {rec.label} → {self.new or rec.name}"

    def _apply(self, name: str) -> None:
        self.project.layer(self.layer_id).display_name = name
        self.project.layer_changed.emit(self.layer_id)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class SetLayerVisibility(Command):
    """Visibility is a view setting but users expect it saved; it is undoable like QGIS's."""

    category = "view"

    def __init__(self, project: Project, node_id: str, visible: bool) -> None:
        self.project, self.node_id, self.new = project, node_id, visible
        node = project.tree.find(node_id)
        if node is None:
            raise CimInputError(project.path, f"no layer-tree node {node_id!r}")
        self.old = node.visible
        self.text = ("Show " if visible else "Hide ") + (node.name or node_id)

    def redo(self) -> None:
        self.project.tree.set_visible(self.node_id, self.new)

    def undo(self) -> None:
        self.project.tree.set_visible(self.node_id, self.old)


class SetLayerStyle(Command):
    category = "view"

    def __init__(self, project: Project, layer_id: str, style: dict) -> None:
        self.project, self.layer_id, self.new = project, layer_id, dict(style)
        self.old = dict(project.layer(layer_id).style)
        self.text = f"Style {project.layer(layer_id).name}"

    def redo(self) -> None:
        self.project.layer(self.layer_id).style = dict(self.new)
        self.project.layer_changed.emit(self.layer_id)

    def undo(self) -> None:
        self.project.layer(self.layer_id).style = dict(self.old)
        self.project.layer_changed.emit(self.layer_id)


class SetMetadata(Command):
    category = "metadata"

    def __init__(self, project: Project, field: str, value) -> None:
        self.project, self.field, self.new = project, field, value
        self.old = project.metadata.get(field)
        self.text = f"Set {field}"

    def redo(self) -> None:
        self.project.metadata.set(self.field, self.new)
        self.project.metadata_changed.emit()

    def undo(self) -> None:
        self.project.metadata.set(self.field, self.old)
        self.project.metadata_changed.emit()
