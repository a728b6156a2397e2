"""Generic rules without Python: attribute conditions, within-distance, inside, count per area, share."""

from __future__ import annotations

import shapely

from cim.checks.runner import run_checks
from tests.cim.checks.conftest import rule_check


def run(project, toml):
    pack, checks = rule_check(toml)
    return run_checks(project, checks, pack=pack).results[0]


ATTR = '''id = "X-01"
severity = "E"
type = "attribute"
title = { vi = "Lô có hệ số sử dụng đất", en = "Plots carry a FAR" }
[rules.params]
subject = { kind = "plot", where = [ { field = "buildable", op = "true" } ] }
require = [ { field = "far", op = "gt", value = 0 }, { field = "code", op = "not_empty" } ]
'''


def test_an_attribute_rule_passes_when_every_subject_meets_its_conditions(project):
    assert run(project, ATTR).status == "pass"


def test_an_attribute_rule_names_each_failing_object_and_what_it_lacks(project):
    plots = project.layer_by_name("plots").data
    plots.loc[3, "far"] = None
    plots.loc[5, "code"] = ""
    r = run(project, ATTR)
    assert [i.objects for i in r.issues] == [("PLT-000002",), ("PLT-000004",)]
    assert "far" in r.issues[0].message.en and "thiếu code" in r.issues[1].message.vi
    assert r.issues[0].severity == "E" and r.issues[0].bbox is not None


def test_where_conditions_leave_other_objects_out(project):
    plots = project.layer_by_name("plots").data
    plots.loc[3, ["far", "buildable"]] = [None, False]
    assert run(project, ATTR).status == "pass"


NEAR = '''id = "X-02"
severity = "W"
type = "near"
title = { vi = "Công trình gần đèn thông minh", en = "Buildings near a smart lamp" }
[rules.params]
subject = { kind = "building" }
target = { kind = "smart_element", where = [ { field = "type", op = "eq", value = "smart_lamp" } ] }
distance_m = {d}
'''


def test_a_near_rule_fails_for_objects_with_no_target_within_the_distance(project):
    r = run(project, NEAR.replace("{d}", "30"))
    assert r.status == "fail"
    assert len(r.issues) == 15 and "BLD-000000" not in {i.objects[0] for i in r.issues}


def test_a_near_rule_passes_when_the_distance_covers_every_object(project):
    assert run(project, NEAR.replace("{d}", "400")).status == "pass"


INSIDE = '''id = "X-03"
severity = "E"
type = "inside"
title = { vi = "Phần tử trong ranh giới", en = "Elements inside the boundary" }
[rules.params]
subject = { kind = "smart_element" }
target = { kind = "boundary" }
'''


def test_an_inside_rule_flags_an_element_outside_the_boundary(project):
    assert run(project, INSIDE).status == "pass"
    el = project.layer_by_name("smart_elements").data
    el.loc[2, "geometry"] = shapely.Point(0, 0)
    r = run(project, INSIDE)
    assert r.status == "fail" and r.issues[0].objects == ("SME-000001",)


DENSITY = '''id = "X-04"
severity = "W"
type = "count_per_area"
title = { vi = "Thùng rác cảm biến trên km²", en = "Sensor bins per km²" }
[rules.params]
count = { kind = "smart_element", where = [ { field = "type", op = "eq", value = "sensor_bin" } ] }
area = { kind = "boundary" }
min_per_km2 = {m}
'''


def test_count_per_area_compares_the_density_with_the_minimum(project):
    # one bin on 0.04 km² = 25 per km²
    assert run(project, DENSITY.replace("{m}", "20")).status == "pass"
    r = run(project, DENSITY.replace("{m}", "30"))
    assert r.status == "fail" and r.issues[0].extra["per_km2"] == 25.0
    assert r.issues[0].objects == ("BND-000001",)


SHARE = '''id = "X-05"
severity = "I"
type = "share"
title = { vi = "Tỷ lệ công trình thông minh", en = "Share of smart buildings" }
[rules.params]
subject = { kind = "building" }
match = [ { field = "smart", op = "true" } ]
min_share = 0.25
'''


def test_a_share_rule_reports_the_share_and_the_objects_missing(project):
    r = run(project, SHARE)
    assert r.status == "fail" and r.evidence["share"] == 0.0 and len(r.issues[0].objects) == 16
    project.layer_by_name("buildings").data.loc[[1, 2, 3, 4], "smart"] = True
    r = run(project, SHARE)
    assert r.status == "pass" and r.evidence["share"] == 0.25


def test_a_rule_on_data_the_project_lacks_is_not_applicable(project):
    r = run(project, NEAR.replace("{d}", "30").replace('kind = "building"', 'kind = "station"'))
    assert r.status == "not_applicable"      # no subjects: nothing was checked, so no pass (issue 12)
    assert r.issues[0].severity == "I" and "Not applicable" in r.issues[0].message.en
    r = run(project, DENSITY.replace("{m}", "1").replace('{ kind = "boundary" }', '{ kind = "water_body" }'))
    assert r.status == "not_applicable" and r.issues[0].severity == "I"


def test_all_of_runs_every_part_under_one_rule_id(project):
    toml = '''id = "X-06"
severity = "W"
type = "all_of"
title = { vi = "Hai phần", en = "Two parts" }
[rules.params]
parts = [ { name = "a", type = "share", subject = { kind = "building" }, match = [ { field = "smart", op = "true" } ], min_share = 0.5 },
          { name = "b", type = "inside", subject = { kind = "smart_element" }, target = { kind = "boundary" } } ]
'''
    r = run(project, toml)
    assert r.status == "fail" and len(r.issues) == 1 and set(r.evidence) == {"a", "b"}
