"""Transforms pin EPSG:6960 for VN-2000 ↔ WGS 84, agree with an independently built PROJ pipeline."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj.crs import CoordinateOperation

from cim.crs import get_transformer, reproject_geometries, to_wgs84, transform_xy
from cim.crs.transform import uses_operation

GEOD = pyproj.Geod(ellps="WGS84")


def _helmert_pipeline(epsg_op: int, lon_0: float | None) -> pyproj.Transformer:
    """VN-2000 (TM-3 at lon_0, or lon/lat when None) → WGS 84 lon/lat, spelled out step by step.

    The Helmert parameters are read from PROJ's EPSG record of ``epsg_op`` and applied with the
    convention that record's method names; nothing here goes through cim.crs.
    """
    op = CoordinateOperation.from_epsg(epsg_op)
    convention = {"9607": "coordinate_frame", "9606": "position_vector"}[str(op.method_code)]
    p = {q.name: q.value for q in op.params}
    helmert = (f"+proj=helmert +x={p['X-axis translation']} +y={p['Y-axis translation']} "
               f"+z={p['Z-axis translation']} +rx={p['X-axis rotation']} +ry={p['Y-axis rotation']} "
               f"+rz={p['Z-axis rotation']} +s={p['Scale difference']} +convention={convention}")
    first = (f"+step +inv +proj=tmerc +lat_0=0 +lon_0={lon_0} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84"
             if lon_0 is not None else "+step +proj=unitconvert +xy_in=deg +xy_out=rad")
    return pyproj.Transformer.from_pipeline(
        f"+proj=pipeline {first} +step +proj=push +v_3 +step +proj=cart +ellps=WGS84 +step {helmert} "
        "+step +inv +proj=cart +ellps=WGS84 +step +proj=pop +v_3 +step +proj=unitconvert +xy_in=rad +xy_out=deg")


def _metres(lon1, lat1, lon2, lat2) -> float:
    return float(np.max(np.abs(GEOD.inv(lon1, lat1, lon2, lat2)[2])))


def test_a_phu_tho_tm3_point_converts_to_wgs84_within_1_mm_of_an_explicit_epsg_6960_pipeline():
    x, y = 532_000.0, 2_359_000.0  # Việt Trì, EPSG:9208
    ref = _helmert_pipeline(6960, 104.75).transform(x, y)
    lon, lat = to_wgs84(x, y, "EPSG:9208")
    assert _metres(lon, lat, *ref) < 0.001


def test_a_ho_chi_minh_city_point_uses_6960_where_the_mekong_delta_operation_5194_would_differ():
    lon0, lat0 = 106.70, 10.78  # inside EPSG:5194's area of use, where PROJ's own pick may be 5194
    ours = to_wgs84(lon0, lat0, 4756)
    assert _metres(*ours, *_helmert_pipeline(6960, None).transform(lon0, lat0)) < 0.001
    assert _metres(*ours, *_helmert_pipeline(5194, None).transform(lon0, lat0)) > 0.3


@pytest.mark.parametrize(("src", "dst"), [(9208, 4326), (4326, 9208), (4756, "OGC:CRS84"), (9208, 3857),
                                          (9208, 32648), (3405, 4326), (5899, 4326)])
def test_every_crossing_between_vn2000_and_wgs84_runs_through_epsg_6960(src, dst):
    t = get_transformer(src, dst)
    assert uses_operation(t, 6960)
    assert not uses_operation(t, 5194)


def test_between_two_vn2000_zones_there_is_no_datum_shift():
    t = get_transformer(9208, 5897)
    assert not uses_operation(t, 6960)
    x, y = transform_xy(532_000.0, 2_359_000.0, 9208, 5897)
    lon_a, lat_a = to_wgs84(532_000.0, 2_359_000.0, 9208)
    lon_b, lat_b = to_wgs84(x, y, 5897)
    assert _metres(lon_a, lat_a, lon_b, lat_b) < 1e-6


def test_transformers_are_cached_per_crs_pair():
    assert get_transformer("EPSG:9208", "EPSG:4326") is get_transformer(9208, 4326)


def test_transform_xy_is_vectorised_and_keeps_the_array_shape():
    x = np.array([[530_000.0, 531_000.0], [532_000.0, 533_000.0]])
    y = np.full_like(x, 2_359_000.0)
    lon, lat = transform_xy(x, y, 9208, 4326)
    assert lon.shape == lat.shape == (2, 2)
    one = transform_xy(x[1, 0], y[1, 0], 9208, 4326)
    assert isinstance(one[0], float)
    assert (lon[1, 0], lat[1, 0]) == pytest.approx(one, abs=1e-12)


def test_transform_xy_refuses_x_and_y_of_different_shapes():
    with pytest.raises(ValueError, match="shape"):
        transform_xy(np.zeros(3), np.zeros(2), 9208, 4326)


def test_reproject_geometries_matches_transform_xy_keeps_z_and_missing_geometries():
    geoms = np.array([shapely.Point(532_000, 2_359_000, 17.5), None,
                      shapely.Polygon([(530_000, 2_358_000), (531_000, 2_358_000), (531_000, 2_359_000)])])
    out = reproject_geometries(geoms, "EPSG:9208", "EPSG:4326")
    assert out[1] is None
    assert out[0].has_z and out[0].z == 17.5
    lon, lat = transform_xy(532_000.0, 2_359_000.0, 9208, 4326)
    assert (out[0].x, out[0].y) == pytest.approx((lon, lat), abs=1e-12)
    ring = shapely.get_coordinates(out[2])
    exp_lon, exp_lat = transform_xy(*shapely.get_coordinates(geoms[2]).T, 9208, 4326)
    np.testing.assert_allclose(ring, np.column_stack([exp_lon, exp_lat]), atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.floats(102.2, 109.4), st.floats(8.6, 23.3))
def test_wgs84_to_tm3_and_back_returns_to_the_same_point_within_5_mm(lon, lat):
    # A 2D datum shift drops the ellipsoidal height the Helmert creates (tens of metres), so a WGS 84 →
    # VN-2000 → WGS 84 round trip is not exact in PROJ either: about 1 mm across Vietnam.
    x, y = transform_xy(lon, lat, 4326, 9208)
    lon2, lat2 = transform_xy(x, y, 9208, 4326)
    assert _metres(lon, lat, lon2, lat2) < 0.005


@settings(max_examples=60, deadline=None)
@given(st.floats(102.2, 109.4), st.floats(8.6, 23.3))
def test_vn2000_geographic_to_tm3_and_back_is_exact_to_a_tenth_of_a_millimetre(lon, lat):
    x, y = transform_xy(lon, lat, 4756, 9208)
    lon2, lat2 = transform_xy(x, y, 9208, 4756)
    assert _metres(lon, lat, lon2, lat2) < 1e-4


def test_each_thread_gets_its_own_transformer_because_group_transformers_are_not_thread_safe():
    import threading

    seen = []
    worker = threading.Thread(target=lambda: seen.append(get_transformer(9208, 4326)))
    worker.start()
    worker.join()
    assert seen[0] is not get_transformer(9208, 4326)
    assert uses_operation(seen[0], 6960)
