"""RasterLayer over RasterData: extent, reads for the view, elevations at points."""

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from cim.io.raster import RasterData
from layers.raster import RasterLayer


@pytest.fixture
def dem_layer(tmp_path):
    rows, cols = np.mgrid[0:20, 0:30]
    z = (50 + rows * 2 + cols).astype("float32")
    path = tmp_path / "dem.tif"
    with rasterio.open(path, "w", driver="GTiff", width=30, height=20, count=1, dtype="float32",
                       crs="EPSG:9208", transform=from_origin(560000, 2358200, 5, 5)) as ds:
        ds.write(z[None])
    return RasterLayer(RasterData.from_bytes(path.read_bytes()), name="DEM")


def test_extent_and_crs_come_from_the_raster(dem_layer):
    assert dem_layer.extent() == (560000.0, 2358100.0, 560150.0, 2358200.0)
    assert dem_layer.crs == "EPSG:9208" and dem_layer.kind == "raster"


def test_read_for_view_returns_height_by_width_pixels(dem_layer):
    img = dem_layer.read_for_view((560000, 2358100, 560150, 2358200), width=15, height=10)
    assert img.shape == (1, 10, 15)
    assert float(img[0, 0, 0]) == pytest.approx((50 + 51 + 52 + 53) / 4)   # 2×2 average, top-left


def test_elevation_at_points(dem_layer):
    z = dem_layer.elevation_at(np.array([[560002.5, 2358197.5], [560147.5, 2358102.5], [0, 0]]))
    np.testing.assert_allclose(z[:2], [50, 50 + 19 * 2 + 29])
    assert np.isnan(z[2])


def test_a_new_raster_emits_data_changed(dem_layer):
    calls = []
    dem_layer.data_changed.connect(lambda: calls.append(1))
    dem_layer.set_raster(dem_layer.raster)
    assert calls == [1]
