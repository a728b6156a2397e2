"""The committed sample district, read once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DISTRICT = Path(__file__).resolve().parents[2] / "sample_data" / "district"


@pytest.fixture(scope="session")
def district() -> Path:
    return DISTRICT


@pytest.fixture(scope="session")
def layers(district) -> dict:
    import pyogrio

    path = district / "sources.gpkg"
    return {name: pyogrio.read_dataframe(path, layer=name) for name, _ in pyogrio.list_layers(path)}


@pytest.fixture(scope="session")
def defects(district) -> list[dict]:
    return json.loads((district / "defects.json").read_text(encoding="utf-8"))["defects"]


@pytest.fixture(scope="session")
def defect(defects):
    """The defects of one rule (``defect("INF-05")``), or one defect by id (``defect("D07")``)."""
    def get(key: str):
        if key.startswith("D") and key[1:].isdigit():
            return next(d for d in defects if d["id"] == key)
        return [d for d in defects if d["rule"] == key]
    return get
