"""The appraisal opinion panel (bundled plugin ``appraisal``, found through its plugin.toml): a verified
sample package drafts the opinion, the appraiser rejects a finding (a reason is required), exports DOCX
and PDF signed; a screenshot for the README."""

import os
import shutil

import pytest
from PySide6.QtWidgets import QDockWidget

from tests.app.conftest import REPO, settle, wait_tasks
from tests.cim.appraisal.conftest import sample_package  # noqa: F401  (session fixture)

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture
def panel(window):
    from app.plugin_panels import add_plugin_panels
    from plugins.registry import PluginRegistry

    registry = PluginRegistry.discover(extra_paths=[REPO / "plugins" / "builtin" / "appraisal"], entry_points=False)
    docks = {d.objectName(): d for d in add_plugin_panels(window, registry)}
    assert set(docks) == {"dock_plugin_appraisal.opinion", "dock_plugin_appraisal.revision",
                          "dock_plugin_appraisal.progress", "dock_plugin_appraisal.consultation"}
    dock = docks["dock_plugin_appraisal.opinion"]
    dock.show()
    dock.raise_()
    return dock.widget()


def test_the_panel_drafts_decides_and_exports_a_signed_opinion(window, panel, qtbot, sample_package, tmp_path):  # noqa: F811
    from cim.appraisal.signing import verify_signed_file

    assert not panel.export_btn.isEnabled()
    import zipfile

    from cim.package.trust import TrustStore

    with zipfile.ZipFile(sample_package) as zf:     # the appraiser trusts the consultant's key (trust store)
        TrustStore().add_key(zf.read("signer.pub"))
    panel.draft_from_package(sample_package, rerun=False)
    wait_tasks(qtbot, window, 180000)
    assert panel.opinion is not None, panel.status.text()
    assert panel.table.rowCount() == len(panel.opinion.findings) > 5
    assert "QH-PT-2026-0001" in panel.summary.text() and panel.export_btn.isEnabled()
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 1).text() == "TOD-02")
    combo = panel.table.cellWidget(row, 4)
    combo.setCurrentIndex(combo.findData("rejected"))
    assert panel.export(tmp_path / "op", key_dir=tmp_path / "k", user="tham_dinh") == []
    assert "F12 (TOD-02)" in panel.status.text() and "lý do" in panel.status.text()
    panel.table.item(row, 5).setText("Lô OM-81 là đất cây xanh")
    panel.number.setText("215/SXD-QHKT")
    panel.signer.setText("Nguyễn Văn An")
    panel.redraft()
    assert "TOD-02" not in panel.recs.toPlainText()
    dock = window.findChild(QDockWidget, "dock_plugin_appraisal.opinion")
    window.resize(1500, 950)
    dock.setMinimumWidth(700)
    settle(qtbot, 300)
    shot = tmp_path / "panel_opinion.png"
    window.grab().save(str(shot))
    if os.environ.get("CIM_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, REPO / "docs" / "screenshots" / "panel_opinion.png")
    from cim.package.keys import create_key

    create_key("tham_dinh", "mk thẩm định", tmp_path / "k")      # the appraiser's Ed25519 key (no certificate)
    panel.passphrase.setText("mk thẩm định")
    files = panel.export(tmp_path / "op", key_dir=tmp_path / "k", user="tham_dinh")
    assert files, panel.status.text()
    assert sorted(p.name for p in files) == ["op.docx", "op.docx.sig", "op.pdf", "op.pdf.sig"]
    import docx

    text = "\n".join(p.text for p in docx.Document(tmp_path / "op.docx").paragraphs)
    assert "Lý do: Lô OM-81 là đất cây xanh" in text
    assert verify_signed_file(tmp_path / "op.pdf")["signer"] == "tham_dinh"
    assert "tham_dinh" in panel.status.text()
    from cim.package.testpki import issue, make_ca

    ca = make_ca()                        # the appraiser's own certificate: PAdES + CMS, signer named in the status
    panel.p12.setText(str(issue(ca, "Trần Thị Bình", "Sở Xây dựng Phú Thọ").write_p12(tmp_path / "b.p12", "mk")))
    panel.passphrase.setText("sai")
    assert panel.export(tmp_path / "x509") == [] and "passphrase is wrong" in panel.status.text()
    panel.passphrase.setText("mk")
    files = panel.export(tmp_path / "x509")
    assert sorted(p.name for p in files) == ["x509.docx", "x509.docx.p7s", "x509.pdf"]
    assert "Trần Thị Bình, Sở Xây dựng Phú Thọ" in panel.status.text()
    sig = verify_signed_file(tmp_path / "x509.docx")
    assert (sig["kind"], sig["status"], sig["signer"]) == ("CMS", "unknown", "Trần Thị Bình")
    saved = panel.save_file(tmp_path / "o.opinion.json")
    panel.opinion = None
    panel.load_file(saved)
    assert panel.number.text() == "215/SXD-QHKT"


def test_a_package_that_does_not_verify_is_refused_with_a_sentence(window, panel, qtbot, tmp_path):
    bad = tmp_path / "x.cimpkg"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    panel.draft_from_package(bad, rerun=False)
    wait_tasks(qtbot, window, 180000)
    assert panel.opinion is None and "only a verified package" in panel.status.text()
