"""PLN-02 on a small generated tiling, and SEC-01's patterns for Vietnamese personal data."""

from __future__ import annotations

import pytest
import shapely

from cim.checks.runner import run_checks
from tests.cim.checks.conftest import tiled_project


def run(p, registry, pack, rule):
    return run_checks(p, registry.checks_for(pack, only=[rule]), pack=pack).result(rule)


def test_plots_that_tile_the_boundary_with_indicators_pass(registry, pack):
    assert run(tiled_project(), registry, pack, "PLN-02").status == "pass"


def test_an_overlap_a_gap_and_a_missing_indicator_are_each_reported(registry, pack):
    p = tiled_project()
    plots = p.layer_by_name("plots").data
    plots.loc[1, "geometry"] = shapely.box(560000, 2358000, 560053, 2358050)     # 3 m into plot 2
    plots.loc[16, "geometry"] = shapely.box(560150, 2358150, 560197, 2358200)    # a 3 m gap at the edge
    plots.loc[6, "density"] = None
    r = run(p, registry, pack, "PLN-02")
    text = " | ".join(i.message.en for i in r.issues)
    assert r.status == "fail" and len(r.issues) == 3, text
    assert "overlaps" in text and "gap" in text and "density" in text


@pytest.mark.parametrize("text, found", [
    ("Nhà ông Nguyễn Văn Hùng – SĐT 0912 345 678", True),
    ("Liên hệ +84 912.345.678", True),
    ("CCCD 001203004567", True),
    ("CMND: 123456789", True),
    ("Bà Trần Thị Mai", True),
    ("Đường Hai Bà Trưng", False),
    ("Phố Bà Triệu Hà Nội", False),
    ("Trường THCS Thụy Vân – khối lớp học", False),
    ("Quyết định 0000/QĐ-UBND", False),
])
def test_personal_data_patterns(text, found, registry, pack):
    p = tiled_project()
    p.layer_by_name("buildings").data.loc[2, "name"] = text
    r = run(p, registry, pack, "SEC-01")
    assert (r.status == "fail") is found, [i.message.en for i in r.issues]
    if found:
        assert text not in r.issues[0].message.vi      # the data itself is not copied into the report


@pytest.mark.parametrize("text, found", [
    ("CCCD 025203004567", True),                       # Phú Thọ
    ("số định danh 079198012345 – Hồ Chí Minh", True),
    ("096301234567", True),                            # Cà Mau, alone in the field
    ("Số chứng minh nhân dân 123456789", True),
    ("+358 40 1234567", False),                        # a Finnish mobile, as OSM writes it
    ("+358401234567", False),                          # the same without spaces: 12 digits after '+'
    ("+84912345678", True),                            # a Vietnamese mobile is still a phone number
    ("Tel. +49 30 901820", False),
    ("100203004567", False),                           # 12 digits, but 100 is no province code
    ("003203004567", False),                           # 003 is not used (no province)
    ("0250203004567", False),                          # 13 digits: a longer number, not an ID
    ("Mã số thuế 0101234567001", False),               # a 13-digit tax code
    ("OSM way 123456789", False),                      # 9 digits without a CMND label
    ("node 9876543210123", False),
])
def test_an_id_number_is_a_cccd_with_a_province_code_or_a_labelled_cmnd(text, found, registry, pack):
    p = tiled_project()
    p.layer_by_name("buildings").data.loc[2, "name"] = text
    r = run(p, registry, pack, "SEC-01")
    assert (r.status == "fail") is found, [i.message.en for i in r.issues]
    if found and "+84" not in text:
        assert "ID-card number" in r.issues[0].message.en


def test_every_province_code_of_the_circular_is_three_digits_up_to_096_and_there_are_63():
    from plugins.builtin.decree269.checks_sec import CCCD_PROVINCE_CODES, is_id_card

    assert len(CCCD_PROVINCE_CODES) == 63
    assert all(len(c) == 3 and 1 <= int(c) <= 96 for c in CCCD_PROVINCE_CODES)
    assert CCCD_PROVINCE_CODES["025"] == "Phú Thọ" and CCCD_PROVINCE_CODES["001"] == "Hà Nội"
    assert all(is_id_card(f"{c}203004567") for c in CCCD_PROVINCE_CODES)
    assert not any(is_id_card(f"{c:03d}203004567") for c in range(0, 1000) if f"{c:03d}" not in CCCD_PROVINCE_CODES)
