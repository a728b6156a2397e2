"""Every visible string has a Vietnamese translation with proper diacritics."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "cimstudio_vi.ts"


def test_every_message_in_the_vietnamese_catalogue_is_translated():
    root = ET.parse(TS).getroot()
    untranslated = [m.find("source").text for m in root.iter("message")
                    if not (m.find("translation").text or "").strip()
                    or m.find("translation").get("type") == "unfinished"]
    assert untranslated == []


def test_the_catalogue_is_up_to_date_with_the_code(tmp_path):
    """Re-extracting the strings from app/ and the plugins' Qt panels finds nothing not in the catalogue."""
    import shutil
    import subprocess

    lupdate = shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    out = tmp_path / "fresh.ts"
    repo = TS.parents[2]
    files = [str(p) for p in sorted((repo / "app").rglob("*.py"))]
    files += [str(p) for p in sorted((repo / "plugins").glob("**/_qt/*.py"))]
    files += [str(p) for p in sorted((repo / "plugins" / "gui").glob("*.py"))]     # the shared widget room
    subprocess.run([lupdate, *files, "-ts", str(out), "-tr-function-alias", "translate+=_t,QT_TRANSLATE_NOOP+=N",
                    "-locations", "none"], check=True, capture_output=True)
    fresh = {(c.find("name").text, m.find("source").text)
             for c in ET.parse(out).getroot().iter("context") for m in c.iter("message")}
    known = {(c.find("name").text, m.find("source").text)
             for c in ET.parse(TS).getroot().iter("context") for m in c.iter("message")}
    assert fresh - known == set()


def test_vietnamese_texts_carry_their_diacritics():
    root = ET.parse(TS).getroot()
    by_source = {m.find("source").text: m.find("translation").text for m in root.iter("message")}
    assert by_source["&Undo"] == "&Hoàn tác"
    assert by_source["Attribute table"] == "Bảng thuộc tính"
    assert by_source["Measure &area"] == "Đo &diện tích"
    assert (TS.with_suffix(".qm")).stat().st_mtime >= TS.stat().st_mtime - 5


def test_every_translated_literal_names_its_context_literally():
    """lupdate skips ``_t(CTX, "text")`` silently: such a string would stay English in the app."""
    import re

    repo = TS.parents[2]
    call = re.compile(r"""\b(?:_t|translate)\(\s*[A-Za-z_][\w.]*\s*,\s*["']""")
    files = sorted((repo / "app").rglob("*.py")) + sorted((repo / "plugins").glob("**/_qt/*.py"))
    files += sorted((repo / "plugins" / "gui").glob("*.py"))
    bad = [f"{p.relative_to(repo)}:{n}" for p in files
           for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if call.search(line)]
    assert bad == []


def test_qt_own_dialog_buttons_speak_vietnamese(window):
    from PySide6.QtWidgets import QDialogButtonBox, QWizard

    wizard = QWizard(window)
    assert wizard.buttonText(QWizard.NextButton) == "&Tiếp >"
    assert wizard.buttonText(QWizard.BackButton) == "< &Quay lại"
    assert wizard.buttonText(QWizard.FinishButton) == "&Hoàn tất"
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    assert box.button(QDialogButtonBox.Cancel).text() == "Hủy"
