"""Panel factories named in the IFC plugin's plugin.toml (``[[panels]]``)."""

from __future__ import annotations

from plugins.builtin.ifc._qt.import_action import IfcImporter


def importer_for(window) -> IfcImporter:
    """The window's one Import IFC… action (created by whichever IFC panel comes first)."""
    found = window.findChild(IfcImporter, "ifc_importer")
    if found is None:
        found = IfcImporter(window)
        found.setObjectName("ifc_importer")
    return found


def create_georef_panel(window):
    from plugins.builtin.ifc._qt.georef_panel import GeorefPanel

    return GeorefPanel(window, importer_for(window))


def create_merge_panel(window):
    from plugins.builtin.ifc._qt.merge_panel import MergePanel

    importer_for(window)
    return MergePanel(window)
