import geopandas as gpd
import pytest

from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer
from cim.testing import make_plots


@pytest.fixture
def plots() -> gpd.GeoDataFrame:
    return make_plots()


@pytest.fixture
def project(plots) -> Project:
    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", plots, crs="EPSG:9208", object_kind="plot")))
    p.undo_stack.clear()
    return p
