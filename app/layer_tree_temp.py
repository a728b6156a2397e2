"""The *Temporary results* group at the bottom of the layer tree: one row per panel whose result overlays
(``canvas.overlays``: TOD catchments, network routes and findings, check highlights, IFC outlines) are on
the map. Its checkbox shows or hides them; the context menu zooms to them or clears them. They are not
layers: nothing here is saved or undoable."""

from __future__ import annotations

from plugins.gui import tr as _t

GROUP_ID = "__temporary_results__"



class TempNode:
    """A row of the temporary group (``group`` is None for the group row itself)."""

    def __init__(self, group: str | None, parent: TempNode | None = None) -> None:
        self.group, self.parent = group, parent
        self.children: list[TempNode] = []
        self.layer_id = None
        self.is_group = group is None
        self.id = GROUP_ID if group is None else f"{GROUP_ID}:{group}"


def group_title(group: str) -> str:
    """The panel's name in the interface language: overlay keys start with the plugin id."""
    from app.i18n import current_language

    try:
        from plugins.registry import default_registry

        registry = default_registry()
        if group in registry:
            return registry[group].name.get(current_language())
    except Exception:      # no registry: the key names it
        pass
    return group


class TempResults:
    """Keeps the temporary group's nodes in step with ``overlays``."""

    def __init__(self, overlays) -> None:
        self.overlays = overlays
        self.root = TempNode(None)

    def sync(self) -> bool:
        """Rebuild the rows from the overlays; True when the group is shown at all."""
        self.root.children = [TempNode(g, self.root) for g in self.overlays.groups()]
        return bool(self.root.children)

    @staticmethod
    def title() -> str:
        return _t("LayerTree", "Temporary results")

    def text(self, node: TempNode) -> str:
        if node.group is None:
            return self.title()
        n = sum(len(self.overlays.get(k).geometries) for k in self.overlays.keys_of(node.group))
        from plugins.gui.values import count

        return f"{group_title(node.group)}  ({count(n)})"

    def visible(self, node: TempNode) -> bool:
        if node.group is None:
            return any(self.overlays.is_group_visible(c.group) for c in node.children)
        return self.overlays.is_group_visible(node.group)

    def set_visible(self, node: TempNode, on: bool) -> None:
        for g in ([c.group for c in node.children] if node.group is None else [node.group]):
            self.overlays.set_group_visible(g, on)

    def clear(self, node: TempNode) -> None:
        for g in ([c.group for c in node.children] if node.group is None else [node.group]):
            self.overlays.clear_group(g)

    def bounds(self, node: TempNode):
        import numpy as np

        groups = [c.group for c in node.children] if node.group is None else [node.group]
        boxes = [b for g in groups if (b := self.overlays.group_bounds(g)) is not None]
        if not boxes:
            return None
        b = np.asarray(boxes, dtype=float)
        return (b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())
