import numpy as np

from layers.render import Viewport
from layers.render.map import render_map
from layers.render.raster import hillshade, snapshot_array


def test_zooming_about_a_pixel_keeps_the_world_point_under_it():
    vp = Viewport(1000.0, 2000.0, 2.0, 800, 600)
    before = vp.to_world(200, 100)
    after = vp.zoomed(2.5, about=(200, 100)).to_world(200, 100)
    np.testing.assert_allclose(before, after)


def test_pixel_and_world_coordinates_round_trip_and_y_points_down_on_screen():
    vp = Viewport.fit((0, 0, 100, 50), 400, 200)
    x, y = vp.to_pixel(10.0, 40.0)
    np.testing.assert_allclose(vp.to_world(x, y), (10.0, 40.0))
    _, y_low = vp.to_pixel(10.0, 0.0)
    assert y_low > y


def test_the_map_scale_is_one_to_res_times_dpi_over_an_inch():
    vp = Viewport(0, 0, 1.0, 100, 100)
    assert round(vp.scale_denominator(96)) == 3780


def test_panning_by_a_drag_moves_the_map_with_the_mouse():
    vp = Viewport(0.0, 0.0, 1.0, 100, 100)
    moved = vp.panned(10, 0)
    assert moved.to_world(60, 50)[0] == vp.to_world(50, 50)[0]


def test_a_dem_is_coloured_low_to_high_along_the_ramp_and_nodata_is_transparent():
    dem = np.tile(np.linspace(0, 100, 50), (50, 1))
    dem[0, 0] = -9999
    snap = snapshot_array("dem", dem, (2.0, 0, 0, 0, -2.0, 100.0), style={"ramp": "greys", "hillshade": False,
                                                                         "min": 0, "max": 100}, nodata=-9999)
    vp = Viewport(50, 50, 2.0, 50, 50)
    img = render_map([snap], vp, background="#ff0000", labels=False)
    assert img[25, 2, 0] < 20 and img[25, 47, 0] > 230
    assert tuple(img[0, 0]) == (255, 0, 0, 255)          # nodata shows the background


def test_hillshade_lights_slopes_facing_the_north_west_sun_and_shades_the_others():
    rows, cols = np.mgrid[0:40, 0:40].astype(float)
    rising_to_south_east = (rows + cols) * 1.0      # the slope faces north-west, towards the light
    lit = hillshade(rising_to_south_east, 1, -1).mean()
    shaded = hillshade(-rising_to_south_east, 1, -1).mean()
    flat = hillshade(np.zeros((10, 10)), 1, -1).mean()
    assert lit > flat > shaded


def test_an_rgb_orthophoto_keeps_its_colours():
    rgb = np.zeros((3, 10, 10), np.uint8)
    rgb[1] = 200
    snap = snapshot_array("ortho", rgb, (1.0, 0, 0, 0, -1.0, 10.0))
    img = render_map([snap], Viewport(5, 5, 1.0, 10, 10), labels=False)
    assert tuple(img[5, 5]) == (0, 200, 0, 255)
