"""Plan revision review panel: compare the open plan with its approved earlier version (a project file or
a package): changes coloured on the map (temporary overlays, group ``revision``), listed in a table
(click: zoom), optionally added as a result layer, and written as an HTML/PDF report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QVBoxLayout

from plugins import gui
from plugins.gui import tr as _t

COLOURS = {"added": "#2e7d32", "removed": "#c62828", "changed": "#ef6c00"}


class RevisionPanel(gui.Panel):
    object_name = "revision_panel"

    def __init__(self, window) -> None:
        super().__init__(window)
        self.diff = None
        self.old_btn = gui.button(_t("RevisionPanel", "Compare with the approved version…"), self.compare,
                              name="revision_compare")
        self.layer_btn = gui.button(_t("RevisionPanel", "Add as layer"), self.add_layer)
        self.report_btn = gui.button(_t("RevisionPanel", "Report (HTML/PDF)…"), self.write_report)
        self.clear_btn = gui.button(_t("RevisionPanel", "Clear"), self.clear)
        row = gui.button_grid((self.old_btn, self.layer_btn, self.report_btn, self.clear_btn))
        self.summary = gui.status_label(_t("RevisionPanel", "Choose the approved earlier version of this plan "
                                                        "(project file or appraisal package)."), name="revision_summary")
        self.table = gui.result_table([_t("RevisionPanel", "Layer"), _t("RevisionPanel", "Id"),
                                   _t("RevisionPanel", "Change"), _t("RevisionPanel", "Details")],
                                  name="revision_table", stretch=[3])
        self.table.itemSelectionChanged.connect(self._zoom)
        self.checks = gui.status_label(name="revision_checks")
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
            path = gui.open_file(self, _t("RevisionPanel", "Approved earlier version"), "CIM Studio (*.cim.gpkg *.cimpkg)")
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
        from PySide6.QtGui import QColor

        items = gui.fill_table(self.table, [(row.layer, row.id, names[row.change], row.details)
                                        for row in frame.itertuples()], resize=True)
        for line, change in zip(items, frame["change"]):
            line[2].setForeground(QColor(COLOURS[change]))
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
            base = gui.save_file(self, _t("RevisionPanel", "Revision report"), "ra_soat_dieu_chinh.html", "HTML (*.html)")
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
