"""Where does a model without georeferencing go? Asked at import: the origin's easting and northing in
the project CRS (typed, or picked on the map while the dialog stays open) and the rotation of its x
axis. OK imports the model there; Cancel imports nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from layers.kinds import table_layers
from plugins import gui
from plugins.gui import tr as _t


def _spin(name: str, lo: float, hi: float, decimals: int, value: float, suffix: str = "") -> QDoubleSpinBox:
    s = QDoubleSpinBox()
    s.setObjectName(name)
    s.setRange(lo, hi)
    s.setDecimals(decimals)
    s.setValue(value)
    s.setSuffix(suffix)
    s.setGroupSeparatorShown(True)
    s.setMinimumWidth(180)
    return s


def default_anchor(project) -> tuple[float, float]:
    """The centre of the project's vector data (a starting value the user changes), else (0, 0)."""
    import numpy as np

    boxes = [r.data.total_bounds for r in table_layers(project)
             if len(r.data) and r.data.geometry.notna().any()]
    boxes = [b for b in boxes if np.isfinite(b).all()]
    if not boxes:
        return 0.0, 0.0
    b = np.asarray(boxes)
    return float((b[:, 0].min() + b[:, 2].max()) / 2), float((b[:, 1].min() + b[:, 3].max()) / 2)


class PlaceAtImportDialog(QDialog):
    """Non-modal, so that the map stays clickable for “Pick on map”."""

    def __init__(self, window, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.setObjectName("ifc_place_at_import")
        self.setWindowTitle(_t("IfcPlace", "Place IFC model"))
        self.setModal(False)
        project = window.session.project
        crs = project.crs or _t("IfcPlace", "no CRS")
        text = QLabel(_t("IfcPlace", "%1 has no georeferencing (no IfcMapConversion). Where does its origin go in "
                                     "the project CRS (%2)? Type the coordinates or pick the point on the map. "
                                     "Cancel imports nothing.").replace("%1", Path(path).name).replace("%2", crs))
        text.setWordWrap(True)
        e, n = default_anchor(project)
        self.eastings = _spin("place_eastings", -1e8, 1e8, 3, e)
        self.northings = _spin("place_northings", -1e8, 1e8, 3, n)
        self.rotation = _spin("place_rotation", -360.0, 360.0, 4, 0.0, " °")
        self.rotation.setToolTip(_t("IfcPlace", "Angle of the model's x axis, anticlockwise from grid east"))
        self.pick_btn = QPushButton(_t("IfcPlace", "Pick on map"))
        self.pick_btn.setObjectName("place_pick")
        self.pick_btn.clicked.connect(self.pick)
        form = QFormLayout()
        form.addRow(_t("IfcPlace", "Easting (E)"), self.eastings)
        form.addRow(_t("IfcPlace", "Northing (N)"), self.northings)
        form.addRow(_t("IfcPlace", "Rotation"), self.rotation)
        form.addRow("", self.pick_btn)
        buttons = gui.ok_cancel(self, ok_text=_t("IfcPlace", "Import here"))
        buttons.button(QDialogButtonBox.Ok).setObjectName("place_ok")
        buttons.button(QDialogButtonBox.Cancel).setObjectName("place_cancel")
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def pick(self, _checked=False) -> None:
        self.window.pick_point(_t("IfcPlace", "Click where the origin of the IFC model goes (Esc cancels)"),
                               self.picked)

    def picked(self, x: float, y: float) -> None:
        self.eastings.setValue(x)
        self.northings.setValue(y)
        self.show()
        self.raise_()
        self.activateWindow()

    def placement(self) -> tuple[float, float, float]:
        return self.eastings.value(), self.northings.value(), self.rotation.value()
