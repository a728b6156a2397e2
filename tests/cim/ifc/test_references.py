"""IFC references by name resolve against the project folder, then the layer's source folder."""

import geopandas as gpd
import shapely

from cim.ifc.references import candidates, is_portable, referenced_models, resolve
from cim.project import LayerRecord, Project


def _project(tmp_path, refs):
    p = Project()
    p.path = tmp_path / "proj" / "a.cim.gpkg"
    data = gpd.GeoDataFrame({"ifc_file": refs}, geometry=[shapely.box(i, 0, i + 1, 1) for i in range(len(refs))],
                            crs="EPSG:9208")
    rec = LayerRecord("Công trình", "vector", data, object_kind="building",
                      source={"path": str(tmp_path / "src" / "sources.gpkg")})
    p.layers[rec.id] = rec
    return p, rec


def test_the_project_folder_wins_then_the_source_folder(tmp_path):
    p, rec = _project(tmp_path, ["ifc/a.ifc", "ifc/a.ifc", " ", None, "ifc/b.ifc"])
    (tmp_path / "src" / "ifc").mkdir(parents=True)
    (tmp_path / "src" / "ifc" / "a.ifc").write_text("ISO-10303-21;")
    assert resolve(p, rec, "ifc/a.ifc") == tmp_path / "src" / "ifc" / "a.ifc"
    (tmp_path / "proj" / "ifc").mkdir(parents=True)
    (tmp_path / "proj" / "ifc" / "a.ifc").write_text("ISO-10303-21;")
    assert resolve(p, rec, "ifc/a.ifc") == tmp_path / "proj" / "ifc" / "a.ifc"
    assert resolve(p, rec, "ifc/b.ifc") is None
    assert candidates(p, rec, "x.ifc", [tmp_path / "extra"])[0] == tmp_path / "extra" / "x.ifc"
    assert [name for _, name in referenced_models(p)] == ["ifc/a.ifc", "ifc/b.ifc"]


def test_only_names_inside_the_folder_can_travel_with_a_package():
    assert is_portable("ifc/a.ifc") and is_portable("a.ifc") and is_portable("ifc\\\\a.ifc")
    for name in ("/abs/a.ifc", "../a.ifc", "ifc/../../a.ifc", "C:\\\\m\\\\a.ifc", ""):
        assert not is_portable(name), name
