"""The TOD study dock: set up corridor, stations and radii, run the study in a worker (progress, Cancel),
read the indicators per station and ring, chart them, compare a scenario with the baseline, click a row
to see that station's catchments on the map, export the table as CSV.

The panel drives the headless core (:mod:`cim.tod`) the way ``cimstudio tod`` does; running a study or a
scenario never changes the project. Only "Add catchment layers" does, as one undoable step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plugins import gui
from plugins.builtin.tod._qt.catchment_view import clear_catchments, show_station_catchments
from plugins.builtin.tod._qt.charts import IndicatorChart
from plugins.builtin.tod._qt.inputs import InputProblem, StudyInputs
from plugins.builtin.tod._qt.jobs import run_baseline, run_scenario
from plugins.builtin.tod._qt.scenario_box import ScenarioBox
from plugins.builtin.tod._qt.table_model import FrameTableModel
from plugins.builtin.tod._qt.text import column_labels, kind_label, message_text, note_text
from plugins.gui import tr as _t


class TodPanel(gui.Panel):
    object_name = "tod_panel"

    def __init__(self, window) -> None:
        super().__init__(window)
        self.session = window.session
        self.run = None            # jobs.StudyRun of the last finished study
        self.comparison = None
        self.task = None
        self.inputs = StudyInputs(self.session, self)
        self.run_button = QPushButton(_t("TodPanel", "Run TOD study"), objectName="tod_run")
        self.run_button.setDefault(True)
        self.export_button = QPushButton(_t("TodPanel", "Export CSV…"), objectName="tod_export")
        self.layers_button = QPushButton(_t("TodPanel", "Add catchment layers"), objectName="tod_add_layers")
        self.layers_button.setToolTip(_t("TodPanel", "Add the circles, walksheds and bicycle catchments of this "
                                                     "study to the project as layers (one undo step)"))
        self.messages = QLabel(objectName="tod_messages")
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.RichText)
        self.messages.setStyleSheet("QLabel { background: #fff8e1; border: 1px solid #f0d58c; padding: 4px; }")
        self.model = FrameTableModel(self)
        self.table = QTableView(objectName="tod_indicator_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel(_t("TodPanel", "Click a row to zoom to its station and draw its catchments."))
        self.hint.setStyleSheet("color: #555555;")
        self.hint.setWordWrap(True)
        self.chart = IndicatorChart(self)
        self.scenario = ScenarioBox(self)
        self.tabs = QTabWidget(objectName="tod_tabs")
        table_page = QWidget()
        tl = QVBoxLayout(table_page)
        tl.setContentsMargins(2, 2, 2, 2)
        tl.addWidget(self.hint)
        tl.addWidget(self.table, 1)
        self.tabs.addTab(table_page, _t("TodPanel", "Indicators"))
        self.tabs.addTab(self.chart, _t("TodPanel", "Charts"))
        self.tabs.addTab(self.scenario, _t("TodPanel", "Scenarios"))
        self._layout()
        self._connect()
        self._update_buttons()

    def _layout(self) -> None:
        box = QGroupBox(_t("TodPanel", "Study"))
        bl = QVBoxLayout(box)
        bl.addWidget(self.inputs)
        buttons = QGridLayout()
        buttons.addWidget(self.run_button, 0, 0, 1, 2)
        buttons.addWidget(self.layers_button, 1, 0)
        buttons.addWidget(self.export_button, 1, 1)
        bl.addLayout(buttons)
        # one column for a docked width; the dock scrolls the whole panel (no nested scroll area)
        self.tabs.setMinimumHeight(320)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(box)
        lay.addWidget(self.messages)
        lay.addWidget(self.tabs, 1)
        self.set_messages([])

    def _connect(self) -> None:
        s = self.session
        self.run_button.clicked.connect(self.run_study)
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.layers_button.clicked.connect(self.add_catchment_layers)
        self.scenario.compare_requested.connect(self.compare_scenario)
        self.table.clicked.connect(lambda index: self.show_row(index.row()))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_row(cur.row()))
        s.project_replaced.connect(self.reset)
        s.layers_changed.connect(self.inputs.refresh)
        s.features_changed.connect(self._features_changed)
        s.role_changed.connect(lambda _role: self._update_buttons())

    # state ---------------------------------------------------------------------------------
    def reset(self) -> None:
        """A new project: the previous study's results and overlays no longer apply."""
        self.run = self.comparison = None
        self.model.clear()
        self.chart.show_run(None)
        self.scenario.clear()
        clear_catchments(self.window_.canvas)
        self.set_messages([])
        self.inputs.refresh()
        self._update_buttons()

    def _features_changed(self, lid: str) -> None:
        if lid == self.inputs.stations_layer.currentData() or lid == self.inputs.corridor.currentData():
            self.inputs.refresh()

    def _update_buttons(self) -> None:
        busy = self.task is not None
        has = self.run is not None
        self.run_button.setEnabled(not busy)
        self.export_button.setEnabled(has and not busy)
        self.layers_button.setEnabled(has and not busy and self.session.editable)
        self.scenario.set_ready(has and not busy)

    def set_messages(self, texts: list[str]) -> None:
        """Explained empty states and data gaps, one line each; hidden when there is nothing to say."""
        from html import escape

        texts = list(dict.fromkeys(t for t in texts if t))
        self.messages.setText("<br>".join(f"• {escape(t)}" for t in texts))
        self.messages.setVisible(bool(texts))

    def message_texts(self) -> list[str]:
        return [t.lstrip("• ") for t in self.messages.text().split("<br>") if t]

    # running -------------------------------------------------------------------------------
    def _start(self, title: str, fn, on_done):
        def finished():
            self.task = None
            self._update_buttons()

        task = self.window_.run_task(title, fn, on_done, on_failed=self._failed)
        task.signals.finished.connect(finished)
        self.task = task
        self._update_buttons()
        return task

    def _failed(self, exc) -> None:
        from cim.errors import Canceled

        if isinstance(exc, Canceled):
            self.set_messages([_t("TodPanel", "Canceled: nothing was computed and the project is unchanged.")])
        else:
            self.set_messages([self.window_.readable_error(exc)])

    def run_study(self):
        try:
            spec = self.inputs.spec()
        except InputProblem as exc:
            self.set_messages([str(exc)])
            return None
        project = self.session.project
        return self._start(_t("TodPanel", "Running the TOD study…"),
                           lambda fb: run_baseline(project, spec, fb), self._study_done)

    def _study_done(self, run) -> None:
        self.run, self.comparison = run, None
        t = run.base.indicators
        self.model.set_frame(t, column_labels(), display={"kind": kind_label, "notes": note_text},
                             tooltip_column="notes")
        self.chart.show_run(run)
        self.scenario.clear()
        clear_catchments(self.window_.canvas)
        self.set_messages(self.explain(run))
        self._update_buttons()
        self.window_.report(_t("TodPanel", "TOD study: %1 station(s), %2 catchment(s)")
                            .replace("%1", str(len(run.base.stations))).replace("%2", str(len(t))))

    def explain(self, run) -> list[str]:
        """The core's messages (station outside the network, empty catchment, plots without FAR) and
        catchments without any plot, in the UI language."""
        out = [message_text(m) for m in run.base.messages]
        t = run.base.indicators
        if "plots" in t.columns:
            for r in t[t["plots"].fillna(0) == 0].itertuples(index=False):
                out.append(_t("TodPanel", "%1: the %2 m %3 holds no plot (empty catchment)")
                           .replace("%1", str(r.name)).replace("%2", f"{r.radius_m:.0f}")
                           .replace("%3", kind_label(r.kind)))
        return out

    def compare_scenario(self, rule_text: str):
        if self.run is None:
            return None
        from cim.errors import CimInputError
        from cim.tod.scenarios import parse_rule

        try:
            parse_rule(rule_text)
        except CimInputError as exc:
            self.set_messages([_t("TodPanel", "The scenario rule cannot be read: write e.g. far*1.5 within 500, "
                                              "height+6 within 800 or use=mixed_use within 300."), str(exc)])
            return None
        run = self.run
        return self._start(_t("TodPanel", "Running the TOD scenario…"),
                           lambda fb: run_scenario(run, rule_text, fb), self._scenario_done)

    def _scenario_done(self, out) -> None:
        label, result, comparison = out
        if self.run is None:
            return
        self.run.scenarios = {label: result}
        self.comparison = comparison
        self.scenario.show_comparison(label, comparison)
        self.chart.show_run(self.run, comparison)
        self.tabs.setCurrentWidget(self.scenario)

    # map -----------------------------------------------------------------------------------
    def show_row(self, row: int):
        if self.run is None or not 0 <= row < self.model.rowCount():
            return None
        station = int(self.model.raw(row, "station"))
        return show_station_catchments(self.window_, self.run.base, station)

    # outputs -------------------------------------------------------------------------------
    def export_csv(self, path=None):
        """The indicator table (baseline and compared scenario, one row per station × catchment × scenario)
        as CSV for Excel, the same table as ``cimstudio tod --csv --excel`` in the interface language."""
        if self.run is None:
            return None
        if path is None:
            path, _f = QFileDialog.getSaveFileName(self, _t("TodPanel", "Export TOD indicators"),
                                                   "tod_indicators.csv", _t("TodPanel", "CSV tables (*.csv)"))
            if not path:
                return None
        try:
            from cim.tod.outputs import write_excel_csv
            from plugins.gui import ui_language

            write_excel_csv(self.run.table(), path, ui_language())      # opens right in Excel
        except OSError as exc:
            self.session.message.emit("error", _t("TodPanel", "Could not write %1: %2").replace("%1", str(path))
                                      .replace("%2", exc.strerror or str(exc)))
            return None
        self.window_.report(_t("TodPanel", "TOD indicators written to %1").replace("%1", str(path)))
        return path

    def add_catchment_layers(self):
        """The study's catchments as project layers (one undo step); refused in reviewer mode."""
        from cim.errors import CimError
        from cim.tod.outputs import add_catchment_layers

        if self.run is None or not self.session.editable:
            return None
        try:
            return add_catchment_layers(self.session.project, self.run.base)
        except CimError as exc:
            self.session.message.emit("error", str(exc))
            return None
