"""CRS-01/02/03: which layer CRSs the appraisal flags, and messages that say what to do in vi and en."""

from __future__ import annotations

import unicodedata

import pyproj
import pytest

from cim.crs import check_layer_crs, expected_towgs84
from cim.errors import CimInputError

TM3 = "+proj=tmerc +lat_0=0 +lon_0={lon} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m +no_defs"
ROT_OK = "0.00928836,-0.01975479,0.00427372"
ROT_UNFLIPPED = "-0.00928836,0.01975479,-0.00427372"
SHIFT = "+towgs84=-191.90441429,-39.30318279,-111.45032835,{rot},0.252906278"


def _rules(findings):
    return [(f.code, f.severity) for f in findings]


def _hand_typed(lon: float, rot: str) -> str:
    return TM3.format(lon=lon) + " " + SHIFT.format(rot=rot)


@pytest.mark.parametrize("crs", [None, "", "   "])
def test_a_layer_without_crs_is_a_crs_01_error_that_suggests_the_provinces_default_zone(crs):
    findings = check_layer_crs(crs, "Phú Thọ", layer="Ranh giới")
    assert _rules(findings) == [("CRS-01", "E")]
    f = findings[0]
    assert "Ranh giới" in f.message.vi and "Ranh giới" in f.message.en
    assert "EPSG:9208" in f.message.vi and "EPSG:9208" in f.message.en
    assert "hệ tọa độ" in f.message.vi


def test_a_wgs84_layer_is_a_crs_01_error_naming_the_crs_and_asking_to_reproject():
    f, = check_layer_crs("EPSG:4326", "Phú Thọ")
    assert (f.code, f.severity) == ("CRS-01", "E")
    assert "EPSG:4326" in f.message.vi and "EPSG:4326" in f.message.en
    assert "tính chuyển" in f.message.vi and "Reproject" in f.message.en


def test_an_hn72_layer_is_a_crs_01_error_that_names_hn72():
    f, = check_layer_crs(2044)
    assert f.code == "CRS-01" and "HN-72" in f.message.vi and "HN-72" in f.message.en


def test_an_unreadable_crs_is_a_crs_01_error_quoting_what_was_given():
    f, = check_layer_crs("VN2000 mui 3 do")
    assert f.code == "CRS-01" and "VN2000 mui 3 do" in f.message.vi


def test_a_proj_string_with_only_the_wgs84_ellipsoid_is_not_taken_as_vn2000():
    f, = check_layer_crs(TM3.format(lon=104.75), "Phú Thọ")
    assert f.code == "CRS-01" and "datum" in f.message.en


@pytest.mark.parametrize("crs", [9208, "EPSG:5897", "EPSG:9211", pyproj.CRS.from_epsg(9208).to_wkt()])
def test_phu_tho_plans_accept_its_own_zone_and_those_of_vinh_phuc_and_hoa_binh(crs):
    assert check_layer_crs(crs, "Phú Thọ") == []


def test_a_tm3_meridian_outside_the_province_is_a_crs_02_warning_naming_the_allowed_zones():
    f, = check_layer_crs("EPSG:9209", "phu tho", layer="Giao thông")
    assert (f.code, f.severity) == ("CRS-02", "W")
    for text in (f.message.vi, f.message.en):
        assert "105°30′" in text and "EPSG:9208" in text and "EPSG:5897" in text and "EPSG:9211" in text
    assert "Vĩnh Phúc cũ" in f.message.vi and "former Hòa Bình" in f.message.en


def test_a_legacy_province_name_judges_against_the_merged_province():
    assert check_layer_crs("EPSG:9208", "Vĩnh Phúc") == []
    assert _rules(check_layer_crs("EPSG:9209", "Tỉnh Vĩnh Phúc")) == [("CRS-02", "W")]


def test_without_a_province_crs_02_is_not_evaluated():
    assert check_layer_crs("EPSG:9209") == []


@pytest.mark.parametrize("crs", [3405, 4756])
def test_utm_and_geographic_vn2000_are_not_judged_by_crs_02(crs):
    assert check_layer_crs(crs, "Phú Thọ") == []


def test_a_custom_vn2000_wkt_is_judged_by_its_central_meridian():
    wkt = pyproj.CRS.from_epsg(9208).to_wkt().replace("104.75", "106.5")
    assert _rules(check_layer_crs(wkt, "Phú Thọ")) == [("CRS-02", "W")]
    assert check_layer_crs(wkt, "Thái Nguyên") == []


def test_an_unflipped_hand_typed_proj_string_is_a_crs_03_warning_with_the_error_and_the_fix():
    f, = check_layer_crs(_hand_typed(104.75, ROT_UNFLIPPED), "Phú Thọ")
    assert (f.code, f.severity) == ("CRS-03", "W")
    assert "0,75 m" in f.message.vi and "0.75 m" in f.message.en
    assert expected_towgs84() in f.message.vi and expected_towgs84() in f.message.en
    assert "EPSG:6960" in f.message.en


def test_a_correctly_signed_hand_typed_proj_string_on_the_right_meridian_passes():
    assert check_layer_crs(_hand_typed(104.75, ROT_OK), "Phú Thọ") == []


def test_a_hand_typed_string_can_break_crs_02_and_crs_03_at_once():
    rules = [f.code for f in check_layer_crs(_hand_typed(106.5, ROT_UNFLIPPED), "Lâm Đồng")]
    assert rules == ["CRS-02", "CRS-03"]


def test_an_unknown_province_raises_a_cim_input_error():
    with pytest.raises(CimInputError, match="Atlantis"):
        check_layer_crs(9208, "Atlantis")


def test_messages_are_nfc_vietnamese_and_english_and_different():
    cases = [(None, "Phú Thọ"), (4326, None), (9209, "Phú Thọ"), (_hand_typed(104.75, ROT_UNFLIPPED), None)]
    for crs, prov in cases:
        for f in check_layer_crs(crs, prov):
            assert unicodedata.is_normalized("NFC", f.message.vi)
            assert f.message.vi != f.message.en
            assert any(ch in f.message.vi for ch in "ạảãáàâầấậẩẫăằắặẳẵệếềểễọỏõóòôồốộổỗơờớợởỡụủũúùưừứựửữịỉĩíìỵỷỹýỳđ")
