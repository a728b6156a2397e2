"""Map output, plan metadata and the user guide in the main window: the handlers of the actions the
registry declares for them (View › scale bar / north arrow / legend, File › Print layout…,
Project › Plan information…, Help › User guide). Kept here so the main window only calls ``install``."""

from __future__ import annotations


def install(window) -> None:
    a, deco = window.actions, window.canvas.decorations
    for kind in ("scale_bar", "north_arrow", "legend"):
        act = a[f"map.{kind}"]
        act.setChecked(deco.shown[kind])
        a.connect(f"map.{kind}", lambda on, kind=kind: deco.set_shown(kind, on))
    a.connect("project.print", lambda: open_print_dialog(window))
    a.connect("plan.metadata", lambda: open_metadata_dialog(window))
    a.connect("help.guide", lambda: show_guide(window))


def show_guide(window, show: bool = True):
    from app.guide import show_guide as show

    return show(window, show)


def open_metadata_dialog(window, exec_dialog: bool = True):
    from app.metadata_dialog import MetadataDialog

    dlg = MetadataDialog(window)
    if exec_dialog:
        dlg.exec()
    return dlg


def open_print_dialog(window, exec_dialog: bool = True):
    from app.print_dialog import PrintDialog

    dlg = PrintDialog(window)
    if exec_dialog:
        dlg.exec()
    return dlg
