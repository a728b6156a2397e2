""""Open package for review…": verify the appraisal package (structure, signature and signer, every
hash, the re-run of its checks under the appraiser's rule pack), show a clear verdict with who signed,
and only when it passed *and* the signer is trusted, extract it beside the package and open its project
read-only in reviewer mode. An unknown signer is never opened as trusted: the dialog offers to trust
that signer after showing the fingerprint, then verifies again."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from plugins.gui import tr as _t

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
        VerifyResultDialog(window, report, target, package=pkg).show()
        if project is None:
            msg = (_t("ReviewPackage", "%1 is signed by an unknown signer: it was not opened")
                   if report.status == "unknown_signer" else _t("ReviewPackage", "%1 did not verify: it was not opened"))
            window.session.message.emit("warning", msg.replace("%1", pkg.name))
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


COLOURS = {"valid": "#2e7d32", "unknown_signer": "#e65100", "invalid": "#c62828"}


def grouped(fingerprint: str) -> str:
    """``SHA256:ab12 cd34 …`` — easier to read aloud and compare over the phone."""
    head, _, hexd = fingerprint.partition(":")
    return f"{head}: " + " ".join(hexd[i:i + 4] for i in range(0, len(hexd), 4)) if hexd else fingerprint


def signer_lines(signer) -> list[str]:
    if signer is None:
        return []
    who = ", ".join(x for x in (signer.name, signer.organisation) if x) or "—"
    out = [_t("ReviewPackage", "Signed by: %1").replace("%1", who)]
    if signer.serial:
        out.append(_t("ReviewPackage", "Certificate serial %1, issued by %2").replace("%1", signer.serial)
                   .replace("%2", signer.issuer))
    if signer.fingerprint:
        out.append(_t("ReviewPackage", "Fingerprint: %1").replace("%1", grouped(signer.fingerprint)))
    status = {"trusted": _t("ReviewPackage", "Trusted signer (in your trust store)"),
              "unknown": _t("ReviewPackage", "UNKNOWN SIGNER: not in your trust store"),
              "invalid": _t("ReviewPackage", "Invalid signature or certificate")}.get(signer.status, signer.status)
    out.append(status)
    return out


class VerifyResultDialog(QDialog):
    """The verdict in one line (green valid, orange unknown signer, red invalid), who signed, then every
    finding (✔ / ✘). For an unknown signer: a button to trust that signer after seeing the fingerprint."""

    def __init__(self, parent, report, target=None, package=None) -> None:
        super().__init__(parent)
        self.setObjectName("review_verify_result")
        self.setWindowTitle(_t("ReviewPackage", "Package verification"))
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.resize(680, 420)
        self.report = report
        self.package = Path(package) if package else None
        ok = report.ok
        verdict = QLabel()
        verdict.setObjectName("review_verify_verdict")
        verdict.setWordWrap(True)
        colour = COLOURS.get(report.status, "#c62828")
        lang = "vi" if parent.ui_language() == "vi" else "en"
        vi, en = report.verdict()                     # the core's words, in both languages
        text = vi if lang == "vi" else en
        if not ok:
            text += " " + _t("ReviewPackage", "It was not opened.")
        verdict.setText(f"<b style='color:{colour}; font-size:13pt'>{html.escape(text)}</b>")
        self.verdict = verdict
        self.signer = QLabel("<br>".join(html.escape(x) for x in signer_lines(report.signer)))
        self.signer.setObjectName("review_verify_signer")
        self.signer.setWordWrap(True)
        self.signer.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.findings = QTextBrowser()
        self.findings.setObjectName("review_verify_findings")
        rows = []
        for f in report.findings:
            mark = "<span style='color:#c62828'>✘</span>" if f.severity == "E" else "<span style='color:#2e7d32'>✔</span>"
            rows.append(f"<p>{mark} {html.escape(f.text(lang))}</p>")
        for f in getattr(report, "notes", []):
            rows.append(f"<p style='color:#e65100'>– {html.escape(f.text(lang))}</p>")
        if report.manifest_sha256:
            rows.append("<p style='color:gray'>" + html.escape(_t("ReviewPackage", "Manifest SHA-256: %1")
                                                             .replace("%1", report.manifest_sha256)) + "</p>")
        if target is not None:
            rows.append("<p>" + html.escape(_t("ReviewPackage", "Extracted to %1").replace("%1", str(target))) + "</p>")
        self.findings.setHtml("".join(rows))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        self.trust_button = None
        if report.status == "unknown_signer" and self.package is not None:
            self.trust_button = QPushButton(_t("ReviewPackage", "Trust this signer…"))
            self.trust_button.setObjectName("review_trust_signer")
            self.trust_button.clicked.connect(self.ask_trust)
            buttons.addButton(self.trust_button, QDialogButtonBox.ActionRole)
        lay = QVBoxLayout(self)
        lay.addWidget(verdict)
        lay.addWidget(self.signer)
        lay.addWidget(self.findings, 1)
        lay.addWidget(buttons)
        self.confirm = None

    def text(self) -> str:
        return self.verdict.text() + "\n" + self.signer.text() + "\n" + self.findings.toPlainText()

    def ask_trust(self) -> None:
        """Show the fingerprint and ask; only an explicit "Trust" pins the signer and verifies again."""
        self.confirm = TrustSignerDialog(self, self.report.signer)
        self.confirm.accepted.connect(self._trust)
        self.confirm.open()

    def _trust(self) -> None:
        from cim.package.signer_of import trust_package_signer
        from cim.package.trust import TrustStore

        window = self.parent()
        trust_package_signer(self.package, TrustStore(), expected=self.report.signer.fingerprint)
        window.session.message.emit("info", _t("ReviewPackage", "Signer %1 added to your trust store")
                                    .replace("%1", self.report.signer.fingerprint))
        pkg = self.package
        self.close()
        open_package_for_review(window, pkg)


class TrustSignerDialog(QDialog):
    """"Trust this signer?" with the name, organisation and grouped fingerprint to compare with the one
    the consultant gave (by phone or letter)."""

    def __init__(self, parent, signer) -> None:
        super().__init__(parent)
        self.setObjectName("review_trust_confirm")
        self.setWindowTitle(_t("ReviewPackage", "Trust this signer?"))
        self.setMinimumWidth(560)
        text = QLabel("<p>" + html.escape(_t(
            "ReviewPackage", "Compare this fingerprint with the one the signer gave you (by phone or in a letter). "
            "Trust the signer only if every group matches.")) + "</p><p>"
            + "<br>".join(html.escape(x) for x in signer_lines(signer)[:-1]) + "</p>")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label = text
        buttons = QDialogButtonBox()
        self.trust = buttons.addButton(_t("ReviewPackage", "Trust this signer"), QDialogButtonBox.AcceptRole)
        self.trust.setObjectName("review_trust_yes")
        buttons.addButton(QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(buttons)
