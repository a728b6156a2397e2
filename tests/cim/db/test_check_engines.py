"""The whole Decree 269 pack gives identical findings with its heavy predicates in PostGIS, in DuckDB
(the GeoPackage engine) and in memory; the PostGIS joins use the GiST index; a working copy of a
database checks in PostGIS."""

from __future__ import annotations

import numpy as np
import pytest

from cim.checks.runner import run_checks
from cim.checks.sqlengine import make_pushdown
from cim.project.store import open_project
from tests.cim.checks.test_sqlengine import HEAVY, assert_same_findings


@pytest.fixture(scope="module")
def pack_checks():
    from plugins.check_registry import check_registry

    reg = check_registry()
    pack = reg.pack("decree269")
    return pack, reg.checks_for(pack)


def _run(project, pack, checks, name, **kw):
    engine = make_pushdown(name, project, **kw)
    try:
        return run_checks(project, checks, pack=pack, engine=engine), (engine.used if engine else {})
    finally:
        if engine is not None:
            engine.close()


def test_the_whole_pack_on_the_sample_is_identical_in_postgis_duckdb_and_memory(cim_db, sample_copy, pack_checks):
    pack, checks = pack_checks
    project = open_project(sample_copy)
    plots = project.layer_by_name("plots").data
    k = plots.index[::9]
    plots.loc[k, "geometry"] = plots.geometry[k].translate(3.0, -2.0)      # more overlaps than the sample has
    mem, _ = _run(project, pack, checks, "memory")
    pg, used_pg = _run(project, pack, checks, "postgis", dsn=cim_db.dsn("anna"))   # an appraiser checks
    duck, used_duck = _run(project, pack, checks, "duckdb")
    assert used_pg == dict.fromkeys(HEAVY, "postgis") and used_duck == dict.fromkeys(HEAVY, "duckdb")
    assert_same_findings(mem, pg)
    assert_same_findings(mem, duck)
    assert len([i for i in pg.result("PLN-02").issues if "overlap_m2" in i.extra]) > 3


def test_a_working_copy_of_the_database_checks_its_heavy_predicates_in_postgis(cim_db, sample_copy, tmp_path,
                                                                               pack_checks, monkeypatch):
    import cim.db.workcopy  # noqa: F401  (store hooks: the link is read with the project)
    from cim.checks import sqlengine
    from cim.db.connect import connect
    from cim.db.pull import pull
    from cim.db.sync import push

    pack, checks = pack_checks
    with connect(cim_db.dsn("alice")) as conn:
        push(conn, open_project(sample_copy), dsn=cim_db.dsn("alice"))
        wc = pull(conn, tmp_path / "wc.cim.gpkg", dsn=cim_db.dsn("alice"))
    project = open_project(wc)
    assert make_pushdown("auto", project) is None                 # small: in memory
    monkeypatch.setattr(sqlengine, "AUTO_MIN_ROWS", 0)
    pln = [c for c in checks if c.id in ("PLN-02", "SMT-LIGHT")]
    auto, used = _run(project, pack, pln, "auto")
    assert used == {"PLN-02": "postgis", "SMT-LIGHT": "postgis"}
    assert_same_findings(run_checks(project, pln, pack=pack), auto)


def test_the_postgis_overlap_and_distance_joins_use_the_gist_index(cim_db):
    import shapely

    from bench.generate_city import plots
    from cim.db.pushdown import PostgisEngine

    g = np.asarray(plots(20_000).geometry.values)        # large enough for the planner to want the index
    eng = PostgisEngine(cim_db.dsn("anna"))
    try:
        t, p = eng.table("plots", g), eng.table("pts", shapely.centroid(g[::5]))
        for q, params in ((eng.overlaps_sql(t), {"eps": 0.01, "min": 1.0}),
                          (eng.near_sql(p, t, "dwithin", None), {"d": 25.0}),
                          (eng.near_sql(p, t, "intersects", None), {})):
            plan = eng.explain(q, params)
            assert f"{t}_geom_idx" in plan, plan       # the GiST index of the plots answers every probe
            assert "Join Filter: st_" not in plan.lower(), plan       # no geometry test over every pair
    finally:
        eng.close()
