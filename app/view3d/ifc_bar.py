"""The 3D view's IFC bar: how imported IFC models are shown (instead of the LoD1 blocks of the buildings
they stand for, together with them, or not at all) and what the scene holds."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from plugins.gui import tr as _t

SETTING = "view3d/ifc_mode"



def saved_mode() -> str:
    from layers.render.scene3d import IFC_MODES

    mode = str(QSettings().value(SETTING, "replace"))
    return mode if mode in IFC_MODES else "replace"


class IfcBar(QWidget):
    """``mode_changed(mode)`` fires when the user picks another way of showing IFC models."""

    mode_changed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("view3d_ifc_bar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 3)
        lay.addWidget(QLabel(_t("View3D", "IFC models:"), self))
        self.combo = QComboBox(self)
        self.combo.setObjectName("view3d_ifc_mode")
        for mode, text in (("replace", _t("View3D", "Replace the LoD1 blocks")),
                           ("both", _t("View3D", "Show with the LoD1 blocks")),
                           ("blocks", _t("View3D", "Hide (LoD1 blocks only)"))):
            self.combo.addItem(text, mode)
        self.combo.setToolTip(_t("View3D", "How buildings imported from IFC appear in 3D: their real BIM geometry "
                                      "instead of the extruded block of the matched footprint, both, or blocks only"))
        self.combo.setCurrentIndex(max(self.combo.findData(saved_mode()), 0))
        self.combo.currentIndexChanged.connect(self._changed)
        lay.addWidget(self.combo)
        self.summary = QLabel(self)
        self.summary.setObjectName("view3d_ifc_summary")
        lay.addWidget(self.summary, 1)

    @property
    def mode(self) -> str:
        return str(self.combo.currentData())

    def set_mode(self, mode: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(mode))

    def _changed(self, _i: int) -> None:
        QSettings().setValue(SETTING, self.mode)
        self.mode_changed.emit(self.mode)

    def show_scene(self, scene, n_ifc_layers: int) -> None:
        """Summarise the IFC part of ``scene`` (``n_ifc_layers``: IFC layers in the project)."""
        ifc = [layer for layer in scene.layers if layer.kind == "ifc"] if scene is not None else []
        if n_ifc_layers == 0:
            text = _t("View3D", "No IFC model in the project (File ▸ Import IFC model…)")
        elif self.mode == "blocks":
            text = _t("View3D", "%1 IFC model(s) hidden").replace("%1", str(n_ifc_layers))
        elif not ifc:
            text = _t("View3D", "The IFC models are hidden in the layer tree or have no geometry")
        else:
            tris = sum(layer.elements.n_triangles for layer in ifc)
            text = (_t("View3D", "%1 IFC model(s), %2 triangles; %3 LoD1 block(s) replaced")
                    .replace("%1", str(len(ifc))).replace("%2", f"{tris:,}".replace(",", " "))
                    .replace("%3", str(scene.n_blocks_replaced)))
        self.summary.setText(text)
