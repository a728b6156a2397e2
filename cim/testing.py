"""Test helpers with domain meaning: small generated layers and project comparisons.

Used by the test suite and by plugin authors; never imported by ``import cim``.
"""

from __future__ import annotations

import numpy as np


def make_plots(n: int = 50, seed: int = 0, x0: float = 560000.0, y0: float = 2358000.0):
    """``n`` square 25 m plots in a row, in VN-2000 / TM-3 Phú Thọ (EPSG:9208), fids 1..n."""
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    x = x0 + np.arange(n) * 30.0
    y = np.full(n, y0)
    gdf = gpd.GeoDataFrame(
        {"cim_id": [f"PLT-{seed:03d}{i:06d}" for i in range(n)],
         "name": [f"Lô {i} – phường Nông Trang" for i in range(n)],
         "far": rng.uniform(0.5, 5, n).round(2),
         "floors": rng.integers(1, 30, n).astype("int64"),
         "buildable": rng.random(n) > 0.3},
        geometry=shapely.box(x, y, x + 25, y + 25), crs="EPSG:9208",
        index=np.arange(1, n + 1, dtype=np.int64))
    gdf.index.name = "fid"
    return gdf


def project_state(project) -> tuple:
    """Everything a user would call 'the project': layers (name, data), metadata, tree, CRS."""
    return ({lid: (r.name, r.kind, r.data.copy() if r.kind == "vector" else r.data) for lid, r in project.layers.items()},
            project.metadata.to_dict(), project.tree.to_dict(), project.crs)


def assert_same_project_state(a: tuple, b: tuple) -> None:
    import pandas.testing as pdt

    layers_a, md_a, tree_a, crs_a = a
    layers_b, md_b, tree_b, crs_b = b
    assert layers_a.keys() == layers_b.keys(), (sorted(layers_a), sorted(layers_b))
    for lid in layers_a:
        name_a, kind_a, data_a = layers_a[lid]
        name_b, kind_b, data_b = layers_b[lid]
        assert (name_a, kind_a) == (name_b, kind_b)
        if kind_a == "vector":
            pdt.assert_frame_equal(data_a, data_b)
            assert data_a.crs == data_b.crs
    assert md_a == md_b
    assert tree_a == tree_b
    assert crs_a == crs_b


# Misbehaving readers for the child-process tests (cim.ifc.isolated): run as "cim.testing:<name>".
def reader_allocating(path, *, feedback=None, mb: int = 64):
    """Allocates ``mb`` MB, as a reader would on a file that makes it grow without bound."""
    return len(bytearray(mb * 2**20))


def reader_killed_by(path, *, feedback=None, signum: int = 11):
    """Dies from a signal, as ifcopenshell does natively on some damaged files."""
    import os

    os.kill(os.getpid(), signum)


def reader_sleeping(path, *, feedback=None, seconds: float = 60.0):
    """Never finishes in time (a file that takes minutes to parse)."""
    import time

    for i in range(int(seconds * 10)):
        if feedback is not None:
            feedback.set_progress(i / (seconds * 10))
        time.sleep(0.1)


def reader_failing(path, *, feedback=None):
    """Fails with an unforeseen Python error (an entity of the wrong type in a damaged file)."""
    return None.id  # type: ignore[attr-defined]
