"""The 3D view: terrain, extruded buildings, IFC models and networks (layers.render.scene3d) in pyvista.

With a real display it embeds a pyvistaqt QtInteractor (orbit, zoom, pan by mouse). Offscreen (tests,
``pyvista.OFF_SCREEN``) it renders with an off-screen plotter into a label and orbits on mouse drags.
Clicking a building selects it in the session: the same selection as the 2D canvas. Clicking an IFC
element shows its GlobalId, class and name in the Identify dock and selects the GIS building it belongs to.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.view3d.ifc_bar import IfcBar
from layers.kinds import layer_kind
from plugins.gui import tr as _t

SELECTED = (255, 214, 0)



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
        self.actors: dict = {}
        self.last_pick = None
        self._scene_project = None
        self._window = parent
        self._still = QTimer(self, singleShot=True, interval=250)
        self._still.timeout.connect(lambda: self.set_interacting(False))
        self._stale = QTimer(self, singleShot=True, interval=120)      # several changes → one reload
        self._stale.timeout.connect(self._reload_if_loaded)
        self.setLayout(QVBoxLayout())
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.layout().setSpacing(0)
        self.ifc_bar = IfcBar(self)
        self.ifc_bar.mode_changed.connect(lambda _m: self.reload() if self._loaded else None)
        self.layout().addWidget(self.ifc_bar)
        session.selection_changed.connect(self.show_selection)
        session.features_changed.connect(lambda _l: self._stale.start())
        session.layers_changed.connect(self._stale.start)

    # life cycle -------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.reload()

    def _reload_if_loaded(self) -> None:
        if self._loaded and self.isVisible():
            self.reload()
        else:
            self._loaded = False            # rebuilt when the 3D tab is shown again

    def _make_plotter(self):
        import pyvista as pv

        from layers.render.scene3d_actors import prepare_plotter

        if _use_qt_interactor():
            from pyvistaqt import QtInteractor

            plotter = QtInteractor(self)
            prepare_plotter(plotter)
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
        plotter = pv.Plotter(off_screen=True, window_size=size)
        prepare_plotter(plotter)
        return plotter

    def reload(self) -> None:
        from layers.render.scene3d import build_scene
        from layers.render.scene3d_actors import add_scene_layer

        if self.plotter is None:
            self.plotter = self._make_plotter()
        p = self.plotter
        project = self.session.project
        keep_camera = self.scene is not None and self._scene_project is project   # same project: same view
        camera = p.camera_position if keep_camera else None
        p.clear()
        self._sel_actor = None
        p.set_background("#dfe9f3", top="#9fc3e6")
        exag = float(QSettings().value("view3d/exaggeration", 1.0))
        self._scene_project = project
        self.scene = build_scene(project, exaggeration=exag, ifc_mode=self.ifc_bar.mode)
        for text in self.scene.warnings:
            self.session.message.emit("warning", _t("View3D", "3D view: %1").replace("%1", text))
        self.actors, self.lod_actors = {}, {}
        for layer in self.scene.layers:
            actor, lod = add_scene_layer(p, layer)
            self.actors[layer.layer_id] = actor
            if lod is not None:
                self.lod_actors[layer.layer_id] = lod
        if camera is not None:
            p.camera_position = camera
        else:
            p.camera_position = "iso"
            p.camera.elevation = -5
            p.reset_camera()
            p.camera.zoom(1.7)
        self._loaded = True
        self.ifc_bar.show_scene(self.scene, sum(1 for r in project.ordered_layers() if layer_kind(r).scene3d == "model"))
        self.show_selection()

    def ifc_layers(self) -> list:
        """The IFC models of the scene (SceneLayers of kind ``ifc``)."""
        return [layer for layer in (self.scene.layers if self.scene else []) if layer.kind == "ifc"]

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
        """The current frame. pyvista's screenshot renders only the very first frame itself, later ones
        read whatever the window last drew: render first, or a moved camera shows the old picture."""
        self.ensure_loaded()
        self.plotter.render()
        return np.ascontiguousarray(self.plotter.screenshot(return_img=True)[..., :3])

    def set_interacting(self, moving: bool, render: bool = True) -> None:
        """While the camera moves, big layers show their stand-ins (level of detail) under a flat sky."""
        if self.lod_actors and self.plotter is not None:
            from layers.render.scene3d_actors import set_moving

            set_moving(self.plotter, moving, [self.actors[lid] for lid in self.lod_actors], self.lod_actors.values())
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

        from app.view3d.picking import selected_cells

        if self._sel_actor is not None:
            self.plotter.remove_actor(self._sel_actor)
            self._sel_actor = None
        meshes = selected_cells(self.scene, self.session)
        if meshes:
            merged = pv.merge(meshes) if len(meshes) > 1 else meshes[0]
            self._sel_actor = self.plotter.add_mesh(merged, color=SELECTED, pickable=False)
        self.render()

    def pick(self, x: int, y: int):
        """The :class:`app.view3d.picking.Hit` at display pixel (x, y from the bottom-left), or None."""
        from app.view3d.picking import pick

        return pick(self.plotter, self.scene, self.actors, self.session.project, x, y)

    def pick_cell(self, x: int, y: int):
        """(layer id, fid) of the building at display pixel (x, y from the bottom-left), or None."""
        hit = self.pick(x, y)
        return (hit.layer_id, hit.fid) if hit is not None and hit.element is None else None

    def select_at(self, x: int, y: int) -> bool:
        hit = self.pick(x, y)
        self.last_pick = hit
        if hit is None:
            return False
        if hit.element is not None:
            self._identify(hit)
        if hit.select_layer_id is not None and hit.fid is not None:
            self.session.set_current_layer(hit.select_layer_id)
            self.session.select(hit.select_layer_id, [hit.fid])
        return True

    def _identify(self, hit) -> None:
        e = hit.element
        rec = self.session.project.layers.get(hit.layer_id)
        attrs = {_t("View3D", "GlobalId"): e["guid"], _t("View3D", "IFC class"): e["ifc_class"],
                 _t("View3D", "Name"): e["name"] or "—", _t("View3D", "IFC building"): e["building_guid"] or "—"}
        dock = getattr(self._window, "identify_dock", None)
        if dock is not None:
            dock.show_results([(rec.name if rec else hit.layer_id, None, attrs)])
        text = (_t("View3D", "%1 %2 (GlobalId %3)").replace("%1", e["ifc_class"])
                .replace("%2", f"«{e['name']}»" if e["name"] else "").replace("%3", e["guid"]))
        if hasattr(self._window, "report"):
            self._window.report(text)

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
