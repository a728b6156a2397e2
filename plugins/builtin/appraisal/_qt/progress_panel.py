"""Periodic progress report panel: the plans (project files or packages; the open project by default),
the period and the last report's snapshot; builds the report in a worker, shows the per-commune figures
and writes HTML, PDF, XLSX and the JSON snapshot into a folder."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QVBoxLayout

from plugins import gui
from plugins.gui import tr as _t


def current_quarter(today: _dt.date | None = None) -> str:
    d = today or _dt.date.today()
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


class ProgressPanel(gui.Panel):
    object_name = "progress_panel"

    def __init__(self, window) -> None:
        super().__init__(window)
        self.report = None
        self.plans = QListWidget()
        self.plans.setObjectName("progress_plans")
        self.plans.setMaximumHeight(110)
        add = gui.button(_t("ProgressPanel", "Add plans…"), self.add_plans)
        add_open = gui.button(_t("ProgressPanel", "Add the open project"), self.add_open_project)
        remove = gui.button(_t("ProgressPanel", "Remove"),
                        lambda: [self.plans.takeItem(self.plans.row(i)) for i in self.plans.selectedItems()])
        row = gui.button_grid((add, add_open, remove))
        self.period = QLineEdit(current_quarter())
        self.period.setObjectName("progress_period")
        self.period.setToolTip(_t("ProgressPanel", "2026-Q1 (quarter), 2026-03 (month), 2026-H1 (six months), 2026 (year)"))
        self.previous, _, prev_row = gui.path_field(self._pick_previous, button_text="…",
                                                placeholder=_t("ProgressPanel", "(none: first report)"))
        form = gui.form_layout([(_t("ProgressPanel", "Period"), self.period),
                            (_t("ProgressPanel", "Last report (JSON)"), prev_row)])
        self.run_btn = gui.button(_t("ProgressPanel", "Build report"), self.build, name="progress_build")
        self.write_btn = gui.button(_t("ProgressPanel", "Write HTML, PDF, XLSX…"), self.write, enabled=False)
        actions = QHBoxLayout()
        actions.addWidget(self.run_btn)
        actions.addWidget(self.write_btn)
        self.summary = gui.status_label(name="progress_summary")
        self.table = gui.result_table([_t("ProgressPanel", "Commune"), _t("ProgressPanel", "Built / planned"),
                                   _t("ProgressPanel", "Integration"), _t("ProgressPanel", "Change"),
                                   _t("ProgressPanel", "Open findings E/W")], name="progress_table", stretch=[0])
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_t("ProgressPanel", "Plans of the communes (project files or appraisal packages)")))
        lay.addWidget(self.plans, 1)
        lay.addLayout(row)
        lay.addLayout(form)
        lay.addLayout(actions)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 2)

    def paths(self) -> list[str]:
        return [self.plans.item(i).text() for i in range(self.plans.count())]

    def add_plans(self, paths=None) -> None:
        if paths is None:
            paths = gui.open_files(self, _t("ProgressPanel", "Plans"), "CIM Studio (*.cim.gpkg *.cimpkg)")
        for p in paths or []:
            if str(p) not in self.paths():
                self.plans.addItem(str(p))

    def add_open_project(self) -> None:
        path = self.window_.session.project.path
        if path is None:
            self.summary.setText(_t("ProgressPanel", "Save the project first: the report reads saved files."))
            return
        self.add_plans([str(path)])

    def _pick_previous(self) -> None:
        path = gui.open_file(self, _t("ProgressPanel", "Last report"), "JSON (*.json)")
        if path:
            self.previous.setText(path)

    def build(self):
        """Check the period and the list here (a clear sentence at once), then build in a worker."""
        from cim.errors import CimError
        from cim.progress.collect import parse_period

        paths, period, prev = self.paths(), self.period.text().strip(), self.previous.text().strip() or None
        try:
            parse_period(period)
        except CimError as exc:
            self.summary.setText(self.window_.readable_error(exc))
            return None
        if not paths:
            self.summary.setText(_t("ProgressPanel", "Add at least one plan."))
            return None

        def work(fb):
            from cim.progress.collect import build_report

            return build_report(paths, period, previous=prev, feedback=fb)
        return self.window_.run_task(_t("ProgressPanel", "Building the progress report…"), work, self.show_report,
                                     on_failed=lambda exc: self.summary.setText(self.window_.readable_error(exc)),
                                     show_errors=False)

    def show_report(self, r) -> None:
        self.report = r
        vi = self.window_.ui_language() == "vi"
        self.summary.setText(_t("ProgressPanel", "%1 – %2: %3 plan(s); due at the Department of Construction on %4.")
                             .replace("%1", r.period.label_vi if vi else r.period.label_en).replace("%2", r.province)
                             .replace("%3", str(len(r.plans))).replace("%4", r.period.due))
        rows = []
        for p in r.plans:
            change = "—"
            if p.integration is not None and p.previous_integration is not None:
                change = f"{(p.integration - p.previous_integration) * 100:+.0f}"
            rows.append((p.commune or p.plan_id, f"{p.built} / {p.planned}",
                         f"{p.integration * 100:.0f}%" if p.integration is not None else "—", change,
                         f"{p.findings.get('E', 0)} / {p.findings.get('W', 0)}"))
        gui.fill_table(self.table, rows, resize=True)
        self.write_btn.setEnabled(True)

    def write(self, folder=None) -> list[Path]:
        from cim.progress.outputs import write_outputs

        if folder is None:
            folder = gui.choose_folder(self, _t("ProgressPanel", "Folder for the report"))
            if not folder:
                return []
        base = Path(folder) / f"bao_cao_{self.report.period.code}"
        files = write_outputs(self.report, html=base.with_suffix(".html"), pdf=base.with_suffix(".pdf"),
                              xlsx=base.with_suffix(".xlsx"), json_path=base.with_suffix(".json"))
        self.window_.report(_t("ProgressPanel", "Report written: %1").replace("%1", ", ".join(f.name for f in files)))
        return files
