"""The GUI composition root: ``run_gui(argv)`` makes the QApplication, installs the language, opens
the project given (or a copy of the sample district in the user's data folder) and shows the main window.

    cimstudio [PROJECT.cim.gpkg] [--lang vi|en] [--reviewer] [--screenshot OUT.png]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PROJECT = REPO / "sample_data" / "district.cim.gpkg"


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="cimstudio", add_help=True)
    ap.add_argument("project", nargs="?", help="a .cim.gpkg project to open (default: your copy of the sample district)")
    ap.add_argument("--lang", choices=("vi", "en"), help="user interface language for this run")
    ap.add_argument("--reviewer", action="store_true", help="open read-only in reviewer mode")
    ap.add_argument("--screenshot", help="save a screenshot of the window once the map is drawn, then quit")
    ap.add_argument("--empty", action="store_true", help="start with an empty project")
    return ap.parse_args(argv)


def make_app(argv=(), lang: str | None = None):
    from PySide6.QtWidgets import QApplication

    from app.i18n import install_language

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "cimstudio", *argv])
    app.setOrganizationName("CIM Studio")
    app.setApplicationName("CIM Studio")
    app.setApplicationDisplayName("CIM Studio")
    install_language(app, lang)
    return app


def sample_project_path() -> Path:
    """The committed sample project, or one built from the sample sources in a temp file."""
    if SAMPLE_PROJECT.exists():
        return SAMPLE_PROJECT
    from app.sample import build_sample_project

    return build_sample_project()


def user_sample_project() -> Path:
    """The sample district to work on: a copy in the user's data folder (made on first run, with the
    sources and IFC models it refers to), never the committed file — Ctrl+S must not rewrite the
    repository's sample. Later runs open the same copy with the user's edits."""
    import shutil

    from platformdirs import user_data_dir

    folder = Path(user_data_dir("CIM Studio", "CIM Studio")) / "sample"
    target = folder / SAMPLE_PROJECT.name
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    beside = SAMPLE_PROJECT.parent / "district"
    if beside.is_dir():            # the sources and IFC models the project names (relative paths)
        shutil.copytree(beside, folder / "district", dirs_exist_ok=True)
    tmp = folder / f".{target.name}.{os.getpid()}.copy"
    try:
        shutil.copyfile(sample_project_path(), tmp)
        os.replace(tmp, target)    # a half-copied sample never passes for the real one
    finally:
        tmp.unlink(missing_ok=True)
    return target


def build_window(path: str | Path | None, *, reviewer: bool = False, empty: bool = False):
    """The main window with ``path`` (or the sample) opened synchronously."""
    from app.main_window import MainWindow
    from app.session import Session
    from cim.project import Project
    from cim.project.store import open_project

    kind_problems = install_plugin_kinds()
    if empty:
        project = Project()
    else:
        project = open_project(path or user_sample_project())
    session = Session()
    session.reviewer = reviewer
    session.set_project(project)
    win = MainWindow(session)
    for problem in kind_problems:
        session.message.emit("warning", problem)
    if reviewer:
        win.actions["app.reviewer"].setChecked(True)
    return win


def install_plugin_kinds() -> list[str]:
    """Register the installed plugins' layer kinds (before any project opens: a kind may bring the
    serializer its layers need); returns the problems to show (once)."""
    from plugins.layer_kinds import install_layer_kinds

    return install_layer_kinds()


class _ProjectLoader:
    """Opens the project in a thread while Qt starts and the window is built (they overlap)."""

    def __init__(self, path) -> None:
        import threading

        self.path, self.project, self.error = path, None, None
        self.thread = threading.Thread(target=self._run, name="open-project", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            from cim.project.store import open_project
            from layers.kinds import layer_kind

            project = open_project(self.path or user_sample_project())
            for rec in project.layers.values():      # rasterio loads here, not on the UI thread
                preload = layer_kind(rec).preload
                if preload is not None:
                    preload(rec)
            self.project = project
        except Exception as exc:  # reported on the UI thread
            self.error = exc

    def wait(self, app):
        while self.thread.is_alive():
            app.processEvents()
            self.thread.join(0.01)
        if self.error is not None:
            raise self.error
        return self.project


def run_gui(argv=None) -> int:
    t0 = time.perf_counter()
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    install_plugin_kinds()      # build_window shows the problems
    loader = None if args.empty else _ProjectLoader(args.project)
    app = make_app([], args.lang)
    from PySide6.QtWidgets import QMessageBox

    from app.workers import readable_error

    win = build_window(None, reviewer=args.reviewer, empty=True)
    win.show()
    if loader is not None:
        try:
            win.session.set_project(loader.wait(app))
        except Exception as exc:  # a project that cannot be opened: say why, stay with an empty one
            QMessageBox.warning(win, "CIM Studio", readable_error(exc))
    if args.screenshot:
        def shot():
            if loader is not None and not win.session.project.layers and win.session.project.path is None:
                return           # the empty start-up project: wait for the real one
            win.grab().save(args.screenshot)
            print(f"painted_s={time.perf_counter() - t0:.3f} screenshot={args.screenshot}", flush=True)
            app.quit()
        win.canvas.rendered.connect(shot)
    elif os.environ.get("CIM_STARTUP_PROBE"):
        win.canvas.rendered.connect(lambda: print(f"painted_s={time.perf_counter() - t0:.3f}", flush=True))
    return app.exec()
