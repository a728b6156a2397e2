"""Merge IFC buildings with GIS footprints (the core's IoU merge, one undoable macro) and the merge
report: one row per conflict and per link; a click zooms the map to it and outlines it."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP as N
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cim.project.display_names import layer_label
from plugins import gui
from plugins.builtin.ifc._qt.common import building_layers, ifc_layers
from plugins.gui import tr as _t

OVERLAY = "ifc.merge"
KIND_TEXT = {
    "offset": N("IfcMerge", "offset (check georeferencing)"),
    "footprint_mismatch": N("IfcMerge", "footprint mismatch"),
    "height_disagreement": N("IfcMerge", "height disagreement"),
    "duplicate": N("IfcMerge", "several IFC on one footprint"),
    "unmatched_ifc": N("IfcMerge", "IFC without footprint"),
    "unmatched_gis": N("IfcMerge", "footprint without IFC"),
}
COLUMNS = (N("IfcMerge", "Building"), N("IfcMerge", "GIS footprint"), N("IfcMerge", "Match"), N("IfcMerge", "IoU"),
           N("IfcMerge", "Conflict"), N("IfcMerge", "Message"))


class MergePanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("ifc_merge_panel")
        self.main, self.session = window, window.session
        self.report = None
        self.rows: list[dict] = []

        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.gis = QComboBox()
        self.gis.setObjectName("merge_gis_layer")
        form.addRow(_t("IfcMerge", "GIS building layer"), self.gis)
        self.ifc_info = gui.status_label()
        form.addRow(_t("IfcMerge", "IFC models"), self.ifc_info)
        self.min_iou = QDoubleSpinBox()
        self.min_iou.setRange(0.05, 0.99)
        self.min_iou.setSingleStep(0.05)
        self.min_iou.setValue(0.5)
        self.min_iou.setToolTip(_t("IfcMerge", "Smallest intersection-over-union for an IFC building to be linked"))
        form.addRow(_t("IfcMerge", "Minimum IoU"), self.min_iou)
        outer.addLayout(form)
        row = QHBoxLayout()
        self.run_btn = gui.button(_t("IfcMerge", "Merge IFC buildings with footprints"), self.run_merge,
                                  name="merge_run")
        row.addWidget(self.run_btn)
        row.addStretch(1)
        outer.addLayout(row)
        self.summary = gui.status_label(name="merge_summary")
        outer.addWidget(self.summary)

        self.table = gui.result_table([_t("IfcMerge", c) for c in COLUMNS], name="merge_report",
                                      fit=range(1, len(COLUMNS) - 1), single=True, word_wrap=False)
        header = self.table.horizontalHeader()     # long building names: elided, tooltip
        self.table.setColumnWidth(0, 200)
        self.table.setTextElideMode(Qt.ElideMiddle)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        self.table.itemSelectionChanged.connect(self._row_selected)
        outer.addWidget(self.table, 1)

        self.action = QAction(_t("IfcMerge", "Merge IFC buildings with footprints"), window)
        self.action.setObjectName("action_merge_ifc")
        self.action.triggered.connect(self._from_menu)
        window.menus["tools"].addAction(self.action)

        s = self.session
        s.layers_changed.connect(self.reload)
        s.role_changed.connect(lambda _r: self._update_enabled())
        s.project_replaced.connect(self._project_replaced)
        self.reload()
        self._show_report(None)

    # state -------------------------------------------------------------------------
    def _project_replaced(self) -> None:
        self._show_report(None)
        self.reload()

    def reload(self) -> None:
        p = self.session.project
        current = self.gis.currentData()
        self.gis.blockSignals(True)
        self.gis.clear()
        for rec in building_layers(p):
            self.gis.addItem(layer_label(rec, self.main.ui_language()), rec.id)
        idx = self.gis.findData(current)
        self.gis.setCurrentIndex(idx if idx >= 0 else 0)
        self.gis.blockSignals(False)
        models = ifc_layers(p)
        self.ifc_info.setText(", ".join(layer_label(r, self.main.ui_language()) for r in models) if models else
                              _t("IfcMerge", "none yet: import IFC models first (File ▸ Import IFC model…)"))
        self._update_enabled()

    def _update_enabled(self) -> None:
        p = self.session.project
        ok = self.session.editable and bool(ifc_layers(p)) and self.gis.count() > 0
        self.run_btn.setEnabled(ok)
        self.action.setEnabled(ok)

    def _from_menu(self, _checked=False) -> None:
        gui.raise_dock(self)
        self.run_merge()

    # merge -------------------------------------------------------------------------
    def run_merge(self, _checked=False):
        """Run the core merge (one undo step) and show its report. Returns the report or None."""
        from cim.errors import CimError
        from cim.merge.apply import merge_ifc_buildings

        p = self.session.project
        ifc = [r.id for r in ifc_layers(p)]
        gis = self.gis.currentData()
        if not ifc or not gis:
            return None
        try:
            report = merge_ifc_buildings(p, ifc, gis, min_iou=self.min_iou.value())
        except CimError as exc:
            self.session.message.emit("error", str(exc))
            return None
        self._show_report(report)
        s = report.summary()
        self.session.message.emit("info", _t("IfcMerge", "Merge: %1 IFC building(s) linked, %2 conflict(s)")
                                  .replace("%1", str(s["links"])).replace("%2", str(s["conflicts"])))
        return report

    def _names(self) -> dict[str, str]:
        out = {}
        for rec in ifc_layers(self.session.project):
            b = rec.data.buildings
            for guid, name in zip(b["ifc_guid"].astype(str), b["name"].astype(str)):
                out[guid] = f"{name} ({rec.name})" if name else rec.name
        return out

    def _show_report(self, report) -> None:
        from plugins.gui import ui_language

        self.report = report
        self.table.setRowCount(0)
        self.rows = []
        self.main.canvas.overlays.clear(OVERLAY)
        if report is None:
            self.summary.setText(_t("IfcMerge", "Links each IFC building to the GIS footprint it overlaps best and lists "
                                         "what disagrees. The merge is one step of Edit ▸ Undo."))
            return
        vi = ui_language() == "vi"
        names = self._names()
        for c in report.conflicts:
            label = ", ".join(names.get(g, g) for g in c.ifc_guid.split(",")) if c.ifc_guid else "—"
            self.rows.append({"building": label, "gis": c.gis_cim_id or "—", "match": _t("IfcMerge", "conflict"),
                              "iou": c.iou, "kind": _t("IfcMerge", KIND_TEXT.get(c.kind, c.kind)),
                              "message": (c.vi or c.en) if vi else (c.en or c.vi), "bbox": c.bbox,
                              "guid": c.ifc_guid, "conflict": True, "code": c.kind})
        for lk in report.links:
            self.rows.append({"building": names.get(lk.ifc_guid, lk.ifc_guid), "gis": lk.gis_cim_id,
                              "match": _t("IfcMerge", "linked"), "iou": lk.iou, "kind": "—",
                              "message": lk.provenance, "bbox": None, "guid": lk.ifc_guid, "conflict": False,
                              "code": ""})
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            iou = "—" if r["iou"] is None or not math.isfinite(r["iou"]) else QLocale().toString(float(r["iou"]), "f", 2)
            for j, text in enumerate((r["building"], r["gis"], r["match"], iou, r["kind"], r["message"])):
                item = QTableWidgetItem(str(text))
                item.setToolTip(str(text))
                if r["conflict"]:
                    item.setForeground(QBrush(QColor("#c62828")))
                if j == 3:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(i, j, item)
        s = report.summary()
        self.summary.setText(_t("IfcMerge", "%1 IFC building(s) linked, %2 conflict(s). Click a row to see it on the map.")
                             .replace("%1", str(s["links"])).replace("%2", str(s["conflicts"])))

    # zoom to a row -------------------------------------------------------------------
    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.zoom_to_row(rows[0].row())

    def row_geometries(self, i: int) -> list:
        """The footprints a report row is about: its IFC building(s) and its GIS footprint."""
        import shapely

        r, p = self.rows[i], self.session.project
        out = []
        guids = set(filter(None, r["guid"].split(",")))
        for rec in ifc_layers(p):
            b = rec.data.buildings
            out.extend(b.geometry[b["ifc_guid"].astype(str).isin(guids)].to_numpy())
        gis = p.layers.get(self.gis.currentData()) if self.gis.currentData() else None
        if gis is not None and r["gis"] not in ("", "—"):
            d = gis.data
            out.extend(d.geometry[d["cim_id"].astype(str) == r["gis"]].to_numpy())
        out = [g for g in out if g is not None and not g.is_empty]
        if not out and r["bbox"]:
            out = [shapely.box(*r["bbox"])]
        return out

    def zoom_to_row(self, i: int) -> None:
        import shapely

        geoms = self.row_geometries(i)
        if not geoms:
            return
        bounds = tuple(float(v) for v in shapely.total_bounds(geoms))
        if self.rows[i]["bbox"]:
            b = self.rows[i]["bbox"]
            bounds = (min(bounds[0], b[0]), min(bounds[1], b[1]), max(bounds[2], b[2]), max(bounds[3], b[3]))
        colour = "#d81b60" if self.rows[i]["conflict"] else "#2e7d32"
        self.main.canvas.overlays.set(OVERLAY, geoms, colour, width=3.0, fill_alpha=40)
        self.main.zoom_to_bounds(bounds, margin=0.6)
        self.main.report(f"{self.rows[i]['building']} — {self.rows[i]['kind']}")
