"""The Checks panel: choose a rule pack, run it in a worker, review the findings (filter, show on the
map), accept a finding with a reason, open the report."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
)

from plugins import gui
from plugins.builtin.checks._qt.filter_bar import FilterBar
from plugins.builtin.checks._qt.findings_model import (
    FINDING_ROLE,
    FindingsFilter,
    FindingsModel,
    findings_of,
    summary_html,
    ui_language,
)
from plugins.builtin.checks._qt.map_focus import OVERLAY_KEY, focus_finding
from plugins.gui import tr as _t


class ChecksPanel(gui.Panel):
    object_name = "checks_panel"

    def __init__(self, window) -> None:
        super().__init__(window, parent=window)
        self.window, self.session = window, window.session
        self.registry = None
        self.run = None
        self.pack = None
        self.stale = False
        self.stored = False          # the run shown was read back from the project file
        self.tasks: set = set()
        self.reports: dict[str, object] = {}   # kind -> last written path
        self.opener = QDesktopServices.openUrl   # tests replace it: no browser in tests
        self.accept_dialog = None
        self._build()
        self._wire()
        self._fill_packs()
        self._load_stored_run()
        self._update_state()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.pack_box = QComboBox(objectName="checks_pack")
        self.pack_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.pack_box.setMinimumContentsLength(18)
        self.run_button = QPushButton(_t("ChecksPanel", "Run checks"), objectName="checks_run")
        self.report_button = QToolButton(objectName="checks_report")
        self.report_button.setText(_t("ChecksPanel", "Open report"))
        self.report_button.setToolTip(_t("ChecksPanel", "Write the HTML report of this run and open it in the browser"))
        self.report_button.setPopupMode(QToolButton.MenuButtonPopup)
        menu = QMenu(self.report_button)
        self.pdf_action = menu.addAction(_t("ChecksPanel", "Export PDF report"))
        self.json_action = menu.addAction(_t("ChecksPanel", "Export JSON report"))
        self.report_button.setMenu(menu)
        # laid out for a docked width (~330 px): the pack on its own row, the buttons below it
        self.pack_box.setMinimumContentsLength(12)
        self.pack_box.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        top = QGridLayout()
        top.addWidget(QLabel(_t("ChecksPanel", "Rule pack:")), 0, 0)
        top.addWidget(self.pack_box, 0, 1, 1, 2)
        top.addWidget(self.run_button, 1, 1)
        top.addWidget(self.report_button, 1, 2)
        self.report_button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        top.setColumnStretch(1, 1)
        top.setColumnStretch(2, 1)

        self.summary = QLabel(objectName="checks_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)

        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filters = FilterBar(self.proxy, self)
        self.table = QTableView(objectName="checks_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.Interactive)
        head.setStretchLastSection(True)
        for col, width in enumerate((86, 78, 420, 170, 150, 220, 160)):
            self.table.setColumnWidth(col, width)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setMinimumHeight(22 * 10 + 26)     # ten findings at least
        self.empty = QLabel(objectName="checks_empty")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555; padding: 16px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        self.accept_button = QPushButton(_t("ChecksPanel", "Accept…"), objectName="checks_accept")
        self.accept_button.setToolTip(_t("ChecksPanel", "Keep this finding with a reason (shown in the report)"))
        self.withdraw_button = QPushButton(_t("ChecksPanel", "Withdraw acceptance"), objectName="checks_withdraw")
        self.zoom_button = QPushButton(_t("ChecksPanel", "Show on map"), objectName="checks_zoom")
        actions = QGridLayout()
        actions.addWidget(self.zoom_button, 0, 0, 1, 2)
        actions.addWidget(self.accept_button, 1, 0)
        actions.addWidget(self.withdraw_button, 1, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.filters)
        lay.addWidget(self.stack, 1)
        lay.addLayout(actions)

        self.menu_action = QAction(_t("ChecksPanel", "Run rule checks"), self)
        self.menu_action.setObjectName("action_checks_run")
        tools = getattr(self.window, "menus", {}).get("tools")
        if tools is not None:
            tools.addAction(self.menu_action)

    def _wire(self) -> None:
        self.run_button.clicked.connect(self.run_checks)
        self.menu_action.triggered.connect(self._show_and_run)
        self.report_button.clicked.connect(lambda: self.open_report("html"))
        self.pdf_action.triggered.connect(lambda: self.open_report("pdf"))
        self.json_action.triggered.connect(lambda: self.open_report("json"))
        self.filters.changed.connect(self._update_state)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.zoom_button.clicked.connect(self.show_current)
        self.accept_button.clicked.connect(self.ask_accept)
        self.withdraw_button.clicked.connect(self.withdraw_current)
        s = self.session
        s.project_replaced.connect(self._project_replaced)
        s.features_changed.connect(self._data_changed)
        s.role_changed.connect(lambda _r: self._update_state())
        s.undo_changed.connect(self._acceptances_changed)

    # ------------------------------------------------------------------ packs and runs
    def _registry(self):
        if self.registry is None:
            from plugins.check_registry import check_registry

            self.registry = check_registry()
        return self.registry

    def _fill_packs(self) -> None:
        from plugins.check_registry import pack_choices

        lang = ui_language()
        self.pack_box.clear()
        for pid, pack in pack_choices(self._registry()):
            self.pack_box.addItem(f"{pack.title.get(lang)} ({pack.version})", pid)
            self.pack_box.setItemData(self.pack_box.count() - 1, pack.title.get(lang), Qt.ToolTipRole)
        if not self.pack_box.count():
            self.pack_box.addItem(_t("ChecksPanel", "(no rule pack installed)"), "")

    def _start(self, title: str, fn, on_done, on_failed=None):
        """The host's worker (progress dialog with Cancel, readable errors)."""
        task = self.window.run_task(title, fn, on_done, on_failed=on_failed)
        self.tasks.add(task)
        task.signals.finished.connect(lambda: (self.tasks.discard(task), self._update_state()))
        self._update_state()
        return task

    def _show_and_run(self) -> None:
        self.show_dock()
        self.run_checks()

    def run_checks(self):
        pid = self.pack_box.currentData()
        if not pid or self.tasks:
            return None
        reg = self._registry()
        project = self.session.project
        try:
            pack = reg.pack(pid)
            checks = reg.checks_for(pack)
        except Exception as exc:  # a broken pack or plugin: a sentence, not a traceback
            self.session.message.emit("error", str(exc))
            return None

        def work(feedback):
            from cim.checks.runner import run_checks

            return run_checks(project, checks, pack=pack, feedback=feedback)

        def done(run):
            if self.session.project is not project:
                return
            self._store(run, project)
            self._show_run(run, pack, stored=False)
            c = run.counts()
            self.session.message.emit("info", _t("ChecksPanel", "Checks finished: %1 errors, %2 warnings, %3 info")
                                      .replace("%1", str(c["E"])).replace("%2", str(c["W"])).replace("%3", str(c["I"])))

        def failed(exc):
            from cim.errors import Canceled

            if isinstance(exc, Canceled):
                self.window.report(_t("ChecksPanel", "Checks canceled: nothing was changed"))

        return self._start(_t("ChecksPanel", "Running the rule checks…"), work, done, failed)

    def _store(self, run, project) -> None:
        """Keep the run in the project file when the file holds exactly the data checked (the CLI does the same)."""
        from cim.project.access import may_edit

        if project.path is None or project.is_modified() or not may_edit(project.role):
            return                      # a reviewer looks at the results; only the consultant stores them
        from cim.checks.results_store import store_run
        from cim.errors import CimError

        try:
            store_run(project.path, run)
        except (CimError, OSError) as exc:
            self.session.message.emit("warning", str(exc))

    def _load_stored_run(self) -> None:
        project = self.session.project
        if project.path is None:
            return
        from cim.checks.results_store import load_run

        try:
            run = load_run(project.path)
        except Exception as exc:  # an unreadable table must not stop the panel
            self.session.message.emit("debug", f"checks: no stored run read ({exc})")
            return
        if run is None:
            return
        try:
            pack = self._registry().pack(run.pack_id)
        except Exception:
            pack = None
        self._show_run(run, pack, stored=True)
        self._check_currency(run)

    def _check_currency(self, run) -> None:
        """A run read back from the file may predate later saved edits: hash the inputs off the UI
        thread and mark the run out of date when they differ from the ones it checked."""
        project = self.session.project

        def work(_feedback):
            from cim.checks.hashing import input_hashes

            return input_hashes(project)

        def done(current):
            if self.run is run and self.session.project is project and current != dict(run.inputs):
                self.stale = True
                self._update_state()

        task = self.window.start_task(work)
        task.signals.done.connect(done)
        self.tasks.add(task)
        task.signals.finished.connect(lambda: (self.tasks.discard(task), self._update_state()))

    def _show_run(self, run, pack, *, stored: bool) -> None:
        self.run, self.pack, self.stored, self.stale = run, pack, stored, False
        self.reports.clear()
        self.model.set_findings(findings_of(run, self.session.project))
        self.filters.fill(self.model.findings)
        self._update_state()

    def clear_results(self) -> None:
        self.run = self.pack = None
        self.stale = self.stored = False
        self.model.set_findings([])
        self.filters.fill(self.model.findings)
        self.window.canvas.overlays.clear(OVERLAY_KEY)
        self._update_state()

    # ------------------------------------------------------------------ findings
    def current_finding(self):
        idx = self.table.currentIndex()
        return self.proxy.data(idx, FINDING_ROLE) if idx.isValid() else None

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.show_current()
        self._update_state()

    def show_current(self) -> None:
        f = self.current_finding()
        if f is not None:
            focus_finding(self.window, f.finding)

    def ask_accept(self) -> None:
        from plugins.builtin.checks._qt.accept_dialog import AcceptFindingDialog

        f = self.current_finding()
        if f is None or not self.session.editable:
            return
        dlg = AcceptFindingDialog(f, self.session.project.user, ui_language(), self)
        self.accept_dialog = dlg
        dlg.accepted.connect(lambda: self.accept_finding(f, dlg.reason_text(), dlg.author_text()))
        dlg.finished.connect(lambda _r: setattr(self, "accept_dialog", None))
        dlg.open()

    def accept_finding(self, finding, reason: str, author: str = "") -> bool:
        from cim.checks.acceptance import AcceptIssue
        from cim.errors import CimError

        try:
            command = AcceptIssue(self.session.project, finding.finding, reason, author or None)
        except CimError as exc:
            self.session.message.emit("error", str(exc))
            return False
        return self.session.push(command)

    def withdraw_current(self) -> None:
        from cim.checks.acceptance import WithdrawAcceptance

        f = self.current_finding()
        if f is not None and f.accepted is not None:
            self.session.push(WithdrawAcceptance(self.session.project, f.key))

    def _acceptances_changed(self) -> None:
        self.model.refresh_acceptances(self.session.project)
        self.proxy.refilter()
        self._update_state()

    # ------------------------------------------------------------------ reports
    def open_report(self, kind: str = "html"):
        if self.run is None or self.tasks:
            return None
        run, project, pack = self.run, self.session.project, self.pack

        def work(feedback):
            from plugins.builtin.checks._qt.reports import write_report

            return write_report(run, project, pack, kind, feedback)

        def done(path):
            self.reports[kind] = path
            self.session.message.emit("info", _t("ChecksPanel", "Report written: %1").replace("%1", str(path)))
            self.opener(QUrl.fromLocalFile(str(path)))

        title = {"html": _t("ChecksPanel", "Writing the HTML report…"), "pdf": _t("ChecksPanel", "Writing the PDF report…"),
                 "json": _t("ChecksPanel", "Writing the JSON report…")}[kind]
        return self._start(title, work, done)

    # ------------------------------------------------------------------ state
    def _project_replaced(self) -> None:
        self.clear_results()
        self._load_stored_run()

    def _data_changed(self, _lid: str) -> None:
        if self.run is not None and not self.stale:
            self.stale = True
            self._update_state()

    def _update_state(self) -> None:
        busy = bool(self.tasks)
        has_run = self.run is not None
        f = self.current_finding()
        editable = self.session.editable
        self.run_button.setEnabled(not busy and bool(self.pack_box.currentData()))
        self.menu_action.setEnabled(self.run_button.isEnabled())
        self.pack_box.setEnabled(not busy)
        self.report_button.setEnabled(has_run and not busy)
        self.zoom_button.setEnabled(f is not None)
        self.accept_button.setEnabled(f is not None and f.accepted is None and editable)
        self.withdraw_button.setEnabled(f is not None and f.accepted is not None and editable)
        if not has_run:
            self.empty.setText(_t("ChecksPanel", "No checks have been run on this project yet.\nChoose a rule pack and press “Run checks”."))
        elif not self.model.findings:
            self.empty.setText(_t("ChecksPanel", "No findings: every rule of the pack passed."))
        elif not self.proxy.rowCount():
            self.empty.setText(_t("ChecksPanel", "No finding matches the filters."))
        self.stack.setCurrentWidget(self.table if has_run and self.proxy.rowCount() else self.empty)
        self.summary.setText(self._summary_text() if has_run else "")

    def _summary_text(self) -> str:
        return summary_html(self.run, self.model.counts(), shown=self.proxy.rowCount(),
                            total=len(self.model.findings), stored=self.stored, stale=self.stale)
