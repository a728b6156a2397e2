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
    text = " | ".join(i.message_en for i in r.issues)
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
    assert (r.status == "fail") is found, [i.message_en for i in r.issues]
    if found:
        assert text not in r.issues[0].message_vi      # the data itself is not copied into the report
