"""The quick validity test answers exactly what shapely.is_valid answers."""

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from cim.io.validity import _convex_simple_polygons, is_valid

coords = st.lists(st.tuples(st.integers(-4, 4), st.integers(-4, 4)), min_size=3, max_size=9)


def _polygons(draw_points):
    """Shapes from the same points: as drawn (often self-crossing), hull, star-sorted, with a hole."""
    pts = np.asarray(draw_points, float)
    out = [shapely.Polygon(pts)]
    out.append(shapely.convex_hull(shapely.MultiPoint(pts)))
    c = pts.mean(axis=0)
    order = np.argsort(np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0]))
    out.append(shapely.Polygon(pts[order]))
    out.append(shapely.Polygon(pts[order] * 1e-7 + 560000.0))        # tiny shapes far from the origin
    out.append(shapely.Polygon([(-10, -10), (10, -10), (10, 10), (-10, 10)], [pts[order]]))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(coords, min_size=1, max_size=8))
def test_quick_validity_equals_shapely_is_valid(point_sets):
    geoms = np.array([g for pts in point_sets for g in _polygons(pts)] + [None, shapely.Polygon()],
                     dtype=object)
    np.testing.assert_array_equal(is_valid(geoms), shapely.is_valid(geoms))


def test_the_quick_path_takes_convex_rings_and_leaves_the_rest_to_geos():
    star = np.arange(5) * 4 * np.pi / 5                                  # a pentagram turns one way twice
    geoms = np.array([shapely.box(0, 0, 2, 1),
                      shapely.Polygon([(0, 0), (4, 0), (4, 4), (2, 1), (0, 4)]),             # concave
                      shapely.Polygon(np.c_[np.cos(star), np.sin(star)]),
                      shapely.Polygon([(0, 0), (1, 0), (2, 0), (1, 0)]),                     # spike
                      shapely.box(0, 0, 4, 4).difference(shapely.box(1, 1, 2, 2)),           # hole
                      shapely.MultiPolygon([shapely.box(0, 0, 1, 1)]),
                      shapely.LineString([(0, 0), (1, 1)]), None], dtype=object)
    assert _convex_simple_polygons(geoms).tolist() == [True] + [False] * 7
    assert is_valid(geoms).tolist() == [True, True, False, False, True, True, True, False]
