"""Hand-typed +towgs84: EPSG:6960's rotations must be sign-flipped; unflipped ones cost ~0.75 m at Hà Nội."""

from __future__ import annotations

import math
import warnings

import pyproj
import pytest
from pyproj.crs import CoordinateOperation

from cim.crs import check_towgs84, expected_towgs84
from cim.crs import proj_check as pc

OP = CoordinateOperation.from_epsg(6960)
PUBLISHED = [p.value for p in OP.params]  # as EPSG publishes them: coordinate-frame rotations
FLIPPED = PUBLISHED[:3] + [-r for r in PUBLISHED[3:6]] + PUBLISHED[6:]
TM3 = "+proj=tmerc +lat_0=0 +lon_0=104.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m +no_defs"


def _towgs(values) -> str:
    return ",".join(repr(float(v)) for v in values)


UNFLIPPED_STRING = f"{TM3} +towgs84={_towgs(PUBLISHED)}"
CORRECT_STRING = f"{TM3} +towgs84={_towgs(FLIPPED)}"


def test_epsg_6960_is_a_coordinate_frame_rotation_and_the_expected_towgs84_flips_its_rotations():
    assert OP.method_name.startswith("Coordinate Frame rotation") and str(OP.method_code) == "9607"
    assert [float(v) for v in expected_towgs84().split(",")] == pytest.approx(FLIPPED, abs=1e-12)


def test_an_unflipped_towgs84_is_flagged_with_about_three_quarters_of_a_metre_near_hanoi():
    finding = check_towgs84(UNFLIPPED_STRING)
    assert finding is not None
    assert finding.kind == pc.UNFLIPPED and finding.convention == pc.COORDINATE_FRAME
    assert 0.7 < finding.error_m < 0.8
    assert finding.expected == expected_towgs84()


def test_the_correctly_flipped_towgs84_is_not_flagged():
    assert check_towgs84(CORRECT_STRING) is None


def test_the_round_trip_error_agrees_with_an_independent_pair_of_proj_pipelines():
    lon, lat = pc.HANOI_TEST_POINT

    def pipeline(values, convention):
        names = ("x", "y", "z", "rx", "ry", "rz", "s")
        h = " ".join(f"+{n}={v}" for n, v in zip(names, values))
        return pyproj.Transformer.from_pipeline(
            "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=push +v_3 "
            f"+step +proj=cart +ellps=WGS84 +step +proj=helmert {h} +convention={convention} "
            "+step +inv +proj=cart +ellps=WGS84 +step +proj=pop +v_3 +step +proj=unitconvert +xy_in=rad +xy_out=deg")

    wrong = pipeline(PUBLISHED, "position_vector").transform(lon, lat)   # what +towgs84 does with them
    right = pipeline(PUBLISHED, "coordinate_frame").transform(lon, lat)  # what EPSG:6960 means
    distance = pyproj.Geod(ellps="WGS84").inv(*wrong, *right)[2]
    assert check_towgs84(UNFLIPPED_STRING).error_m == pytest.approx(distance, abs=0.005)


def test_rounded_but_correct_values_still_count_as_epsg_6960_and_rounded_unflipped_ones_do_not():
    rounded = [round(v, 5) for v in FLIPPED[:3]] + [round(v, 6) for v in FLIPPED[3:]]
    assert check_towgs84(f"+proj=longlat +ellps=WGS84 +towgs84={_towgs(rounded)}") is None
    rounded_bad = rounded[:3] + [-r for r in rounded[3:6]] + rounded[6:]
    assert check_towgs84(f"+proj=longlat +ellps=WGS84 +towgs84={_towgs(rounded_bad)}").kind == pc.UNFLIPPED


@pytest.mark.parametrize("crs", ["EPSG:9208", 9208, f"{TM3}", pyproj.CRS.from_epsg(9208).to_wkt(),
                                 "+proj=longlat +datum=WGS84"])
def test_a_crs_without_towgs84_is_fine(crs):
    assert check_towgs84(crs) is None


def test_a_three_parameter_towgs84_is_flagged_as_approximate_with_its_error():
    finding = check_towgs84("+proj=longlat +ellps=WGS84 +towgs84=-192.873,-39.382,-111.202 +no_defs")
    assert finding.kind == pc.THREE_PARAMETER and finding.convention == pc.TRANSLATION_ONLY
    assert 0.1 < finding.error_m < 5


def test_seven_values_that_are_not_epsg_6960_in_either_convention_are_flagged():
    finding = check_towgs84("+proj=longlat +ellps=WGS84 +towgs84=-191.9,-39.3,-111.45,0.1,0.2,0.3,0.25")
    assert finding.kind == pc.NOT_EPSG_6960 and finding.convention == pc.UNKNOWN
    assert finding.error_m > 1


@pytest.mark.parametrize("text", ["+proj=longlat +ellps=WGS84 +towgs84=1,2", "+proj=longlat +towgs84=a,b,c",
                                  "+proj=longlat +towgs84="])
def test_a_towgs84_that_is_not_3_or_7_numbers_is_malformed(text):
    finding = check_towgs84(text)
    assert finding.kind == pc.MALFORMED and math.isnan(finding.error_m)


def test_a_wkt1_towgs84_is_judged_as_typed_although_proj_autocorrects_it_on_import():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wkt1 = pyproj.CRS(UNFLIPPED_STRING).to_wkt("WKT1_GDAL")
    assert f"{PUBLISHED[3]!r},{PUBLISHED[4]!r},{PUBLISHED[5]!r}" in wkt1  # the unflipped text is there
    assert check_towgs84(wkt1).kind == pc.UNFLIPPED


def test_a_pyproj_bound_crs_object_is_judged_by_its_parameters():
    assert check_towgs84(pyproj.CRS(UNFLIPPED_STRING)).kind == pc.UNFLIPPED
    assert check_towgs84(pyproj.CRS(CORRECT_STRING)) is None
    assert check_towgs84(pyproj.CRS(UNFLIPPED_STRING).to_wkt()).kind == pc.UNFLIPPED  # WKT2 BoundCRS
