"""A one-shot map tool for panels: "click a point on the map" (route ends, walkshed origin, anchor).

``window.pick_point(prompt, callback)`` activates it; the first left click calls ``callback(x, y)``
in the project CRS and the previous tool comes back; Esc or right click cancels.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen

from app.canvas.tools import MapTool


class PointPickTool(MapTool):
    cursor = Qt.CrossCursor

    def __init__(self, canvas, session, report=None, *, prompt: str = "",
                 on_pick: Callable[[float, float], None] | None = None,
                 on_done: Callable[[], None] | None = None) -> None:
        super().__init__(canvas, session, report)
        self.prompt = prompt
        self.on_pick = on_pick or (lambda x, y: None)
        self.on_done = on_done or (lambda: None)
        self.hover: QPointF | None = None

    def activate(self) -> None:
        if self.prompt:
            self.report(self.prompt)

    def move(self, event) -> None:
        self.hover = event.position()
        self.canvas.update()

    def release(self, event) -> None:
        if event.button() == Qt.RightButton:
            self.on_done()
            return
        if event.button() != Qt.LeftButton:
            return
        x, y = self.canvas.to_map(event.position())
        self.on_done()          # restore the previous tool first: the callback may start another pick
        self.on_pick(x, y)

    def key(self, event) -> bool:
        if event.key() == Qt.Key_Escape:
            self.on_done()
            return True
        return False

    def paint(self, painter) -> None:
        if self.hover is None:
            return
        painter.setPen(QPen(QColor(216, 27, 96), 1.5))
        h = self.hover
        painter.drawLine(QPointF(h.x() - 10, h.y()), QPointF(h.x() + 10, h.y()))
        painter.drawLine(QPointF(h.x(), h.y() - 10), QPointF(h.x(), h.y() + 10))
