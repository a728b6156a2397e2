"""Screenshots of the user guide's tasks, taken under a real X server (Xvfb) in one language.

    xvfb-run -a python tests/app/guide_driver.py vi resources/guide/img/vi
    xvfb-run -a python tests/app/guide_driver.py en resources/guide/img/en

(``tests/app/test_guide.py`` runs it and checks every picture; with CIM_UPDATE_SCREENSHOTS=1 it refreshes
the committed ones.) The window is 1366×768, the most common laptop screen here."""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHOTS = ("open", "import", "metadata", "checks", "tod", "package", "print", "sheet")


def main(lang: str, out: str) -> int:
    sys.path.insert(0, str(REPO))
    work = Path(tempfile.mkdtemp(prefix="cim-guide-"))
    os.environ["CIMSTUDIO_KEY_DIR"] = str(work / "keys")
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "settings"))
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget

    from app.bootstrap import build_window, make_app

    app = make_app([], lang)
    app.setOrganizationName("CIM Studio Guide")
    project = work / "district.cim.gpkg"
    shutil.copyfile(REPO / "sample_data" / "district.cim.gpkg", project)
    shutil.copytree(REPO / "sample_data" / "district" / "ifc", work / "district" / "ifc")
    win = build_window(str(project))
    win.never_ask = True
    win.quiet_errors = True
    win.resize(1366, 768)
    win.show()
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)

    def pump(cond=lambda: False, timeout=60.0):
        t = time.perf_counter()
        while time.perf_counter() - t < timeout:
            app.processEvents()
            if cond():
                return True
            time.sleep(0.02)
        return False

    def idle():
        pump(lambda: win.canvas.is_idle() and win.canvas.rendered_image() is not None and not win.files.tasks)
        pump(timeout=0.4)

    def save(widget, name):
        idle()
        widget.grab().save(str(out_dir / f"{name}.png"))
        print("saved", name, flush=True)

    def dock_of(panel):
        dock = panel.parentWidget()
        while not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        dock.show()
        dock.raise_()
        return dock

    # 1. the sample project open
    save(win, "open")

    # 2. importing a layer: the dialog on the sample's source GeoPackage
    from app.import_dialog import ImportDialog

    dlg = ImportDialog(win, "vector", win.session.project.crs)
    dlg.file.setText(str(REPO / "sample_data" / "district" / "sources.gpkg"))
    dlg.inspect()
    dlg.layer.setCurrentIndex(max(0, dlg.layer.findText("plots")))
    dlg.show()
    save(dlg, "import")
    dlg.close()

    # 3. plan information
    from app.map_output import open_metadata_dialog, open_print_dialog

    meta = open_metadata_dialog(win, exec_dialog=False)
    meta.show()
    save(meta, "metadata")
    meta.close()

    # 4. checks: a run of the Decree 269 pack, first finding selected (the panel gets the height)
    from PySide6.QtTest import QTest

    win.table_dock.hide()
    win.log_dock.hide()
    win.canvas.decorations.set_shown("legend", False)
    from plugins.builtin.checks._qt.panel import ChecksPanel

    panel = win.findChild(ChecksPanel)
    checks_dock = dock_of(panel)
    panel.opener = lambda url: None
    panel.run_button.click()
    pump(lambda: not panel.tasks and panel.run is not None, 180)
    if panel.table.model().rowCount():
        row = min(1, panel.table.model().rowCount() - 1)       # a plot overlap (PLN-02) shows well on the map
        rect = panel.table.visualRect(panel.table.model().index(row, 0))
        QTest.mouseClick(panel.table.viewport(), Qt.LeftButton, pos=rect.center())
        pump(timeout=0.3)
        win.canvas.zoom_by(0.3)
    save(win, "checks")
    win.session.clear_selection()
    win.canvas.zoom_full()
    checks_dock.hide()

    # 5. TOD study
    tod_dock = win.findChild(QDockWidget, "dock_plugin_tod.tod")
    tod_dock.show()
    tod_dock.raise_()
    tod = tod_dock.panel
    tod.run_button.click()
    pump(lambda: not win.files.tasks and tod.run is not None, 180)
    model = tod.table.model()
    if model.rowCount():
        rect = tod.table.visualRect(model.index(model.rowCount() - 1, 0))
        QTest.mouseClick(tod.table.viewport(), Qt.LeftButton, pos=rect.center())
    save(win, "tod")
    tod_dock.hide()
    win.canvas.overlays.clear()
    win.table_dock.show()
    win.log_dock.show()
    win.canvas.decorations.set_shown("legend", True)

    # 6. the appraisal package wizard, after the package is written
    from plugins.builtin.review._qt.panel import show_package_wizard

    wiz = show_package_wizard(win)
    wiz.contents.reports.setChecked(False)
    wiz.next()
    wiz.target.path.setText(str(work / "ho_so" / "district"))
    (work / "ho_so").mkdir(exist_ok=True)
    wiz.next()
    pump(lambda: wiz.currentPage() is wiz.summary or wiz.run.error is not None, 240)
    save(wiz, "package")
    wiz.close()

    # 7. print layout with its preview, and 8. the sheet it exports
    dlg = open_print_dialog(win, exec_dialog=False)
    dlg.show()
    pump(lambda: dlg.is_idle() and dlg.last_result is not None, 120)
    save(dlg, "print")
    from PIL import Image

    from layers.sheet.api import print_sheet

    sheet = work / "sheet.png"
    print_sheet(win.session.project, sheet, paper="A3", scale=5000, dpi=72, language=lang)
    Image.open(sheet).save(out_dir / "sheet.png", optimize=True)
    print("saved sheet", flush=True)
    dlg.close()
    win.canvas.setFocus(Qt.OtherFocusReason)
    print("platform", app.platformName(), flush=True)
    win.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
