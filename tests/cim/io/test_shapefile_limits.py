"""Shapefile export of real planning data: field names over 10 characters and texts over 254 bytes are
shortened by us, uniquely, and one warning names the layer, the fields and GeoPackage as the way out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import pytest

from cim.feedback import RecordingFeedback
from cim.io.vector import write_vector
from cim.io.vector_write import dbf_field_names

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "district" / "sources.gpkg"
NOTE = ("Lô đất thuộc khu vực phát triển theo định hướng giao thông công cộng (TOD) quanh ga Việt Trì Tây; "
        "chỉ tiêu sử dụng đất được điều chỉnh theo Quyết định phê duyệt đồ án quy hoạch phân khu tỷ lệ 1/2.000, "
        "yêu cầu bố trí không gian xanh, bãi đỗ xe ngầm và lối đi bộ kết nối trực tiếp với quảng trường nhà ga.")


@pytest.fixture
def plots():
    gdf = pyogrio.read_dataframe(SAMPLE, layer="plots")
    n = len(gdf)
    gdf["dien_tich_dat_m2"] = gdf["area_m2"]
    gdf["dien_tich_san_m2"] = gdf["area_m2"] * gdf["far"]
    gdf["mat_do_xay_dung"] = gdf["density"]
    gdf["ghi_chu_quy_hoach"] = np.where(np.arange(n) % 9 == 0, NOTE, "Lô đất ở hiện hữu")
    gdf["mô_tả_chức_năng"] = gdf["category"]                 # 10 characters, 21 bytes in UTF-8
    return gdf


def test_long_field_names_and_values_are_named_in_one_warning_with_geopackage_offered(plots, tmp_path):
    fb = RecordingFeedback()
    out = write_vector(plots, tmp_path / "lo_dat.shp", layer="Lô đất QH", feedback=fb)
    back = pyogrio.read_dataframe(out)
    cols = [c for c in back.columns if c != "geometry"]
    assert all(len(c.encode("utf-8")) <= 10 for c in cols) and len({c.lower() for c in cols}) == len(cols)
    assert {"landuse_co", "height_max", "dien_tich_", "dien_tic_1", "mat_do_xay", "ghi_chu_qu"} <= set(cols)
    assert "population" in cols and "cim_id" in cols           # names that fit stay as they are
    long = plots["ghi_chu_quy_hoach"].str.len() > 100
    cut = back["ghi_chu_qu"][long.to_numpy()]
    assert len(cut) == 38 and all(len(v.encode("utf-8")) <= 254 for v in cut)
    assert all(NOTE.startswith(v) and len(v) > 150 for v in cut)          # cut on a whole character
    assert (back["ghi_chu_qu"][~long.to_numpy()] == "Lô đất ở hiện hữu").all()
    warnings = [m for level, m in fb.messages if level == "warning"]
    assert len(warnings) == 1
    w = warnings[0]
    assert "lo_dat.shp [layer Lô đất QH]" in w and "GeoPackage (.gpkg)" in w
    assert "dien_tich_dat_m2 → dien_tich_" in w and "dien_tich_san_m2 → dien_tic_1" in w
    assert "mô_tả_chức_năng → " in w and "38 text value(s) longer than 254 bytes were cut in ghi_chu_qu (38)" in w
    assert "Hãy xuất ra GeoPackage" in w


def test_a_layer_within_the_limits_writes_without_a_warning(tmp_path):
    gdf = pyogrio.read_dataframe(SAMPLE, layer="water_bodies")
    fb = RecordingFeedback()
    write_vector(gdf, tmp_path / "nuoc.shp", feedback=fb)
    assert not [m for level, m in fb.messages if level == "warning"]


def test_geopackage_keeps_the_long_names_and_values(plots, tmp_path):
    fb = RecordingFeedback()
    out = write_vector(plots, tmp_path / "lo_dat.gpkg", feedback=fb)
    back = pyogrio.read_dataframe(out)
    assert "dien_tich_san_m2" in back.columns and (back["ghi_chu_quy_hoach"] == plots["ghi_chu_quy_hoach"]).all()
    assert not [m for level, m in fb.messages if level == "warning"]


def test_field_names_are_made_unique_without_regard_to_case():
    names = dbf_field_names(["ABCDEFGHIJ", "abcdefghijK", "abcdefghijL", "x" * 30, "ngày_cập_nhật"])
    assert names["ABCDEFGHIJ"] == "ABCDEFGHIJ"
    assert names["abcdefghijK"] == "abcdefgh_1" and names["abcdefghijL"] == "abcdefgh_2"
    assert names["x" * 30] == "x" * 10
    assert names["ngày_cập_nhật"] == "ngày_cậ" and len("ngày_cậ".encode()) <= 10


def test_a_windows_code_page_counts_its_own_bytes(tmp_path):
    gdf = pyogrio.read_dataframe(SAMPLE, layer="water_bodies")
    gdf["mô_tơ_chức"] = "Hồ điều hoà " * 30        # cp1258: ô, ơ precomposed, ứ = ư + combining acute: 11 bytes
    gdf["tên_hồ"] = "Hồ"                            # 6 characters, 7 bytes in cp1258: fits
    fb = RecordingFeedback()
    out = write_vector(gdf, tmp_path / "ho.shp", encoding="cp1258", feedback=fb)
    w = " ".join(m for level, m in fb.messages if level == "warning")
    assert "mô_tơ_chức → mô_tơ_chứ" in w and "tên_hồ →" not in w
    assert "text value(s) longer than 254 bytes were cut in mô_tơ_chứ" in w
    back = pyogrio.read_dataframe(out, encoding="cp1258")
    assert "mô_tơ_chứ" in back.columns and "tên_hồ" in back.columns
