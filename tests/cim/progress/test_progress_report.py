"""Periodic progress reports: periods and due dates, per-commune figures, the provincial roll-up, the change
since the last report, and the HTML/PDF/XLSX outputs parsed back."""

import json
import subprocess
from html.parser import HTMLParser

import pytest

from cim.errors import CimInputError
from cim.progress.collect import build_report, parse_period
from cim.progress.outputs import write_outputs

pytestmark = pytest.mark.slow


def test_periods_and_their_due_dates_follow_the_seeds():
    q = parse_period("2026-q1")
    assert (q.label_vi, q.start, q.end, q.due) == ("Quý I/2026", "2026-01-01", "2026-03-31", "2026-03-20")
    assert parse_period("2026-Q4").due == "2026-12-20"
    assert parse_period("2026-02").end == "2026-02-28" and parse_period("2028-02").end == "2028-02-29"
    assert parse_period("2026-H1").label_vi == "6 tháng đầu năm 2026" and parse_period("2026").label_vi == "Năm 2026"
    with pytest.raises(CimInputError, match="not understood"):
        parse_period("Q1/2026")


@pytest.fixture(scope="module")
def two_reports(plans):
    root = plans["root"]
    q4 = build_report([plans["q4"], plans["other"]], "2025-Q4")
    write_outputs(q4, json_path=root / "q4.json")
    q1 = build_report([plans["q1"], plans["other"]], "2026-Q1", previous=root / "q4.json")
    return q4, q1


def test_each_commune_has_planned_and_built_elements_per_system_and_its_integration(two_reports):
    q4, q1 = two_reports
    tv, hc = q1.plans
    assert (tv.commune, hc.commune) == ("phường Thụy Vân", "xã Hy Cương")
    assert tv.systems["smart_lighting"]["built"] == q4.plans[0].systems["smart_lighting"]["built"] + 25
    assert tv.systems["smart_waste"] == {"name_vi": "Quản lý chất thải rắn thông minh", "name_en": "Smart solid waste",
                                         "planned": 3, "built": 0}
    assert hc.systems["smart_traffic"]["planned"] == 0 and hc.planned == tv.planned - 3 - q4.plans[0].systems["smart_traffic"]["planned"]
    assert tv.integration > tv.previous_integration          # the sensor bins raised smart waste from 0
    assert hc.integration == hc.previous_integration
    assert tv.findings.get("W", 0) >= 1


def test_the_provincial_rollup_adds_the_communes_and_counts_the_change_since_last_report(two_reports):
    _q4, q1 = two_reports
    roll = q1.rollup()
    light = roll["smart_lighting"]
    assert light["planned"] == sum(p.systems["smart_lighting"]["planned"] for p in q1.plans)
    assert light["built"] - light["built_before"] == 25
    assert roll["smart_traffic"]["built"] - roll["smart_traffic"]["built_before"] == 0
    assert q1.previous_period == "2025-Q4" and q1.province == "Phú Thọ"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.imgs = [], 0

    def handle_starttag(self, tag, attrs):
        self.imgs += tag == "img"

    def handle_data(self, data):
        if data.strip():
            self.parts.append(data.strip())


def test_html_pdf_and_xlsx_outputs_read_back(two_reports, tmp_path):
    from openpyxl import load_workbook

    _q4, q1 = two_reports
    html, pdf, xlsx, snap = write_outputs(q1, html=tmp_path / "r.html", pdf=tmp_path / "r.pdf",
                                          xlsx=tmp_path / "r.xlsx", json_path=tmp_path / "r.json")
    t = _Text()
    t.feed(html.read_text(encoding="utf-8"))
    text = " ".join(t.parts)
    assert t.imgs == 2 and "BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐÔ THỊ THÔNG MINH – QUÝ I/2026" in text
    assert "xã Hy Cương" in text and "+25" in text and "2026-03-20" in text
    pdf_text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "Progress report on smart urban development" in pdf_text and "Chiếu sáng thông minh" in pdf_text
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Tong hop", "Theo xa", "He thong theo xa", "Thong tin"]
    rows = list(wb["Tong hop"].iter_rows(min_row=3, values_only=True))
    light = next(r for r in rows if r[0] == "Chiếu sáng thông minh")
    assert light[4] == 25 and light[2] == q1.rollup()["smart_lighting"]["built"]
    assert 0 < light[3] < 1 and wb["Tong hop"]["D3"].number_format == "0%"
    communes = list(wb["Theo xa"].iter_rows(min_row=3, values_only=True))
    assert [c[0] for c in communes] == ["phường Thụy Vân", "xã Hy Cương"] and communes[0][5] > communes[0][6]
    assert dict(wb["Thong tin"].iter_rows(values_only=True))["Hạn gửi Sở Xây dựng / Due"] == "2026-03-20"
    assert json.loads(snap.read_text(encoding="utf-8"))["period"]["code"] == "2026-Q1"


def test_a_bad_previous_snapshot_is_refused(plans, tmp_path):
    (tmp_path / "x.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(CimInputError, match="not a progress report snapshot"):
        build_report([plans["other"]], "2026-Q1", previous=tmp_path / "x.json")
    with pytest.raises(CimInputError, match="no plan"):
        build_report([], "2026-Q1")
