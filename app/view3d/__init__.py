"""The 3D view (a tab of the main window): :class:`View3D`.

- :mod:`app.view3d.widget` — the widget: plotter, level of detail while moving, selection, mouse
- :mod:`app.view3d.picking` — what is under a pixel (GIS building or IFC element), highlight cells
- :mod:`app.view3d.ifc_bar` — how IFC models are shown (instead of / with the LoD1 blocks, hidden)
"""

from app.view3d.widget import SELECTED, View3D

__all__ = ["SELECTED", "View3D"]
