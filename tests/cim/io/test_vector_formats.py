"""Round trips through every format CIM Studio reads and writes, Vietnamese text included."""

import hashlib

import numpy as np
import pyogrio
import pytest
import shapely

from cim.io.vector import LayerInfo, list_layers, read_vector, write_vector

VI = "Đường Hùng Vương – phường Nông Trang"


def _by_name(gdf, column="name"):
    return gdf.sort_values(column).reset_index(drop=True)


def test_geopackage_round_trip_keeps_fids_text_types_and_crs(tmp_path, plots):
    out = write_vector(plots, tmp_path / "lo_dat.gpkg")
    r = read_vector(out)
    assert r.gdf.index.name == "fid" and r.gdf.index.dtype == np.int64
    assert r.gdf.index.tolist() == [1, 2, 3]
    assert r.gdf.loc[1, "name"] == VI
    assert r.gdf["floors"].dtype == np.int64
    assert r.crs == "EPSG:9208" and r.gdf.crs.to_epsg() == 9208
    assert shapely.equals(r.gdf.geometry.array, plots.geometry.array).all()
    assert r.source["format"] == "GeoPackage" and r.source["driver"] == "GPKG"
    assert r.source["layer"] == "lo_dat" and r.source["feature_count"] == 3
    assert r.source["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert r.warnings == [] and len(r.invalid) == 0


@pytest.mark.parametrize("suffix,fmt", [(".shp", "Shapefile"), (".geojson", "GeoJSON"),
                                        (".fgb", "FlatGeobuf")])
def test_round_trip_keeps_vietnamese_text_attributes_and_geometry(tmp_path, plots, suffix, fmt):
    out = write_vector(plots, tmp_path / f"duong{suffix}")
    r = read_vector(out)
    assert r.source["format"] == fmt
    assert r.crs == "EPSG:9208"
    got, want = _by_name(r.gdf), _by_name(plots)
    assert got["name"].tolist() == want["name"].tolist()
    assert VI in got["name"].tolist()
    assert got["floors"].tolist() == want["floors"].tolist()
    assert np.allclose(got["far"], want["far"])
    assert shapely.equals(got.geometry.array, want.geometry.array).all()
    assert r.gdf.index.dtype == np.int64 and r.gdf.index.is_unique


def test_shapefile_is_written_with_a_utf8_cpg_by_default(tmp_path, plots):
    write_vector(plots, tmp_path / "duong.shp")
    assert (tmp_path / "duong.cpg").read_text().strip().upper() == "UTF-8"
    assert read_vector(tmp_path / "duong.shp").source["encoding"].startswith("utf-8")


def test_kml_round_trip_is_in_wgs84_and_keeps_the_vietnamese_name(tmp_path, plots):
    out = write_vector(plots, tmp_path / "duong.kml")
    r = read_vector(out)
    assert r.source["format"] == "KML" and r.crs == "EPSG:4326"
    names = r.gdf["Name"] if "Name" in r.gdf else r.gdf["name"]
    assert sorted(names) == sorted(plots["name"])
    back = r.gdf.to_crs("EPSG:9208")
    got = back.set_index(names.to_numpy()).geometry
    for _, row in plots.iterrows():
        assert got[row["name"]].equals_exact(row.geometry, tolerance=0.01)


def test_dxf_round_trip_keeps_geometry_and_vietnamese_layer_names(tmp_path, plots):
    frame = plots.assign(Layer=["Đường", "Lô đất", "Cây xanh"])
    out = write_vector(frame, tmp_path / "ban_ve.dxf")
    r = read_vector(out)
    assert r.source["format"] == "DXF"
    assert sorted(r.gdf["Layer"]) == sorted(["Đường", "Lô đất", "Cây xanh"])
    assert r.crs is None and any("no coordinate reference system" in w for w in r.warnings)
    got = r.gdf.set_index("Layer").geometry
    for layer_name, geom in zip(frame["Layer"], frame.geometry, strict=True):
        assert got[layer_name].normalize().equals_exact(geom.normalize(), tolerance=1e-6)


def test_list_layers_names_every_layer_with_type_count_and_crs(tmp_path, plots):
    path = tmp_path / "ban_do.gpkg"
    write_vector(plots, path, layer="lo_dat")
    write_vector(plots.iloc[:2].set_geometry(plots.centroid.iloc[:2]), path, layer="cot_den")
    infos = list_layers(path)
    assert sorted(infos, key=lambda i: i.name) == [LayerInfo("cot_den", "Point", 2, "EPSG:9208"),
                                                   LayerInfo("lo_dat", "Polygon", 3, "EPSG:9208")]


def test_a_layer_is_chosen_by_name_in_a_geopackage_with_several(tmp_path, plots):
    path = tmp_path / "ban_do.gpkg"
    write_vector(plots, path, layer="lo_dat")
    write_vector(plots.iloc[:1], path, layer="mot_lo")
    assert len(read_vector(path, layer="mot_lo").gdf) == 1
    assert len(read_vector(path, layer="lo_dat").gdf) == 3


def test_a_zip_holding_one_shapefile_is_read_in_place(tmp_path, plots):
    import zipfile

    write_vector(plots, tmp_path / "duong.shp")
    zpath = tmp_path / "duong.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for p in tmp_path.glob("duong.*"):
            if p.suffix != ".zip":
                zf.write(p, f"du_lieu/{p.name}")
    r = read_vector(zpath)
    assert sorted(r.gdf["name"]) == sorted(plots["name"])
    assert r.source["member"] == "du_lieu/duong.shp"
    assert r.source["sha256"] == hashlib.sha256(zpath.read_bytes()).hexdigest()
    assert not (tmp_path / "du_lieu").exists()      # nothing was extracted


def test_geojson_feature_ids_become_the_index(tmp_path):
    path = tmp_path / "ids.geojson"
    path.write_text('{"type": "FeatureCollection", "features": ['
                    '{"type": "Feature", "id": 7, "properties": {"ten": "Cột đèn"}, '
                    '"geometry": {"type": "Point", "coordinates": [105.4, 21.3]}},'
                    '{"type": "Feature", "id": 42, "properties": {"ten": "Trạm"}, '
                    '"geometry": {"type": "Point", "coordinates": [105.5, 21.3]}}]}', encoding="utf-8")
    r = read_vector(path)
    assert r.gdf.index.tolist() == [7, 42] and r.gdf.index.name == "fid"
    assert r.crs == "EPSG:4326" and r.gdf["ten"].tolist() == ["Cột đèn", "Trạm"]


def test_a_geojson_with_projected_coordinates_and_no_crs_member_has_no_crs(tmp_path, plots):
    path = tmp_path / "nocrs.geojson"
    pyogrio.write_dataframe(plots.set_crs(None, allow_override=True), path)
    assert pyogrio.read_info(path)["crs"] == "EPSG:4326"       # what GDAL assumes
    r = read_vector(path)
    assert r.crs is None and r.gdf.crs is None
    assert any("projected" in w for w in r.warnings)
