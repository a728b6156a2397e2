"""The map canvas widget: shows the last rendered image (transformed while the view moves), asks a
worker for a new render when the view settles, and routes mouse and keys to the active map tool.

The UI thread only transforms and draws one QImage per paint; rendering, snapshot building and
reprojection happen in the canvas's own one-thread pool, and a new view cancels the running job.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from app.canvas.decorations import Decorations
from app.canvas.overlays import Overlays
from app.canvas.render_job import RenderJob
from app.canvas.snapshots import SnapshotCache
from layers.kinds import is_drawn
from layers.render.viewport import Viewport

BACKGROUND = "#f4f1ea"
WHEEL_FACTOR = 1.25


class MapCanvas(QWidget):
    viewport_changed = Signal(object)
    cursor_moved = Signal(float, float)
    rendered = Signal()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("map_canvas")
        self.session = session
        self.cache = SnapshotCache()
        self.overlays = Overlays(self)
        self.decorations = Decorations(self)
        self.vp = Viewport(0.0, 0.0, 1.0, max(self.width(), 1), max(self.height(), 1))
        self._auto_fit = True
        self._image: QImage | None = None
        self._image_array: np.ndarray | None = None
        self._image_vp: Viewport | None = None
        self._job_id = 0
        self._running: RenderJob | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self, singleShot=True, interval=10)
        self._timer.timeout.connect(self._start_render)
        self._pan_from: QPointF | None = None
        self.tool = None
        self.last_render_seconds = 0.0
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMinimumSize(200, 150)
        session.layers_changed.connect(self.refresh)
        session.layer_changed.connect(self._layer_changed)
        session.features_changed.connect(self._layer_changed)
        session.selection_changed.connect(self.refresh)
        session.project_replaced.connect(self._project_replaced)

    # view -----------------------------------------------------------------
    def project_extent(self):
        from app.canvas.extent import project_extent

        return project_extent(self.session.project, self.cache)

    def set_viewport(self, vp: Viewport, user: bool = False) -> None:
        if user:
            self._auto_fit = False
        self.vp = vp
        self.viewport_changed.emit(vp)
        self.update()
        self.refresh()

    def zoom_to(self, bounds, margin: float = 0.05) -> None:
        minx, miny, maxx, maxy = bounds
        if maxx - minx < 1e-9 and maxy - miny < 1e-9:   # a point: show 100 m around it
            minx, miny, maxx, maxy = minx - 50, miny - 50, maxx + 50, maxy + 50
        self.set_viewport(Viewport.fit((minx, miny, maxx, maxy), self.vp.width, self.vp.height, margin))

    def zoom_full(self) -> None:
        ext = self.project_extent()
        if ext is not None:
            self.zoom_to(ext, 0.02)
            self._auto_fit = True      # keep showing everything until the user navigates

    def zoom_by(self, factor: float, about=None) -> None:
        self.set_viewport(self.vp.zoomed(factor, about))

    def user_navigated(self) -> None:
        self._auto_fit = False

    def to_map(self, pos) -> tuple[float, float]:
        x, y = self.vp.to_world(pos.x(), pos.y())
        return float(x), float(y)

    def to_screen(self, x: float, y: float) -> QPointF:
        px, py = self.vp.to_pixel(x, y)
        return QPointF(float(px), float(py))

    def pixel_tolerance(self, px: float = 5.0) -> float:
        return px * self.vp.res

    # rendering --------------------------------------------------------------
    def refresh(self) -> None:
        """Ask for a new render (coalesced; cancels the running one)."""
        if self._running is not None:
            self._running.cancel()
        self._timer.start()

    def _layer_changed(self, lid: str) -> None:
        self.cache.bump(lid)
        self.refresh()

    def _project_replaced(self) -> None:
        self.cache = SnapshotCache()
        self._image = None
        self._auto_fit = True
        if self.width() > 1:
            self.zoom_full()

    def visible_inputs(self):
        p = self.session.project
        view_crs = p.crs
        out = []
        for rec in reversed(p.ordered_layers()):
            if not p.tree.is_visible(rec.id) or not is_drawn(rec):
                continue
            out.append(self.cache.capture(rec, view_crs))
        return out

    def _start_render(self) -> None:
        self._job_id += 1
        sel = {k: v.copy() for k, v in self.session.selection.items()}
        job = RenderJob(self._job_id, self.cache, self.visible_inputs(), self.vp, self.session.project.crs, sel,
                        BACKGROUND)
        job.setAutoDelete(False)
        job.signals.done.connect(self._job_done)
        job.signals.partial.connect(self._job_partial)
        self._running = job
        self._pool.start(job)

    def _show(self, img: np.ndarray, vp: Viewport) -> None:
        h, w = img.shape[:2]
        self._image_array = img
        self._image = QImage(img.data, w, h, 4 * w, QImage.Format_RGBA8888)
        self._image_vp = vp
        self.update()

    def _job_partial(self, job_id: int, img, vp) -> None:
        if job_id == self._job_id:
            self._show(img, vp)

    def _job_done(self, job_id: int, img, vp) -> None:
        if job_id != self._job_id:
            return
        self.last_render_seconds = self._running.elapsed if self._running else 0.0
        self._running = None
        self._show(img, vp)
        self.rendered.emit()

    def is_idle(self) -> bool:
        return self._running is None and not self._timer.isActive()

    def rendered_image(self) -> np.ndarray | None:
        return self._image_array

    # Qt events ----------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        size = event.size()
        self.vp = self.vp.resized(max(size.width(), 1), max(size.height(), 1))
        if self._auto_fit:
            self.zoom_full()
        else:
            self.set_viewport(self.vp)
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(BACKGROUND))
        if self._image is not None and self._image_vp is not None:
            ivp = self._image_vp
            x0, _, _, y1 = ivp.extent
            tl = self.to_screen(x0, y1)
            scale = ivp.res / self.vp.res
            target = QRectF(tl.x(), tl.y(), ivp.width * scale, ivp.height * scale)
            p.setRenderHint(QPainter.SmoothPixmapTransform, scale < 1.0)
            p.drawImage(target, self._image)
        self.overlays.paint(p)
        self.decorations.paint(p)
        if self.tool is not None:
            p.setRenderHint(QPainter.Antialiasing, True)
            self.tool.paint(p)
        p.end()

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            pos = event.position()
            self._auto_fit = False
            self.zoom_by(WHEEL_FACTOR ** steps, (pos.x(), pos.y()))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MiddleButton or (self.tool is None and event.button() == Qt.LeftButton):
            self._pan_from = event.position()
            return
        if self.tool is not None:
            self.tool.press(event)

    def mouseMoveEvent(self, event) -> None:
        x, y = self.to_map(event.position())
        self.cursor_moved.emit(x, y)
        if self._pan_from is not None:
            d = event.position() - self._pan_from
            self._pan_from = event.position()
            self.set_viewport(self.vp.panned(d.x(), d.y()), user=True)
            return
        if self.tool is not None:
            self.tool.move(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            return
        if self.tool is not None:
            self.tool.release(event)

    def mouseDoubleClickEvent(self, event) -> None:
        if self.tool is not None:
            self.tool.double_click(event)

    def keyPressEvent(self, event) -> None:
        if self.tool is not None and self.tool.key(event):
            return
        step = {Qt.Key_Left: (60, 0), Qt.Key_Right: (-60, 0), Qt.Key_Up: (0, 60), Qt.Key_Down: (0, -60)}
        if event.key() in step:
            self.set_viewport(self.vp.panned(*step[event.key()]), user=True)
            return
        super().keyPressEvent(event)

    def set_tool(self, tool) -> None:
        if self.tool is not None:
            self.tool.deactivate()
        self.tool = tool
        if tool is not None:
            tool.activate()
            self.setCursor(tool.cursor)
        else:
            self.setCursor(Qt.ArrowCursor)
        self.update()
