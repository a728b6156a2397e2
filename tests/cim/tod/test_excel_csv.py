"""TOD tables for Excel users: `cimstudio tod --csv --excel` writes UTF-8 with BOM, names not ids and
rounded numbers in the chosen language; plain --csv stays the machine table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "cim.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=REPO)


def test_tod_csv_for_excel(tmp_path):
    """`cimstudio tod --csv --excel`: BOM, names not ids, rounded numbers; plain --csv stays machine CSV."""
    import shutil

    import pandas as pd

    proj = tmp_path / "d.cim.gpkg"
    shutil.copyfile(REPO / "sample_data" / "district.cim.gpkg", proj)
    plain, excel_vi, excel_en = tmp_path / "p.csv", tmp_path / "vi.csv", tmp_path / "en.csv"
    for args in (("--csv", plain), ("--csv", excel_vi, "--excel", "--lang", "vi"),
                 ("--csv", excel_en, "--excel", "--lang", "en")):
        out = _cli("tod", proj, "--radii", "400,800", *args)
        assert out.returncode == 0, out.stderr
    raw = pd.read_csv(plain)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf") and "station_id" in raw.columns
    assert excel_vi.read_bytes().startswith(b"\xef\xbb\xbf")
    vi = pd.read_csv(excel_vi, sep=";", decimal=",", encoding="utf-8-sig")
    assert "station_id" not in vi.columns and vi["Nhà ga"].iat[0] == raw["name"].iat[0]
    assert vi["Vùng"].tolist()[:2] == ["vòng tròn 400 m", "vòng tròn 800 m"]
    assert vi["Tổng diện tích sàn (m²)"].tolist() == raw["gfa_m2"].round(0).tolist()
    text = excel_vi.read_text(encoding="utf-8-sig")
    assert ";" in text.splitlines()[0] and "," in text.splitlines()[1]
    en = pd.read_csv(excel_en, encoding="utf-8-sig")
    assert list(en.columns[:3]) == ["Station", "Catchment", "Scenario"] and en["Scenario"].iat[0] == "baseline"
