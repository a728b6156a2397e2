"""Run under a real X server (see test_screenshots.py): open the sample, take the main-window and 3D
screenshots. Usage: python screenshot_driver.py PROJECT OUT_DIR SETTINGS_DIR"""

import sys
import time
from pathlib import Path


def main(project: str, out: str, settings: str) -> int:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings)
    from app.bootstrap import build_window, make_app

    app = make_app([], "vi")
    app.setOrganizationName("CIM Studio Screenshots")
    win = build_window(project)
    win.never_ask = True
    win.quiet_errors = True
    win.resize(1366, 768)           # the most common laptop screen here: the README shows it at that size
    win.show()

    def pump(cond, timeout=60.0):
        t = time.perf_counter()
        while time.perf_counter() - t < timeout:
            app.processEvents()
            if cond():
                return True
            time.sleep(0.02)
        return False

    pump(lambda: win.canvas.is_idle() and win.canvas.rendered_image() is not None)
    rec = win.session.current_layer()
    mixed = rec.data.index[(rec.data.get("category") == "mixed_use").to_numpy()] if "category" in rec.data else []
    if len(mixed):
        win.session.select(rec.id, [int(mixed[0])])
    pump(lambda: False, 0.3)
    pump(lambda: win.canvas.is_idle())
    pump(lambda: False, 0.3)
    Path(out).mkdir(parents=True, exist_ok=True)
    win.grab().save(str(Path(out) / "main_window.png"))
    win.show_3d()
    pump(lambda: False, 1.0)
    v = win.view3d
    v.ensure_loaded()
    v.plotter.camera.azimuth = 35
    v.plotter.camera.elevation = 5
    v.render()
    pump(lambda: False, 0.5)
    from PIL import Image

    Image.fromarray(v.screenshot()).save(str(Path(out) / "view_3d.png"))
    print("platform", app.platformName(), "interactor", v.image_label is None, flush=True)
    win.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main(*sys.argv[1:4]))
