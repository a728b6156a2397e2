"""Fixtures: the check registry from the built-in plugin, the sample district as a project (built
once per session from ``sample_data/district``), and cheap copies of it for mutation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cim.tod.conftest import tiny_project  # noqa: F401  (the hand-built TOD project)

REPO = Path(__file__).resolve().parents[3]
DISTRICT = REPO / "sample_data" / "district"
PLUGIN = REPO / "plugins" / "builtin" / "decree269"


@pytest.fixture(scope="session")
def registry():
    from plugins.check_registry import check_registry

    return check_registry()


@pytest.fixture(scope="session")
def pack(registry):
    return registry.pack("decree269")


def build_sample_project(district: Path, out: Path):
    import pyogrio

    from cim.model.taxonomy import kind_for_layer
    from cim.project import PlanMetadata, Project
    from cim.project.importing import import_layer
    from cim.project.store import save_project

    plan = json.loads((district / "plan.json").read_text(encoding="utf-8"))
    p = Project(crs=plan["crs"], metadata=PlanMetadata.from_dict(plan))
    for name, _ in pyogrio.list_layers(district / "sources.gpkg"):
        found = kind_for_layer(name)
        import_layer(p, district / "sources.gpkg", layer=name, name=name,
                     object_kind=found[0].code if found else None)
    import_layer(p, district / "dem.tif", name="dem")
    from sample_data.project import apply_sample_layer_info

    apply_sample_layer_info(p)
    save_project(p, out)
    return p


@pytest.fixture(scope="session")
def sample_path(tmp_path_factory) -> Path:
    if not (DISTRICT / "sources.gpkg").exists():
        pytest.skip("the sample district (sample_data/district) has not been generated")
    out = tmp_path_factory.mktemp("sample") / "district.cim.gpkg"
    build_sample_project(DISTRICT.resolve(), out)
    return out


@pytest.fixture(scope="session")
def sample_project(sample_path):
    from cim.project.store import open_project

    return open_project(sample_path)


@pytest.fixture(scope="session")
def defects() -> list[dict]:
    path = DISTRICT / "defects.json"
    if not path.exists():
        pytest.skip("sample_data/district/defects.json not found")
    return json.loads(path.read_text(encoding="utf-8"))["defects"]


def copy_project(project):
    """An in-memory copy whose layers can be edited freely (data frames copied)."""
    import copy

    from cim.project import LayerRecord, Project

    p = Project(crs=project.crs, metadata=copy.deepcopy(project.metadata))
    p.path = project.path
    for rec in project.ordered_layers():
        data = rec.data.copy() if rec.kind == "vector" else rec.data
        p.layers[rec.id] = LayerRecord(name=rec.name, kind=rec.kind, data=data, crs=rec.crs, id=rec.id,
                                       object_kind=rec.object_kind, style=dict(rec.style), source=dict(rec.source),
                                       info=dict(rec.info))
        p.tree.add_layer(rec.id, rec.name)
    return p


@pytest.fixture
def sample_copy(sample_project):
    return copy_project(sample_project)
