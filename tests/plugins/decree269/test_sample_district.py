"""The acceptance fixture: every deliberate defect of the sample district is found with its rule id,
and nothing else is reported as an error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_run(sample_project, registry, pack):
    from cim.checks.runner import run_checks

    return run_checks(sample_project, registry.checks_for(pack), pack=pack)


def _defect_ids(d: dict) -> set[str]:
    return {d["object_id"], *d.get("object_ids", [])}


def test_every_deliberate_defect_is_found_with_its_rule_id(sample_run, defects):
    missing = []
    for d in defects:
        hits = [i for i in sample_run.issues() if i.code == d["rule"] and _defect_ids(d) & set(i.objects)]
        if not hits:
            missing.append(f"{d['id']} {d['rule']} {d['object_id']}: {d['description_en']}")
    assert not missing, "defects not found:\n" + "\n".join(missing)


def test_nothing_but_the_deliberate_defects_is_reported_as_an_error(sample_run, defects):
    expected = [(d["rule"], _defect_ids(d)) for d in defects]
    extra = [f"{i.code}: {i.message.en}" for i in sample_run.issues("E")
             if not any(i.code == rule and ids & set(i.objects) for rule, ids in expected)]
    assert not extra, "unexpected errors:\n" + "\n".join(extra)


def test_no_rule_crashes_on_the_sample_district(sample_run):
    assert not [r.rule for r in sample_run.results if r.status == "error"]


def test_the_tod_rules_report_what_the_sample_station_area_deliberately_holds(sample_run):
    """TOD-01 passes (the corridor declares 1 000 m); TOD-02 warns once, on plot OM-81, which has no FAR
    (the same plot PLN-02 flags as D05); TOD-03 warns on the station, whose walksheds exceed the
    residents/jobs defaults with no capacity study named; TOD-04 passes (bus, bike, P+R in 800 m)."""
    r1, r2, r3, r4 = (sample_run.result(f"TOD-0{k}") for k in (1, 2, 3, 4))
    assert r1.status == "pass" and r1.evidence["corridors_checked"] == 1
    assert r2.status == "fail" and [i.objects for i in r2.issues] == [("PLT-000167",)]
    assert r2.evidence["plots_in_area"] > 100 and r2.evidence["over_cap"] == 0
    assert r3.status == "fail" and [i.objects for i in r3.issues] == [("STN-000001",)]
    assert r3.issues[0].location.startswith("POINT") and "capacity" in r3.issues[0].message.en
    assert r4.status == "pass" and r4.evidence["catchment"] == ["walk"]
    assert {i.severity for r in (r2, r3) for i in r.issues} == {"W"}


def test_the_sample_has_an_integration_level_for_every_smart_system_with_its_evidence(sample_run):
    integ = sample_run.extra["integration"]
    assert len(integ["systems"]) == 10
    waste = integ["systems"]["smart_waste"]
    assert waste["score"] == 0 and "sensor_bin" in waste["types_missing"]
    lighting = integ["systems"]["smart_lighting"]
    assert lighting["elements"]["smart_lamp"]["count"] > 100 and lighting["rules"]["SMT-LIGHT"] == "fail"
    assert 0 < integ["overall"] < 1


def test_the_maturity_table_says_khong_dat_where_there_is_no_evidence(sample_run):
    rows = {r["id"]: r for r in sample_run.extra["maturity"]}
    assert rows["L1-DATA"]["passed"] and rows["L1-DATA"]["status"]["vi"] == "Đạt"
    assert not rows["L3-TWIN"]["passed"] and rows["L3-TWIN"]["status"]["vi"] == "Không đạt"
