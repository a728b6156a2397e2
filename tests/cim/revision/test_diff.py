"""Plan revision review: the earlier version of the sample (real edits through core commands) against the
sample: plots with attribute diffs, a plot matched by geometry though its id changed, smart elements and a
network edge added/removed, check-verdict changes, the report parsed back."""

import re
import subprocess
from html.parser import HTMLParser

import numpy as np
import pytest
import shapely

from cim.revision.matching import match_by_geometry, match_features


def _changes(d, layer):
    return {(c.change, c.id): c for c in d.layer(layer).changes}


def test_plot_indicator_changes_are_reported_with_old_and_new_values(plan_diff):
    ch = _changes(plan_diff, "plots")
    assert ch[("changed", "PLT-000005")].fields == {"far": [0.8, 1.0]}
    assert ch[("changed", "PLT-000006")].fields == {"far": [3.5, 4.3]}
    assert ch[("changed", "PLT-000009")].fields == {"category": ["commercial", "residential"], "height_max_m": [15.0, 21.0]}
    assert ("added", "PLT-000010") in ch
    assert len(plan_diff.layer("plots").field_changes("far")) == 2
    assert plan_diff.layer("plots").unchanged == 338 - 5


def test_a_plot_whose_id_changed_is_matched_by_geometry_not_reported_as_removed_and_added(plan_diff):
    c = _changes(plan_diff, "plots")[("changed", "PLT-000011")]
    assert c.match == "geometry" and c.old_id == "PLT-OLD-0011" and not c.geometry_changed
    assert "id PLT-OLD-0011 → PLT-000011" in c.details()
    assert not [k for k in _changes(plan_diff, "plots") if k[0] == "removed"]


def test_smart_elements_and_network_changes_by_system(plan_diff):
    assert plan_diff.smart_by_system() == {"public_transport_parking": {"added": 4, "removed": 0},
                                           "smart_traffic": {"added": 0, "removed": 1}}
    light = plan_diff.layer("net_lighting")
    assert [c.change for c in light.changes] == ["added"] and light.length_new_m > light.length_old_m
    assert plan_diff.counts() == {"added": 6, "removed": 1, "changed": 4}
    assert {d.layer for d in plan_diff.layers if d.changes} == {"plots", "smart_elements", "net_lighting"}


def test_the_result_layer_holds_one_coloured_feature_per_change_with_its_geometry(plan_diff):
    f = plan_diff.result_frame()
    assert len(f) == 11 and set(f["change"]) == {"added", "removed", "changed"}
    assert f.crs.to_epsg() == 9208 and f.geometry.notna().all()
    removed = f[f["change"] == "removed"].iloc[0]
    assert removed["id"] == "SME-OLD-0001" and removed.geometry.geom_type == "Point"


def test_geometry_matching_uses_iou_for_polygons_and_distance_for_points():
    sq = shapely.box(0, 0, 10, 10)
    old = np.array([sq, shapely.box(100, 0, 110, 10), shapely.Point(50, 50)], dtype=object)
    new = np.array([shapely.Point(50.4, 50), shapely.box(2, 0, 12, 10), shapely.box(106, 0, 116, 10)], dtype=object)
    io, in_, score = match_by_geometry(old, new, min_iou=0.5, tolerance=1.0)
    pairs = dict(zip(io.tolist(), in_.tolist()))
    assert pairs == {0: 1, 2: 0}                      # IoU 8/12 ≈ 0.67 matches; 4/16 = 0.25 does not
    assert score[list(io).index(0)] == pytest.approx(8 / 12)


def test_ids_win_over_geometry_and_duplicate_ids_fall_back_to_geometry():
    import geopandas as gpd

    a = gpd.GeoDataFrame({"cim_id": ["A", "B", "B"]}, geometry=[shapely.box(0, 0, 1, 1), shapely.box(5, 5, 6, 6),
                                                                  shapely.box(9, 9, 10, 10)])
    b = gpd.GeoDataFrame({"cim_id": ["A", "B", "C"]}, geometry=[shapely.box(50, 50, 51, 51), shapely.box(5, 5, 6, 6),
                                                                  shapely.box(9, 9, 10, 10)])
    m = match_features(a, b)
    got = sorted(zip(m["old"].tolist(), m["new"].tolist(), m["how"].tolist()))
    assert got == [(0, 0, "id"), (1, 1, "geometry"), (2, 2, "geometry")]


def test_check_verdict_changes_are_listed_per_rule():
    from cim.revision.diff import check_changes

    old = {"results": [{"rule": "SMT-TRANSPORT", "status": "fail", "issues": [{}], "title": {"vi": "x", "en": "y"}},
                       {"rule": "CRS-01", "status": "pass", "issues": []}]}
    new = {"results": [{"rule": "SMT-TRANSPORT", "status": "pass", "issues": [], "title": {"vi": "x", "en": "y"}},
                       {"rule": "CRS-01", "status": "pass", "issues": []}]}
    assert check_changes(old, new) == [{"rule": "SMT-TRANSPORT", "old": "fail", "new": "pass", "issues_old": 1,
                                        "issues_new": 0, "title_vi": "x", "title_en": "y"}]


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.imgs = [], 0

    def handle_starttag(self, tag, attrs):
        self.imgs += tag == "img" and dict(attrs).get("src", "").startswith("data:image/png;base64,")

    def handle_data(self, data):
        if data.strip():
            self.cells.append(data.strip())


@pytest.mark.slow
def test_the_html_and_pdf_reports_read_back(plan_diff, tmp_path):
    from cim.revision.report import write_report

    html, pdf = write_report(plan_diff, html=tmp_path / "d.html", pdf=tmp_path / "d.pdf")
    parser = _Tables()
    parser.feed(html.read_text(encoding="utf-8"))
    text = " ".join(parser.cells)
    assert parser.imgs == 1
    assert "Rà soát điều chỉnh quy hoạch" in text and "PLT-000005" in text and "0.8 → 1" in text
    assert "Hệ số sử dụng đất (FAR)" in text and "public_transport_parking" in text
    assert re.search(r"SME-OLD-0001 bỏ đi", text)
    pdf_text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "Plan revision review" in pdf_text and "3.5 → 4.3" in pdf_text and "commercial → residential" in pdf_text
