"""Plan revision review panel: compare the open plan with its approved earlier version (a project file or
a package): changes coloured on the map (temporary overlays, group ``revision``), listed in a table
(click: zoom), optionally added as a result layer, and written as an HTML/PDF report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

COLOURS = {"added": "#2e7d32", "removed": "#c62828", "changed": "#ef6c00"}


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def create_panel(window):
    return RevisionPanel(window)


class RevisionPanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("revision_panel")
        self.window_ = window
        self.diff = None
        self.old_btn = QPushButton(_t("RevisionPanel", "Compare with the approved version…"))
        self.old_btn.setObjectName("revision_compare")
        self.old_btn.clicked.connect(lambda: self.compare())
        self.layer_btn = QPushButton(_t("RevisionPanel", "Add as layer"))
        self.layer_btn.clicked.connect(lambda: self.add_layer())
        self.report_btn = QPushButton(_t("RevisionPanel", "Report (HTML/PDF)…"))
        self.report_btn.clicked.connect(lambda: self.write_report())
        self.clear_btn = QPushButton(_t("RevisionPanel", "Clear"))
        self.clear_btn.clicked.connect(lambda: self.clear())
        row = QGridLayout()            # two by two: fits a docked width
        for k, b in enumerate((self.old_btn, self.layer_btn, self.report_btn, self.clear_btn)):
            row.addWidget(b, k // 2, k % 2)
        self.summary = QLabel(_t("RevisionPanel", "Choose the approved earlier version of this plan "
                                                  "(project file or appraisal package)."))
        self.summary.setObjectName("revision_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("revision_table")
        self.table.setHorizontalHeaderLabels([_t("RevisionPanel", "Layer"), _t("RevisionPanel", "Id"),
                                              _t("RevisionPanel", "Change"), _t("RevisionPanel", "Details")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.itemSelectionChanged.connect(self._zoom)
        self.checks = QLabel()
        self.checks.setObjectName("revision_checks")
        self.checks.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.checks)
        self._enable()

    def _enable(self) -> None:
        for b in (self.layer_btn, self.report_btn, self.clear_btn):
            b.setEnabled(self.diff is not None)
        self.layer_btn.setEnabled(self.diff is not None and self.window_.session.editable)

    def compare(self, path=None, workdir=None):
        """Load ``path`` (asked for when None) in a worker and compare the open project with it."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, _t("RevisionPanel", "Approved earlier version"), "",
                                                  "CIM Studio (*.cim.gpkg *.cimpkg)")
            if not path:
                return None
        project = self.window_.session.project

        def work(fb):
            from cim.checks.results_store import load_run
            from cim.package.build import results_dict
            from cim.revision.diff import diff_plans
            from cim.revision.inputs import load_plan

            with fb.step(0.0, 0.6):
                old = load_plan(path, workdir=workdir, feedback=fb)
            run = load_run(project.path) if project.path else None
            label = Path(project.path).name if project.path else "—"
            with fb.step(0.6, 1.0):
                return diff_plans(old.project, project, old_results=old.results,
                                  new_results=results_dict(run) if run is not None else None,
                                  old_label=old.label, new_label=label, feedback=fb)
        return self.window_.run_task(_t("RevisionPanel", "Comparing plan versions…"), work, self.show_diff,
                                     on_failed=lambda exc: self.summary.setText(self.window_.readable_error(exc)),
                                     show_errors=False)

    def show_diff(self, d) -> None:
        self.diff = d
        c = d.counts()
        self.summary.setText(_t("RevisionPanel", "%1 → %2: %3 added, %4 removed, %5 changed.")
                             .replace("%1", d.old_label).replace("%2", d.new_label).replace("%3", str(c["added"]))
                             .replace("%4", str(c["removed"])).replace("%5", str(c["changed"])))
        frame = d.result_frame()
        self.frame = frame
        names = {"added": _t("RevisionPanel", "added"), "removed": _t("RevisionPanel", "removed"),
                 "changed": _t("RevisionPanel", "changed")}
        self.table.setRowCount(len(frame))
        for r, row in enumerate(frame.itertuples()):
            for col, text in enumerate((row.layer, row.id, names[row.change], row.details)):
                item = QTableWidgetItem(str(text))
                if col == 2:
                    from PySide6.QtGui import QColor

                    item.setForeground(QColor(COLOURS[row.change]))
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        ov = self.window_.canvas.overlays
        ov.clear_group("revision")
        for change, colour in COLOURS.items():
            part = frame[frame["change"] == change]
            if len(part):
                ov.set(f"revision.{change}", part.geometry.to_numpy(), colour, width=3.0, fill_alpha=110,
                       labels=[(g.centroid.x, g.centroid.y, i) for g, i in zip(part.geometry, part["id"])][:60])
        lines = [f"{x['rule']}: {x['old']} → {x['new']} ({x['issues_old']} → {x['issues_new']})" for x in d.checks]
        self.checks.setText(_t("RevisionPanel", "Check verdicts that changed: %1").replace("%1", "; ".join(lines))
                            if lines else _t("RevisionPanel", "No check verdict changed (or no stored check run)."))
        self._enable()

    def _zoom(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if self.diff is None or not rows:
            return
        b = self.frame.iloc[sorted(rows)].total_bounds
        pad = 150.0
        self.window_.zoom_to_bounds((b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad))

    def add_layer(self):
        """The changes as a layer of the project (an undoable AddLayer; remove it when done)."""
        from cim.project import LayerRecord
        from cim.project.edits import AddLayer

        frame = self.frame.copy()
        frame.index = frame.index.astype("int64") + 1
        frame.index.name = "fid"
        rec = LayerRecord(name="ra_soat_dieu_chinh", kind="vector", data=frame,
                          crs=self.window_.session.project.crs,
                          style={"type": "categorised", "field": "change", "categories": dict(COLOURS),
                                 "width": 2.0, "size": 9.0})
        rec.display_name = _t("RevisionPanel", "Revision changes")
        self.window_.session.push(AddLayer(self.window_.session.project, rec))
        return rec

    def write_report(self, base=None) -> list[Path]:
        from cim.errors import CimError
        from cim.revision.report import write_report

        if base is None:
            base, _ = QFileDialog.getSaveFileName(self, _t("RevisionPanel", "Revision report"), "ra_soat_dieu_chinh.html",
                                                  "HTML (*.html)")
            if not base:
                return []
        base = Path(base).with_suffix("")
        plots = next((r.data for r in self.window_.session.project.layers_of_kind("plot")), None)
        try:
            out = write_report(self.diff, html=base.with_suffix(".html"), pdf=base.with_suffix(".pdf"), base=plots)
        except (CimError, OSError) as exc:
            self.summary.setText(self.window_.readable_error(exc))
            return []
        self.window_.report(_t("RevisionPanel", "Report written: %1").replace("%1", str(out[0])))
        return out

    def clear(self) -> None:
        self.window_.canvas.overlays.clear_group("revision")
        self.diff = None
        self.table.setRowCount(0)
        self.checks.clear()
        self._enable()
