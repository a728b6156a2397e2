import pytest

from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer
from cim.project.store import save_project
from cim.testing import make_plots


@pytest.fixture
def saved(tmp_path):
    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", make_plots(40), crs="EPSG:9208", object_kind="plot")))
    p.push(AddLayer(p, LayerRecord("Công trình", "vector", make_plots(30, 3), crs="EPSG:9208")))
    save_project(p, tmp_path / "plan.cim.gpkg")
    return p
