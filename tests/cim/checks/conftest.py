"""Small generated projects for the check framework: a boundary tiled by plots, buildings, elements."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.project import LayerRecord, PlanMetadata, Project
from tests.cim.tod.conftest import tiny_project  # noqa: F401  (a project with stations)

X0, Y0 = 560000.0, 2358000.0


def tiled_project(n: int = 4, size: float = 50.0) -> Project:
    """``n`` × ``n`` coded plots tiling a square boundary, a building in each, and a few smart elements."""
    k = np.arange(n * n)
    x, y = X0 + (k % n) * size, Y0 + (k // n) * size
    plots = gpd.GeoDataFrame({
        "cim_id": [f"PLT-{i:06d}" for i in k], "code": [f"OM-{i:02d}" for i in k], "category": "residential",
        "buildable": True, "far": 2.0, "density": 40.0, "height_max_m": 20.0,
        "name": [f"Lô {i}" for i in k]}, geometry=shapely.box(x, y, x + size, y + size), crs="EPSG:9208",
        index=pd_index(k))
    bld = gpd.GeoDataFrame({
        "cim_id": [f"BLD-{i:06d}" for i in k], "plot_id": plots["cim_id"].to_numpy(), "use": "residential",
        "floors": 5, "height_m": 16.5, "smart": False, "name": [f"Nhà {i}" for i in k]},
        geometry=shapely.box(x + 10, y + 10, x + size - 10, y + size - 10), crs="EPSG:9208", index=pd_index(k))
    boundary = gpd.GeoDataFrame({"cim_id": ["BND-000001"], "name": ["Ranh giới"], "plan_id": ["QH-TEST-1"]},
                                geometry=[shapely.box(X0, Y0, X0 + n * size, Y0 + n * size)], crs="EPSG:9208",
                                index=pd_index(np.arange(1)))
    m = 6
    el = gpd.GeoDataFrame({
        "cim_id": [f"SME-{i:06d}" for i in range(m)], "name": [f"Thiết bị {i}" for i in range(m)],
        "type": ["smart_lamp", "smart_lamp", "sensor_bin", "cctv", "flood_sensor", "ev_charger"],
        "system": ["smart_lighting", "smart_lighting", "smart_waste", "smart_traffic", "smart_drainage",
                   "public_transport_parking"],
        "status": "planned", "operator": "IOC", "interface_protocol": "MQTT", "interface_interval_s": 60.0,
        "interface_target": "IOC", "open_standard": "OGC SensorThings API"},
        geometry=shapely.points(X0 + 5 + np.arange(m) * 20.0, np.full(m, Y0 + 5.0)), crs="EPSG:9208",
        index=pd_index(np.arange(m)))
    md = PlanMetadata(plan_id="QH-TEST-1", name="Đồ án thử", level="phan_khu", scale=2000, province="Phú Thọ",
                      commune="phường Thụy Vân", approving_body="UBND tỉnh Phú Thọ", decision_no="1/QĐ",
                      decision_date="2026-01-01", producer="Tư vấn", version="1")
    p = Project(crs="EPSG:9208", metadata=md)
    for name, gdf, kind in (("boundary", boundary, "boundary"), ("plots", plots, "plot"),
                            ("buildings", bld, "building"), ("smart_elements", el, "smart_element")):
        rec = LayerRecord(name, "vector", gdf, crs="EPSG:9208", object_kind=kind)
        p.layers[rec.id] = rec
        p.tree.add_layer(rec.id, name)
    return p


def pd_index(k):
    import pandas as pd

    return pd.Index(np.asarray(k, dtype=np.int64) + 1, name="fid")


@pytest.fixture
def project() -> Project:
    return tiled_project()


def rule_check(rule_toml: str):
    """One generic rule from a TOML snippet (a [[rules]] table without the header)."""
    import tomllib

    from cim.checks.pack import pack_from_dict
    from cim.checks.registry import CheckRegistry

    data = tomllib.loads('[pack]\nid = "t"\nversion = "1"\n[[rules]]\n' + rule_toml)
    pack = pack_from_dict(data, source="test")
    return pack, CheckRegistry().checks_for(pack)
