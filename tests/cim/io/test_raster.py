"""RasterData: a DEM by path or embedded bytes; sampling, windowed reads with overviews, bad input."""

import hashlib

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from cim.errors import CimInputError
from cim.io.raster import RasterData, read_raster

X0, YTOP, RES = 560000.0, 2358040.0, 10.0


def _write(path, array, *, crs="EPSG:9208", nodata=None, transform=None, **profile):
    array = np.asarray(array)
    if array.ndim == 2:
        array = array[None]
    with rasterio.open(path, "w", driver="GTiff", width=array.shape[2], height=array.shape[1],
                       count=array.shape[0], dtype=array.dtype, crs=crs, nodata=nodata,
                       transform=transform or from_origin(X0, YTOP, RES, RES), **profile) as ds:
        ds.write(array)
    return path


@pytest.fixture
def dem(tmp_path):
    """4 × 5 pixels of 10 m; value = 100 + 10·row + col; nodata at row 2, column 3."""
    rows, cols = np.mgrid[0:4, 0:5]
    z = (100 + 10 * rows + cols).astype("float32")
    z[2, 3] = -9999
    return _write(tmp_path / "dem.tif", z, nodata=-9999)


def test_info_describes_the_dem(dem):
    info = read_raster(dem).info()
    assert info["crs"] == "EPSG:9208"
    assert info["bounds"] == (X0, YTOP - 40, X0 + 50, YTOP)
    assert info["res"] == (10.0, 10.0) and info["shape"] == (4, 5)
    assert info["dtype"] == "float32" and info["nodata"] == -9999 and info["count"] == 1
    assert info["overviews"] == []


def test_nearest_sampling_takes_the_pixel_the_point_falls_in(dem):
    r = read_raster(dem)
    xy = np.array([[560015, 2358035],      # row 0, col 1
                   [560049, 2358001],      # row 3, col 4
                   [560000, 2358040],      # the top-left corner belongs to pixel (0, 0)
                   [560035, 2358015],      # row 2, col 3: nodata
                   [559999, 2358035],      # west of the raster
                   [560020, 2358041]])     # north of it
    got = r.sample(xy)
    np.testing.assert_array_equal(got[:3], [101.0, 134.0, 100.0])
    assert np.isnan(got[3:]).all()
    assert got.dtype == np.float64


def test_bilinear_sampling_interpolates_between_pixel_centres(dem):
    r = read_raster(dem)
    # pixel centres sit at x = 560005 + 10c, y = 2358035 - 10r; the field is 100 + y_row*10 + x_col
    xy = np.array([[560010.0, 2358030.0],    # between (0,0) (0,1) (1,0) (1,1): (100+101+110+111)/4
                   [560012.5, 2358027.5],    # 3/4 of the way: 100 + 10·0.75 + 0.75
                   [560035.0, 2358020.0]])   # next to the nodata pixel: NaN
    got = r.sample(xy, method="bilinear")
    np.testing.assert_allclose(got[:2], [105.5, 108.25])
    assert np.isnan(got[2])


def test_sampling_many_points_far_apart_reads_by_tiles(tmp_path, monkeypatch):
    import cim.io.raster as raster_mod

    z = np.arange(1200 * 1300, dtype="float64").reshape(1200, 1300)
    r = RasterData.from_file(_write(tmp_path / "big.tif", z, tiled=True, blockxsize=256, blockysize=256))
    monkeypatch.setattr(raster_mod, "_SINGLE_READ_PIXELS", 1000)     # force the per-tile path
    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, 1200, 500), rng.integers(0, 1300, 500)
    xy = np.column_stack([X0 + (cols + 0.5) * RES, YTOP - (rows + 0.5) * RES])
    np.testing.assert_array_equal(r.sample(xy), z[rows, cols])


def test_embedded_bytes_round_trip_to_the_same_raster(dem):
    on_disk = read_raster(dem)
    data = on_disk.tiff_bytes()
    assert data == dem.read_bytes()
    embedded = RasterData.from_bytes(data)
    assert embedded.embedded and not on_disk.embedded
    assert embedded.sha256 == on_disk.sha256 == hashlib.sha256(dem.read_bytes()).hexdigest()
    assert embedded.info() == on_disk.info()
    with embedded.open() as a, on_disk.open() as b:
        np.testing.assert_array_equal(a.read(), b.read())
    xy = np.array([[560015, 2358035], [560049, 2358001]])
    np.testing.assert_array_equal(embedded.sample(xy), on_disk.sample(xy))
    assert RasterData.from_bytes(embedded.tiff_bytes()).sha256 == embedded.sha256


def test_a_zoomed_out_window_averages_the_pixels(tmp_path):
    z = np.array([[1, 3, 10, 10], [5, 7, 10, 10], [0, 0, 2, 2], [0, 4, 2, 2]], dtype="float32")
    r = RasterData.from_file(_write(tmp_path / "khoi.tif", z))
    out = r.read_window((X0, YTOP - 40, X0 + 40, YTOP), (2, 2))
    assert out.shape == (1, 2, 2)
    np.testing.assert_allclose(out[0].filled(np.nan), [[4, 10], [1, 2]])


def test_a_zoomed_out_window_is_served_from_the_overviews(tmp_path):
    rows, cols = np.mgrid[0:256, 0:256]
    z = (rows + cols).astype("float32")
    with_ovr = RasterData.from_file(_write(tmp_path / "dem.tif", z)).build_overviews([2, 4])
    assert with_ovr.embedded and with_ovr.info()["overviews"] == [2, 4]
    # overwrite the full-resolution pixels only: reads that use an overview still see the old values
    path = tmp_path / "ovr.tif"
    path.write_bytes(with_ovr.tiff_bytes())
    with rasterio.open(path, "r+") as ds:
        ds.write(np.zeros((1, 256, 256), "float32"))
    r = RasterData.from_file(path)
    bounds = (X0, YTOP - 2560, X0 + 2560, YTOP)
    full = r.read_window(bounds, (256, 256))
    coarse = r.read_window(bounds, (64, 64))
    assert float(full.max()) == 0.0
    # overview level 4: the mean of rows + cols over the 4×4 block (i, j) is 4·(i + j) + 3
    i, j = np.mgrid[0:64, 0:64]
    np.testing.assert_allclose(coarse[0].filled(np.nan), 4 * (i + j) + 3)


def test_the_window_outside_the_raster_is_masked(dem):
    r = read_raster(dem)
    out = r.read_window((X0 - 50, YTOP - 40, X0 + 50, YTOP), (4, 10))   # west half is off the raster
    assert out.shape == (1, 4, 10)
    assert out.mask[0, :, :5].all()
    np.testing.assert_allclose(out[0, 0, 5:].filled(np.nan), [100, 101, 102, 103, 104])
    assert out.mask[0, 2, 8]                                            # the nodata pixel
    upsampled = r.read_window((X0, YTOP - 40, X0 + 50, YTOP), (8, 10))
    assert upsampled.shape == (1, 8, 10)


def test_build_overviews_to_a_path_writes_a_tiled_copy(dem, tmp_path):
    out = read_raster(dem).build_overviews([2], path=tmp_path / "dem_ovr.tif")
    assert out.path == tmp_path / "dem_ovr.tif" and out.info()["overviews"] == [2]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_raster_without_crs_reads_with_a_warning(tmp_path):
    path = _write(tmp_path / "khong_crs.tif", np.ones((3, 3), "uint8"), crs=None)
    r = read_raster(path)
    assert r.info()["crs"] is None
    assert any("coordinate reference system" in w for w in r.warnings)


def test_a_zip_with_one_geotiff_is_read_from_memory(dem, tmp_path):
    import zipfile

    zpath = tmp_path / "dem.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(dem, "dem/dem.tif")
    r = read_raster(zpath)
    assert r.embedded and r.info()["shape"] == (4, 5)


def _raster_error(path) -> str:
    with pytest.raises(CimInputError) as err:
        read_raster(path)
    return str(err.value)


def test_a_missing_raster_is_named(tmp_path):
    assert "dem_cu.tif" in _raster_error(tmp_path / "dem_cu.tif")


def test_an_empty_raster_file_is_named(tmp_path):
    (tmp_path / "rong.tif").write_bytes(b"")
    assert "rong.tif" in _raster_error(tmp_path / "rong.tif")


def test_a_truncated_geotiff_is_reported_as_damaged(tmp_path):
    z = np.random.default_rng(1).random((512, 512)).astype("float32")
    path = _write(tmp_path / "cut.tif", z)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    text = _raster_error(path)
    assert "cut.tif" in text and "damaged" in text


def test_a_vector_file_is_not_a_raster(tmp_path, plots):
    from cim.io.vector import write_vector

    path = write_vector(plots, tmp_path / "lo_dat.geojson")
    text = _raster_error(path)
    assert "lo_dat.geojson" in text and "not a raster" in text


def test_a_text_file_named_tif_is_not_a_raster(tmp_path):
    path = tmp_path / "gia.tif"
    path.write_text("khong phai anh")
    assert "gia.tif" in _raster_error(path)
