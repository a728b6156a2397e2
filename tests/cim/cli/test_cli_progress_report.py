"""``cimstudio progress-report``: a quarter then the next, with the change; bad period exits 2."""

import pytest

from app.launcher import main  # the cimstudio CLI: rule packs come from plugins
from tests.cim.progress.conftest import plans  # noqa: F401  (session fixture)

pytestmark = pytest.mark.slow


def test_two_quarters_through_the_cli(plans, tmp_path, capsys):  # noqa: F811
    from openpyxl import load_workbook

    snap = tmp_path / "q4.json"
    assert main(["-q", "progress-report", str(plans["q4"]), str(plans["other"]), "--period", "2025-Q4",
                 "--json", str(snap)]) == 0
    assert main(["-q", "progress-report", str(plans["q1"]), str(plans["other"]), "--period", "2026-Q1",
                 "--previous", str(snap), "--xlsx", str(tmp_path / "q1.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Quý I/2026 / Q1 2026 – Phú Thọ: 2 đồ án" in out and "xã Hy Cương" in out
    rows = list(load_workbook(tmp_path / "q1.xlsx")["Tong hop"].iter_rows(min_row=3, values_only=True))
    assert next(r for r in rows if r[0] == "Chiếu sáng thông minh")[4] == 25
    assert main(["progress-report", str(plans["q1"]), "--period", "quý 1"]) == 2
    err = capsys.readouterr().err
    assert "not understood" in err and "Traceback" not in err
