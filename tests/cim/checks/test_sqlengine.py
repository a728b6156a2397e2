"""The Decree 269 pack gives the same findings when its heavy predicates run in DuckDB spatial, and the
DuckDB joins are spatial joins. (PostGIS: tests/cim/db/test_check_engines.py.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cim.checks.runner import run_checks
from cim.checks.sqlengine import make_pushdown
from cim.project.store import open_project

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[3]
HEAVY = {"PLN-02", "SMT-TRANSPORT", "SMT-ENERGY", "SMT-LIGHT", "SMT-WATER", "SMT-DRAIN", "SMT-ENV", "SMT-DIGITAL"}


@pytest.fixture(scope="module")
def pack_checks():
    from plugins.check_registry import check_registry

    reg = check_registry()
    pack = reg.pack("decree269")
    return pack, reg.checks_for(pack)


def assert_same_findings(a, b):
    assert [r.rule for r in a.results] == [r.rule for r in b.results]
    for ra, rb in zip(a.results, b.results):
        assert ra.to_dict() == rb.to_dict(), ra.rule
    assert a.digest() == b.digest()


def test_the_whole_pack_on_the_sample_gives_identical_findings_in_memory_and_in_duckdb(pack_checks):
    pack, checks = pack_checks
    project = open_project(REPO / "sample_data" / "district.cim.gpkg")
    mem = run_checks(project, checks, pack=pack)
    engine = make_pushdown("duckdb", project)
    try:
        duck = run_checks(project, checks, pack=pack, engine=engine)
    finally:
        engine.close()
    assert engine.used == dict.fromkeys(HEAVY, "duckdb")      # every heavy predicate went to SQL
    assert_same_findings(mem, duck)
    overlaps = [i for i in duck.result("PLN-02").issues if "overlap_m2" in i.extra]
    share = duck.result("SMT-LIGHT").evidence["share"]        # counts to compare, not an empty pass
    assert overlaps and 0 < share["matched"] < share["total"]


def test_a_moved_plot_and_moved_sensors_give_the_same_new_findings_in_duckdb(pack_checks):

    pack, checks = pack_checks
    project = open_project(REPO / "sample_data" / "district.cim.gpkg")
    plots = project.layer_by_name("plots").data
    k = plots.index[::7]
    plots.loc[k, "geometry"] = plots.geometry[k].translate(4.0, 2.5)
    el = project.layer_by_name("smart_elements").data
    e = el.index[::3]
    el.loc[e, "geometry"] = el.geometry[e].translate(-35.0, 20.0)
    mem = run_checks(project, checks, pack=pack)
    engine = make_pushdown("duckdb", project)
    try:
        duck = run_checks(project, checks, pack=pack, engine=engine)
    finally:
        engine.close()
    assert_same_findings(mem, duck)
    before = run_checks(open_project(REPO / "sample_data" / "district.cim.gpkg"),
                        [c for c in checks if c.id == "PLN-02"], pack=pack)
    assert len(duck.result("PLN-02").issues) > len(before.result("PLN-02").issues)   # the edit made overlaps
    assert sum(len(duck.result(r).issues) for r in HEAVY - {"PLN-02"}) > 2            # and distance findings


def test_a_re_check_on_the_same_cache_after_an_edit_runs_in_memory_and_sees_the_edit(pack_checks):
    from cim.checks.context import RunCache
    from cim.checks.runner import run_check

    pack, checks = pack_checks
    project = open_project(REPO / "sample_data" / "district.cim.gpkg")
    pln = [c for c in checks if c.id == "PLN-02"]
    cache = RunCache()
    engine = make_pushdown("duckdb", project)
    try:
        first = run_checks(project, pln, pack=pack, engine=engine, cache=cache)
    finally:
        engine.close()
    assert "sql_engine" not in cache.data
    plots = project.layer_by_name("plots")
    cache.drop_layer(plots.id)
    plots.data.loc[plots.data.index[0], "geometry"] = plots.data.geometry.iloc[1]   # a copy of its neighbour
    again = run_check(project, pln[0], cache=cache, pack=pack)
    assert len(again.issues) > len(first.result("PLN-02").issues)


def test_auto_keeps_a_small_project_in_memory_and_sends_a_large_one_per_predicate(monkeypatch):
    from cim.checks import sqlengine

    project = open_project(REPO / "sample_data" / "district.cim.gpkg")
    assert make_pushdown("auto", project) is None and make_pushdown("memory", project) is None
    monkeypatch.setattr(sqlengine, "AUTO_MIN_ROWS", 10)
    p = make_pushdown("auto", project)
    assert p.plan == {} and p.rules == sqlengine.MEASURED       # per rule, by measurement
    assert p.for_predicate("PLN-02", "overlaps", 10**6) is None     # measured faster in memory
    assert p.for_predicate("SMT-ENV", "near", 10).name == "duckdb"
    p.close()
    from cim.errors import CimInputError

    with pytest.raises(CimInputError):
        make_pushdown("oracle", project)


def _city_plots(n: int):
    from bench.generate_city import plots

    return np.asarray(plots(n).geometry.values)


def test_the_duckdb_overlap_and_distance_queries_are_spatial_joins_not_nested_loops():
    from cim.db.pushdown import DuckEngine

    g = _city_plots(20_000)
    import shapely

    pts = shapely.centroid(g[::5])
    eng = DuckEngine()
    try:
        t, p = eng.table("plots", g), eng.table("pts", pts)
        sel = eng._positions(np.arange(0, len(g), 3))
        for q, params in ((eng.overlaps_sql(t), {"eps": 0.01, "min": 1.0}),
                          (eng.near_sql(t, p, "dwithin", None), {"d": 25.0}),
                          (eng.near_sql(t, p, "dwithin", sel), {"d": 25.0}),
                          (eng.near_sql(p, t, "intersects", None), {})):
            plan = eng.explain(q, params)
            assert "SPATIAL_JOIN" in plan, plan
            for bad in ("NESTED_LOOP_JOIN", "PIECEWISE_MERGE_JOIN", "BLOCKWISE_NL_JOIN", "CROSS_PRODUCT"):
                assert bad not in plan, plan
        # and they answer: a shifted plot overlaps its neighbours
        moved = g.copy()
        moved[10] = shapely.affinity.translate(moved[10], 3.0, 0.0)
        i, j = eng.overlap_candidates("moved", moved, 0.01, 1.0)
        assert list(zip(i.tolist(), j.tolist())) == [(10, 11)]     # its right neighbour; no edge neighbour
    finally:
        eng.close()
