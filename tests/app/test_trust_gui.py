"""Signer trust in the app (issue 12): an unknown signer is never opened as trusted; the verification
dialog shows who signed and offers to trust the signer after showing the fingerprint; Settings manages
the trust store. Real packages and a test PKI generated per run."""

import zipfile

import pytest
from PySide6.QtWidgets import QDialogButtonBox

pytestmark = pytest.mark.gui
PW = "mật khẩu thử nghiệm"


@pytest.fixture
def x509_package(sample_copy, tmp_path):
    from cim.package.build import PackageOptions, build_package
    from cim.package.testpki import issue, make_ca

    ca = make_ca()
    who = issue(ca, "Nguyễn Văn An", "Công ty CP Tư vấn Quy hoạch Phú Thọ")
    p12 = who.write_p12(tmp_path / "tu_van.p12", PW)
    out = tmp_path / "nop" / "district.cimpkg"
    out.parent.mkdir()
    build_package(sample_copy, out, PackageOptions(cityjson=False, auto_tod=False, pkcs12=p12, passphrase=PW))
    return out, ca


def _shown(window):
    from plugins.builtin.review._qt.open_package import VerifyResultDialog

    return [d for d in window.findChildren(VerifyResultDialog) if d.isVisible()]


def test_an_unknown_signer_is_not_opened_and_can_be_trusted_after_seeing_the_fingerprint(window, waits, x509_package,
                                                                                          qtbot, tmp_path):
    from plugins.builtin.review._qt.open_package import TrustSignerDialog
    from plugins.builtin.review._qt.panel import open_package_dialog

    pkg, _ = x509_package
    project = window.session.project
    open_package_dialog(window, pkg)
    waits.tasks(window)
    (dlg,) = _shown(window)
    assert dlg.report.status == "unknown_signer" and not dlg.report.ok
    assert window.session.project is project and not window.session.reviewer         # not opened
    assert sorted(p.name for p in pkg.parent.iterdir()) == ["district.cimpkg"]        # nothing extracted
    text = dlg.text()
    assert "Nguyễn Văn An" in text and "#e65100" in dlg.verdict.text()
    assert dlg.report.signer.fingerprint.split(":")[1][:4] in dlg.signer.text()
    dlg.resize(760, 460)
    dlg.grab().save(str(tmp_path / "unknown_signer.png"))
    qtbot.mouseClick(dlg.trust_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.LeftButton)
    confirm = dlg.findChild(TrustSignerDialog)
    assert confirm is not None and confirm.isVisible()
    assert dlg.report.signer.fingerprint[7:11] in confirm.label.text()
    confirm.grab().save(str(tmp_path / "trust_confirm.png"))
    confirm.reject()                                  # Cancel: nothing is trusted, nothing opens
    from cim.package.trust import TrustStore

    assert TrustStore().entries() == []
    dlg.ask_trust()
    dlg.confirm.trust.click()                         # "Trust this signer": pinned, verified again, opened
    waits.tasks(window)
    (again,) = _shown(window)
    assert again.report.ok and again.report.signer.status == "trusted" and again.report.signer.via == "pinned"
    assert window.session.reviewer and window.session.project is not project
    assert [e.kind for e in TrustStore().entries()] == ["signer"]


def test_a_forged_re_signed_package_is_not_opened_as_trusted(window, waits, x509_package, tmp_path):
    import json

    from cim.package.keys import create_key, encode_signature
    from cim.package.trust import TrustStore
    from plugins.builtin.review._qt.panel import open_package_dialog

    pkg, ca = x509_package
    TrustStore().add_cert(ca.cert, "ca")                       # the appraiser trusts the consultant's CA
    with zipfile.ZipFile(pkg) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    m = json.loads(entries["manifest.json"])
    forger = create_key("ke_gian", "mat-khau-ke-gian", tmp_path / "forger")
    m["signer"] = forger.signer_entry()
    blob = json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"
    entries.update({"manifest.json": blob, "manifest.json.sig": encode_signature(forger.sign(blob)),
                    "signer.pub": forger.public_pem})
    forged = tmp_path / "forged.cimpkg"
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
    project = window.session.project
    open_package_dialog(window, forged)
    waits.tasks(window)
    (dlg,) = _shown(window)
    assert dlg.report.status == "unknown_signer" and window.session.project is project
    dlg.close()
    open_package_dialog(window, pkg)                          # the genuine one: trusted through the CA
    waits.tasks(window)
    (dlg,) = _shown(window)
    assert dlg.report.ok and dlg.report.signer.via == "ca" and "#2e7d32" in dlg.verdict.text()
    assert "Nguyễn Văn An" in dlg.signer.text() and dlg.trust_button is None


def test_settings_lists_adds_and_removes_trusted_signers(window, qtbot, x509_package, tmp_path):
    from app.dialogs import SettingsDialog

    _, ca = x509_package
    dlg = SettingsDialog(window)
    qtbot.addWidget(dlg)
    page = dlg.trust
    assert page.table.rowCount() == 0
    pem = tmp_path / "ca.pem"
    pem.write_bytes(ca.pem())
    added = page.add_file(pem)
    assert [e.kind for e in added] == ["ca"] and page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "CA Thử nghiệm CIM Studio"
    dlg.tabs.setCurrentWidget(page)
    dlg.resize(760, 420)
    dlg.show()
    dlg.grab().save(str(tmp_path / "settings_trust.png"))
    page.table.selectRow(0)
    assert page.remove_selected() == 1 and page.table.rowCount() == 0
    bad = tmp_path / "x.pem"
    bad.write_text("not a certificate")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def close_box():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.button(QMessageBox.Ok).click() if w.button(QMessageBox.Ok) else w.close()
    QTimer.singleShot(300, close_box)
    assert page.add_file(bad) == [] and page.table.rowCount() == 0
    assert dlg.findChild(QDialogButtonBox) is not None
