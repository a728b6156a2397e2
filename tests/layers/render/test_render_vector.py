import numpy as np
import pytest
import shapely
from shapely import Point, Polygon, box

from layers.render import RenderCanceled, Viewport, snapshot_vector
from layers.render.colors import pack, parse_color
from layers.render.map import render_map

RED, BLUE, BLACK = (255, 0, 0, 255), (0, 0, 255, 255), (0, 0, 0, 255)
WHITE = (255, 255, 255, 255)


def frame(geoms, **cols):
    import geopandas as gpd

    return gpd.GeoDataFrame(cols, geometry=list(geoms), crs="EPSG:9208",
                            index=np.arange(1, len(geoms) + 1, dtype=np.int64))


def view(w=100, h=100, res=1.0, x0=0.0, y0=0.0):
    """A view whose pixel (i, j) covers world [x0+i, x0+i+1] x [y0+h-j-1, y0+h-j]."""
    return Viewport(x0 + w * res / 2, y0 + h * res / 2, res, w, h)


def px(img, x, y):
    return tuple(int(v) for v in img[y, x])


def test_a_square_is_filled_inside_outlined_on_its_edge_and_absent_outside():
    gdf = frame([box(20, 20, 60, 60)])
    snap = snapshot_vector("a", gdf, {"fill": "#ff0000", "stroke": "#000000"})
    img = render_map([snap], view(), labels=False)
    assert px(img, 40, 60) == RED              # world (40.5, 39.5): inside
    assert px(img, 10, 10) == WHITE            # outside
    assert px(img, 20, 60) == BLACK            # the left edge
    assert px(img, 70, 60) == WHITE


def test_a_medium_polygon_is_filled_with_the_scanline_rasteriser_exactly():
    tri = Polygon([(10, 10), (50, 10), (10, 50)])
    img = render_map([snapshot_vector("a", frame([tri]), {"fill": "#ff0000", "stroke": "none"})],
                     view(), labels=False)
    filled = (img[..., 1] == 0)
    # area of the triangle is 800 px; pixel-centre sampling gets within a diagonal's worth of it
    assert abs(int(filled.sum()) - 800) <= 45
    assert px(img, 15, 85) == RED and px(img, 45, 55) == WHITE


def test_a_hole_in_a_polygon_stays_empty():
    ring = Polygon(box(0, 0, 200, 200).exterior.coords, [box(80, 80, 120, 120).exterior.coords])
    img = render_map([snapshot_vector("a", frame([ring]), {"fill": "#0000ff", "stroke": "none"})],
                     view(200, 200), labels=False)
    assert px(img, 100, 100) == WHITE
    assert px(img, 30, 30) == BLUE


def test_a_million_times_smaller_feature_still_shows_as_one_pixel_in_its_fill_colour():
    gdf = frame([box(50.2, 50.2, 50.4, 50.4)])
    img = render_map([snapshot_vector("a", gdf, {"fill": "#ff0000"})], view(), labels=False)
    assert px(img, 50, 49) == RED
    assert (img[..., 1] == 0).sum() == 1


def test_categorised_style_colours_each_feature_by_its_value():
    gdf = frame([box(0, 0, 40, 40), box(60, 60, 100, 100)], category=["residential", "green_space"])
    style = {"type": "categorised", "field": "category", "stroke": "none",
             "categories": {"residential": "#ffff00", "green_space": "#00ff00"}}
    img = render_map([snapshot_vector("a", gdf, style)], view(), labels=False)
    assert px(img, 20, 80) == (255, 255, 0, 255)
    assert px(img, 80, 20) == (0, 255, 0, 255)


def test_class_coloured_lines_are_drawn_in_their_legend_colour_and_polygons_outlined_darker():
    lines = frame([shapely.LineString([(0, 10.5), (100, 10.5)]), shapely.LineString([(0, 30.5), (100, 30.5)])],
                  system=["water", "telecom"])
    style = {"type": "categorised", "field": "system", "stroke_by_class": True,
             "categories": {"water": "#1e88e5", "telecom": "#8e24aa"}}
    snap = snapshot_vector("l", lines, style)
    img = render_map([snap], view(), labels=False)
    assert px(img, 50, 89) == (0x1E, 0x88, 0xE5, 255) and px(img, 50, 69) == (0x8E, 0x24, 0xAA, 255)
    assert dict(snap.style.legend)["water"][:3] == (0x1E, 0x88, 0xE5)
    polys = frame([box(10, 10, 90, 90)], system=["water"])
    pimg = render_map([snapshot_vector("p", polys, style)], view(), labels=False)
    assert px(pimg, 50, 50) == (0x1E, 0x88, 0xE5, 255) and px(pimg, 10, 50) != px(pimg, 50, 50)


def test_graduated_style_puts_the_highest_value_in_the_last_ramp_colour():
    gdf = frame([box(i * 10, 0, i * 10 + 9, 9) for i in range(10)], height=np.arange(10.0))
    snap = snapshot_vector("a", gdf, {"type": "graduated", "field": "height", "ramp": "Reds", "classes": 5})
    assert snap.style.fill[-1] == pack(parse_color("#a50f15"))
    assert snap.style.fill[0] == pack(parse_color("#fee5d9"))
    assert len(snap.style.legend) == 5


def test_points_are_stamped_as_markers_and_lines_drawn_pixel_by_pixel():
    pts = frame([Point(30, 70)])
    lines = frame([shapely.LineString([(0, 10.5), (100, 10.5)])])
    img = render_map([snapshot_vector("l", lines, {"stroke": "#0000ff"}),
                      snapshot_vector("p", pts, {"fill": "#ff0000", "size": 9})], view(), labels=False)
    assert px(img, 30, 30) == RED
    row = img[89]
    assert (row[:, 2] == 255).all() and (row[:, 0] == 0).all()    # the whole line is blue


def test_a_layer_in_wgs84_is_reprojected_on_the_fly_to_the_view_crs():
    import geopandas as gpd

    local = frame([box(560000, 2358000, 560100, 2358100)])
    wgs = local.to_crs("EPSG:4326")
    snap = snapshot_vector("a", wgs, {"fill": "#ff0000", "stroke": "none"}, dst_crs="EPSG:9208")
    assert isinstance(wgs, gpd.GeoDataFrame)
    np.testing.assert_allclose(snap.extent, (560000, 2358000, 560100, 2358100), atol=0.01)
    img = render_map([snap], view(200, 200, x0=559950, y0=2357950), labels=False)
    assert px(img, 100, 100) == RED and px(img, 10, 10) == WHITE


def test_transparent_fill_is_composited_over_the_layers_below():
    below = snapshot_vector("b", frame([box(0, 0, 100, 100)]), {"fill": "#0000ff", "stroke": "none"})
    above = snapshot_vector("a", frame([box(0, 0, 100, 100)]), {"fill": "#ff000080", "stroke": "none"})
    img = render_map([below, above], view(), labels=False)
    r, g, b, a = px(img, 50, 50)
    assert 120 <= r <= 135 and 120 <= b <= 135 and a == 255


def test_labels_are_drawn_with_vietnamese_text_inside_big_features():
    gdf = frame([box(0, 0, 300, 200)], name=["Lô đất ở – phường Nông Trang"])
    style = {"fill": "#ffffff", "stroke": "none", "label": {"field": "name", "size": 14}}
    img = render_map([snapshot_vector("a", gdf, style)], view(300, 200), labels=True)
    dark = (img[..., :3].sum(axis=2) < 200)
    assert dark.sum() > 100                       # glyphs were drawn
    ys, xs = np.nonzero(dark)
    assert 60 < xs.mean() < 240 and 70 < ys.mean() < 130   # around the middle


def test_a_canceled_render_stops_with_render_canceled():
    snap = snapshot_vector("a", frame([box(0, 0, 10, 10)]))
    with pytest.raises(RenderCanceled):
        render_map([snap], view(), cancel=lambda: True)


def test_a_big_layer_zoomed_in_only_reads_the_features_in_view():
    n = 300
    gx, gy = np.meshgrid(np.arange(n), np.arange(n))
    geoms = shapely.box(gx.ravel() * 10.0, gy.ravel() * 10.0, gx.ravel() * 10.0 + 6, gy.ravel() * 10.0 + 6)
    snap = snapshot_vector("a", None, {"fill": "#ff0000"}, geoms=geoms, fids=np.arange(n * n))
    idx = snap.query((0, 0, 95, 95))
    assert len(idx) == 100 and np.all(np.diff(idx) > 0)
    img = render_map([snap], view(100, 100), labels=False)
    assert px(img, 3, 96) == RED and px(img, 8, 96) == WHITE
