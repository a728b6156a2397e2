"""Project files and imports from the GUI: new, open, save, save as, recent files, import a layer.
Reading and writing run in workers with progress and Cancel; the core does the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.i18n import layer_name
from app.session import recent_files, remember_recent
from app.workers import run_task
from plugins.gui import tr as _t

PROJECT_FILTER = "CIM Studio (*.cim.gpkg)"



class _CaptureProject:
    """Stands in for the project inside an import worker: the core builds the layer record there and
    'pushes' its AddLayer here; the real command is pushed on the UI thread afterwards."""

    def __init__(self, project) -> None:
        self.crs, self.path = project.crs, project.path
        self.captured = []

    def push(self, command):
        self.captured.append((command.record, command.parent_id))
        return command


class FileOps:
    def __init__(self, window) -> None:
        self.window = window
        self.session = window.session
        self.tasks: set = set()
        self.recent_menu = window.menus["file"].addMenu(_t("FileOps", "Open &recent"))
        self.recent_menu.setObjectName("menu_recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu = window.menus["file"]
        file_menu.insertMenu(window.actions["project.save"], self.recent_menu)
        from app.recovery import RecoveryGuard

        self.recovery = RecoveryGuard(window, self)     # autosave and the recovery prompt

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_files():
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not recent_files():
            self.recent_menu.addAction(_t("FileOps", "(no recent projects)")).setEnabled(False)

    def _run(self, title, fn, on_done, **kw):
        return run_task(self.window, title, fn, on_done, session=self.session, tracked=self.tasks, **kw)

    # project ----------------------------------------------------------------
    def new_project(self, _checked=False) -> None:
        from cim.project import Project

        if self.maybe_save():
            self.session.set_project(Project(crs=self.session.project.crs))

    def open_dialog(self, _checked=False) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, _t("FileOps", "Open project"), "", PROJECT_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path, on_done=None):
        from cim.project.store import open_project

        def done(project):
            self.session.set_project(project)
            remember_recent(str(project.path or path))
            if on_done is not None:
                on_done(project)
        return self._run(_t("FileOps", "Opening %1…").replace("%1", Path(path).name),
                         lambda fb: open_project(path, feedback=fb), done)

    def save(self, _checked=False, on_done=None):
        if self.session.project.path is None:
            return self.save_as(on_done=on_done)
        return self._save_to(self.session.project.path, on_done)

    def save_as(self, _checked=False, on_done=None):
        path, _ = QFileDialog.getSaveFileName(self.window, _t("FileOps", "Save project as"), "", PROJECT_FILTER)
        if not path:
            return None
        if not path.endswith(".cim.gpkg"):
            path += ".cim.gpkg"
        return self._save_to(path, on_done)

    def _save_to(self, path, on_done=None):
        from cim.project.store import save_project

        project = self.session.project

        def done(saved):
            remember_recent(str(saved))
            self.session.undo_changed.emit()
            self.session.message.emit("info", _t("FileOps", "Saved %1").replace("%1", str(saved)))
            if on_done is not None:
                on_done(saved)
        return self._run(_t("FileOps", "Saving %1…").replace("%1", Path(path).name),
                         lambda fb: save_project(project, path, feedback=fb), done)

    def maybe_save(self) -> bool:
        """Ask before losing unsaved edits. True when it is fine to go on."""
        p = self.session.project
        if not p.is_modified() or getattr(self.window, "never_ask", False):
            return True
        answer = QMessageBox.question(
            self.window, _t("FileOps", "Unsaved changes"), _t("FileOps", "The project has unsaved changes. Save them?"),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
        if answer == QMessageBox.Save:
            task = self.save()
            if task is None:
                return False
            from app.workers import pool

            pool().waitForDone()
            return not p.is_modified()
        if answer == QMessageBox.Discard:
            self.recovery.discard_current()
            return True
        return False

    # import -----------------------------------------------------------------
    def import_dialog(self, kind: str) -> None:
        from app.import_dialog import ImportDialog

        dlg = ImportDialog(self.window, kind, self.session.project.crs)
        if dlg.exec():
            self.import_file(dlg.path(), kind=kind, crs_if_missing=dlg.chosen_crs(), layer=dlg.layer_name())

    def reader_for(self, path, kind: str | None = None):
        """``(kind, callable)`` of the installed plugin reader for ``path`` (preferring ``kind``), or None."""
        from app.launcher import plugin_reader_lookup

        return plugin_reader_lookup()(path, kind)

    def import_file(self, path, *, kind: str | None = None, crs_if_missing: str | None = None,
                    layer: str | None = None, on_done=None, reader=None):
        """Import ``path`` in a worker; the layer is added by one undoable command on the UI thread.
        A failure or Cancel leaves the project unchanged."""
        from cim.project.edits import AddLayer
        from cim.project.importing import import_layer

        capture = _CaptureProject(self.session.project)
        if reader is None:      # the plugin registry's reader, as the CLI's; none: the core's built-in one
            found = self.reader_for(path, kind)
            if found is not None:
                kind, reader = found

        def work(fb):
            import_layer(capture, path, layer=layer, crs_if_missing=crs_if_missing, reader=reader,
                         kind=kind if reader is not None else None, feedback=fb)
            return capture.captured

        def done(captured):
            for record, parent_id in captured:
                self.session.push(AddLayer(self.session.project, record, parent_id=parent_id))
                self.session.set_current_layer(record.id)
                self.session.message.emit("info", _t("FileOps", "Imported %1").replace("%1", layer_name(record)))
            if on_done is not None:
                on_done(captured)
        return self._run(_t("FileOps", "Importing %1…").replace("%1", Path(path).name), work, done)
