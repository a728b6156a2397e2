"""Fixtures for the network tests: the sample district (bundled, or generated when not yet built)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def district(tmp_path_factory) -> Path:
    """Folder with ``sources.gpkg``, ``dem.tif`` and ``defects.json`` of the sample district."""
    bundled = REPO / "sample_data" / "district"
    if (bundled / "sources.gpkg").exists() and (bundled / "defects.json").exists():
        return bundled
    from sample_data.generate import generate

    out = tmp_path_factory.mktemp("district")
    generate(out)
    return out


@pytest.fixture(scope="session")
def read_layer(district):
    import pyogrio

    def read(name: str):
        return pyogrio.read_dataframe(district / "sources.gpkg", layer=name, fid_as_index=True)

    return read


@pytest.fixture(scope="session")
def defects(district) -> list[dict]:
    data = json.loads((district / "defects.json").read_text(encoding="utf-8"))
    return data["defects"] if isinstance(data, dict) and "defects" in data else data


@pytest.fixture(scope="session")
def sample_roads_network(read_layer):
    from cim.network.topology import build_network

    return build_network(read_layer("roads"), system="road", layer="roads")
