"""Small real files for the I/O tests, generated in tmp_path."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

VI = "Đường Hùng Vương – phường Nông Trang"
VI_NAMES = [VI, "Phố Hòa Phong – phường Gia Cẩm", "Lô đất ở số 12 – Việt Trì"]


def vi_frame(n: int = 3) -> gpd.GeoDataFrame:
    """``n`` 25 m plots in VN-2000 / TM-3 Phú Thọ (EPSG:9208) with Vietnamese names, fids 1..n."""
    x = 560000.0 + np.arange(n) * 30.0
    gdf = gpd.GeoDataFrame(
        {"name": [VI_NAMES[i % len(VI_NAMES)] for i in range(n)],
         "floors": np.arange(1, n + 1, dtype="int64"),
         "far": np.round(np.linspace(0.5, 3.5, n), 2)},
        geometry=shapely.box(x, 2358000.0, x + 25, 2358025.0), crs="EPSG:9208",
        index=np.arange(1, n + 1, dtype=np.int64))
    gdf.index.name = "fid"
    return gdf


@pytest.fixture
def plots() -> gpd.GeoDataFrame:
    return vi_frame()


@pytest.fixture
def make_frame():
    return vi_frame
