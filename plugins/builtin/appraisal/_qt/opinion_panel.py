"""The appraisal opinion panel: pick a package (verified in a worker, refused when it does not verify),
the drafted opinion's header, each finding accepted or rejected with the appraiser's reason, the
recommendations and the conclusion; save the opinion, export DOCX + PDF signed by the appraiser."""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidgetItem,
    QVBoxLayout,
)

from plugins import gui
from plugins.gui import tr as _t

COLS = 5   # id, rule, severity, title, decision (+ reason column)


class OpinionPanel(gui.Panel):
    object_name = "opinion_panel"

    def __init__(self, window) -> None:
        super().__init__(window)
        self.opinion = None
        self.opinion_path: Path | None = None
        self.open_btn = gui.button(_t("OpinionPanel", "Draft from package…"), self.draft_from_package,
                                   name="opinion_from_package")
        self.load_btn = gui.button(_t("OpinionPanel", "Open opinion…"), self.load_file)
        self.save_btn = gui.button(_t("OpinionPanel", "Save opinion…"), self.save_file)
        self.export_btn = gui.button(_t("OpinionPanel", "Export DOCX + PDF (signed)…"), self.export,
                                     name="opinion_export")
        top = gui.button_grid((self.open_btn, self.load_btn, self.save_btn, self.export_btn))
        self.number, self.date, self.signer = QLineEdit(), QLineEdit(), QLineEdit()
        self.number.setObjectName("opinion_number")
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.signer_title = QLineEdit()
        self.p12, self.p12_browse, p12_row = gui.path_field(
            self._browse_p12, name="opinion_p12",
            placeholder=_t("OpinionPanel", "the appraiser's digital signature certificate (.p12/.pfx)"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("opinion_passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        form = gui.form_layout([(_t("OpinionPanel", "Number / symbol"), self.number),
                                (_t("OpinionPanel", "Date"), self.date),
                                (_t("OpinionPanel", "Signed by"), self.signer),
                                (_t("OpinionPanel", "Title of the signer"), self.signer_title),
                                (_t("OpinionPanel", "Certificate file"), p12_row),
                                (_t("OpinionPanel", "Passphrase"), self.passphrase)])
        self.summary = gui.status_label(_t("OpinionPanel", "Choose a verified appraisal package to draft the opinion."),
                                        name="opinion_summary")
        self.table = gui.result_table([_t("OpinionPanel", "No."), _t("OpinionPanel", "Rule"),
                                       _t("OpinionPanel", "Sev."), _t("OpinionPanel", "Finding"),
                                       _t("OpinionPanel", "Decision"), _t("OpinionPanel", "Appraiser's reason")],
                                      name="opinion_findings", stretch=[3, 5], read_only=False, select_rows=False)
        self.recs = QPlainTextEdit()
        self.recs.setObjectName("opinion_recommendations")
        self.conclusion = QPlainTextEdit()
        self.conclusion.setObjectName("opinion_conclusion")
        self.redraft_btn = gui.button(_t("OpinionPanel", "Re-draft recommendations and conclusion"), self.redraft)
        self.status = gui.status_label(name="opinion_status")
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addLayout(form)
        lay.addWidget(QLabel(_t("OpinionPanel", "Findings (accept: must be corrected; reject: set aside, with a reason)")))
        lay.addWidget(self.table, 3)
        lay.addWidget(QLabel(_t("OpinionPanel", "Recommendations (one per line)")))
        lay.addWidget(self.recs, 1)
        lay.addWidget(QLabel(_t("OpinionPanel", "Conclusion")))
        lay.addWidget(self.conclusion, 1)
        lay.addWidget(self.redraft_btn)
        lay.addWidget(self.status)
        self._enable()

    # ------------------------------------------------------------------------------------------- state
    def _enable(self) -> None:
        on = self.opinion is not None
        for w in (self.save_btn, self.export_btn, self.table, self.recs, self.conclusion, self.redraft_btn,
                  self.number, self.date, self.signer, self.signer_title, self.p12, self.passphrase, self.p12_browse):
            w.setEnabled(on)

    def _vi(self) -> bool:
        return self.window_.ui_language() == "vi"

    def show_opinion(self, op) -> None:
        self.opinion = op
        vi = self._vi()
        self.number.setText(op.number)
        self.date.setText(op.date)
        self.signer.setText(op.signer_name)
        self.signer_title.setText(op.signer_title.replace("\n", " / "))
        self.summary.setText(_t("OpinionPanel", "%1 – integration %2 (%3); package %4 verified.")
                             .replace("%1", op.plan.get("plan_id", ""))
                             .replace("%2", f"{op.overall * 100:.0f}%")
                             .replace("%3", op.overall_level_vi if vi else op.overall_level_en)
                             .replace("%4", op.package.get("file", "")))
        self.table.setRowCount(len(op.findings))
        for r, f in enumerate(op.findings):
            for c, text in enumerate((f.id, f.rule, f.severity, f.finding.message.get("vi" if vi else "en"))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                if c == 3:
                    item.setToolTip("\n".join(m.get("vi" if vi else "en") for m in f.issues))
                self.table.setItem(r, c, item)
            combo = QComboBox()
            combo.addItem(_t("OpinionPanel", "Accepted – to correct"), "accepted")
            combo.addItem(_t("OpinionPanel", "Rejected – set aside"), "rejected")
            combo.setCurrentIndex(combo.findData(f.decision))
            self.table.setCellWidget(r, 4, combo)
            self.table.setItem(r, 5, QTableWidgetItem(f.reason))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, 260)
        self.recs.setPlainText("\n".join(op.recommendations))
        self.conclusion.setPlainText(op.conclusion_vi)
        self._enable()

    def collect(self):
        """Write the widgets back into the opinion; raises CimInputError (a rejection without a reason)."""
        from cim.errors import CimInputError

        op = self.opinion
        op.number, op.date, op.signer_name = self.number.text().strip(), self.date.text().strip(), self.signer.text().strip()
        op.signer_title = "\n".join(p.strip() for p in self.signer_title.text().split("/") if p.strip())
        for r, f in enumerate(op.findings):
            reason = self.table.item(r, 5).text().strip() if self.table.item(r, 5) else ""
            decision = self.table.cellWidget(r, 4).currentData()
            if decision == "rejected" and not reason:
                self.table.setCurrentCell(r, 5)
                raise CimInputError(None, _t("OpinionPanel", "Finding %1 (%2): write the reason for setting it aside.")
                                    .replace("%1", f.id).replace("%2", f.rule))
            op.decide(f.id, decision, reason)
        op.recommendations = [ln.strip() for ln in self.recs.toPlainText().splitlines() if ln.strip()]
        op.conclusion_vi = self.conclusion.toPlainText().strip()
        return op

    def _error(self, exc: BaseException) -> None:
        self.status.setText(self.window_.readable_error(exc))

    # ------------------------------------------------------------------------------------------- actions
    def redraft(self) -> None:
        from cim.appraisal.draft import refresh_conclusion
        from cim.errors import CimError

        try:
            op = refresh_conclusion(self.collect())
        except CimError as exc:
            self._error(exc)
            return
        self.show_opinion(op)

    def draft_from_package(self, path=None, *, rerun: bool = True):
        """Verify ``path`` (asked for when None) in a worker and draft the opinion; returns the task."""
        if path is None:
            path = gui.open_file(self, _t("OpinionPanel", "Appraisal package"), "CIM Studio package (*.cimpkg)")
            if not path:
                return None
        pkg = Path(path)

        def work(fb):
            from cim.appraisal.draft import draft_opinion
            from cim.package.checks import registry_runner
            from cim.package.verify import verify_package

            runner = None
            if rerun:
                from plugins.check_registry import installed_check_registry

                runner = registry_runner(installed_check_registry())
            rep = verify_package(pkg, rerun=runner, require_rerun=False, feedback=fb)
            return draft_opinion(pkg, rep, signer_name="")

        def done(op):
            self.opinion_path = None
            self.show_opinion(op)
            self.status.setText(_t("OpinionPanel", "Drafted from %1: %2 finding(s).")
                                .replace("%1", pkg.name).replace("%2", str(len(op.findings))))
        return self.window_.run_task(_t("OpinionPanel", "Verifying the package…"), work, done,
                                     on_failed=self._error, show_errors=False)

    def load_file(self, path=None) -> None:
        from cim.appraisal.opinion import load_opinion
        from cim.errors import CimError

        if path is None:
            path = gui.open_file(self, _t("OpinionPanel", "Open opinion"), "Opinion (*.opinion.json)")
            if not path:
                return
        try:
            self.show_opinion(load_opinion(path))
        except CimError as exc:
            self._error(exc)
            return
        self.opinion_path = Path(path)

    def save_file(self, path=None) -> Path | None:
        from cim.errors import CimError

        if path is None:
            path = gui.save_file(self, _t("OpinionPanel", "Save opinion"),
                                 str(self.opinion_path or "y_kien_tham_dinh.opinion.json"), "Opinion (*.opinion.json)")
            if not path:
                return None
        try:
            out = self.collect().save(path)
        except CimError as exc:
            self._error(exc)
            return None
        self.opinion_path = out
        self.status.setText(_t("OpinionPanel", "Saved %1").replace("%1", str(out)))
        return out

    def _browse_p12(self) -> None:
        path = gui.open_file(self, _t("OpinionPanel", "Certificate file"),
                             _t("OpinionPanel", "PKCS#12 certificate (*.p12 *.pfx)"), start=self.p12.text())
        if path:
            self.p12.setText(path)

    def export(self, base=None, *, key_dir=None, user: str | None = None) -> list[Path]:
        """Write ``base``.docx and ``base``.pdf signed by the appraiser: with the certificate (.p12) a PAdES
        signature in the PDF and a detached CMS ``.p7s`` for the DOCX, else the user's Ed25519 key (.sig);
        the status line then names the signer, the organisation and the trust store's verdict."""
        from cim.appraisal.export import export_opinion
        from cim.appraisal.signing import verify_signed_file
        from cim.errors import CimError

        if base is None:
            base = gui.save_file(self, _t("OpinionPanel", "Export opinion"), "y_kien_tham_dinh.pdf", "PDF (*.pdf)")
            if not base:
                return []
        base = Path(base).with_suffix("")
        p12 = self.p12.text().strip()
        try:
            op = self.collect()
            sign = ({"p12": p12} if p12 else
                    {"sign_as": user or self.window_.session.project.user or getpass.getuser(), "key_dir": key_dir})
            files = export_opinion(op, docx=base.with_suffix(".docx"), pdf=base.with_suffix(".pdf"),
                                   passphrase=self.passphrase.text() or None, **sign)
            sig = verify_signed_file(base.with_suffix(".pdf"))
        except CimError as exc:
            self._error(exc)
            return []
        who = ", ".join(x for x in (sig["signer"], sig["organisation"]) if x)
        verdict = {"trusted": _t("OpinionPanel", "trusted signer"),
                   "unknown": _t("OpinionPanel", "signer not in your trust store")}.get(
            sig["status"], _t("OpinionPanel", "signature NOT valid"))
        self.status.setText(_t("OpinionPanel", "Exported and signed: %1 — signed by %2 (%3)")
                            .replace("%1", ", ".join(p.name for p in files)).replace("%2", who).replace("%3", verdict))
        return files
