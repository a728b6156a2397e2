import pytest

from cim.mapsheet.layout import (
    fit_denominator,
    grid_interval,
    grid_values,
    map_extent,
    paper_size,
    sheet_layout,
)


def _inside(inner, outer, tol=1e-9):
    return inner.x >= outer.x - tol and inner.y >= outer.y - tol and inner.x1 <= outer.x1 + tol and inner.y1 <= outer.y1 + tol


def _overlap(a, b):
    return a.x < b.x1 and b.x < a.x1 and a.y < b.y1 and b.y < a.y1


@pytest.mark.parametrize("paper", ["A3", "A1"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_every_frame_sits_on_the_page_and_none_covers_the_map(paper, orientation):
    lay = sheet_layout(paper, orientation)
    for r in (lay.map_frame, lay.north, lay.legend, lay.scale, lay.title):
        assert r.w > 0 and r.h > 0
        assert _inside(r, lay.border)
    for r in (lay.north, lay.legend, lay.scale, lay.title):
        assert not _overlap(r, lay.map_frame)
    assert not _overlap(lay.title, lay.legend) and not _overlap(lay.scale, lay.title)


def test_paper_sizes_and_pixels_at_a_dpi():
    assert paper_size("A3", "landscape") == (420, 297)
    assert paper_size("a1", "portrait") == (594, 841)
    assert sheet_layout("A3").pixels(300) == (4961, 3508)     # 420 mm / 25.4 · 300 = 4960.6
    assert sheet_layout("A1").unit == pytest.approx(2.0)
    with pytest.raises(ValueError, match="unknown paper"):
        paper_size("B5")
    with pytest.raises(ValueError, match="orientation"):
        paper_size("A3", "sideways")


def test_the_map_frame_shows_the_ground_its_scale_says():
    lay = sheet_layout("A3")
    minx, miny, maxx, maxy = map_extent(lay.map_frame, 5000, (565000, 2359000))
    assert maxx - minx == pytest.approx(lay.map_frame.w * 5.0)      # 1 mm of paper = 5 m at 1:5 000
    assert maxy - miny == pytest.approx(lay.map_frame.h * 5.0)
    assert (minx + maxx) / 2 == pytest.approx(565000)
    with pytest.raises(ValueError):
        map_extent(lay.map_frame, 0, (0, 0))


def test_grid_lines_are_round_and_at_least_the_asked_spacing_apart():
    assert grid_interval(5000) == 200            # 35 mm at 1:5 000 = 175 m → 200 m
    assert grid_interval(2000) == 100            # 70 m → 100 m
    assert grid_interval(5000, min_spacing_mm=45) == 500
    assert grid_values(564_050, 565_250, 500) == [564_500, 565_000]
    assert grid_values(0, 1000, 500) == [500]


def test_the_scale_that_fits_a_district_is_a_round_one():
    lay = sheet_layout("A3")
    d = fit_denominator((564050, 2358520, 566250, 2360720), lay.map_frame)
    assert d in (5000, 10000)
    lo, hi = map_extent(lay.map_frame, d, (565150, 2359620))[1::2]
    assert hi - lo >= 2200
