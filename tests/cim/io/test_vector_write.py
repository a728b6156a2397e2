"""write_vector: driver from the extension, atomic replacement, clear errors."""

import pyogrio
import pytest
import shapely

from cim.errors import CimInputError
from cim.feedback import RecordingFeedback
from cim.io.vector import list_layers, read_vector, write_vector


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_an_unknown_extension_is_refused_with_the_known_ones(tmp_path, plots):
    with pytest.raises(CimInputError) as err:
        write_vector(plots, tmp_path / "lo_dat.xyz")
    assert "lo_dat.xyz" in str(err.value) and ".gpkg" in str(err.value)


def test_an_unsupported_driver_is_refused(tmp_path, plots):
    with pytest.raises(CimInputError, match="lo_dat.gpkg.*cannot be written"):
        write_vector(plots, tmp_path / "lo_dat.gpkg", driver="NoSuchDriver")


@pytest.mark.parametrize("where", ["missing_folder", "under_a_file"])
def test_an_unwritable_path_is_an_input_error(tmp_path, plots, where):
    if where == "missing_folder":
        path = tmp_path / "khong_co" / "lo_dat.gpkg"
    else:
        (tmp_path / "tep.txt").write_text("x")
        path = tmp_path / "tep.txt" / "lo_dat.gpkg"
    with pytest.raises(CimInputError) as err:
        write_vector(plots, path)
    assert "lo_dat.gpkg" in str(err.value) and "folder" in str(err.value)


def test_a_failed_write_leaves_the_previous_file_as_it_was(tmp_path, plots):
    path = tmp_path / "lo_dat.shp"
    write_vector(plots, path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    mixed = plots.copy()
    mixed.loc[2, "geometry"] = shapely.Point(560000, 2358000)   # a Shapefile holds one geometry type
    mixed.loc[3, "geometry"] = shapely.LineString([(0, 0), (1, 1)])
    with pytest.raises(CimInputError, match="lo_dat.shp"):
        write_vector(mixed, path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert _leftovers(tmp_path) == []


def test_a_geopackage_is_replaced_in_one_move(tmp_path, plots, make_frame):
    path = tmp_path / "lo_dat.gpkg"
    write_vector(make_frame(10), path)
    write_vector(plots, path)
    assert len(read_vector(path).gdf) == 3 and _leftovers(tmp_path) == []


def test_writing_a_named_layer_into_a_geopackage_keeps_its_other_layers(tmp_path, plots):
    path = tmp_path / "ban_do.gpkg"
    write_vector(plots, path, layer="lo_dat")
    write_vector(plots.iloc[:1], path, layer="duong")
    write_vector(plots.iloc[:2], path, layer="duong")              # replaces that layer only
    assert {i.name: i.feature_count for i in list_layers(path)} == {"lo_dat": 3, "duong": 2}


def test_rewriting_a_shapefile_in_another_encoding_leaves_no_stale_cpg(tmp_path, plots):
    path = tmp_path / "duong.shp"
    write_vector(plots, path, encoding="cp1258")
    assert (tmp_path / "duong.cpg").read_text().strip().upper() == "CP1258"
    assert read_vector(path).gdf["name"].tolist() == plots["name"].tolist()
    (tmp_path / "duong.qix").write_bytes(b"stale spatial index")
    write_vector(plots, path)
    assert (tmp_path / "duong.cpg").read_text().strip().upper() == "UTF-8"
    assert not (tmp_path / "duong.qix").exists()
    assert read_vector(path).gdf["name"].tolist() == plots["name"].tolist()


def test_only_shapefiles_take_a_code_page(tmp_path, plots):
    with pytest.raises(CimInputError, match="lo_dat.geojson.*UTF-8"):
        write_vector(plots, tmp_path / "lo_dat.geojson", encoding="cp1258")


def test_kml_needs_a_crs(tmp_path, plots):
    with pytest.raises(CimInputError, match="lo_dat.kml.*no CRS"):
        write_vector(plots.set_crs(None, allow_override=True), tmp_path / "lo_dat.kml")


def test_dxf_keeps_geometry_and_says_which_columns_it_dropped(tmp_path, plots):
    fb = RecordingFeedback()
    path = write_vector(plots, tmp_path / "ban_ve.dxf", feedback=fb)
    assert len(pyogrio.read_dataframe(path)) == 3
    assert any("dropped name, floors, far" in m for _, m in fb.messages)


def test_the_driver_can_be_named_whatever_the_extension(tmp_path, plots):
    path = write_vector(plots, tmp_path / "lo_dat.dat", driver="GeoJSON")
    assert pyogrio.read_info(path)["driver"] == "GeoJSON"
