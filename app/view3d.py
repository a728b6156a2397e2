"""The 3D view: terrain, extruded buildings and networks (layers.render.scene3d) in pyvista.

With a real display it embeds a pyvistaqt QtInteractor (orbit, zoom, pan by mouse). Offscreen (tests,
``pyvista.OFF_SCREEN``) it renders with an off-screen plotter into a label and orbits on mouse drags.
Clicking a building selects it in the session: the same selection as the 2D canvas.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

SELECTED = (255, 214, 0)


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _use_qt_interactor() -> bool:
    import pyvista

    return not pyvista.OFF_SCREEN and QGuiApplication.platformName() not in ("offscreen", "minimal")


class View3D(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("view3d")
        self.session = session
        self.plotter = None
        self.scene = None
        self.image_label: QLabel | None = None
        self._loaded = False
        self._sel_actor = None
        self._drag = None
        self.lod_actors: dict = {}
        self._still = QTimer(self, singleShot=True, interval=250)
        self._still.timeout.connect(lambda: self.set_interacting(False))
        self.setLayout(QVBoxLayout())
        self.layout().setContentsMargins(0, 0, 0, 0)
        session.selection_changed.connect(self.show_selection)
        session.features_changed.connect(lambda _l: self.reload() if self._loaded else None)

    # life cycle -------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.reload()

    def _make_plotter(self):
        import pyvista as pv

        if _use_qt_interactor():
            from pyvistaqt import QtInteractor

            plotter = QtInteractor(self)
            self.layout().addWidget(plotter.interactor)
            plotter.track_click_position(self._picked_display, side="left", viewport=False)
            plotter.iren.add_observer("StartInteractionEvent", lambda *_: self.set_interacting(True, render=False))
            plotter.iren.add_observer("EndInteractionEvent", lambda *_: self.set_interacting(False))
            return plotter
        self.image_label = QLabel(self)
        self.image_label.setObjectName("view3d_image")
        self.image_label.setAlignment(Qt.AlignCenter)
        self.image_label.setMinimumSize(320, 240)
        self.layout().addWidget(self.image_label)
        size = (max(self.width(), 800), max(self.height(), 600))
        return pv.Plotter(off_screen=True, window_size=size)

    def reload(self) -> None:
        from layers.render.scene3d import build_scene

        if self.plotter is None:
            self.plotter = self._make_plotter()
        p = self.plotter
        p.clear()
        p.set_background("#dfe9f3", top="#9fc3e6")
        exag = float(QSettings().value("view3d/exaggeration", 1.0))
        self.scene = build_scene(self.session.project, exaggeration=exag)
        self.actors = {}
        self.lod_actors = {}
        for layer in self.scene.layers:
            m = layer.mesh
            if layer.kind == "terrain":
                a = p.add_mesh(m, scalars="rgb", rgb=True, lighting=True, smooth_shading=True, pickable=False)
                if layer.lod is not None:
                    lod = p.add_mesh(layer.lod, scalars="rgb", rgb=True, smooth_shading=True, pickable=False)
                    lod.SetVisibility(False)
                    self.lod_actors[layer.layer_id] = lod
            elif layer.kind == "buildings":
                a = p.add_mesh(m, scalars="rgb" if "rgb" in m.cell_data else None, rgb=True, pickable=True,
                               show_edges=False, lighting=True)
                if layer.lod is not None:
                    lod = p.add_mesh(layer.lod, scalars="rgb" if "rgb" in layer.lod.cell_data else None, rgb=True,
                                     pickable=False)
                    lod.SetVisibility(False)
                    self.lod_actors[layer.layer_id] = lod
            elif layer.kind == "lines":
                color = tuple(int(c) for c in m.field_data["color"]) if "color" in m.field_data else (80, 80, 80)
                a = p.add_mesh(m, color=color, line_width=2.5, pickable=False)
            else:
                a = p.add_mesh(m, scalars="rgb", rgb=True, point_size=6, render_points_as_spheres=True,
                               pickable=False)
            self.actors[layer.layer_id] = a
        p.camera_position = "iso"
        p.camera.elevation = -5
        p.reset_camera()
        p.camera.zoom(1.7)
        self._loaded = True
        self.show_selection()
        self.render()

    def close_plotter(self) -> None:
        if self.plotter is not None:
            self.plotter.close()
            self.plotter = None

    # rendering ----------------------------------------------------------------
    def render(self) -> None:
        if self.plotter is None:
            return
        if self.image_label is None:
            self.plotter.render()
            return
        img = self.screenshot()
        h, w = img.shape[:2]
        qimg = QImage(img.data, w, h, 3 * w, QImage.Format_RGB888).copy()
        self.image_label.setPixmap(QPixmap.fromImage(qimg))

    def screenshot(self) -> np.ndarray:
        self.ensure_loaded()
        return np.ascontiguousarray(self.plotter.screenshot(return_img=True)[..., :3])

    def set_interacting(self, moving: bool, render: bool = True) -> None:
        """While the camera moves, big building layers show their block model (level of detail)."""
        for lid, lod in self.lod_actors.items():
            lod.SetVisibility(moving)
            self.actors[lid].SetVisibility(not moving)
        if moving:
            self._still.start()
        elif render and self.lod_actors:
            self.render()

    def orbit(self, degrees: float, elevation: float = 0.0) -> None:
        self.set_interacting(True, render=False)
        cam = self.plotter.camera
        cam.azimuth += degrees
        if elevation:
            cam.elevation = float(np.clip(cam.elevation + elevation, -89, 89))
        self.render()

    # selection ----------------------------------------------------------------
    def show_selection(self) -> None:
        if not self._loaded or self.plotter is None:
            return
        import pyvista as pv

        if self._sel_actor is not None:
            self.plotter.remove_actor(self._sel_actor)
            self._sel_actor = None
        meshes = []
        for layer in self.scene.layers:
            if layer.kind != "buildings":
                continue
            fids = self.session.selected(layer.layer_id)
            if len(fids) == 0:
                continue
            pos = np.flatnonzero(np.isin(layer.fids, fids))
            cells = np.flatnonzero(np.isin(layer.owner, pos))
            if len(cells):
                meshes.append(layer.mesh.extract_cells(cells))
        if meshes:
            merged = pv.merge(meshes) if len(meshes) > 1 else meshes[0]
            self._sel_actor = self.plotter.add_mesh(merged, color=SELECTED, pickable=False)
        self.render()

    def pick_cell(self, x: int, y: int):
        """(layer id, fid) of the building at display pixel (x, y from the bottom-left), or None."""
        import vtk

        picker = vtk.vtkCellPicker()
        picker.SetTolerance(0.0005)
        if not picker.Pick(x, y, 0, self.plotter.renderer):
            return None
        actor, cell = picker.GetActor(), picker.GetCellId()
        for layer in self.scene.layers:
            if layer.kind == "buildings" and self.actors.get(layer.layer_id) is actor and cell >= 0:
                return layer.layer_id, int(layer.fids[layer.owner[cell]])
        return None

    def select_at(self, x: int, y: int) -> bool:
        hit = self.pick_cell(x, y)
        if hit is None:
            return False
        lid, fid = hit
        self.session.set_current_layer(lid)
        self.session.select(lid, [fid])
        return True

    def _picked_display(self, *_args) -> None:
        pos = self.plotter.click_position
        if pos is not None:
            self.select_at(int(pos[0]), int(pos[1]))

    # offscreen mouse: drag to orbit, click to pick, wheel to zoom --------------------
    def mousePressEvent(self, event) -> None:
        self._drag = (event.position(), event.position())

    def mouseMoveEvent(self, event) -> None:
        if self._drag is not None and self.image_label is not None:
            d = event.position() - self._drag[1]
            self._drag = (self._drag[0], event.position())
            self.orbit(-d.x() * 0.4, d.y() * 0.3)

    def mouseReleaseEvent(self, event) -> None:
        if self._drag is not None and self.image_label is not None:
            start = self._drag[0]
            if (event.position() - start).manhattanLength() < 3:
                self._click_label(event.position())
        self._drag = None

    def _click_label(self, pos) -> None:
        pm = self.image_label.pixmap()
        if pm is None or pm.isNull():
            return
        lbl = self.image_label.geometry()
        ox = (lbl.width() - pm.width()) / 2 + lbl.x()
        oy = (lbl.height() - pm.height()) / 2 + lbl.y()
        x, y = pos.x() - ox, pos.y() - oy
        if 0 <= x < pm.width() and 0 <= y < pm.height():
            self.select_at(int(x), int(pm.height() - 1 - y))

    def wheelEvent(self, event) -> None:
        if self.image_label is not None and self.plotter is not None:
            self.plotter.camera.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            self.render()
