"""An imported IFC model's triangles placed in the project CRS for the 3D view (cim.ifc.scene_mesh)."""

from __future__ import annotations

import numpy as np
import pytest

from cim.ifc.importer import import_ifc
from cim.ifc.scene_mesh import default_cache_dir, placed_mesh
from cim.project import Project


def test_placed_triangles_are_the_cached_geometry_georeferenced_onto_the_footprint(ifc_dir, tmp_path):
    p = Project(crs="EPSG:9208")
    model = import_ifc(p, ifc_dir / "office.ifc", cache_dir=tmp_path).model
    placed = placed_mesh(model, "EPSG:9208", layer_crs="EPSG:9208")
    core = model.meshes()
    assert placed.n_triangles == len(core.faces) > 0
    assert np.allclose(placed.verts, model.georef.map_from_metres(core.verts))
    fp = model.buildings.total_bounds
    lo, hi = placed.verts.min(axis=0), placed.verts.max(axis=0)
    assert np.allclose([lo[0], lo[1], hi[0], hi[1]], fp, atol=0.05)
    b = model.buildings.iloc[0]
    assert lo[2] == pytest.approx(b["base_z"], abs=0.01) and hi[2] - lo[2] == pytest.approx(b["height_m"], abs=0.01)


def test_each_triangle_names_its_element_with_globalid_class_name_and_building(ifc_dir, tmp_path):
    p = Project(crs="EPSG:9208")
    model = import_ifc(p, ifc_dir / "office.ifc", cache_dir=tmp_path).model
    placed = placed_mesh(model, "EPSG:9208")
    table = {e["guid"]: e for e in model.elements}
    assert len(placed.element_of_face) == placed.n_triangles
    used = np.unique(placed.element_of_face)
    for i in used:
        e = placed.element(int(i))
        assert e["ifc_class"] == table[e["guid"]]["ifc_class"]
        assert e["name"] == table[e["guid"]]["name"]
        assert e["building_guid"] == model.buildings.iloc[0]["ifc_guid"]
    assert {"IfcWall", "IfcSlab"} <= {placed.element(int(i))["ifc_class"] for i in used}


def test_a_model_read_back_without_meshes_takes_them_from_the_cache_and_reprojects(ifc_dir, tmp_path):
    from cim.crs.transform import transform_xy

    p = Project(crs="EPSG:9208")
    model = import_ifc(p, ifc_dir / "office.ifc", cache_dir=tmp_path / "cache").model
    first = placed_mesh(model, "EPSG:9208")
    model._mesh = None                                   # as read from a project file
    assert any((tmp_path / "cache").glob(f"{model.sha256}-*.npz"))
    other = placed_mesh(model, "EPSG:4326")              # another map CRS: every vertex transformed
    lon, lat = transform_xy(first.verts[:, 0], first.verts[:, 1], "EPSG:9208", "EPSG:4326")
    assert np.allclose(other.verts[:, 0], lon) and np.allclose(other.verts[:, 1], lat)
    assert np.array_equal(other.faces, first.faces)


def test_the_default_cache_sits_beside_a_saved_project_and_an_unsaved_one_has_none(tmp_path):
    assert default_cache_dir(tmp_path / "a.cim.gpkg") == (tmp_path / ".cimcache").resolve()
    assert default_cache_dir(None) is None
