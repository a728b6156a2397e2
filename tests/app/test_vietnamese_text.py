"""One language and one number format at a time: the Vietnamese interface (every widget text, tooltip,
header of the main window and of every panel) and the Vietnamese HTML report carry no untranslated English,
numbers read 1.548.412,5 in Vietnamese and 1,548,412.5 in English everywhere, and values read Có/Không,
(trống) — never False/NULL."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from tests.app.conftest import settle
from tests.app.ui_texts import window_texts
from tests.app.untranslated import english_words

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parents[2]


def _data_words(project) -> set[str]:
    """The project's own identifiers (table and field names): data, not interface text."""
    from layers.render.colors import RAMPS

    words = set(RAMPS)
    for rec in project.layers.values():
        words.add(rec.name)
        if rec.kind == "vector":
            words |= {str(c) for c in rec.data.columns}
    return words


def test_the_vietnamese_interface_has_no_english_left(window, qtbot):
    for dock in window.plugin_docks:
        dock.show()
    settle(qtbot, 100)
    data = _data_words(window.session.project)
    found = []
    for where, text in window_texts(window):
        if text in data:                       # a field or ramp name offered in a combo
            continue
        stripped = " ".join(w for w in re.split(r"(\s+)", text) if w.strip() not in data)
        words = english_words(stripped)
        if words:
            found.append(f"{where}: {words} in {text[:100]!r}")
    assert len(window_texts(window)) > 400, "the scan reads the whole window"
    assert not found, "\n".join(found)


def test_the_scan_catches_english(window):
    assert english_words("Chạy kiểm tra — Run checks") == ["Run", "checks"]
    assert english_words("vùng đi bộ 400 m · EPSG:9208 · IFC4 · TOD") == []


def _report_text(path: Path) -> list[str]:
    """The Vietnamese lines of a check report: the bilingual report's deliberate English (the ``en``
    subtitles, "Tiếng Việt / English" labels, "… · English" sentences) and its raw evidence lines
    (``key = value`` of the rule's data) are left out; everything else must be Vietnamese."""
    s = path.read_text(encoding="utf-8")
    s = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", s, flags=re.S | re.I)
    s = re.sub(r'<(span|div|p|td|th)[^>]*class="[^"]*\ben\b[^"]*"[^>]*>.*?</\1>', " ", s, flags=re.S)
    s = html.unescape(re.sub(r"<[^>]+>", "\n", s))
    lines = []
    for line in s.split("\n"):
        line = line.strip()
        if not line or line.startswith("Số liệu / Evidence:"):
            continue
        line = re.sub(r"\b\w*_\w*\b", " ", line)                      # identifiers (smart_lamp, net_water)
        line = re.sub(r"\s/\s[^/]*$", "", line)                        # "Đồ án / Plan:"
        line = re.sub(r"\s·\s[^·]*$", "", line) if re.search(r"[à-ỹđ]", line) else line
        line = re.sub(r"\(([a-z]+)\)", " ", line)                      # "Lô đất (plots)": the table name
        line = re.sub(r"trường \w+", " ", line)                        # "ở trường name": a field name
        lines.append(line)
    return lines


@pytest.fixture(scope="module")
def vietnamese_report(tmp_path_factory, sample_project_file):
    import shutil

    d = tmp_path_factory.mktemp("report")
    proj = d / "district.cim.gpkg"
    shutil.copyfile(sample_project_file, proj)
    out = d / "report_vi.html"
    run = subprocess.run([sys.executable, "-m", "app.launcher", "check", str(proj), "--html", str(out), "--lang",
                          "vi", "--no-store"], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert out.exists(), run.stderr
    return out


def test_the_vietnamese_report_has_no_english_left(vietnamese_report):
    lines = _report_text(vietnamese_report)
    assert len(lines) > 200
    found = [(english_words(line), line[:120]) for line in lines if english_words(line)]
    assert not found, "\n".join(f"{w}: {line}" for w, line in found)
    text = "\n".join(lines)
    assert "vùng đi bộ 400 m" in text and "walk 400" not in text
    assert "tối đa (theo dữ liệu)" in text and "points" not in text
    assert "Lô đất (plots)" in vietnamese_report.read_text(encoding="utf-8")


def test_numbers_follow_the_interface_language(window, qtbot):
    from plugins.gui.values import num, value_text

    assert QLocale().name().startswith("vi")
    assert num(1548412.5, 1) == "1.548.412,5"
    assert value_text(False) == "Không" and value_text(True) == "Có" and value_text(None) == "(trống)"
    assert value_text(float("nan")) == "(trống)" and value_text(3192.2) == "3.192,2"
    # status bar coordinates and scale
    window.status.show_cursor(564354.336, 1234567.891)
    assert window.status.coords.text() == "X 564.354,34  Y 1.234.567,89"
    assert re.fullmatch(r"Tỷ lệ 1:\d{1,3}(\.\d{3})*", window.status.scale.text())
    # spin boxes speak the same language
    from PySide6.QtWidgets import QDoubleSpinBox

    spins = [s for s in window.findChildren(QDoubleSpinBox) if s.decimals() > 0]
    small = [s for s in spins if abs(s.value()) < 1000]
    assert small and all("," in s.text() and "." not in s.text() for s in small), [s.text() for s in small]
    # identify: display name, #fid, Có/Không, (trống) — never False/NULL
    rec = window.session.project.find_layer("plots")
    fid = int(rec.data.index[0])
    row = rec.data.loc[fid]
    window.identify_dock.show_results([("Lô đất", fid, {"buildable": False, "name": None, "area_m2": 14226.4})])
    top = window.identify_dock.tree.topLevelItem(0)
    assert top.text(0) == f"Lô đất #{fid}"
    values = [top.child(i).text(1) for i in range(top.childCount())]
    assert values == ["Không", "(trống)", "14.226,4"]
    assert row is not None


def test_english_interface_numbers(qapp):
    from app.i18n import install_language
    from plugins.gui.values import num, value_text

    try:
        install_language(qapp, "en")
        assert num(1548412.5, 1) == "1,548,412.5"
        assert value_text(False) == "No" and value_text(None) == "(empty)"
    finally:
        install_language(qapp, "vi")


def test_filter_errors_are_explained_in_vietnamese(window, qtbot):
    dock = window.table_dock
    window.session.set_current_layer(window.session.project.find_layer("plots").id)
    for expr, expected in (("far >", "biểu thức viết chưa đúng"), ("khong_co > 1", "không có trường khong_co"),
                           ("category > 3", "kiểu")):
        dock.filter.setText(expr)
        dock.apply_filter()
        text = dock.status.text()
        assert expected in text, text
        prose = re.sub(r"\(các trường: [^)]*\)", "", text)      # the layer's field names are data
        assert "SyntaxError" not in text and "Error" not in text and not english_words(prose), text


def test_core_errors_show_one_language(window):
    from app.workers import readable_error
    from cim.errors import CimInputError

    exc = CimInputError("/x/a.zip", "the file does not exist / tệp không tồn tại", hint="check the path")
    assert readable_error(exc) == "/x/a.zip: tệp không tồn tại — hãy kiểm tra đường dẫn"
    exc = CimInputError("/x/b.gpkg", "the dataset holds 3 layers: a, b, c",
                        hint="choose one with layer=, e.g. layer='a' / chọn một lớp")
    text = readable_error(exc)
    assert text.startswith("/x/b.gpkg: tập dữ liệu có 3 lớp: a, b, c — chọn một lớp")


def test_vietnamese_numbers_in_core_messages():
    from cim.report.numbers import number, ring_label, short, vi_format

    assert number(1548412.5, 1, "vi") == "1.548.412,5" and number(1548412.5, 1, "en") == "1,548,412.5"
    assert short(0.5) == "0,5" and ring_label("walk", 1000, "vi") == "vùng đi bộ 1.000 m"
    # ids and plain integers stay as they are; measured values use the decimal comma
    assert vi_format("lô #{fid}: {a:.1f} m², {n:,} nút, {r:g}", fid=1234, a=649.72, n=1234, r=0.25) == \
        "lô #1234: 649,7 m², 1.234 nút, 0,25"


def test_the_vietnamese_report_writes_vietnamese_numbers(vietnamese_report):
    lines = [line for line in _report_text(vietnamese_report) if "vượt ngưỡng" in line or "cao độ đáy" in line]
    assert lines
    for line in lines:
        assert not re.search(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])", line), line      # 251.3 would be English
