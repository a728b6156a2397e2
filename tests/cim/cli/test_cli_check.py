"""``cimstudio check``: reports written, the run stored in the project, exit 1 when errors are found."""

from __future__ import annotations

import json

import pytest

from app.launcher import main  # the cimstudio CLI: rule packs come from plugins
from tests.plugins.decree269.conftest import DISTRICT, build_sample_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory):
    if not (DISTRICT / "sources.gpkg").exists():
        pytest.skip("the sample district (sample_data/district) has not been generated")
    out = tmp_path_factory.mktemp("cli") / "district.cim.gpkg"
    build_sample_project(DISTRICT.resolve(), out)
    return out


def test_check_writes_the_reports_stores_the_run_and_exits_1_on_errors(sample_path, tmp_path, capsys):
    import shutil

    from cim.checks.results_store import list_runs

    proj = tmp_path / "p.cim.gpkg"
    shutil.copyfile(sample_path, proj)
    code = main(["-q", "check", str(proj), "--pack", "decree269", "--json", str(tmp_path / "o.json"),
                 "--html", str(tmp_path / "o.html"), "--no-maps"])
    assert code == 1
    out = capsys.readouterr().out
    assert "SEC-01" in out and "Không đạt" in out
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert data["counts"]["E"] == 5
    assert [r["digest"] for r in list_runs(proj)] == [data["digest"]]
    assert (tmp_path / "o.html").stat().st_size > 10_000


def test_check_exits_0_when_only_warnings_remain(sample_path, tmp_path):
    code = main(["-q", "check", str(sample_path), "--rules", "CRS-01,META-01,BLD-02", "--no-store",
                 "--json", str(tmp_path / "o.json")])
    assert code == 0


def test_an_unknown_pack_is_a_clear_input_error(sample_path, capsys):
    assert main(["-q", "check", str(sample_path), "--pack", "nope"]) == 2
    assert "no rule pack 'nope'" in capsys.readouterr().err


def test_check_with_the_duckdb_engine_reports_the_same_findings_as_in_memory(sample_path, tmp_path, capsys):
    digests = {}
    for engine in ("memory", "duckdb"):
        code = main(["-q", "check", str(sample_path), "--no-store", "--engine", engine,
                     "--json", str(tmp_path / f"{engine}.json"), "--no-maps"])
        assert code == 1
        digests[engine] = json.loads((tmp_path / f"{engine}.json").read_text(encoding="utf-8"))["digest"]
    assert digests["memory"] == digests["duckdb"]
    assert main(["-q", "check", str(sample_path), "--no-store", "--engine", "postgis", "--db", ""]) == 2
