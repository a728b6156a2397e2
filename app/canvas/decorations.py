"""Map decorations drawn over the canvas: scale bar, north arrow and legend.

The numbers come from the Qt-free rooms (``cim.mapsheet`` for round bar lengths, ground metres per
map unit and grid convergence; ``layers.render.project_view`` for the legend of the visible layers);
this module only paints them. Each can be switched on and off from *View* (kept in QSettings).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from cim.mapsheet.crsgeom import grid_convergence, metres_per_unit
from cim.mapsheet.scalebar import scale_bar

KINDS = ("scale_bar", "north_arrow", "legend")
PAD = 10.0
MAX_LEGEND_ROWS = 28
CLASSES_PER_LAYER = 6


def _qcolor(rgba) -> QColor:
    r, g, b, a = (int(v) for v in rgba)
    return QColor(r, g, b, a)


class Decorations:
    """What the canvas paints over the map after the overlays; ``paint`` is cheap (no rendering)."""

    def __init__(self, canvas) -> None:
        self.canvas = canvas
        st = QSettings()
        self.shown = {k: str(st.value(f"map/{k}", "true")).lower() == "true" for k in KINDS}
        self._legend = None
        self._convergence: dict = {}
        self.scale_bar_rect: QRectF | None = None     # where the last paint put the bar (tests, screenshots)
        self.legend_rect: QRectF | None = None
        self.north_rect: QRectF | None = None
        self.legend_rows: list[str] = []               # the texts the last paint wrote in the legend
        self.last_bar = None
        s = canvas.session
        for sig in (s.layers_changed, s.project_replaced):
            sig.connect(self.invalidate)
        s.layer_changed.connect(self.invalidate)

    # state ------------------------------------------------------------------
    def set_shown(self, kind: str, on: bool) -> None:
        self.shown[kind] = bool(on)
        QSettings().setValue(f"map/{kind}", "true" if on else "false")
        self.canvas.update()

    def invalidate(self, *_args) -> None:
        self._legend = None
        self.canvas.update()

    def legend(self) -> list:
        if self._legend is None:
            from app.i18n import current_language
            from layers.render.project_view import legend_items

            try:
                self._legend = legend_items(self.canvas.session.project, language=current_language())
            except Exception:    # a layer the legend cannot read must not break painting
                self._legend = []
        return self._legend

    def metres_per_pixel(self) -> float:
        vp = self.canvas.vp
        crs = self.canvas.session.project.crs
        try:
            return vp.res * metres_per_unit(crs, vp.cy)
        except Exception:
            return vp.res

    def current_bar(self):
        from app.i18n import current_language

        vp = self.canvas.vp
        max_px = max(60.0, min(180.0, vp.width * 0.28))
        return scale_bar(self.metres_per_pixel(), max_px, current_language())

    # painting ----------------------------------------------------------------
    def paint(self, p: QPainter) -> None:
        if self.canvas.session.project is None or self.canvas.vp.res <= 0:
            return
        p.save()
        p.setRenderHint(QPainter.Antialiasing, True)
        font = QFont(self.canvas.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.9))
        p.setFont(font)
        self.scale_bar_rect = self.legend_rect = self.north_rect = None
        self.legend_rows = []
        if self.shown["legend"]:
            self._paint_legend(p)
        if self.shown["north_arrow"]:
            self._paint_north(p)
        if self.shown["scale_bar"]:
            self._paint_scale_bar(p)
        p.restore()

    def _panel(self, p: QPainter, rect: QRectF) -> None:
        p.setPen(QPen(QColor(0, 0, 0, 70), 1))
        p.setBrush(QColor(255, 255, 255, 225))
        p.drawRoundedRect(rect, 4, 4)

    def _paint_scale_bar(self, p: QPainter) -> None:
        try:
            bar = self.current_bar()
        except ValueError:
            return
        self.last_bar = bar
        fm = QFontMetricsF(p.font())
        h = self.canvas.height()
        bar_h = 6.0
        label_w = fm.horizontalAdvance(bar.label)
        box = QRectF(PAD, h - PAD - (fm.height() + bar_h + 16), bar.length_px + label_w + 26, fm.height() + bar_h + 16)
        self._panel(p, box)
        x0 = round(box.x() + 10)
        y0 = round(box.bottom() - 7 - bar_h)
        seg = bar.length_px / bar.segments
        p.setPen(Qt.NoPen)
        for i in range(bar.segments):
            p.setBrush(QColor("#1a1a1a") if i % 2 == 0 else QColor("#ffffff"))
            p.drawRect(QRectF(x0 + i * seg, y0, seg, bar_h))
        p.setBrush(Qt.NoBrush)
        p.setPen(QPen(QColor("#1a1a1a"), 1))
        rect = QRectF(x0, y0, bar.length_px, bar_h)
        p.drawRect(rect)
        self.scale_bar_rect = rect
        p.setPen(QColor("#1a1a1a"))
        for off, text in bar.ticks():
            tw = fm.horizontalAdvance(text)
            tx = x0 + off - (0 if off == 0 else tw / 2 if off < bar.length_px else tw / 2)
            tx = min(tx, box.right() - tw - 4)
            p.drawText(QPointF(tx, y0 - 4), text)

    def convergence(self) -> float:
        vp, crs = self.canvas.vp, self.canvas.session.project.crs
        key = (crs, round(vp.cx, -3), round(vp.cy, -3))
        if key not in self._convergence:
            try:
                self._convergence[key] = grid_convergence(crs, vp.cx, vp.cy)
            except Exception:
                self._convergence[key] = 0.0
        return self._convergence[key]

    def _paint_north(self, p: QPainter) -> None:
        size = 46.0
        box = QRectF(self.canvas.width() - PAD - size, PAD, size, size + 6)
        self._panel(p, box)
        self.north_rect = box
        c = QPointF(box.center().x(), box.y() + size / 2 + 8)
        p.save()
        p.translate(c)
        p.rotate(-self.convergence())
        r = size * 0.34
        left = QPolygonF([QPointF(0, -r), QPointF(-r * 0.45, r * 0.55), QPointF(0, r * 0.25)])
        right = QPolygonF([QPointF(0, -r), QPointF(r * 0.45, r * 0.55), QPointF(0, r * 0.25)])
        p.setPen(QPen(QColor("#1a1a1a"), 1))
        p.setBrush(QColor("#1a1a1a"))
        p.drawPolygon(left)
        p.setBrush(QColor("#ffffff"))
        p.drawPolygon(right)
        p.restore()
        f = QFont(p.font())
        f.setBold(True)
        p.setFont(f)
        text = QCoreApplication.translate("MapDecorations", "N")
        fm = QFontMetricsF(f)
        p.setPen(QColor("#1a1a1a"))
        p.drawText(QPointF(c.x() - fm.horizontalAdvance(text) / 2, box.y() + fm.ascent() + 1), text)
        f.setBold(False)
        p.setFont(f)

    def _paint_legend(self, p: QPainter) -> None:
        items = self.legend()
        if not items:
            return
        fm = QFontMetricsF(p.font())
        row = max(fm.height() + 2, 16.0)
        rows: list[tuple[str, object, object]] = []      # (text, item, entry | None)
        for it in items:
            if len(it.entries) > 1:
                rows.append((it.title, it, None))
                rows += [(e.text, it, e) for e in it.entries[:CLASSES_PER_LAYER]]
                if len(it.entries) > CLASSES_PER_LAYER:
                    more = QCoreApplication.translate("MapDecorations", "%1 more…").replace("%1", str(len(it.entries) - CLASSES_PER_LAYER))
                    rows.append((more, it, None))
            else:
                rows.append((it.title, it, it.entries[0] if it.entries else None))
        max_rows = int(max(3, min(MAX_LEGEND_ROWS, (self.canvas.height() * 0.62 - 30) // row)))
        cut = len(rows) > max_rows
        rows = rows[:max_rows - 1] + [("…", None, None)] if cut else rows
        title = QCoreApplication.translate("MapDecorations", "Legend")
        bold = QFont(p.font())
        bold.setBold(True)
        width = max([QFontMetricsF(bold).horizontalAdvance(title)] +
                    [fm.horizontalAdvance(t) + (38 if e is not None else 20) for t, _it, e in rows])
        box = QRectF(PAD, PAD, min(width + 20, self.canvas.width() * 0.4), row * (len(rows) + 1) + 12)
        self._panel(p, box)
        self.legend_rect = box
        self.legend_rows = [text for text, _it, _e in rows]
        p.setFont(bold)
        p.setPen(QColor("#1a1a1a"))
        p.drawText(QPointF(box.x() + 8, box.y() + 6 + fm.ascent()), title)
        normal = QFont(bold)
        normal.setBold(False)
        p.setFont(normal)
        y = box.y() + 6 + row
        for text, it, entry in rows:
            indent = 8 if it is None or (entry is None and text == it.title) or len(it.entries) == 1 else 22
            x = box.x() + indent
            if entry is not None:
                self._swatch(p, QRectF(x, y + (row - 12) / 2, 16, 12), it.geometry, entry)
                x += 22
            p.setPen(QColor("#1a1a1a"))
            elided = fm.elidedText(text, Qt.ElideRight, box.right() - x - 6)
            p.drawText(QPointF(x, y + fm.ascent() + (row - fm.height()) / 2), elided)
            y += row

    @staticmethod
    def _swatch(p: QPainter, r: QRectF, geometry: str, entry) -> None:
        fill, stroke = _qcolor(entry.fill), _qcolor(entry.stroke)
        if geometry == "line":
            p.setPen(QPen(stroke, 2.5))
            p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))
        elif geometry == "point":
            p.setPen(QPen(stroke, 1))
            p.setBrush(fill)
            p.drawEllipse(r.center(), 4.5, 4.5)
        elif geometry == "raster":
            path = QPainterPath()
            path.addRect(r)
            p.fillPath(path, fill)
            p.fillRect(QRectF(r.x(), r.y(), r.width(), r.height() / 2), stroke)
        else:
            p.setPen(QPen(stroke, 1))
            p.setBrush(fill)
            p.drawRect(r)
