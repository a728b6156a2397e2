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
