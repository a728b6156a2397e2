"""What every layer has: an id, a name, visibility, opacity, a style and a CRS, with change signals.

A layer is state plus a data source (DESIGN.md, habit 2). Views listen to the signals; renderers
get immutable snapshots from the concrete layer types, never the live layer.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any, ClassVar

from psygnal import Signal


def new_layer_id() -> str:
    return "lyr_" + uuid.uuid4().hex[:12]


class Layer:
    """Base class of layer types. Subclasses implement :meth:`extent` and set ``kind``."""

    kind: ClassVar[str] = "layer"

    name_changed = Signal(str)
    visibility_changed = Signal(bool)
    opacity_changed = Signal(float)
    style_changed = Signal(dict)

    def __init__(self, *, name: str = "", id: str | None = None, visible: bool = True, opacity: float = 1.0,
                 style: dict | None = None, crs: str | None = None) -> None:
        self._id = id or new_layer_id()
        self._name = name
        self._visible = bool(visible)
        self._opacity = _check_opacity(opacity)
        self._style: dict[str, Any] = copy.deepcopy(style) if style else {}
        self._crs = crs

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, name={self.name!r})"

    @property
    def id(self) -> str:
        return self._id

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        if value != self._name:
            self._name = value
            self.name_changed.emit(value)

    @property
    def visible(self) -> bool:
        return self._visible

    @visible.setter
    def visible(self, value: bool) -> None:
        value = bool(value)
        if value != self._visible:
            self._visible = value
            self.visibility_changed.emit(value)

    @property
    def opacity(self) -> float:
        return self._opacity

    @opacity.setter
    def opacity(self, value: float) -> None:
        value = _check_opacity(value)
        if value != self._opacity:
            self._opacity = value
            self.opacity_changed.emit(value)

    @property
    def style(self) -> dict:
        """A copy of the style; assign to :attr:`style` or call :meth:`update_style` to change it."""
        return copy.deepcopy(self._style)

    @style.setter
    def style(self, value: dict) -> None:
        value = copy.deepcopy(dict(value))
        if value != self._style:
            self._style = value
            self.style_changed.emit(copy.deepcopy(value))

    def update_style(self, **changes: Any) -> None:
        self.style = {**self._style, **changes}

    @property
    def crs(self) -> str | None:
        return self._crs

    def extent(self) -> tuple[float, float, float, float] | None:
        """(xmin, ymin, xmax, ymax) in :attr:`crs`, or ``None`` when the layer is empty."""
        raise NotImplementedError


def _check_opacity(value: float) -> float:
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"opacity must be within 0..1, not {value}")
    return value
