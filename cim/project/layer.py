"""A layer as the project holds it: an id, a name, a kind and the data source."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any


def new_layer_id() -> str:
    return "lyr_" + uuid.uuid4().hex[:12]


@dataclass(eq=False)
class LayerRecord:
    """``data`` is a GeoDataFrame for ``kind == "vector"`` (index = int64 feature ids),
    a :class:`cim.io.raster.RasterData` for ``"raster"``; other kinds register their own
    serializers in :mod:`cim.project.serializers`.
    """

    name: str
    kind: str
    data: Any
    crs: str | None = None
    id: str = field(default_factory=new_layer_id)
    object_kind: str | None = None   # taxonomy kind, e.g. "plot", "building", "smart_element"
    style: dict = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    info: dict = field(default_factory=dict)   # data responsibility (cim.project.layer_info)
    display_name: str = ""           # the name the user sees; ``name`` stays the table name for CLI and rules

    @property
    def label(self) -> str:
        """The name to show: the display name, a known Vietnamese name for a standard table, or the name."""
        if self.display_name:
            return self.display_name
        from cim.project.display_names import layer_label

        return layer_label(self)

    def feature_count(self) -> int | None:
        if self.kind == "vector":
            return len(self.data)
        return None
