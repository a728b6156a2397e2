import pytest

from cim.errors import CimInputError, PermissionDenied
from cim.project import Project
from cim.project.metadata_edit import parse_assignments, parse_value, set_plan_metadata


@pytest.mark.parametrize("key, typed, stored", [
    ("scale", "2000", 2000), ("scale", "1:5.000", 5000), ("scale", "1/2 000", 2000), ("scale", "", None),
    ("level", "phan_khu", "phan_khu"), ("level", "Quy hoạch chi tiết", "chi_tiet"), ("level", "general plan", "chung"),
    ("decision_date", "15/01/2026", "2026-01-15"), ("decision_date", "2026-01-15", "2026-01-15"),
    ("province", "phu tho", "Phú Thọ"), ("province", "Tỉnh Vĩnh Phúc", "Vĩnh Phúc"),
    ("name", "  Quy hoạch phân khu ga Việt Trì  ", "Quy hoạch phân khu ga Việt Trì")])
def test_values_are_read_the_ways_planners_write_them(key, typed, stored):
    assert parse_value(key, typed) == stored


@pytest.mark.parametrize("key, typed, message", [
    ("scale", "abc", "must be a whole number"), ("scale", "-5", "must be a whole number"),
    ("scale", "2000.5", "must be a whole number"),
    ("level", "huyện", "is not one of chung, phan_khu, chi_tiet"), ("decision_date", "32/01/2026", "not a date"),
    ("province", "Atlantis", "unknown province"), ("colour", "red", "unknown metadata field")])
def test_a_bad_value_is_refused_with_one_clear_reason(key, typed, message):
    with pytest.raises(CimInputError, match=message):
        parse_value(key, typed)


def test_assignments_need_key_equals_value():
    assert parse_assignments(["scale=2000", "name=A=B"]) == {"scale": 2000, "name": "A=B"}
    with pytest.raises(CimInputError, match="is not KEY=VALUE"):
        parse_assignments(["scale"])


def test_setting_metadata_is_one_undo_step_and_undoes_cleanly():
    p = Project()
    changed = []
    p.metadata_changed.connect(lambda: changed.append(1))
    cmd = set_plan_metadata(p, {"plan_id": "QH-1", "scale": 2000, "name": ""})
    assert cmd.new == {"plan_id": "QH-1", "scale": 2000}          # an unchanged field is no change
    assert p.metadata.scale == 2000 and p.undo_stack.undo_text() == "Set plan metadata: plan_id, scale"
    p.undo_stack.undo()
    assert p.metadata.plan_id == "" and p.metadata.scale is None and changed
    assert set_plan_metadata(p, {"plan_id": ""}) is None


def test_a_reviewer_may_not_change_the_plan_metadata():
    p = Project()
    p.role = "reviewer"
    with pytest.raises(PermissionDenied):
        set_plan_metadata(p, {"plan_id": "QH-1"})
    assert p.metadata.plan_id == "" and not p.undo_stack.can_undo()
