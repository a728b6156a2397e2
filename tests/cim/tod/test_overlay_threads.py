"""Threaded overlays never hand one prepared geometry to two threads (GEOS prepares lazily: a race
crashed the test suite with SIGSEGV in ``contains``)."""

import numpy as np
import pytest

from cim.tod.overlay import threaded


def _chunk_ids(n_rows: int, groups: np.ndarray, monkeypatch, cpus: int = 4) -> np.ndarray:
    monkeypatch.setattr("os.cpu_count", lambda: cpus)
    return threaded(lambda g: np.full(len(g), g[0]), groups, groups=groups, min_chunk=10)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_group_lands_in_exactly_one_chunk(monkeypatch, seed):
    rng = np.random.default_rng(seed)
    groups = np.sort(rng.integers(0, 7, size=200))
    first = _chunk_ids(200, groups, monkeypatch)
    assert len(first) == len(groups)
    for g in np.unique(groups):
        assert len(np.unique(first[groups == g])) == 1, f"group {g} split across threads"
    assert len(np.unique(first)) > 1          # still more than one chunk


def test_one_big_group_runs_unsplit_and_unsorted_groups_are_refused(monkeypatch):
    groups = np.zeros(100, dtype=np.int64)
    assert (_chunk_ids(100, groups, monkeypatch) == 0).all()
    with pytest.raises(ValueError, match="sorted"):
        _chunk_ids(100, np.r_[np.ones(50), np.zeros(50)].astype(np.int64), monkeypatch)


def test_the_threaded_overlay_equals_the_plain_one(monkeypatch):
    import shapely

    from cim.tod.overlay import polygon_overlay

    rng = np.random.default_rng(5)
    x, y = rng.uniform(0, 2000, 3000), rng.uniform(0, 2000, 3000)
    plots = shapely.box(x, y, x + 30, y + 30)
    catch = shapely.buffer(shapely.points([[600, 600], [1200, 1300]]), [500, 800])
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    plain = polygon_overlay(catch, plots, tile_m=200)
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    import cim.tod.overlay as ov

    monkeypatch.setattr(ov, "threaded", lambda fn, *a, groups=None, min_chunk=4000:
                        threaded(fn, *a, groups=groups, min_chunk=50))
    many = polygon_overlay(catch, plots, tile_m=200)
    for a, b in zip(plain, many):
        np.testing.assert_allclose(a, b)
