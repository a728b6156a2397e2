"""Bad input: every case gives a CimInputError naming the file, or a warning when the data is usable."""

import json
import zipfile

import pyogrio
import pytest
import shapely

from cim.errors import CimInputError
from cim.io.vector import list_layers, read_vector, write_vector


def _error(path, **kw) -> str:
    with pytest.raises(CimInputError) as err:
        read_vector(path, **kw)
    return str(err.value)


def test_a_missing_file_is_named_with_similar_files_as_a_hint(tmp_path, plots):
    write_vector(plots, tmp_path / "lo_dat.gpkg")
    text = _error(tmp_path / "lo_dat_cu.gpkg")
    assert "lo_dat_cu.gpkg" in text and "does not exist" in text and "lo_dat.gpkg" in text


def test_a_truncated_geopackage_is_reported_as_truncated(tmp_path, make_frame):
    path = tmp_path / "lo_dat.gpkg"
    write_vector(make_frame(3000), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    text = _error(path)
    assert "lo_dat.gpkg" in text and "truncated" in text and "backup" in text


def test_a_geopackage_with_damaged_pages_is_reported_as_damaged(tmp_path, make_frame):
    path = tmp_path / "hong.gpkg"
    write_vector(make_frame(3000), path)
    data = bytearray(path.read_bytes())
    data[4096:len(data) - 4096] = b"\xff" * (len(data) - 8192)      # header intact, pages garbage
    path.write_bytes(bytes(data))
    text = _error(path)
    assert "hong.gpkg" in text and ("damaged" in text or "cannot read" in text)


def test_a_file_renamed_to_gpkg_is_not_taken_for_a_geopackage(tmp_path):
    path = tmp_path / "gia.gpkg"
    path.write_text("day khong phai GeoPackage")
    assert "gia.gpkg" in _error(path) and "not a GeoPackage" in _error(path)


def test_a_shapefile_without_shx_is_read_with_a_warning_and_left_untouched(tmp_path, plots):
    write_vector(plots, tmp_path / "duong.shp")
    (tmp_path / "duong.shx").unlink()
    before = sorted(p.name for p in tmp_path.iterdir())
    r = read_vector(tmp_path / "duong.shp")
    assert sorted(r.gdf["name"]) == sorted(plots["name"]) and r.source["layer"] == "duong"
    assert any(".shx" in w and "rebuilt" in w for w in r.warnings)
    assert sorted(p.name for p in tmp_path.iterdir()) == before     # no .shx written beside the user's file


def test_a_shapefile_without_prj_has_no_crs_and_a_warning(tmp_path, plots):
    write_vector(plots, tmp_path / "duong.shp")
    (tmp_path / "duong.prj").unlink()
    r = read_vector(tmp_path / "duong.shp")
    assert r.crs is None and r.gdf.crs is None
    assert any(".prj" in w for w in r.warnings)


def test_invalid_geojson_geometries_are_kept_and_reported(tmp_path):
    def feature(n, coords):
        return {"type": "Feature", "properties": {"n": n},
                "geometry": None if coords is None else {"type": "Polygon", "coordinates": [coords]}}

    path = tmp_path / "hong.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        feature(0, [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]),             # fine
        feature(1, [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]),             # bow-tie
        feature(2, [[0, 0], [1, 1], [0, 0]]),                             # too few points
        feature(3, None),                                                 # no geometry: not invalid
        feature(4, [[0, 0], [1, 0], [1, 1], [0, 1]]),                     # ring not closed
    ]}))
    r = read_vector(path)
    assert len(r.gdf) == 5 and r.gdf["n"].tolist() == [0, 1, 2, 3, 4]
    assert r.invalid["fid"].tolist() == [1, 2, 4]
    reasons = dict(zip(r.invalid["fid"], r.invalid["reason"], strict=True))
    assert reasons[1].startswith("Self-intersection")
    assert reasons[2].startswith("Too few points")
    assert "closed" in reasons[4] and "repaired" in reasons[4]
    assert r.gdf.geometry.iloc[4] is not None                         # kept, closed by the repair
    assert any("no geometry" in w for w in r.warnings)


@pytest.mark.parametrize("name", ["rong.gpkg", "rong.geojson", "rong.shp", "rong.zip"])
def test_an_empty_file_says_it_is_empty(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    text = _error(tmp_path / name)
    assert name in text and "empty" in text


def test_an_unknown_format_lists_the_supported_ones(tmp_path):
    path = tmp_path / "ghi_chu.txt"
    path.write_text("Đây là ghi chú, không phải bản đồ.\n" * 20)
    text = _error(path)
    assert "ghi_chu.txt" in text and "not a vector format" in text and "GeoPackage" in text


def test_a_raster_given_as_vector_points_to_raster_import(tmp_path):
    import numpy as np
    import rasterio
    from rasterio.transform import from_origin

    path = tmp_path / "dem.tif"
    with rasterio.open(path, "w", driver="GTiff", width=4, height=4, count=1, dtype="float32",
                       crs="EPSG:9208", transform=from_origin(0, 4, 1, 1)) as ds:
        ds.write(np.ones((1, 4, 4), "float32"))
    text = _error(path)
    assert "dem.tif" in text and "raster" in text


def test_a_folder_is_refused_with_the_files_inside_as_a_hint(tmp_path, plots):
    folder = tmp_path / "du_lieu"
    folder.mkdir()
    write_vector(plots, folder / "duong.shp")
    text = _error(folder)
    assert "du_lieu" in text and "folder" in text and "duong.shp" in text


def test_a_zip_with_two_datasets_asks_to_pick_one(tmp_path, plots):
    write_vector(plots, tmp_path / "a.geojson")
    write_vector(plots, tmp_path / "b.geojson")
    zpath = tmp_path / "hai.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(tmp_path / "a.geojson", "a.geojson")
        zf.write(tmp_path / "b.geojson", "b.geojson")
    text = _error(zpath)
    assert "hai.zip" in text and "a.geojson" in text and "b.geojson" in text


def test_zip_entries_that_climb_out_of_the_archive_are_ignored(tmp_path, plots):
    data = write_vector(plots, tmp_path / "a.geojson").read_bytes()
    zpath = tmp_path / "la.zip"
    with zipfile.ZipFile(zpath, "w") as zf:     # ZipInfo keeps the names as given
        for bad in ("../../ngoai.geojson", "/tuyet_doi.geojson", "C:/o_dia.geojson", "thu_muc\\a.geojson"):
            zf.writestr(zipfile.ZipInfo(bad), data)
    assert "la.zip" in _error(zpath) and "no GIS dataset" in _error(zpath)
    with zipfile.ZipFile(zpath, "a") as zf:
        zf.writestr(zipfile.ZipInfo("trong/a.geojson"), data)
    r = read_vector(zpath)
    assert r.source["member"] == "trong/a.geojson" and len(r.gdf) == 3
    assert any("unsafe" in w for w in r.warnings)


def test_a_damaged_zip_is_an_input_error(tmp_path):
    path = tmp_path / "hong.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip archive" * 10)
    assert "hong.zip" in _error(path)


def test_several_layers_need_a_layer_name_and_the_names_are_listed(tmp_path, plots):
    path = tmp_path / "ban_do.gpkg"
    write_vector(plots, path, layer="lo_dat")
    write_vector(plots, path, layer="duong")
    text = _error(path)
    assert "ban_do.gpkg" in text and "lo_dat" in text and "duong" in text and "layer=" in text
    text = _error(path, layer="cay_xanh")
    assert "ban_do.gpkg" in text and "cay_xanh" in text and "lo_dat" in text


def test_an_attribute_table_is_not_a_map_layer(tmp_path):
    import pandas as pd

    path = tmp_path / "bang.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"ma": ["A", "B"]}), path, layer="bang", driver="GPKG")
    assert "bang.gpkg" in _error(path) and "no geometry" in _error(path)


def test_list_layers_reports_bad_input_the_same_way(tmp_path):
    with pytest.raises(CimInputError, match="khong_co.gpkg"):
        list_layers(tmp_path / "khong_co.gpkg")


def test_a_point_geometry_in_wrong_shape_is_still_read(tmp_path):
    """A GeoJSON LineString of one point: GEOS refuses it, the feature stays and is reported."""
    path = tmp_path / "mot_diem.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"n": 1}, "geometry": {"type": "LineString", "coordinates": [[0, 0]]}},
        {"type": "Feature", "properties": {"n": 2},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}))
    r = read_vector(path)
    assert len(r.gdf) == 2 and r.invalid["fid"].tolist() == [0]
    assert shapely.equals(r.gdf.geometry.iloc[1], shapely.LineString([(0, 0), (1, 1)]))
