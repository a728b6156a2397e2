"""Badges on layers of the layer tree, set by panels through ``window.set_layer_badges(source, badges)``
(plugins never import the app). A badge is a small padlock drawn on the layer's legend swatch in the
colour of its state, plus lines appended to the layer's tooltip — e.g. the Shared database dock marks
the layers of a working copy: checked out at revision N, k local edits, m changed in the database."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen

STATES = {"synced": "#2e7d32", "edited": "#ef6c00", "behind": "#1565c0", "diverged": "#c62828",
          "conflict": "#c62828", "readonly": "#616161"}


class LayerBadges:
    """``source`` (a panel's id) -> {layer_id: {"state": one of STATES, "tooltip": str}}."""

    def __init__(self) -> None:
        self._by_source: dict[str, dict[str, dict]] = {}

    def set(self, source: str, badges: dict[str, dict] | None) -> None:
        if badges:
            self._by_source[source] = dict(badges)
        else:
            self._by_source.pop(source, None)

    def of(self, layer_id: str) -> list[dict]:
        return [b[layer_id] for b in self._by_source.values() if layer_id in b]

    def tooltip(self, layer_id: str) -> str:
        return "\n".join(b.get("tooltip", "") for b in self.of(layer_id) if b.get("tooltip"))

    def decorate(self, icon: QIcon, layer_id: str) -> QIcon:
        badges = self.of(layer_id)
        if not badges:
            return icon
        colour = QColor(STATES.get(badges[-1].get("state"), "#616161"))
        pm = icon.pixmap(16, 16)
        p = QPainter(pm)
        try:
            _padlock(p, colour)
        finally:
            p.end()
        return QIcon(pm)


def _padlock(p: QPainter, colour: QColor) -> None:
    """A 9×9 padlock in the lower right corner, white-rimmed so it reads over any swatch."""
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor("white"), 3.0))
    p.setBrush(Qt.NoBrush)
    p.drawArc(QRectF(9, 6, 5, 6), 0, 180 * 16)
    p.setPen(QPen(colour, 1.4))
    p.drawArc(QRectF(9, 6, 5, 6), 0, 180 * 16)
    p.setPen(QPen(QColor("white"), 1.0))
    p.setBrush(colour)
    p.drawRoundedRect(QRectF(7.5, 9.5, 8, 6), 1.2, 1.2)
