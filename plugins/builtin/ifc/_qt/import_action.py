"""File ▸ Import IFC…: pick IFC files, import each in a worker (progress, Cancel), add the layers on the
UI thread as one undo step per file. A failure or a Cancel leaves the project unchanged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from plugins.builtin.ifc._qt.common import cache_dir, finding_text, plan_boundary, run_ifc_task
from plugins.gui import tr as _t

IFC_FILTER = "IFC (*.ifc *.IFC)"


class IfcImporter(QObject):
    """Owns the Import IFC… action; ``imported(layer_id)`` fires when a model has been added."""

    imported = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.action = QAction(_t("IfcImport", "Import &IFC model…"), window)
        self.action.setObjectName("action_import_ifc")
        self.action.setStatusTip(_t("IfcImport", "Import BIM models (IFC2X3, IFC4, IFC4.3) as building layers"))
        self.action.triggered.connect(self.open_dialog)
        self.place_dialog = None                          # the open “where does it go?” dialog, if any
        menu = window.menus["file"]
        try:                                             # beside the other imports of the File menu
            menu.insertAction(window.actions["app.reviewer"], self.action)
        except (AttributeError, KeyError, TypeError):
            menu.addAction(self.action)
        self.session.role_changed.connect(lambda _r: self._update_enabled())
        self.session.project_replaced.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.action.setEnabled(self.session.editable)

    def open_dialog(self, _checked=False) -> None:
        from cim.ifc.isolated import warm_up

        warm_up()            # the reader's child-process server starts while the user picks files
        paths, _ = QFileDialog.getOpenFileNames(self.window, _t("IfcImport", "Import IFC model"), "", IFC_FILTER)
        for path in paths:
            self.import_path(path)

    def import_path(self, path, *, name: str | None = None, place=None, on_done=None, on_failed=None):
        """Import ``path`` in a worker; returns the task (``task.cancel()`` cancels it). A model without
        georeferencing is not put at (0, 0): the user is asked where it goes (:meth:`ask_placement`)
        and the import runs again with that ``place`` (E, N, rotation°), or nothing is imported."""
        from cim.ifc.importer import analyse_ifc, ifc_layer_records

        project = self.session.project
        crs, cache, boundary = project.crs, cache_dir(project), plan_boundary(project)
        path = Path(path)

        def work(fb):
            res = analyse_ifc(path, target_crs=crs, cache_dir=cache, plan_boundary=boundary, place=place,
                              feedback=fb)
            fb.raise_if_canceled("IFC import")
            return ifc_layer_records(crs, path, res, name=name)

        def done(records):
            added = self._add(project, path, records)
            if on_done is not None:
                on_done(records if added else None)

        def failed(exc):
            from cim.errors import Canceled
            from cim.ifc.place import MissingGeoref

            if isinstance(exc, MissingGeoref) and place is None and self.session.project is project:
                self.ask_placement(path, lambda where: self.import_path(path, name=name, place=where, on_done=on_done,
                                                                        on_failed=on_failed),
                                   lambda: on_failed(exc) if on_failed is not None else None)
                return
            if not isinstance(exc, Canceled):
                self.session.message.emit("error", self.window.readable_error(exc))
            if on_failed is not None:
                on_failed(exc)

        title = _t("IfcImport", "Importing %1…").replace("%1", path.name)
        return run_ifc_task(self.window, title, work, done, on_failed=failed, show_errors=False)

    def ask_placement(self, path: Path, on_place, on_cancel) -> None:
        """Ask where the origin of ``path`` goes; ``on_place((E, N, rotation))`` or ``on_cancel()``."""
        from plugins.builtin.ifc._qt.place_dialog import PlaceAtImportDialog

        dlg = PlaceAtImportDialog(self.window, path)
        self.place_dialog = dlg

        def accepted():
            self.place_dialog = None
            on_place(dlg.placement())

        def rejected():
            self.place_dialog = None
            self.session.message.emit("warning", _t("IfcImport", "%1 was not imported: it has no georeferencing and "
                                                         "no place was given").replace("%1", path.name))
            on_cancel()

        dlg.accepted.connect(accepted)
        dlg.rejected.connect(rejected)
        dlg.finished.connect(dlg.deleteLater)
        dlg.show()

    def _add(self, project, path: Path, records) -> bool:
        from cim.errors import CimError
        from cim.ifc.importer import add_ifc_layers

        if self.session.project is not project:          # another project was opened meanwhile
            self.session.message.emit("warning", _t("IfcImport", "The import of %1 was dropped: another project "
                                                         "was opened meanwhile").replace("%1", path.name))
            return False
        try:
            add_ifc_layers(project, path, records,       # one macro: rolled back if any part is refused
                           group=_t("IfcImport", "BIM models (IFC)"))
        except CimError as exc:
            self.session.message.emit("error", str(exc))
            return False
        model = records[0].data
        self.session.set_current_layer(records[0].id)
        self.session.message.emit("info", _t("IfcImport", "Imported %1: %2 building(s), %3 layer(s)")
                                  .replace("%1", path.name).replace("%2", str(len(model.buildings)))
                                  .replace("%3", str(len(records))))
        for w in model.warnings:                          # the georeferencing panel shows them too
            self.session.message.emit("warning", f"{path.name}: [{w.code}] {finding_text(w)}")
        self.imported.emit(records[0].id)
        return True
