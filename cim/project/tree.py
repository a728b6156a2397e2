"""The layer tree: groups, order and visibility. It holds references to layers by id;
the project's registry owns the layers themselves (QgsProject / QgsLayerTree split)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from psygnal import Signal


@dataclass(eq=False)
class TreeNode:
    name: str = ""
    layer_id: str | None = None          # set for layer nodes, None for groups
    visible: bool = True
    expanded: bool = True
    children: list[TreeNode] = field(default_factory=list)
    id: str = field(default_factory=lambda: "grp_" + uuid.uuid4().hex[:10])
    parent: TreeNode | None = field(default=None, repr=False)

    @property
    def is_group(self) -> bool:
        return self.layer_id is None

    def to_dict(self) -> dict:
        d = {"id": self.id, "name": self.name, "visible": self.visible, "expanded": self.expanded}
        if self.layer_id is not None:
            d["layer_id"] = self.layer_id
        else:
            d["children"] = [c.to_dict() for c in self.children]
        return d

    @classmethod
    def from_dict(cls, d: dict, parent: TreeNode | None = None) -> TreeNode:
        node = cls(name=d.get("name", ""), layer_id=d.get("layer_id"), visible=d.get("visible", True),
                   expanded=d.get("expanded", True), id=d.get("id") or cls().id, parent=parent)
        node.children = [cls.from_dict(c, node) for c in d.get("children", [])]
        return node


class LayerTree:
    changed = Signal()

    def __init__(self) -> None:
        self.root = TreeNode(name="", id="root")

    # queries ------------------------------------------------------------
    def walk(self, node: TreeNode | None = None):
        node = node or self.root
        for child in node.children:
            yield child
            if child.is_group:
                yield from self.walk(child)

    def layer_order(self) -> list[str]:
        """Layer ids top (drawn last) to bottom (drawn first), as shown in the tree."""
        return [n.layer_id for n in self.walk() if not n.is_group]

    def find_layer(self, layer_id: str) -> TreeNode | None:
        return next((n for n in self.walk() if n.layer_id == layer_id), None)

    def find(self, node_id: str) -> TreeNode | None:
        if node_id == "root":
            return self.root
        return next((n for n in self.walk() if n.id == node_id), None)

    def group(self, name: str) -> TreeNode | None:
        return next((n for n in self.walk() if n.is_group and n.name == name), None)

    def is_visible(self, layer_id: str) -> bool:
        """Visible if the layer node and all its ancestor groups are visible."""
        node = self.find_layer(layer_id)
        while node is not None:
            if not node.visible:
                return False
            node = node.parent
        return True

    def position(self, node: TreeNode) -> tuple[str, int]:
        parent = node.parent or self.root
        return parent.id, parent.children.index(node)

    # edits (called by commands) -----------------------------------------
    def insert(self, node: TreeNode, parent_id: str = "root", index: int | None = None) -> TreeNode:
        parent = self.find(parent_id) or self.root
        node.parent = parent if parent is not self.root else self.root
        if index is None or index > len(parent.children):
            index = len(parent.children)
        parent.children.insert(index, node)
        self.changed.emit()
        return node

    def add_group(self, name: str, parent_id: str = "root", index: int | None = None) -> TreeNode:
        return self.insert(TreeNode(name=name), parent_id, index)

    def add_layer(self, layer_id: str, name: str = "", parent_id: str = "root",
                  index: int | None = None) -> TreeNode:
        return self.insert(TreeNode(name=name, layer_id=layer_id), parent_id, index)

    def remove(self, node: TreeNode) -> None:
        parent = node.parent or self.root
        parent.children.remove(node)
        node.parent = None
        self.changed.emit()

    def set_visible(self, node_id: str, visible: bool) -> None:
        node = self.find(node_id)
        if node is not None and node.visible != visible:
            node.visible = visible
            self.changed.emit()

    def move(self, node: TreeNode, parent_id: str, index: int) -> None:
        self.remove(node)
        self.insert(node, parent_id, index)

    # persistence --------------------------------------------------------
    def to_dict(self) -> dict:
        return self.root.to_dict()

    @classmethod
    def from_dict(cls, d: dict) -> LayerTree:
        tree = cls()
        tree.root = TreeNode.from_dict({**d, "id": "root"})
        return tree
