"""``cimstudio meta``: show, set with checks, and META-01 passes once the fields are set."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.launcher import main  # the cimstudio CLI: rule packs come from plugins

REPO = Path(__file__).resolve().parents[3]
FIELDS = ["plan_id=QH-PT-2026-0042", "name=Quy hoạch chi tiết khu dân cư Thụy Vân", "level=chi_tiet",
          "scale=1:500", "province=Phú Thọ", "commune=phường Thụy Vân", "approving_body=UBND tỉnh Phú Thọ",
          "decision_no=12/QĐ-UBND", "decision_date=15/01/2026", "producer=Công ty Tư vấn Quy hoạch Đất Tổ",
          "version=1.0"]


@pytest.fixture
def empty_project(tmp_path) -> Path:
    path = tmp_path / "plan.cim.gpkg"
    assert main(["-q", "new", str(path)]) == 0
    return path


def _meta01(path: Path, tmp_path: Path) -> dict:
    out = tmp_path / "meta01.json"
    main(["-q", "check", str(path), "--rules", "META-01", "--no-store", "--json", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    return next(r for r in data["results"] if r["rule"] == "META-01")


def test_meta_01_passes_after_setting_the_fields_from_the_cli(empty_project, tmp_path, capsys):
    assert _meta01(empty_project, tmp_path)["status"] == "fail"
    assert main(["-q", "meta", str(empty_project), "--set", *FIELDS]) == 0
    out = capsys.readouterr().out
    assert "Đủ các trường META-01" in out and "QH-PT-2026-0042" in out
    assert _meta01(empty_project, tmp_path)["status"] == "pass"
    capsys.readouterr()
    assert main(["-q", "meta", str(empty_project), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["metadata"]["scale"] == 500 and shown["metadata"]["decision_date"] == "2026-01-15"
    assert shown["metadata"]["level"] == "chi_tiet" and shown["missing"] == []


def test_unset_brings_the_field_back_into_the_missing_list(empty_project, capsys):
    main(["-q", "meta", str(empty_project), "--set", *FIELDS])
    capsys.readouterr()
    assert main(["-q", "meta", str(empty_project), "--unset", "producer", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["missing"] == ["producer"]


@pytest.mark.parametrize("bad, message", [("scale=abc", "must be a whole number"), ("level=huyen", "not one of"),
                                          ("decision_date=tomorrow", "not a date"), ("colour=red", "unknown metadata field"),
                                          ("scale", "is not KEY=VALUE")])
def test_a_bad_value_exits_2_in_one_line_and_leaves_the_file_untouched(empty_project, bad, message):
    before = hashlib.sha256(empty_project.read_bytes()).hexdigest()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    r = subprocess.run([sys.executable, "-m", "cim.cli", "-q", "meta", str(empty_project), "--set", "plan_id=QH-9", bad],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "Traceback" not in r.stderr and message in r.stderr
    assert hashlib.sha256(empty_project.read_bytes()).hexdigest() == before
