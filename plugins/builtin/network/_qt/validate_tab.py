"""The Validate tab: which layers a validation reads, a Validate button, and the findings as a table.
Clicking a finding zooms the map to it and marks it (the point, and the edge it names) with an overlay."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cim.project.display_names import layer_label
from plugins import gui
from plugins.builtin.network._qt import layer_choice
from plugins.builtin.network._qt.tasks import run
from plugins.gui import num
from plugins.gui import tr as _t
from plugins.gui import ui_language as language

FINDING_KEY = "network.finding"
ZOOM_HALF_M = 40.0


class ValidateTab(QWidget):
    def __init__(self, panel) -> None:
        super().__init__()
        self.panel = panel
        self.window = panel.window
        self.issues: list = []
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.inputs: dict[str, QComboBox] = {}
        for k, (key, text) in enumerate((("dem", _t("NetworkPanel", "Terrain (DEM)")),
                                         ("buildings", _t("NetworkPanel", "Buildings")),
                                         ("smart", _t("NetworkPanel", "Smart elements")),
                                         ("boundary", _t("NetworkPanel", "Plan boundary")))):
            combo = QComboBox()
            combo.setObjectName(f"network_validate_{key}")
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.setToolTip(_t("NetworkPanel", "Layer the validation reads (the terrain is read for drainage "
                                                "only); choose “(not used)” to skip the checks that need it"))
            self.inputs[key] = combo
            grid.addWidget(QLabel(text), k, 0)
            grid.addWidget(combo, k, 1)
        self.run_btn = gui.button(_t("NetworkPanel", "Validate"), self.validate, name="network_validate")
        self.run_btn.setToolTip(_t("NetworkPanel", "Check the built network's topology (INF-05): dangling ends, "
                                                   "disconnected parts, duplicates, uphill drains, pipes "
                                                   "through buildings, smart elements off their network"))
        self.summary = gui.status_label(_t("NetworkPanel", "Build a network, then validate it to list its findings here."),
                                        name="network_validate_summary")
        self.table = gui.result_table([_t("NetworkPanel", "Severity"), _t("NetworkPanel", "Kind"),
                                       _t("NetworkPanel", "Location (X; Y)"), _t("NetworkPanel", "Message")],
                                      name="network_findings", fit=range(3), stretch=[3], single=True,
                                      word_wrap=False)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 8 + 28)   # eight findings
        self.detail = gui.status_label(name="network_finding_detail")
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.table.itemSelectionChanged.connect(self._show_selected)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.run_btn)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        self.fill_inputs()

    # inputs ------------------------------------------------------------------
    def fill_inputs(self) -> None:
        project = self.window.session.project
        candidates = layer_choice.context_layers(project)
        defaults = layer_choice.default_context(project)
        for key, combo in self.inputs.items():
            keep = combo.currentData() if combo.count() else defaults.get(key)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_t("NetworkPanel", "(not used)"), None)
            for rec in candidates[key]:
                combo.addItem(layer_label(rec, self.window.ui_language()), rec.id)
            at = combo.findData(keep)
            combo.setCurrentIndex(at if at >= 0 else 0)
            combo.blockSignals(False)

    def reset_inputs(self) -> None:
        for combo in self.inputs.values():
            combo.clear()
        self.fill_inputs()

    def _record(self, key: str):
        lid = self.inputs[key].currentData()
        return self.window.session.project.layers.get(lid) if lid else None

    # run -----------------------------------------------------------------------
    def validate(self) -> None:
        net = self.panel.network
        if net is None:
            self.summary.setText(_t("NetworkPanel", "Build a network first."))
            return
        from cim.network.validate import canonical_system

        recs = {k: self._record(k) for k in self.inputs}
        frames = {k: (r.data if r is not None else None) for k, r in recs.items() if k != "dem"}
        dem_rec = recs["dem"] if canonical_system(net.system) == "drainage" else None
        tolerance = self.panel.tolerance.value()

        def work(feedback):
            from cim.network.validate import validate_network

            dem = layer_choice.read_dem(dem_rec) if dem_rec is not None else None
            return validate_network(net, tolerance=tolerance, dem=dem, buildings=frames["buildings"],
                                    smart_elements=frames["smart"], boundary=frames["boundary"], feedback=feedback)

        self.run_btn.setEnabled(False)
        run(self.window, _t("NetworkPanel", "Validating the network…"), work, self._show,
            on_failed=lambda _e: self.run_btn.setEnabled(True))

    def _show(self, issues) -> None:
        self.run_btn.setEnabled(True)
        self.issues = list(issues)
        vi = language() == "vi"
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.issues))
        for row, issue in enumerate(self.issues):
            error = issue.severity == "E"
            sev = QTableWidgetItem(_t("NetworkPanel", "Error") if error else _t("NetworkPanel", "Warning"))
            sev.setForeground(QBrush(QColor("#b00020" if error else "#a05a00")))
            sev.setData(Qt.UserRole, row)
            message = issue.message.get("vi" if vi else "en")
            msg = QTableWidgetItem(message)
            msg.setToolTip(message)
            x, y = issue.bbox[:2]
            cells = (sev, QTableWidgetItem(issue.code), QTableWidgetItem(f"{num(x, 1)}; {num(y, 1)}"),
                     msg)
            for col, item in enumerate(cells):
                self.table.setItem(row, col, item)
        errors = sum(i.severity == "E" for i in self.issues)
        if self.issues:
            text = _t("NetworkPanel", "%1 error(s), %2 warning(s). Click a finding to show it on the map.")
            self.summary.setText(text.replace("%1", str(errors)).replace("%2", str(len(self.issues) - errors)))
        else:
            self.summary.setText(_t("NetworkPanel", "No finding: the network is connected and clean."))
        self.detail.clear()
        self.window.canvas.overlays.clear(FINDING_KEY)
        self.window.session.message.emit(
            "info", _t("NetworkPanel", "Network validated: %1 finding(s)").replace("%1", str(len(self.issues))))

    # findings on the map ---------------------------------------------------------
    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.table.item(rows[0].row(), 0)
        self.show_finding(int(item.data(Qt.UserRole)))

    def show_finding(self, index: int) -> None:
        import numpy as np
        import shapely

        issue = self.issues[index]
        self.detail.setText(f"{issue.code}: {issue.message.get(language())}")
        x, y = issue.bbox[:2]
        geoms = [shapely.Point(x, y)]
        net = self.panel.network
        edge_id = issue.extra.get("edge_id")
        if edge_id is not None and net is not None:
            hit = net.edges.geometry.values[np.flatnonzero(net.edges["edge_id"].to_numpy() == edge_id)]
            geoms += list(hit)
        bounds = np.array(shapely.total_bounds(np.array(geoms, dtype=object)))
        bounds[:2] -= ZOOM_HALF_M
        bounds[2:] += ZOOM_HALF_M
        colour = "#d50000" if issue.severity == "E" else "#ff6d00"
        self.window.canvas.overlays.set(FINDING_KEY, geoms, colour, width=4.0, fill_alpha=0,
                                        labels=[(x, y, issue.code)])
        self.window.zoom_to_bounds(tuple(bounds), margin=0.1)

    def clear(self) -> None:
        self.issues = []
        self.table.setRowCount(0)
        self.detail.clear()
        self.summary.setText(_t("NetworkPanel", "Build a network, then validate it to list its findings here."))
        self.window.canvas.overlays.clear(FINDING_KEY)
