"""TOD-01..04 on the hand-built TOD fixture (tests/cim/tod/conftest.py): S1 at the centre of a 3 × 3
street grid with plots A–H around it, S2 3 km away from every street and plot (``tiny_project``, re-exported
by this folder's conftest)."""

from __future__ import annotations

import numpy as np
import shapely

from tests.cim.tod.conftest import CRS

TOD = ["TOD-01", "TOD-02", "TOD-03", "TOD-04"]


def run(project, registry, pack, rules=TOD):
    from cim.checks.runner import run_checks

    return run_checks(project, registry.checks_for(pack, only=rules), pack=pack)


def with_params(pack, **over):
    from cim.checks.base import Text
    from cim.checks.pack import RulePack

    return pack.extend(RulePack(id="province", version="1", title=Text("", ""), rules=[]), over)


def add_layer(project, name, kind, frame):
    from cim.project import LayerRecord
    from cim.project.edits import AddLayer

    frame.index = np.arange(1, len(frame) + 1, dtype=np.int64)
    frame.index.name = "fid"
    rec = LayerRecord(name=name, kind="vector", data=frame, crs=CRS, object_kind=kind)
    project.push(AddLayer(project, rec))
    return rec


def tod_areas(project, *boxes):
    import geopandas as gpd

    frame = gpd.GeoDataFrame({"cim_id": [f"TOD-{k}" for k in range(len(boxes))]},
                             geometry=[shapely.box(*b) for b in boxes], crs=CRS)
    return add_layer(project, "tod_areas", None, frame)


def test_a_tod_area_reaching_beyond_the_radius_is_flagged_with_its_id_and_location(tiny_project, registry, pack):
    tod_areas(tiny_project, (-500, -500, 500, 500), (0, -50, 1200, 50))
    r = run(tiny_project, registry, pack, ["TOD-01"]).result("TOD-01")
    assert r.status == "fail" and [i.objects for i in r.issues] == [("TOD-1",)]
    issue = r.issues[0]
    assert issue.severity == "W" and issue.location.startswith("POINT") and issue.bbox[2] == 1200
    assert "1201 m" in issue.message.en and "1000 m" in issue.message.vi


def test_tod_areas_inside_the_radius_pass_and_a_wider_provincial_radius_is_honoured(tiny_project, registry, pack):
    tod_areas(tiny_project, (-500, -500, 500, 500), (0, -50, 1200, 50))
    r = run(tiny_project, registry, with_params(pack, **{"TOD-01": {"radius_m": 1500.0}}), ["TOD-01"])
    assert r.result("TOD-01").status == "pass"
    assert r.result("TOD-01").evidence["areas_checked"] == 2


def test_tod01_does_not_apply_without_a_declared_tod_area_or_without_stations(tiny_project, registry, pack):
    assert run(tiny_project, registry, pack, ["TOD-01"]).result("TOD-01").status == "not_applicable"
    tiny_project.layer_by_name("stations").data = tiny_project.layer_by_name("stations").data.iloc[:0]
    r = run(tiny_project, registry, pack).result("TOD-04")
    assert r.status == "not_applicable" and "no station" in r.note.en


def test_a_plot_above_one_and_a_half_times_qcvn_far_near_a_station_is_flagged(tiny_project, registry, pack):
    plots = tiny_project.layer_by_name("plots").data
    plots["buildable"] = plots["category"].isin(["residential", "commercial", "health"])
    r = run(tiny_project, registry, with_params(pack, **{"TOD-02": {"qcvn_far": 2.0}}), ["TOD-02"]).result("TOD-02")
    # cap 3.0: B (FAR 4) is over, D (health) has no FAR, A (2) is under, F is 5 km away, C/E/H need no FAR
    assert {i.objects[0] for i in r.issues} == {"plots#2", "plots#4"}
    over = next(i for i in r.issues if i.fids == (2,))
    assert "exceeds the TOD cap 3.00" in over.message.en and over.extra["cap"] == 3.0
    assert r.evidence["plots_in_area"] == 6


def test_far_within_the_default_cap_passes(tiny_project, registry, pack):
    plots = tiny_project.layer_by_name("plots").data
    plots.loc[plots["code"] == "D", "far"] = 1.0
    assert run(tiny_project, registry, pack, ["TOD-02"]).result("TOD-02").status == "pass"


def test_densities_above_the_pack_thresholds_need_a_capacity_check_named_by_the_station(tiny_project, registry, pack):
    strict = with_params(pack, **{"TOD-03": {"job_density_jph": 4.0, "catchment_kind": "circle"}})
    r = run(tiny_project, registry, strict, ["TOD-03"]).result("TOD-03")
    assert r.status == "fail" and [i.objects for i in r.issues] == [("STN-001",)]
    assert "jobs/ha 4.4 > 4" in r.issues[0].message.en and r.issues[0].severity == "W"
    stations = tiny_project.layer_by_name("stations").data
    stations["capacity_check"] = ["Đánh giá hạ tầng số 7", None]
    r = run(tiny_project, registry, strict, ["TOD-03"]).result("TOD-03")
    assert r.status == "pass" and r.evidence["stations_with_capacity_check"] == ["STN-001"]


def test_densities_under_the_default_thresholds_pass_tod03(tiny_project, registry, pack):
    assert run(tiny_project, registry, pack, ["TOD-03"]).result("TOD-03").status == "pass"


def test_missing_intermodal_modes_are_reported_per_station_as_info(tiny_project, registry, pack):
    r = run(tiny_project, registry, pack, ["TOD-04"]).result("TOD-04")
    by = {i.objects[0]: i for i in r.issues}
    assert set(by) == {"STN-001", "STN-002"} and {i.severity for i in r.issues} == {"I"}
    assert by["STN-001"].extra["missing"] == "park_and_ride"
    assert "pedestrian_link" in by["STN-002"].message.en


def test_the_tod_rules_share_one_study_per_run_and_the_run_keeps_it(tiny_project, registry, pack, monkeypatch):
    import cim.tod.checking as checking

    calls = []
    real = checking.run_check_study
    monkeypatch.setattr(checking, "run_check_study", lambda *a, **k: calls.append(1) or real(*a, **k))
    result = run(tiny_project, registry, pack)
    assert len(calls) == 1
    assert checking.study_of_run(result, tiny_project) is result.artifacts["tod_study"].result
