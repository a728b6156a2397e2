"""Import dialog for vector and raster files: choose the file (and layer), see the CRS it declares,
and choose one explicitly when it declares none."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QVBoxLayout,
)

from plugins import gui
from plugins.gui import tr as _t


def detect(path: str, kind: str) -> dict:
    """What the file says about itself: {"crs": str|None, "layers": [...], "error": str|None}."""
    try:
        if kind == "raster":
            import rasterio

            with rasterio.open(path) as ds:
                return {"crs": ds.crs.to_string() if ds.crs else None, "layers": [], "error": None}
        from cim.io.vector import list_layers

        layers = list_layers(path)
        crs = layers[0].crs if layers else None
        return {"crs": crs, "layers": [li.name for li in layers], "error": None}
    except Exception as exc:  # shown in the dialog as a sentence
        return {"crs": None, "layers": [], "error": str(exc)}


def crs_choices(project_crs: str) -> list[tuple[str, str]]:
    from cim.crs.catalogue import ZONES

    items = [(f"EPSG:{z.epsg}", f"EPSG:{z.epsg} — {z.name}") for z in ZONES]
    items.append(("EPSG:4326", "EPSG:4326 — WGS 84"))
    items.append(("EPSG:32648", "EPSG:32648 — WGS 84 / UTM 48N"))
    items.sort(key=lambda it: it[0] != project_crs)
    return items


class ImportDialog(QDialog):
    def __init__(self, parent, kind: str, project_crs: str) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.kind = kind
        self.setWindowTitle(_t("ImportDialog", "Import vector layer") if kind == "vector" else _t("ImportDialog", "Import raster layer"))
        self.file, _, row = gui.path_field(self._browse, name="import_path",
                                           button_text=_t("ImportDialog", "Browse…"))
        self.layer = QComboBox()
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.crs = QComboBox()
        self.crs.setObjectName("import_crs")
        self.crs.setEditable(True)
        for code, text in crs_choices(project_crs):
            self.crs.addItem(text, code)
        form = gui.form_layout([(_t("ImportDialog", "File"), row), (_t("ImportDialog", "Layer"), self.layer),
                                (_t("ImportDialog", "Declared CRS"), self.detected),
                                (_t("ImportDialog", "CRS to use"), self.crs)], wrap=False)
        self.buttons = gui.ok_cancel(self)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.file.editingFinished.connect(self.inspect)
        self.info: dict = {"crs": None, "layers": [], "error": None}
        self.resize(560, 200)

    def _browse(self) -> None:
        path = gui.open_file(self, self.windowTitle(), self.file_filter())
        if path:
            self.file.setText(path)
            self.inspect()

    def file_filter(self) -> str:
        """The installed readers of this kind (bundled gis_io and third-party plugins)."""
        from app.launcher import reader_file_filter

        return reader_file_filter(self.kind)

    def inspect(self) -> None:
        self.info = detect(self.file.text(), self.kind)
        self.layer.clear()
        self.layer.addItems(self.info["layers"])
        self.layer.setEnabled(len(self.info["layers"]) > 1)
        if self.info["error"]:
            self.detected.setText(f"<span style='color:#b00'>{self.info['error']}</span>")
        elif self.info["crs"]:
            self.detected.setText(str(self.info["crs"]))
        else:
            self.detected.setText("<span style='color:#b00'>" + _t("ImportDialog",
                "The file declares no coordinate reference system. Choose the one it was drawn in "
                "(for Phú Thọ usually VN-2000 / TM-3 104-45, EPSG:9208).") + "</span>")
        self.crs.setEnabled(self.info["crs"] is None)

    def path(self) -> str:
        return self.file.text()

    def layer_name(self) -> str | None:
        return self.layer.currentText() or None

    def chosen_crs(self) -> str | None:
        if self.info.get("crs"):
            return None
        data = self.crs.currentData()
        text = self.crs.currentText().strip()
        return data if data and text.startswith(data) else text.split(" ")[0] or None
