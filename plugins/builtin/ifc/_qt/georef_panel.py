"""The georeferencing dock: pick an imported IFC model (or inspect a file), read its map conversion,
LoGeoRef level and findings, place it by hand on the map (undoable) and write a corrected copy."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cim.project.display_names import layer_label
from plugins.builtin.ifc._qt.common import ifc_layers, plan_boundary, run_ifc_task
from plugins.builtin.ifc._qt.georef_source import GeorefSource, from_layer, inspect_file
from plugins.builtin.ifc._qt.georef_view import GeorefView
from plugins.gui import tr as _t

OVERLAY = "ifc.georef"


class GeorefPanel(QWidget):
    def __init__(self, window, importer) -> None:
        super().__init__()
        self.setObjectName("ifc_georef_panel")
        self.main, self.session, self.importer = window, window.session, importer
        self.files: dict[str, GeorefSource] = {}          # inspected (not imported) files by path
        self.source: GeorefSource | None = None

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.combo = QComboBox()
        self.combo.setObjectName("georef_model")
        self.combo.setMinimumContentsLength(18)
        self.combo.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.combo, 1)
        self.inspect_btn = QPushButton(_t("IfcGeoref", "Inspect file…"))
        self.inspect_btn.setToolTip(_t("IfcGeoref", "Read the georeferencing of an IFC file without importing it"))
        self.inspect_btn.clicked.connect(self.inspect_dialog)
        top.addWidget(self.inspect_btn)
        outer.addLayout(top)

        self.view = GeorefView()
        body = QWidget()
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 0, 0)
        body_lay.addWidget(self.view, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        box = QGroupBox(_t("IfcGeoref", "Place the model by hand"))
        form = QFormLayout(box)
        self.rotation = QDoubleSpinBox()
        self.rotation.setObjectName("georef_rotation")
        self.rotation.setRange(-360.0, 360.0)
        self.rotation.setDecimals(4)
        self.rotation.setSuffix(" °")
        self.rotation.setToolTip(_t("IfcGeoref", "Direction of the model's x axis, anticlockwise from grid east"))
        form.addRow(_t("IfcGeoref", "Rotation"), self.rotation)
        self.height = QDoubleSpinBox()
        self.height.setObjectName("georef_height")
        self.height.setRange(-1000.0, 9000.0)
        self.height.setDecimals(3)
        self.height.setSuffix(" m")
        form.addRow(_t("IfcGeoref", "Orthogonal height"), self.height)
        self.crs = QLineEdit()
        self.crs.setObjectName("georef_crs")
        self.crs.setPlaceholderText("EPSG:9208")
        self.crs.setToolTip(_t("IfcGeoref", "Target CRS of the map conversion (VN-2000 TM-3 zone of the plan)"))
        form.addRow(_t("IfcGeoref", "Target CRS"), self.crs)
        buttons = QHBoxLayout()
        self.place_btn = QPushButton(_t("IfcGeoref", "Place model…"))
        self.place_btn.setObjectName("georef_place")
        self.place_btn.setToolTip(_t("IfcGeoref", "Click on the map where the model origin goes"))
        self.place_btn.clicked.connect(self.start_place)
        self.write_btn = QPushButton(_t("IfcGeoref", "Write corrected IFC…"))
        self.write_btn.setObjectName("georef_write")
        self.write_btn.setToolTip(_t("IfcGeoref", "Write a new IFC file with this georeferencing (the source is never changed)"))
        self.write_btn.clicked.connect(self.write_dialog)
        buttons.addWidget(self.place_btn)
        buttons.addWidget(self.write_btn)
        form.addRow(buttons)
        body_lay.addWidget(box)

        s = self.session
        s.project_replaced.connect(self._project_replaced)
        s.layers_changed.connect(self.reload)
        s.features_changed.connect(lambda _lid: self.refresh())
        s.undo_changed.connect(self.refresh)
        s.role_changed.connect(lambda _r: self._update_buttons())
        importer.imported.connect(self.select_layer)
        self.reload()

    # model list ------------------------------------------------------------------
    def _project_replaced(self) -> None:
        self.main.canvas.overlays.clear(OVERLAY)
        self.reload()

    def reload(self) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for rec in ifc_layers(self.session.project):
            self.combo.addItem(layer_label(rec, self.main.ui_language()), rec.id)
        for path, src in self.files.items():
            self.combo.addItem(_t("IfcGeoref", "%1 (file, not imported)").replace("%1", src.name), f"file:{path}")
        idx = self.combo.findData(current)
        self.combo.setCurrentIndex(idx if idx >= 0 else 0)
        self.combo.blockSignals(False)
        self.refresh()

    def select_layer(self, layer_id: str) -> None:
        self.reload()
        idx = self.combo.findData(layer_id)
        if idx >= 0:
            self.combo.setCurrentIndex(idx)

    def current_source(self) -> GeorefSource | None:
        key = self.combo.currentData()
        if not key:
            return None
        if key.startswith("file:"):
            return self.files.get(key[5:])
        rec = self.session.project.layers.get(key)
        if rec is None or rec.kind != "ifc":
            return None
        return from_layer(self.session.project, rec, plan_boundary(self.session.project))

    def refresh(self) -> None:
        previous = self.source
        self.source = src = self.current_source()
        if src is None:
            self.view.clear(_t("IfcGeoref", "No IFC model in this project yet. Use File ▸ Import IFC model… to add one, "
                                    "or “Inspect file…” to read the georeferencing of a file."))
            self.main.canvas.overlays.clear(OVERLAY)
        else:
            self.view.show_model(name=src.name, schema=src.schema, opened_as=src.opened_as, georef=src.georef,
                                 logeoref=src.logeoref, findings=src.findings, pending=src.pending)
            self._show_footprints(src)
            if previous is None or (previous.layer_id, previous.path) != (src.layer_id, src.path):
                self._reset_inputs(src)
        self._update_buttons()

    def _reset_inputs(self, src: GeorefSource) -> None:
        g = src.georef
        self.rotation.setValue(g.rotation_deg if g.present else 0.0)
        self.height.setValue(g.height if g.present else 0.0)
        project_crs = self.session.project.crs or ""
        self.crs.setText(f"EPSG:{g.epsg}" if g.present and g.epsg else project_crs)

    def _show_footprints(self, src: GeorefSource) -> None:
        rec = self.session.project.layers.get(src.layer_id) if src.layer_id else None
        if rec is None or not self.isVisible():
            self.main.canvas.overlays.clear(OVERLAY)
            return
        b = rec.data.buildings
        labels = [(g.centroid.x, g.centroid.y, str(name)) for g, name in zip(b.geometry, b["name"])
                  if g is not None and not g.is_empty]
        self.main.canvas.overlays.set(OVERLAY, b.geometry.to_numpy(), "#6a1b9a", width=2.0, fill_alpha=60,
                                        labels=labels)

    def _update_buttons(self) -> None:
        src = self.source
        editable = self.session.editable
        self.place_btn.setEnabled(src is not None and (editable or src.layer_id is None))
        self.write_btn.setEnabled(src is not None and src.georef.present)

    # inspect a file ------------------------------------------------------------------
    def inspect_dialog(self, _checked=False) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("IfcGeoref", "Inspect the georeferencing of an IFC file"), "",
                                              "IFC (*.ifc *.IFC)")
        if path:
            self.inspect(path)

    def inspect(self, path, on_done=None):
        def done(src):
            self.files[str(src.path)] = src
            self.reload()
            self.combo.setCurrentIndex(self.combo.findData(f"file:{src.path}"))
            if on_done is not None:
                on_done(src)
        return run_ifc_task(self.main, _t("IfcGeoref", "Reading %1…").replace("%1", Path(path).name),
                            lambda fb: inspect_file(path, fb), done)

    # placing -----------------------------------------------------------------------
    def start_place(self, _checked=False) -> None:
        if self.source is None:
            return
        self.main.pick_point(_t("IfcGeoref", "Click where the origin of the IFC model goes (Esc cancels)"), self.place_at)

    def place_at(self, x: float, y: float) -> bool:
        """Place the current model's origin at map point (x, y) of the project CRS."""
        from cim.errors import CimError
        from cim.ifc.georef_checks import check_georef
        from cim.ifc.place import PlaceIfcModel, placed_georef

        src = self.source
        if src is None:
            return False
        try:
            crs = self._target_crs()
            e, n = self._to_target(x, y, crs)
            g = placed_georef(src.georef, eastings=e, northings=n, height=self.height.value(),
                              rotation_deg=self.rotation.value(), crs=crs)
            if src.layer_id is not None:
                if not self.session.push(PlaceIfcModel(self.session.project, src.layer_id, g)):
                    return False
            else:
                findings = [w for w in src.findings if w.code in ("SCHEMA_PRERELEASE", "ENTITIES_DROPPED")]
                self.files[str(src.path)] = replace(src, georef=g, pending=True,
                                                    findings=findings + check_georef(g))
                self.refresh()
        except CimError as exc:
            self.session.message.emit("error", str(exc))
            return False
        self.main.report(_t("IfcGeoref", "Model %1 placed at E %2, N %3 (%4)").replace("%1", src.name)
                           .replace("%2", QLocale().toString(float(e), "f", 2)).replace("%3", QLocale().toString(float(n), "f", 2)).replace("%4", crs))
        return True

    def _target_crs(self) -> str:
        from pyproj import CRS
        from pyproj.exceptions import CRSError

        from cim.errors import CimInputError

        text = self.crs.text().strip() or (self.session.project.crs or "")
        try:
            crs = CRS.from_user_input(text)
        except CRSError:
            crs = None
        if crs is None or not crs.is_projected or crs.to_epsg() is None:
            raise CimInputError(None, _t("IfcGeoref", "“%1” is not a projected CRS with an EPSG code").replace("%1", text),
                                hint=_t("IfcGeoref", "type the plan's VN-2000 TM-3 zone, e.g. EPSG:9208"))
        return f"EPSG:{crs.to_epsg()}"

    def _to_target(self, x: float, y: float, crs: str) -> tuple[float, float]:
        project_crs = self.session.project.crs
        if not project_crs or project_crs == crs:
            return float(x), float(y)
        from cim.crs.transform import transform_xy

        e, n = transform_xy(x, y, project_crs, crs)
        return float(e), float(n)

    # writing -----------------------------------------------------------------------
    def write_dialog(self, _checked=False) -> None:
        src = self.source
        if src is None:
            return
        default = str(src.path.with_name(f"{src.path.stem}_georef.ifc"))
        path, _ = QFileDialog.getSaveFileName(self, _t("IfcGeoref", "Write corrected IFC"), default, "IFC (*.ifc)")
        if path:
            self.write_corrected(path)

    def write_corrected(self, target, on_done=None):
        """Write the current model with its current georeferencing into ``target`` (a new file)."""
        from cim.ifc.place import write_georeferenced_copy

        src = self.source
        if src is None or not src.georef.present:
            return None
        source_path, georef = src.path, src.georef

        def done(written):
            self.session.message.emit("info", _t("IfcGeoref", "Wrote the georeferenced model to %1").replace("%1", str(written)))
            if src.layer_id is None and str(src.path) in self.files:
                self.files[str(src.path)] = replace(self.files[str(src.path)], pending=False)
                self.refresh()
            if on_done is not None:
                on_done(written)
        return run_ifc_task(self.main, _t("IfcGeoref", "Writing %1…").replace("%1", Path(target).name),
                            lambda fb: write_georeferenced_copy(source_path, target, georef), done)

    # overlay follows the dock ---------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.main.canvas.overlays.clear(OVERLAY)
