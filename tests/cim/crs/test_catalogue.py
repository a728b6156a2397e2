"""The VN-2000 catalogue agrees with PROJ's EPSG database and finds provinces however they are typed."""

from __future__ import annotations

import re

import pyproj
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyproj.database import query_crs_info

from cim.crs import (
    ZONES,
    ProvinceZones,
    find_legacy_province,
    find_province,
    fold_name,
    get_province,
    is_vn2000,
    legacy_provinces,
    province_zones,
    provinces,
    zone_for_epsg,
)
from cim.crs.catalogue import GEOGRAPHIC, TM3_NATIONAL, TM3_PROVINCIAL, UTM
from cim.errors import CimInputError


def _tm_params(code: int) -> dict[str, float]:
    crs = pyproj.CRS.from_epsg(code)
    return {p.name: p.value for p in crs.coordinate_operation.params}


@pytest.mark.parametrize("zone", ZONES, ids=lambda z: str(z.epsg))
def test_every_zone_matches_pyproj_name_and_central_meridian(zone):
    crs = pyproj.CRS.from_epsg(zone.epsg)
    assert crs.name == zone.name
    if zone.kind == GEOGRAPHIC:
        assert crs.is_geographic and zone.central_meridian is None
    else:
        assert _tm_params(zone.epsg)["Longitude of natural origin"] == zone.central_meridian


@pytest.mark.parametrize("zone", ZONES, ids=lambda z: str(z.epsg))
def test_every_zone_is_on_the_vn2000_datum_and_of_its_declared_kind(zone):
    crs = pyproj.CRS.from_epsg(zone.epsg)
    assert crs.geodetic_crs.to_epsg() == 4756
    if zone.kind == UTM:
        assert _tm_params(zone.epsg)["Scale factor at natural origin"] == 0.9996
    if zone.kind in (TM3_NATIONAL, TM3_PROVINCIAL):
        params = _tm_params(zone.epsg)
        # All TM-3 zones share k, false easting and origin: 5897/5898 can stand in for the provincial
        # 105°00′ and 108°00′ meridians that EPSG has no provincial code for.
        assert params["Scale factor at natural origin"] == 0.9999
        assert params["False easting"] == 500000
        assert params["False northing"] == 0
        assert params["Latitude of natural origin"] == 0


def test_zone_table_lists_every_vn2000_projected_and_geographic_crs_in_the_epsg_database():
    in_db = {int(i.code) for i in query_crs_info(auth_name="EPSG")
             if i.name.startswith("VN-2000") and not i.deprecated}
    assert in_db == {z.epsg for z in ZONES}


def _words(text: str) -> str:
    """" ba ria vung tau " for "Bà Rịa – Vũng Tàu" or "Ba Ria-Vung Tau": spaced ASCII words."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " " + " ".join(re.findall(r"[a-z]+", text)) + " "


@pytest.mark.parametrize("zone", [z for z in ZONES if z.kind == TM3_PROVINCIAL], ids=lambda z: str(z.epsg))
def test_legacy_meridians_agree_with_the_provinces_named_in_each_zones_epsg_area_of_use(zone):
    area = _words(pyproj.CRS.from_epsg(zone.epsg).area_of_use.name)
    named = {p.name for p in legacy_provinces() if _words(p.name) in area}
    mapped = {p.name for p in legacy_provinces() if p.epsg == zone.epsg}
    assert mapped and mapped == named, f"EPSG:{zone.epsg} area of use: {area.strip()}"


def test_the_ten_legacy_provinces_on_105_or_108_degrees_use_the_national_tm3_codes():
    on_national = {p.name: p.epsg for p in legacy_provinces() if p.epsg in (5897, 5898)}
    assert on_national == {
        "Hà Nội": 5897, "Vĩnh Phúc": 5897, "Hà Nam": 5897, "Ninh Bình": 5897, "Thanh Hóa": 5897,
        "Đồng Tháp": 5897, "Cần Thơ": 5897, "Hậu Giang": 5897, "Bạc Liêu": 5897, "Quảng Ngãi": 5898}


def test_there_are_63_legacy_provinces_and_34_new_ones_each_legacy_one_in_exactly_one_new_one():
    assert len(legacy_provinces()) == 63
    assert len(provinces()) == 34
    components = [old for p in provinces() for old in p.legacy]
    assert sorted(components) == sorted(p.name for p in legacy_provinces())
    assert sum(1 for p in provinces() if not p.merged) == 11


@pytest.mark.parametrize("prov", provinces(), ids=lambda p: p.name)
def test_every_2025_province_has_a_default_zone_in_the_zone_table(prov):
    assert zone_for_epsg(prov.zones.default) is not None
    assert prov.zones.allowed[0] == prov.zones.default
    assert all(zone_for_epsg(c).kind in (TM3_PROVINCIAL, TM3_NATIONAL) for c in prov.zones.allowed)
    assert prov.zones.default == find_legacy_province(prov.legacy[0]).epsg
    assert set(prov.zones.allowed) == {find_legacy_province(o).epsg for o in prov.legacy}


def test_phu_tho_allows_legacy_zones_of_vinh_phuc_and_hoa_binh():
    zones = province_zones("Phú Thọ")
    assert zones == ProvinceZones(default=9208, allowed=(9208, 5897, 9211))
    assert find_legacy_province("Vĩnh Phúc").epsg == 5897
    assert find_legacy_province("Hòa Bình").epsg == 9211


def test_seed_provinces_have_the_meridians_domain_md_lists():
    expected = {"Hà Nội": 5897, "Hải Phòng": 9210, "Phú Thọ": 9208, "Sơn La": 9206, "Đắk Nông": 9218,
                "Vĩnh Phúc": 5897, "Hòa Bình": 9211, "Hải Dương": 9209, "Lào Cai": 9208,
                "Lâm Đồng": 5899, "Hồ Chí Minh": 9210}
    assert {n: find_legacy_province(n).epsg for n in expected} == expected


def test_merged_provinces_keep_the_zones_of_their_legacy_parts():
    assert province_zones("Hải Phòng") == ProvinceZones(9210, (9210, 9209))
    assert get_province("Lâm Đồng").legacy == ("Lâm Đồng", "Đắk Nông", "Bình Thuận")
    assert province_zones("Lâm Đồng") == ProvinceZones(5899, (5899, 9218))
    assert province_zones("Hà Nội") == ProvinceZones(5897, (5897,))
    assert not get_province("Hà Nội").merged


@pytest.mark.parametrize("typed", ["phu tho", "Tỉnh Phú Thọ", "PHÚ THỌ", "PhuTho", "tinh phu tho",
                                   "Phu Tho province", "  Phú   Thọ "])
def test_lookups_ignore_case_diacritics_spaces_and_prefixes(typed):
    assert find_province(typed).name == "Phú Thọ"


@pytest.mark.parametrize(("typed", "expected"), [
    ("TP.HCM", "Hồ Chí Minh"), ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"), ("Ho Chi Minh City", "Hồ Chí Minh"),
    ("tphcm", "Hồ Chí Minh"), ("Hue", "Huế"), ("Thừa Thiên Huế", "Huế"), ("Hanoi", "Hà Nội"),
    ("Thủ đô Hà Nội", "Hà Nội"), ("Dak Lak", "Đắk Lắk"), ("Daklak", "Đắk Lắk"), ("Hoà Bình", "Phú Thọ"),
])
def test_common_spellings_and_city_names_are_found(typed, expected):
    assert find_province(typed).name == expected


@pytest.mark.parametrize(("legacy", "new"), [("Vĩnh Phúc", "Phú Thọ"), ("Hải Dương", "Hải Phòng"),
                                             ("Đắk Nông", "Lâm Đồng"), ("Bình Dương", "Hồ Chí Minh"),
                                             ("Bắc Kạn", "Thái Nguyên"), ("Kon Tum", "Quảng Ngãi")])
def test_a_legacy_province_name_resolves_to_the_province_that_absorbed_it(legacy, new):
    assert find_province(legacy).name == new
    assert find_legacy_province(legacy).successor == new


def test_unknown_province_finds_none_and_province_zones_raises_a_cim_input_error_with_a_suggestion():
    assert find_province("Phu Tohh") is None
    assert find_legacy_province("Atlantis") is None
    with pytest.raises(CimInputError) as err:
        province_zones("Phu Tohh")
    assert "Phu Tohh" in str(err.value) and "Phú Thọ" in str(err.value)


def test_lookup_keys_are_unambiguous():
    legacy_keys = [fold_name(p.name) for p in legacy_provinces()]
    new_keys = [fold_name(p.name) for p in provinces()]
    assert len(set(legacy_keys)) == 63 and len(set(new_keys)) == 34


@given(st.sampled_from([p.name for p in provinces()]),
       st.sampled_from(["", "Tỉnh ", "tinh ", "Thành phố ", "TP. ", "tp "]),
       st.sampled_from([str.lower, str.upper, str.title, lambda s: s]))
def test_any_prefix_and_case_of_a_2025_name_finds_that_province(name, prefix, case):
    assert find_province(case(prefix + name)).name == name


@pytest.mark.parametrize("code", [9208, "EPSG:9208", "epsg:9208", "9208"])
def test_zone_for_epsg_accepts_ints_and_epsg_strings(code):
    assert zone_for_epsg(code).name == "VN-2000 / TM-3 104-45"


def test_zone_for_epsg_gives_none_outside_the_catalogue():
    assert zone_for_epsg(4326) is None and zone_for_epsg("not a code") is None


@pytest.mark.parametrize("crs", [9208, "EPSG:9208", 4756, "EPSG:3405", 3406,
                                 pyproj.CRS.from_epsg(9208).to_wkt(),
                                 pyproj.CRS.from_epsg(9208).to_wkt("WKT1_ESRI"),
                                 pyproj.CRS.from_epsg(9208).to_wkt("WKT1_GDAL"),
                                 pyproj.CRS.from_epsg(5899),
                                 "EPSG:9208+5727"])
def test_is_vn2000_is_true_for_vn2000_crs_in_any_pyproj_form(crs):
    assert is_vn2000(crs)


@pytest.mark.parametrize("crs", [4326, "EPSG:32648", 2044, 4147, None, "no such crs", 3857,
                                 "+proj=tmerc +lon_0=105 +k=0.9999 +x_0=500000 +ellps=WGS84 +units=m",
                                 "+proj=longlat +ellps=WGS84 +towgs84=0,0,0"])
def test_is_vn2000_is_false_for_other_datums_and_bad_input(crs):
    assert not is_vn2000(crs)


def test_a_hand_typed_vn2000_proj4_string_counts_as_vn2000_whatever_its_rotation_signs():
    base = ("+proj=tmerc +lat_0=0 +lon_0=104.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m "
            "+towgs84=-191.90441429,-39.30318279,-111.45032835,{},0.252906278")
    assert is_vn2000(base.format("0.00928836,-0.01975479,0.00427372"))
    assert is_vn2000(base.format("-0.00928836,0.01975479,-0.00427372"))
