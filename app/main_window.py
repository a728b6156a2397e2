"""The main window: map canvas (and the 3D view) in the centre, docks around it, menus and toolbars
generated from the action registry, enablement kept in step with the session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from app.actions import ActionRegistry, icon
from app.attribute_table import AttributeTableDock
from app.canvas.canvas import MapCanvas
from app.canvas.tools import IdentifyTool, MeasureTool, PanTool, PolygonSelectTool, SelectTool, ZoomBoxTool
from app.canvas.tools_edit import AddFeatureTool, VertexTool
from app.command_texts import command_text
from app.file_ops import FileOps
from app.layer_tree import LayerTreeDock
from app.panels import IdentifyDock, LogDock, UndoDock
from app.session import Session
from app.statusbar import StatusBar
from app.style_panel import StyleDock
from layers.kinds import has_table
from plugins.gui import tr as _t


class MainWindow(QMainWindow):
    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowIcon(icon("app"))
        self.session = session or Session()
        self.actions = ActionRegistry(self)
        self.canvas = MapCanvas(self.session, self)
        self.view3d = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("central_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.canvas, _t("MainWindow", "2D map"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.layers_dock = LayerTreeDock(self.session, self.actions, self)
        self.style_dock = StyleDock(self.session, self)
        self.table_dock = AttributeTableDock(self.session, self.canvas, self)
        self.log_dock = LogDock(self.session, self)
        self.undo_dock = UndoDock(self.session, self)
        self.identify_dock = IdentifyDock(self)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.layers_dock)
        # the right column runs the full height (panels are tall lists); its docks share one tab group
        self.setCorner(Qt.TopRightCorner, Qt.RightDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.setTabPosition(Qt.RightDockWidgetArea, QTabWidget.North)
        self.addDockWidget(Qt.RightDockWidgetArea, self.style_dock)
        self.addDockWidget(Qt.RightDockWidgetArea, self.undo_dock)
        self.addDockWidget(Qt.RightDockWidgetArea, self.identify_dock)
        self.tabifyDockWidget(self.style_dock, self.undo_dock)
        self.tabifyDockWidget(self.undo_dock, self.identify_dock)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.table_dock)
        self.splitDockWidget(self.table_dock, self.log_dock, Qt.Horizontal)
        self.undo_dock.raise_()
        self.resizeDocks([self.layers_dock, self.style_dock], [250, 350], Qt.Horizontal)
        self.resizeDocks([self.table_dock, self.log_dock], [1000, 300], Qt.Horizontal)
        self.resizeDocks([self.table_dock], [210], Qt.Vertical)
        self.status = StatusBar(self.session, self.canvas, self)
        self.setStatusBar(self.status)
        self.menus = self.actions.build_menus(self.menuBar())
        self.toolbars = self.actions.build_toolbars(self)
        view_menu = self.menus["view"]
        view_menu.addSeparator()
        for dock in (self.layers_dock, self.style_dock, self.table_dock, self.log_dock, self.undo_dock,
                     self.identify_dock):
            view_menu.addAction(dock.toggleViewAction())
        self.files = FileOps(self)
        self.tools = self._make_tools()
        self._connect()
        self.session.message.connect(self._message)
        for sig in (self.session.layers_changed, self.session.undo_changed, self.session.selection_changed,
                    self.session.current_layer_changed, self.session.project_replaced, self.session.role_changed):
            sig.connect(self.update_state)
        self.actions["tool.pan"].setChecked(True)
        from app.plugin_panels import add_plugin_panels

        self.plugin_docks = add_plugin_panels(self)
        from app.map_output import install as install_map_output

        install_map_output(self)
        self.undo_dock.raise_()          # the history shows first; plugin panels wait in the View menu
        from app.window_layout import WindowLayout

        self.window_layout = WindowLayout(self)
        self.window_layout.prepare([self.layers_dock, self.style_dock, self.table_dock, self.log_dock,
                                    self.undo_dock, self.identify_dock, *self.plugin_docks])
        self.update_state()
        self.restore_window()

    # tools ------------------------------------------------------------------
    def _make_tools(self) -> dict:
        c, s, rep = self.canvas, self.session, self.report
        return {
            "tool.pan": PanTool(c, s, rep), "tool.zoom_box": ZoomBoxTool(c, s, rep),
            "tool.identify": IdentifyTool(c, s, rep, show=self.identify_dock.show_results),
            "tool.select": SelectTool(c, s, rep), "tool.select_polygon": PolygonSelectTool(c, s, rep),
            "tool.measure": MeasureTool(c, s, rep), "tool.measure_area": MeasureTool(c, s, rep, area=True),
            "tool.add_feature": AddFeatureTool(c, s, rep), "tool.vertex": VertexTool(c, s, rep),
        }

    def run_task(self, title: str, fn, on_done, **kw):
        """Panels: run ``fn(feedback)`` off the UI thread with progress and Cancel (see app.workers.run_task);
        plugins call this instead of importing the app."""
        kw.pop("session", None)
        return self.files._run(title, fn, on_done, **kw)

    def start_task(self, fn):
        """Panels with their own progress display: start ``fn(feedback)`` in the pool without a dialog;
        the returned task has ``signals`` (progress, log, done, failed, finished) and ``cancel()``."""
        from app.workers import Task, pool

        task = Task(fn)
        self.files.tasks.add(task)
        task.signals.finished.connect(lambda: self.files.tasks.discard(task))
        pool().start(task)
        return task

    @staticmethod
    def readable_error(exc: BaseException) -> str:
        """Panels: the sentence to show for an error (never a traceback)."""
        from app.workers import readable_error

        return readable_error(exc)

    @staticmethod
    def log_text(message: str) -> str:
        """Panels: a core progress/log line (English) in the interface language, as the log dock shows it."""
        from app.command_texts import log_text

        return log_text(message)

    @staticmethod
    def ui_language() -> str:
        """Panels: "vi" or "en", the language the interface speaks now."""
        from app.i18n import current_language

        return current_language()

    def pick_point(self, prompt: str, callback) -> None:
        """Panels: the next left click on the map calls ``callback(x, y)`` (project CRS); Esc cancels."""
        from app.canvas.pick_tool import PointPickTool

        previous = self.canvas.tool

        def done():
            self.canvas.set_tool(previous)

        self.tabs.setCurrentWidget(self.canvas)
        self.canvas.set_tool(PointPickTool(self.canvas, self.session, self.report, prompt=prompt,
                                           on_pick=callback, on_done=done))

    def zoom_to_bounds(self, bounds, margin: float = 0.2) -> None:
        """Panels: show ``(minx, miny, maxx, maxy)`` in the project CRS on the map."""
        self.tabs.setCurrentWidget(self.canvas)
        self.canvas.user_navigated()
        self.canvas.zoom_to(bounds, margin)

    def set_layer_badges(self, source: str, badges: dict | None) -> None:
        """Panels: mark layers in the layer tree — ``{layer_id: {"state": "synced" | "edited" | "behind" |
        "diverged" | "conflict" | "readonly", "tooltip": text}}`` (a padlock in the state's colour on the
        legend swatch, the text under the layer's tooltip); ``None`` removes the panel's marks."""
        self.layers_dock.model.set_badges(source, badges)

    def set_tool(self, tool_id: str) -> None:
        self.actions[tool_id].setChecked(True)

    def _tool_toggled(self, tool_id: str, on: bool) -> None:
        if on:
            self.canvas.set_tool(self.tools[tool_id])

    def report(self, text: str) -> None:
        self.status.showMessage(text, 8000)

    def _message(self, level: str, text: str) -> None:
        if level == "error":
            self.status.showMessage(text, 12000)
            if not getattr(self, "quiet_errors", False):
                QMessageBox.warning(self, _t("MainWindow", "CIM Studio"), text)

    # wiring -----------------------------------------------------------------
    def _connect(self) -> None:
        a, f, s, c = self.actions, self.files, self.session, self.canvas
        a.connect("project.new", f.new_project)
        a.connect("project.open", f.open_dialog)
        a.connect("project.save", f.save)
        a.connect("project.save_as", f.save_as)
        a.connect("layer.import_vector", lambda: f.import_dialog("vector"))
        a.connect("layer.import_raster", lambda: f.import_dialog("raster"))
        a.connect("app.reviewer", self.set_reviewer)
        a.connect("app.settings", self.show_settings)
        a.connect("app.quit", self.close)
        a.connect("edit.undo", lambda: self._stack("undo"))
        a.connect("edit.redo", lambda: self._stack("redo"))
        a.connect("edit.delete", self.delete_selected)
        a.connect("edit.clear_selection", s.clear_selection)
        a.connect("edit.attribute_form", self.open_attribute_form)
        for tid in self.tools:
            a.connect(tid, lambda on, tid=tid: self._tool_toggled(tid, on))
        a.connect("view.zoom_in", lambda: (c.user_navigated(), c.zoom_by(1.5)))
        a.connect("view.zoom_out", lambda: (c.user_navigated(), c.zoom_by(1 / 1.5)))
        a.connect("view.zoom_full", c.zoom_full)
        a.connect("view.zoom_layer", self.zoom_to_layer)
        a.connect("view.zoom_selection", self.zoom_to_selection)
        a.connect("view.refresh", lambda: (c.cache.bump(), c.refresh()))
        a.connect("view.3d", self.show_3d)
        a.connect("view.reset_layout", lambda: self.window_layout.reset())
        a.connect("layer.attributes", lambda: (self.table_dock.show(), self.table_dock.raise_()))
        a.connect("layer.properties", lambda: (self.style_dock.show(), self.style_dock.raise_()))
        a.connect("layer.metadata", self.edit_layer_info)
        a.connect("layer.remove", self.remove_layer)
        a.connect("layer.fix_geometry", self.fix_geometry)
        a.connect("help.about", self.show_about)
        s.project_replaced.connect(self._project_replaced)

    def update_state(self, *_args) -> None:
        s = self.session
        p = s.project
        rec = s.current_layer()
        self.actions.update({
            "project": True, "editable": s.editable, "layer": rec is not None,
            "vector_layer": has_table(rec),
            "selection": s.selection_count() > 0,
            "undo": p.undo_stack.can_undo(), "redo": p.undo_stack.can_redo()})
        reviewer = self.actions["app.reviewer"]
        if reviewer.isChecked() != s.reviewer:      # a project opened for review ticks it by itself
            reviewer.blockSignals(True)
            reviewer.setChecked(s.reviewer)
            reviewer.blockSignals(False)
        undo, redo = self.actions["edit.undo"], self.actions["edit.redo"]
        undo.setText(_t("MainWindow", "&Undo %1").replace("%1", command_text(p.undo_stack.undo_text(), p)).strip())
        redo.setText(_t("MainWindow", "&Redo %1").replace("%1", command_text(p.undo_stack.redo_text(), p)).strip())
        self._update_title()

    def _update_title(self) -> None:
        p = self.session.project
        name = p.path.name if p.path else _t("MainWindow", "Untitled project")
        reviewer = _t("MainWindow", "Reviewer (read-only)")
        role = f" — {reviewer}" if self.session.reviewer else ""
        self.setWindowTitle(f"{name}[*]{role} — CIM Studio")
        self.setWindowModified(p.is_modified())

    def _project_replaced(self) -> None:
        if self.view3d is not None:
            self.view3d.reload()

    def _stack(self, which: str) -> None:
        from cim.errors import CimError

        try:
            getattr(self.session.project.undo_stack, which)()
        except CimError as exc:
            self.session.message.emit("error", str(exc))

    # actions ----------------------------------------------------------------
    def delete_selected(self) -> None:
        from cim.project.feature_edits import DeleteFeatures

        s = self.session
        sel = {k: v for k, v in s.selection.items() if s.project.layers.get(k) is not None}
        if not sel:
            return
        with s.project.undo_stack.macro(_t("MainWindow", "Delete %1 feature(s)").replace("%1", str(s.selection_count()))):
            for lid, fids in sel.items():
                s.push(DeleteFeatures(s.project, lid, fids))
        s.clear_selection()

    def open_attribute_form(self, _checked=False, exec_dialog: bool = True):
        from app.attribute_form import AttributeForm

        s = self.session
        lid = s.current_layer_id if len(s.selected(s.current_layer_id or "")) else next(iter(s.selection), None)
        if lid is None:
            return None
        form = AttributeForm(s, lid, int(s.selected(lid)[0]), self)
        if exec_dialog:
            form.exec()
        return form

    def zoom_to_layer(self) -> None:
        from app.canvas.extent import layer_extent

        rec = self.session.current_layer()
        ext = layer_extent(rec, self.session.project.crs) if rec is not None else None
        if ext is not None:
            self.canvas.user_navigated()
            self.canvas.zoom_to(ext)

    def zoom_to_selection(self) -> None:
        import numpy as np

        boxes = []
        for lid, fids in self.session.selection.items():
            rec = self.session.project.layers.get(lid)
            if has_table(rec):
                boxes.append(rec.data.loc[rec.data.index.intersection(fids)].total_bounds)
        if boxes:
            b = np.array(boxes)
            self.canvas.user_navigated()
            self.canvas.zoom_to((b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()), 0.2)

    def fix_geometry(self):
        from app.geometry_actions import fix_geometry

        return fix_geometry(self)

    def edit_layer_info(self) -> None:
        from app.layer_info_dialog import LayerInfoDialog

        rec = self.session.current_layer()
        if rec is not None:
            LayerInfoDialog(self.session, rec, self).exec()

    def remove_layer(self) -> None:
        from cim.project.edits import RemoveLayer

        rec = self.session.current_layer()
        if rec is not None:
            self.session.push(RemoveLayer(self.session.project, rec.id))

    def set_reviewer(self, on: bool) -> None:
        self.session.set_reviewer(on)
        action = self.actions["app.reviewer"]
        if not on and self.session.reviewer:      # the project grants no more than reviewing
            action.blockSignals(True)
            action.setChecked(True)
            action.blockSignals(False)
            self.report(_t("MainWindow", "This project is open for review only: the role cannot be changed here"))
            return
        if on and self.canvas.tool in (self.tools["tool.add_feature"], self.tools["tool.vertex"]):
            self.set_tool("tool.pan")
        self.report(_t("MainWindow", "Reviewer mode: editing is disabled") if on else _t("MainWindow", "Editing enabled"))

    def show_3d(self) -> None:
        if self.view3d is None:
            from app.view3d import View3D

            self.view3d = View3D(self.session, self)
            self.tabs.addTab(self.view3d, _t("MainWindow", "3D view"))
        self.tabs.setCurrentWidget(self.view3d)

    def _tab_changed(self, index: int) -> None:
        if self.view3d is not None and self.tabs.widget(index) is self.view3d:
            self.view3d.ensure_loaded()

    def show_settings(self) -> None:
        from app.dialogs import SettingsDialog

        SettingsDialog(self).exec()

    def show_about(self) -> None:
        from app.dialogs import show_about

        show_about(self)

    # window state -------------------------------------------------------------
    def restore_window(self) -> bool:
        return self.window_layout.restore()

    def save_window(self) -> None:
        self.window_layout.save()

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_window()
        if self.view3d is not None:
            self.view3d.close_plotter()
        event.accept()
