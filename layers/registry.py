"""Layer types by kind: ``{"vector": VectorLayer, "raster": RasterLayer}``; plugins register more."""

from __future__ import annotations

from layers.base import Layer
from layers.raster import RasterLayer
from layers.vector import VectorLayer

LAYER_TYPES: dict[str, type[Layer]] = {"vector": VectorLayer, "raster": RasterLayer}


def register_layer_type(kind: str, cls: type, *, replace: bool = False) -> None:
    """Make ``cls`` the layer type for ``kind``; registering a different class twice needs ``replace``."""
    if not isinstance(kind, str) or not kind:
        raise ValueError("a layer kind is a non-empty string")
    if not isinstance(cls, type):
        raise TypeError(f"layer type for {kind!r} must be a class, not {cls!r}")
    old = LAYER_TYPES.get(kind)
    if old is not None and old is not cls and not replace:
        raise ValueError(f"layer kind {kind!r} is already {old.__module__}.{old.__qualname__}; "
                         "pass replace=True to override it")
    LAYER_TYPES[kind] = cls


def layer_class_for(kind: str) -> type:
    try:
        return LAYER_TYPES[kind]
    except KeyError:
        raise KeyError(f"no layer type for kind {kind!r} (known: {', '.join(sorted(LAYER_TYPES))}); "
                       "install the plugin that provides it") from None
