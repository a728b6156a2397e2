import math

import pytest

from cim.mapsheet.crsgeom import grid_convergence, metres_per_unit
from cim.mapsheet.scalebar import format_distance, nice_ceil, nice_floor, scale_bar, scale_text


@pytest.mark.parametrize("value, floor, ceil", [(7.3, 5, 10), (1.0, 1, 1), (199, 100, 200), (0.031, 0.02, 0.05),
                                                 (2500, 2000, 5000), (1e6, 1e6, 1e6)])
def test_round_lengths_are_one_two_or_five_times_a_power_of_ten(value, floor, ceil):
    assert nice_floor(value) == pytest.approx(floor)
    assert nice_ceil(value) == pytest.approx(ceil)


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf")])
def test_a_scale_bar_of_no_length_is_refused(bad):
    with pytest.raises(ValueError):
        nice_floor(bad)
    with pytest.raises(ValueError):
        scale_bar(bad, 100)


def test_scale_bar_is_the_longest_round_length_that_fits():
    bar = scale_bar(3.649, 180)            # 3.649 m a pixel, at most 180 px: 656 m → 500 m
    assert bar.length_m == 500
    assert bar.length_px == pytest.approx(500 / 3.649)
    assert bar.label == "500 m" and bar.segments == 5
    km = scale_bar(25.0, 100)              # 2 500 m fits → 2 km, in blocks of 500 m
    assert km.label == "2 km" and km.segments == 4
    assert [t for _, t in km.ticks("en")] == ["0", "1", "2 km"]


def test_distances_and_scales_read_the_way_each_language_writes_them():
    assert format_distance(2500, "vi") == "2,5 km" and format_distance(2500, "en") == "2.5 km"
    assert format_distance(0.5, "vi") == "0,5 m"
    assert scale_text(5000, "vi") == "Tỷ lệ 1:5.000" and scale_text(10000, "en") == "Scale 1:10,000"


def test_vn2000_metres_us_feet_and_degrees_on_the_ground():
    assert metres_per_unit("EPSG:9208", 2_359_620) == 1.0
    assert metres_per_unit("EPSG:2227") == pytest.approx(1200 / 3937)      # US survey foot
    # one degree of longitude at 21° N on the WGS 84 equatorial radius: 2πa/360 · cos φ
    assert metres_per_unit("EPSG:4326", 21.0) == pytest.approx(2 * math.pi * 6378137 / 360 * math.cos(math.radians(21)))
    assert metres_per_unit(None) == 1.0


def test_grid_north_turns_from_true_north_away_from_the_central_meridian():
    from pyproj import Transformer

    to_vn = Transformer.from_crs("EPSG:4756", "EPSG:9208", always_xy=True)   # TM-3, central meridian 104°45′
    on_cm = grid_convergence("EPSG:9208", *to_vn.transform(104.75, 21.3))
    east = grid_convergence("EPSG:9208", *to_vn.transform(105.5, 21.3))
    assert abs(on_cm) < 1e-6
    # γ ≈ Δλ · sin φ for a transverse Mercator near its meridian
    assert abs(east) == pytest.approx(0.75 * math.sin(math.radians(21.3)), abs=0.005)
    assert grid_convergence("EPSG:4326", 105, 21) == 0.0
