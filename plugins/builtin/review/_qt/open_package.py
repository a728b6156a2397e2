""""Open package for review…": verify the appraisal package (structure, signature, every hash, the
re-run of its checks), show a clear pass or fail with what is wrong, and only when it passed, extract
it beside the package and open its project read-only in reviewer mode."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QTextBrowser, QVBoxLayout

from plugins.builtin.review._qt.common import _t

PACKAGE_FILTER = "CIM Studio package (*.cimpkg)"


def review_folder(pkg: Path) -> Path:
    """A new folder beside the package for its extracted files: ``<name>.review``, ``<name>.review-2`` …"""
    stem = pkg.name.removesuffix(".cimpkg")
    target = pkg.parent / f"{stem}.review"
    n = 2
    while target.exists():
        target = pkg.parent / f"{stem}.review-{n}"
        n += 1
    return target


def open_package_for_review(window, path=None):
    """Ask for the package (unless ``path`` is given), verify it in a worker, then open it. Returns the
    task (tests wait for it) or None when nothing was chosen."""
    from cim.package.checks import registry_runner
    from cim.package.opening import open_verified
    from cim.package.verify import verify_package
    from plugins.check_registry import installed_check_registry as check_registry

    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, _t("ReviewPackage", "Open package for review"), "",
                                              PACKAGE_FILTER)
        if not path:
            return None
    if not window.files.maybe_save():
        return None
    pkg = Path(path)

    def work(fb):
        with fb.step(0.0, 0.8):
            report = verify_package(pkg, rerun=registry_runner(check_registry()), require_rerun=False, feedback=fb)
        if not report.ok:
            return report, None, None
        target = review_folder(pkg)
        with fb.step(0.8, 1.0):
            project = open_verified(pkg, report, target, role="reviewer", feedback=fb)
        return report, project, target

    def done(result):
        report, project, target = result
        for old in window.findChildren(VerifyResultDialog):
            old.close()
        VerifyResultDialog(window, report, target).show()
        if project is None:
            window.session.message.emit("warning", _t("ReviewPackage", "%1 did not verify: it was not opened")
                                        .replace("%1", pkg.name))
            return
        window.session.reviewer = True
        window.session.set_project(project)
        if not window.actions["app.reviewer"].isChecked():
            window.actions["app.reviewer"].setChecked(True)      # reviewer mode: editing actions disabled
        else:
            window.session.set_reviewer(True)
        window.session.message.emit("info", _t("ReviewPackage", "Opened %1 for review (read-only) from %2")
                                    .replace("%1", pkg.name).replace("%2", str(target)))

    return window.run_task(_t("ReviewPackage", "Verifying %1…").replace("%1", pkg.name), work, done)


class VerifyResultDialog(QDialog):
    """Pass or fail in one line, then every finding (✔ / ✘) with the file it concerns."""

    def __init__(self, parent, report, target=None) -> None:
        super().__init__(parent)
        self.setObjectName("review_verify_result")
        self.setWindowTitle(_t("ReviewPackage", "Package verification"))
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.resize(620, 380)
        self.report = report
        ok = report.ok
        verdict = QLabel()
        verdict.setObjectName("review_verify_verdict")
        verdict.setWordWrap(True)
        colour = "#2e7d32" if ok else "#c62828"
        lang = "vi" if parent.ui_language() == "vi" else "en"
        vi, en = report.verdict()                     # the core's words, in both languages
        text = vi if lang == "vi" else en
        if not ok:
            text += " " + _t("ReviewPackage", "It was not opened.")
        verdict.setText(f"<b style='color:{colour}; font-size:13pt'>{html.escape(text)}</b>")
        self.verdict = verdict
        self.findings = QTextBrowser()
        self.findings.setObjectName("review_verify_findings")
        rows = []
        for f in report.findings:
            mark = "<span style='color:#2e7d32'>✔</span>" if f.ok else "<span style='color:#c62828'>✘</span>"
            rows.append(f"<p>{mark} {html.escape(f.text(lang))}</p>")
        if report.fingerprint:
            rows.append("<p style='color:gray'>" + html.escape(_t("ReviewPackage", "Signer key: %1")
                                                             .replace("%1", report.fingerprint)) + "</p>")
        if report.manifest_sha256:
            rows.append("<p style='color:gray'>" + html.escape(_t("ReviewPackage", "Manifest SHA-256: %1")
                                                             .replace("%1", report.manifest_sha256)) + "</p>")
        if target is not None:
            rows.append("<p>" + html.escape(_t("ReviewPackage", "Extracted to %1").replace("%1", str(target))) + "</p>")
        self.findings.setHtml("".join(rows))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(verdict)
        lay.addWidget(self.findings, 1)
        lay.addWidget(buttons)

    def text(self) -> str:
        return self.verdict.text() + "\n" + self.findings.toPlainText()
