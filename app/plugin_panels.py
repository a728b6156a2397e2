"""Docks contributed by plugins through ``[[panels]]`` in their plugin.toml (bundled and third-party alike).

A panel's callable is ``factory(window) -> QWidget | QDockWidget``; ``window`` is the main window, which
gives the panel ``window.session`` (project, selection, push, ``message``), ``window.canvas``
(``overlays`` for result geometry), ``window.pick_point(prompt, callback)``, ``window.zoom_to_bounds``,
``window.run_task(title, fn, on_done)`` (work off the UI thread with progress and Cancel),
``window.ui_language()`` and ``window.report(text)``. Plugins never import ``app``: the window is
their whole view of the application (the import contracts check it). A panel that fails to load is reported in the log and
skipped; the rest of the app starts as usual.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget


def add_plugin_panels(window, registry=None) -> list[QDockWidget]:
    from app.i18n import current_language

    if registry is None:
        from plugins.registry import default_registry

        registry = default_registry()
    lang = current_language()
    docks: list[QDockWidget] = []
    for panel in registry.panels():
        try:
            factory = registry.resolve(panel)
            widget = factory(window)
        except Exception as exc:  # a broken plugin must not stop the app
            window.session.message.emit("warning", f"Panel {panel.qualified_id} could not be loaded: {exc}")
            window.session.message.emit("debug", traceback.format_exc())
            continue
        if isinstance(widget, QDockWidget):
            dock = widget
        else:
            dock = QDockWidget(panel.title.get(lang), window)
            dock.setWidget(widget)
        dock.setObjectName(f"dock_plugin_{panel.qualified_id}")
        window.addDockWidget(Qt.RightDockWidgetArea, dock)
        if docks:
            window.tabifyDockWidget(docks[0], dock)
        else:
            window.tabifyDockWidget(window.identify_dock, dock)
        dock.hide()
        window.menus["view"].addAction(dock.toggleViewAction())
        docks.append(dock)
    return docks
