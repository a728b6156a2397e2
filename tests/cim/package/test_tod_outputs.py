"""TOD outputs travel in the package: the study's CSV and JSON when the project has stations."""

from __future__ import annotations

import json
import zipfile

from cim.package.build import build_package
from cim.package.verify import verify_package
from cim.project.store import save_project
from tests.cim.package.conftest import options


def _saved(project, folder):
    folder.mkdir(parents=True, exist_ok=True)
    return save_project(project, folder / "tod.cim.gpkg")


def _manifest_paths(pkg) -> set[str]:
    with zipfile.ZipFile(pkg) as z:
        return {e["path"] for e in json.loads(z.read("manifest.json"))["files"]}


def test_a_project_with_stations_packages_the_tod_study_as_csv_and_json_the_same_bytes_each_time(tiny_project, workspace):
    ws = {**workspace, "project": _saved(tiny_project, workspace["root"] / "tod")}
    out = ws["root"] / "tod.cimpkg"
    build_package(ws["project"], out, options(ws, run_checks=None, rule_packs=[]))
    assert {"tod/tod_indicators.csv", "tod/tod_study.json"} <= _manifest_paths(out)
    with zipfile.ZipFile(out) as z:
        study = json.loads(z.read("tod/tod_study.json"))
        csv = z.read("tod/tod_indicators.csv").decode("utf-8")
    assert [s["station_id"] for s in study["stations"]] == ["STN-001", "STN-002"]
    assert "station_id" in csv.splitlines()[0].split(",") and "STN-001" in csv
    assert verify_package(out, require_rerun=False).intact
    again = ws["root"] / "again.cimpkg"
    build_package(ws["project"], again, options(ws, run_checks=None, rule_packs=[]))
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(again) as b:
        assert all(a.read(n) == b.read(n) for n in ("tod/tod_study.json", "tod/tod_indicators.csv"))


def test_the_package_reuses_the_study_of_its_check_run(tiny_project, workspace, monkeypatch):
    import cim.tod.checking as checking
    from cim.package.checks import pack_files, registry_runner
    from plugins.check_registry import check_registry

    calls = []
    real = checking.run_check_study
    monkeypatch.setattr(checking, "run_check_study", lambda *a, **k: calls.append(1) or real(*a, **k))
    reg = check_registry()
    ws = {**workspace, "project": _saved(tiny_project, workspace["root"] / "tod")}
    out = ws["root"] / "tod.cimpkg"
    build_package(ws["project"], out, options(ws, run_checks=registry_runner(reg, "decree269"),
                                              rule_packs=pack_files(reg, "decree269")))
    assert len(calls) == 1                       # the checks' study, written as the package's TOD outputs
    with zipfile.ZipFile(out) as z:
        study = json.loads(z.read("tod/tod_study.json"))
        results = json.loads(z.read("checks/results.json"))
    assert study["params"]["far_cap_factor"] == 1.5 and 800.0 in study["params"]["radii"]
    assert {r["rule"]: r["status"] for r in results["results"]}["TOD-04"] == "fail"


def test_a_project_without_stations_packages_no_tod_outputs(package):
    assert not {p for p in _manifest_paths(package) if p.startswith("tod/")}


def test_tod_files_given_by_the_user_replace_the_automatic_ones(tiny_project, workspace):
    mine = workspace["root"] / "my_tod.json"
    mine.write_text("{}", encoding="utf-8")
    ws = {**workspace, "project": _saved(tiny_project, workspace["root"] / "tod")}
    out = ws["root"] / "tod.cimpkg"
    build_package(ws["project"], out, options(ws, run_checks=None, rule_packs=[], tod_outputs=[mine]))
    assert {p for p in _manifest_paths(out) if p.startswith("tod/")} == {"tod/my_tod.json"}
