""""Export appraisal package…": a wizard over the core's :func:`cim.package.build.build_package`.

Pages: what goes in (checks and rule pack, reports, CityJSON, IFC models, TOD study, signer) → the
target file → the build and its verification in a worker (progress, Cancel) → a summary with the
manifest hash, the signer's key and the verify result. The package is built from the saved file.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from plugins import gui
from plugins.check_registry import installed_check_registry as check_registry
from plugins.check_registry import pack_choices
from plugins.gui import tr as _t


class ContentsPage(QWizardPage):
    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_t("PackageWizard", "What goes into the package"))
        self.setSubTitle(_t("PackageWizard", "The package holds the saved project file and is signed with your key. "
                            "The appraisal council re-runs the checks to confirm the verdict."))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.save_button = QPushButton(_t("PackageWizard", "Save the project now"))
        self.save_button.clicked.connect(self._save)
        self.run_checks = QCheckBox(_t("PackageWizard", "Run the rule checks and include the results"))
        self.run_checks.setChecked(True)
        self.pack = QComboBox()
        self.reports = QCheckBox(_t("PackageWizard", "Include the HTML and PDF reports"))
        self.reports.setChecked(True)
        self.cityjson = QCheckBox(_t("PackageWizard", "Include a CityJSON export of the 3D city model"))
        self.cityjson.setChecked(True)
        self.ifc = QCheckBox(_t("PackageWizard", "Include the IFC models (otherwise only their hashes)"))
        self.ifc.setChecked(True)
        self.tod = QCheckBox(_t("PackageWizard", "Include the TOD study (when the project has stations)"))
        self.tod.setChecked(True)
        self.signer = QLineEdit(wizard.project.user)
        self.signer.setObjectName("package_signer")
        self.p12 = QLineEdit()
        self.p12.setObjectName("package_p12")
        self.p12.setPlaceholderText(_t("PackageWizard", "optional: a digital signature certificate (.p12/.pfx)"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("package_passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.key_note = QLabel()
        self.key_note.setWordWrap(True)
        self.key_note.setObjectName("package_key_note")
        for w in (self.signer, self.p12, self.passphrase):
            w.textChanged.connect(self._update_key_note)
        self.run_checks.toggled.connect(self.pack.setEnabled)
        self.run_checks.toggled.connect(self.reports.setEnabled)
        form = QFormLayout()
        form.addRow(self.run_checks)
        form.addRow(_t("PackageWizard", "Rule pack:"), self.pack)
        form.addRow(self.reports)
        form.addRow(self.cityjson)
        form.addRow(self.ifc)
        form.addRow(self.tod)
        form.addRow(_t("PackageWizard", "Signed by (user):"), self.signer)
        p12_row = QHBoxLayout()
        p12_row.addWidget(self.p12, 1)
        p12_browse = QPushButton(_t("PackageWizard", "Browse…"))
        p12_browse.clicked.connect(self._browse_p12)
        p12_row.addWidget(p12_browse)
        form.addRow(_t("PackageWizard", "Certificate file:"), p12_row)
        form.addRow(_t("PackageWizard", "Passphrase:"), self.passphrase)
        form.addRow(self.key_note)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.save_button)
        lay.addLayout(row)
        lay.addLayout(form)
        lay.addStretch(1)
        self._fill_packs()
        wizard.session.undo_changed.connect(self._update_state)
        self._update_state()
        self._update_key_note()

    def _browse_p12(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, _t("PackageWizard", "Digital signature certificate"), "",
                                              _t("PackageWizard", "PKCS#12 certificate (*.p12 *.pfx)"))
        if path:
            self.p12.setText(path)

    def _key_missing(self) -> bool:
        from cim.package.keys import key_path

        return not self.p12.text().strip() and not key_path(self.signer.text().strip() or "user").exists()

    def _update_key_note(self, *_args) -> None:
        if self.p12.text().strip():
            text = _t("PackageWizard", "The package is signed with this certificate; the passphrase opens the file.")
        elif self._key_missing():
            text = _t("PackageWizard", "%1 has no signing key yet: a new key is created now, protected by this "
                      "passphrase. Give its fingerprint to the appraisal office.").replace("%1", self.signer.text())
        else:
            text = _t("PackageWizard", "The passphrase unlocks your signing key.")
        self.key_note.setText(text)
        self.completeChanged.emit()

    def _fill_packs(self) -> None:
        lang = self.w.main.ui_language()
        try:
            choices = pack_choices(check_registry())
        except Exception as exc:  # a broken rule pack of a plugin must not stop packaging without checks
            self.w.session.message.emit("warning", str(exc))
            choices = []
        for pack_id, pack in choices:
            title = getattr(pack.title, lang, None) or pack_id
            self.pack.addItem(f"{title} ({pack_id} {pack.version})", pack_id)
        if not choices:
            self.run_checks.setChecked(False)
            self.run_checks.setEnabled(False)

    def _save(self) -> None:
        self.w.main.files.save(on_done=lambda _p: self._update_state())

    def _update_state(self, *_args) -> None:
        p = self.w.project
        if p.path is None:
            text = _t("PackageWizard", "The project has never been saved. Save it first: the package is built from the file.")
            colour = "#c62828"
        elif p.is_modified():
            text = _t("PackageWizard", "The project has unsaved edits. They are not in the package unless you save first.")
            colour = "#e65100"
        else:
            text = _t("PackageWizard", "Project file: %1").replace("%1", str(p.path))
            colour = "palette(text)"
        self.state.setText(f"<span style='color:{colour}'>{html.escape(text)}</span>")
        self.save_button.setVisible(p.path is None or p.is_modified())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (self.w.project.path is not None and bool(self.signer.text().strip())
                and bool(self.passphrase.text()))

    def options(self):
        from cim.package.build import PackageOptions
        from cim.package.checks import pack_files, registry_runner, report_writer

        p12 = self.p12.text().strip()
        opts = PackageOptions(exclude_ifc=not self.ifc.isChecked(), cityjson=self.cityjson.isChecked(),
                              auto_tod=self.tod.isChecked(), user=self.signer.text().strip(),
                              passphrase=self.passphrase.text(), pkcs12=Path(p12) if p12 else None,
                              create_key=self._key_missing())
        pack_id = self.pack.currentData()
        if self.run_checks.isChecked() and pack_id:
            reg = check_registry()
            opts.run_checks = registry_runner(reg, pack_id)
            opts.rule_packs = pack_files(reg, pack_id)
            if self.reports.isChecked():
                opts.write_reports = report_writer(reg, pack_id)
        return opts


class TargetPage(QWizardPage):
    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_t("PackageWizard", "Where to write the package"))
        self.setSubTitle(_t("PackageWizard", "A single .cimpkg file to hand to the appraisal council."))
        self.path = QLineEdit()
        self.path.setObjectName("package_target")
        browse = QPushButton(_t("PackageWizard", "Browse…"))
        browse.clicked.connect(self._browse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_t("PackageWizard", "Package file:")))
        lay.addLayout(row)
        lay.addWidget(self.note)
        lay.addStretch(1)
        self.path.textChanged.connect(self._changed)

    def initializePage(self) -> None:
        p = self.w.project.path
        if not self.path.text() and p is not None:
            stem = p.name.removesuffix(".cim.gpkg").removesuffix(".gpkg")
            self.path.setText(str(p.parent / f"{stem}.cimpkg"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _t("PackageWizard", "Save appraisal package"), self.path.text(),
                                              "CIM Studio package (*.cimpkg)")
        if path:
            self.path.setText(path)

    def target(self) -> Path:
        text = self.path.text().strip()
        return Path(text if text.endswith(".cimpkg") else text + ".cimpkg")

    def _changed(self) -> None:
        t = self.target() if self.path.text().strip() else None
        if t is not None and t.exists():
            self.note.setText(_t("PackageWizard", "The file exists and will be replaced."))
        elif t is not None and not t.parent.is_dir():
            self.note.setText(_t("PackageWizard", "The folder does not exist."))
        else:
            self.note.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip()) and self.target().parent.is_dir()


class RunPage(QWizardPage):
    """Builds then verifies in a worker; Cancel stops it (nothing is left behind)."""

    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_t("PackageWizard", "Building the package"))
        self.label = gui.status_label()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.cancel = QPushButton(_t("PackageWizard", "Cancel"))
        self.cancel.setObjectName("package_cancel")
        self.cancel.clicked.connect(self._cancel)
        self.log = QTextBrowser()
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addLayout(row)
        lay.addWidget(self.log, 1)
        self.task = None
        self.result = None

    def initializePage(self) -> None:
        from cim.package.build import build_package
        from cim.package.checks import registry_runner
        from cim.package.verify import verify_package

        opts, out, src = self.w.contents.options(), self.w.target.target(), self.w.project.path
        self.result, self.error = None, None
        self.log.clear()
        self.bar.setValue(0)
        self.label.setText(_t("PackageWizard", "Packaging %1 into %2…").replace("%1", src.name).replace("%2", str(out)))
        rerun = registry_runner(check_registry()) if opts.run_checks is not None else None

        def work(fb):
            with fb.step(0.0, 0.8):
                built = build_package(src, out, opts, feedback=fb)
            fb.raise_if_canceled("verification")
            with fb.step(0.8, 1.0):
                # the consultant's own check: their signer is the one they just used
                report = verify_package(out, rerun=rerun, require_rerun=rerun is not None, feedback=fb,
                                        trusted={built.fingerprint})
            return built, report

        self._start(work)

    def _start(self, work) -> None:
        task = self.task = self.w.main.start_task(work)
        task.signals.progress.connect(lambda v: self.bar.setValue(int(v * 1000)))
        task.signals.log.connect(self._log)
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)
        self.cancel.setEnabled(True)
        self.w.button(QWizard.BackButton).setEnabled(False)

    def _log(self, level: str, msg: str) -> None:
        """A core line in the interface language (the window translates the core's English templates)."""
        label = {"error": _t("PackageWizard", "error"), "warning": _t("PackageWizard", "warning")}.get(
            level, _t("PackageWizard", "info"))
        shown = getattr(self.w.main, "log_text", str)(msg)
        self.log.append(f"[{label}] {html.escape(shown)}")

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel.setEnabled(False)

    def _done(self, result) -> None:
        self.task, self.result = None, result
        self.bar.setValue(1000)
        self.cancel.setEnabled(False)
        self.label.setText(_t("PackageWizard", "Done. Press Next for the summary."))
        self.completeChanged.emit()
        self.w.next()

    def _failed(self, exc, tb) -> None:
        from cim.errors import Canceled

        self.task, self.error = None, exc
        self.cancel.setEnabled(False)
        self.w.button(QWizard.BackButton).setEnabled(True)
        self.w.session.message.emit("debug", tb)
        text = _t("PackageWizard", "Canceled: no package was written.") if isinstance(exc, Canceled) else self.w.main.readable_error(exc)
        self.label.setText(f"<span style='color:#c62828'>{html.escape(text)}</span>")

    def isComplete(self) -> bool:
        return self.result is not None

    def validatePage(self) -> bool:
        return self.result is not None


class SummaryPage(QWizardPage):
    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_t("PackageWizard", "Package ready"))
        self.verdict = gui.status_label(name="package_verdict")
        self.text = QTextBrowser()
        self.text.setObjectName("package_summary")
        lay = QVBoxLayout(self)
        lay.addWidget(self.verdict)
        lay.addWidget(self.text, 1)

    def initializePage(self) -> None:
        built, report = self.w.run.result
        lang = "vi" if self.w.main.ui_language() == "vi" else "en"
        ok = report.ok
        colour = "#2e7d32" if ok else "#c62828"
        vi, en = report.verdict()
        self.verdict.setText(f"<b style='color:{colour}'>{html.escape(vi if lang == 'vi' else en)}</b>")
        m = built.manifest
        checks = (m.get("checks") or {}).get("verdict") or {}
        rows = [(_t("PackageWizard", "File"), str(built.path)),
                (_t("PackageWizard", "Files inside"), str(len(m["files"]))),
                (_t("PackageWizard", "Size"), QLocale().toString(built.path.stat().st_size / 1e6, "f", 1) + " MB"),
                (_t("PackageWizard", "Manifest SHA-256"), report.manifest_sha256 or ""),
                (_t("PackageWizard", "Signer key"), built.fingerprint),
                (_t("PackageWizard", "Check verdict"), checks.get(lang, "") or _t("PackageWizard", "(no checks included)"))]
        body = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows)
        found = "".join(f"<li>{'✘' if f.severity == 'E' else '✔'} {html.escape(f.text(lang))}</li>" for f in report.findings)
        advice = _t("PackageWizard", "Give the appraisers the signer key fingerprint through another channel so they can "
                    "trust the signature.")
        heading = _t("PackageWizard", "Verification")
        self.text.setHtml(f"<table cellspacing='4'>{body}</table><p><b>{html.escape(heading)}"
                          f"</b></p><ul>{found}</ul><p>{html.escape(advice)}</p>")


class PackageWizard(QWizard):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("package_wizard")
        self.setWindowTitle(_t("PackageWizard", "Export appraisal package"))
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.NoCancelButtonOnLastPage, True)
        self.resize(680, 520)
        self.main, self.session = window, window.session
        self.project = window.session.project
        self.contents, self.target, self.run, self.summary = (ContentsPage(self), TargetPage(self), RunPage(self),
                                                              SummaryPage(self))
        for page in (self.contents, self.target, self.run, self.summary):
            self.addPage(page)
        self.target.setButtonText(QWizard.NextButton, _t("PackageWizard", "Build package"))
        self.rejected.connect(self._stop)

    def _stop(self) -> None:
        if self.run.task is not None:
            self.run.task.cancel()
