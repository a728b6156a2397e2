"""The fast Arrow read gives exactly what pyogrio.read_dataframe gives, plus validity, hash, progress, cancel."""

import datetime as dt
import hashlib

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

from cim.errors import Canceled
from cim.feedback import Feedback, RecordingFeedback
from cim.io import frames
from cim.io.vector import read_vector


@pytest.fixture(scope="module")
def typed_gpkg(tmp_path_factory):
    n = 40000                                   # several Arrow batches
    rng = np.random.default_rng(3)
    x = rng.uniform(560000, 570000, n)
    gdf = gpd.GeoDataFrame({
        "ten": np.where(rng.random(n) < 0.5, "Đường Hùng Vương", None),
        "tang": pd.array(np.where(rng.random(n) < 0.1, None, rng.integers(1, 30, n)), dtype="Int64"),
        "hsd": rng.uniform(0.5, 5, n),
        "xay_dung": rng.random(n) < 0.5,
        "ngay": [dt.date(2025, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 365, n)],
        "luc": pd.to_datetime("2025-06-01T08:00:00") + pd.to_timedelta(rng.integers(0, 10**6, n), unit="s"),
    }, geometry=shapely.buffer(shapely.points(x, 2358000 + rng.uniform(0, 5000, n)), 3, quad_segs=2),
        crs="EPSG:9208")
    gdf.loc[5, "geometry"] = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])     # bow-tie
    gdf.loc[7, "geometry"] = None
    path = tmp_path_factory.mktemp("fast") / "kieu.gpkg"
    pyogrio.write_dataframe(gdf, path, layer="kieu")
    return path


def test_the_fast_read_equals_pyogrio_read_dataframe(typed_gpkg):
    expected = pyogrio.read_dataframe(typed_gpkg, use_arrow=True, fid_as_index=True)
    got = frames.read_frame(str(typed_gpkg))
    assert_geodataframe_equal(got.gdf, expected)
    assert got.gdf.index.name == "fid" and got.gdf.index.dtype == np.int64
    assert got.arrow


def test_the_classic_path_reads_the_same_data(typed_gpkg):
    fast = frames.read_frame(str(typed_gpkg))
    classic = frames.read_frame(str(typed_gpkg), use_arrow=False)
    assert not classic.arrow
    assert_geodataframe_equal(classic.gdf, fast.gdf, check_dtype=False, check_index_type=False)
    assert (classic.valid == fast.valid).all()


def test_validity_is_computed_for_every_row_and_missing_geometry_is_not_invalid(typed_gpkg):
    f = frames.read_frame(str(typed_gpkg))
    assert len(f.valid) == len(f.gdf)
    assert np.flatnonzero(~f.valid).tolist() == [5]


def test_the_file_is_hashed_while_it_is_read(typed_gpkg):
    f = frames.read_frame(str(typed_gpkg), hash_path=typed_gpkg)
    assert f.sha256 == hashlib.sha256(typed_gpkg.read_bytes()).hexdigest()


def test_read_vector_reports_progress_up_to_one(typed_gpkg):
    fb = RecordingFeedback()
    r = read_vector(typed_gpkg, feedback=fb)
    assert fb.values[-1] == 1.0 and len(fb.values) >= 3
    assert fb.values == sorted(fb.values)
    assert r.invalid["fid"].tolist() == [6]                            # GeoPackage fids start at 1


def test_a_canceled_read_raises_canceled(typed_gpkg):
    class CancelAfterFirstBatch(Feedback):
        def on_progress(self, value):
            if value > 0.05:
                self.cancel()

    with pytest.raises(Canceled):
        read_vector(typed_gpkg, feedback=CancelAfterFirstBatch())


def test_without_pyarrow_the_classic_path_is_used(typed_gpkg, monkeypatch):
    monkeypatch.setattr(frames, "has_arrow", lambda: False)
    r = read_vector(typed_gpkg)
    assert len(r.gdf) == 40000 and r.invalid["fid"].tolist() == [6]
