"""META-02: layers with missing or stale data-responsibility metadata are flagged (seed 001 task 13)."""

import pytest

from cim.project.layer_info import SetLayerInfo


@pytest.fixture
def run(registry, pack):
    from cim.checks.runner import run_checks

    def go(project):
        return run_checks(project, registry.checks_for(pack, only=["META-02"]), pack=pack).result("META-02")
    return go


def test_the_sample_district_states_every_layers_responsibility_and_is_current(sample_project, run):
    r = run(sample_project)
    assert r.status == "pass", [i.message.en for i in r.issues]
    assert r.evidence["reference_date"] == "2026-01-15" and r.evidence["reference_basis"] == "decision_date"
    assert r.evidence["layers_checked"] == len(sample_project.layers)


def test_a_layer_without_provider_and_one_past_its_cycle_are_flagged(sample_copy, run):
    p = sample_copy
    roads, dem = p.layer_by_name("roads"), p.layer_by_name("dem")
    p.push(SetLayerInfo(p, roads.id, {k: v for k, v in roads.info.items() if k != "provider"}))
    p.push(SetLayerInfo(p, dem.id, dict(dem.info, update_cycle="annually", source_date="2023-05-01")))
    r = run(p)
    assert r.status == "fail"
    by_layer = {i.layer: i for i in r.issues}
    assert set(by_layer) == {"roads", "dem"}
    assert "đơn vị cung cấp dữ liệu" in by_layer["roads"].message.vi and "data provider" in by_layer["roads"].message.en
    assert "quá hạn" in by_layer["dem"].message.vi and "990 days" in by_layer["dem"].message.en
    assert {i.severity for i in r.issues} == {"W"}
    assert r.evidence["stale"] == ["dem"] and r.evidence["incomplete"] == ["roads"]


def test_an_invalid_cycle_is_reported_as_such_not_as_missing(sample_copy, run):
    p = sample_copy
    plots = p.layer_by_name("plots")
    plots.info = dict(plots.info, update_cycle="hàng năm")
    msgs = [i.message.en for i in run(p).issues]
    assert msgs == ["Layer 'plots': update cycle 'hàng năm' is not an ISO 19115 code."]


def test_a_project_without_a_decision_date_is_judged_on_the_day_of_the_run(sample_copy, run):
    import datetime as dt

    from cim.project.edits import SetMetadata

    p = sample_copy
    p.push(SetMetadata(p, "decision_date", ""))
    r = run(p)
    assert r.evidence["reference_basis"] == "today" and r.evidence["reference_date"] == dt.date.today().isoformat()
    if dt.date.today() > dt.date(2026, 2, 6):     # smart_elements: monthly, source 2026-01-05
        assert "smart_elements" in r.evidence["stale"]
