"""The whole Decree 269 pack gives identical findings with its heavy predicates in PostGIS, in DuckDB
(the GeoPackage engine) and in memory; the PostGIS joins use the GiST index; a working copy of a
database checks in PostGIS."""

from __future__ import annotations

import re

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


def _pulled(cim_db, sample_copy, path, *, user: str = "alice", publish: bool = True, **kw):
    import cim.db.workcopy  # noqa: F401  (store hooks: the link is read with the project)
    from cim.db.connect import connect
    from cim.db.pull import pull
    from cim.db.sync import push

    with connect(cim_db.dsn(user)) as conn:
        if publish:
            push(conn, open_project(sample_copy), dsn=cim_db.dsn(user))
        return pull(conn, path / f"wc_{user}.cim.gpkg", dsn=cim_db.dsn(user), **kw)


def _run_in_db(project, pack, checks, dsn):
    """The pack with every heavy predicate in PostGIS, in one transaction, and what the database saw:
    rows copied into temporary tables and scans of the published tables (pg_stat_xact_user_tables)."""
    from cim.db.connect import connect

    with connect(dsn, autocommit=False) as conn:
        engine = make_pushdown("postgis", project, conn=conn)
        try:
            res = run_checks(project, checks, pack=pack, engine=engine)
            pg = engine.backends["postgis"]
            stats = dict([(r[0], r[1:]) for r in conn.execute(
                "SELECT CASE WHEN schemaname LIKE 'pg_temp%%' THEN 'temp' ELSE schemaname END, "
                "sum(n_tup_ins), sum(coalesce(idx_scan, 0) + seq_scan) FROM pg_stat_xact_user_tables "
                "GROUP BY 1").fetchall()])
            seen = {"copied": pg.copied, "direct": pg.direct, "used": dict(engine.used), "stats": stats}
        finally:
            engine.close()
        conn.rollback()
    return res, seen


@pytest.mark.parametrize("user", ["alice", "rita"])       # a consultant, and a read-only reviewer
def test_an_unedited_working_copy_is_checked_on_the_database_tables_without_copying(cim_db, sample_copy, tmp_path,
                                                                                    pack_checks, user):
    pack, checks = pack_checks
    project = open_project(_pulled(cim_db, sample_copy, tmp_path))
    mem = run_checks(project, checks, pack=pack)
    pg, seen = _run_in_db(project, pack, checks, cim_db.dsn(user))
    assert seen["used"] == dict.fromkeys(HEAVY, "postgis")
    assert_same_findings(mem, pg)
    # only the subsets of targets smaller than half their table are copied (cheaper than probing it)
    assert 0 < seen["copied"] < seen["direct"] / 3
    pln = [c for c in checks if c.id == "PLN-02"]                  # the plots layer, whole and unedited:
    pg, seen = _run_in_db(project, pack, pln, cim_db.dsn(user))
    assert_same_findings(run_checks(project, pln, pack=pack), pg)
    assert seen["copied"] == 0 and seen["direct"] == len(project.layer_by_name("plots").data)
    assert "temp" not in seen["stats"]                             # no temporary table at all
    assert seen["stats"]["cim_data"][1] > 0                         # the published table answered


def test_an_edited_or_partial_working_copy_copies_only_its_edited_rows_and_finds_the_same(cim_db, sample_copy,
                                                                                         tmp_path, pack_checks):
    from cim.db.connect import connect
    from cim.db.sync import push

    pack, checks = pack_checks
    project = open_project(_pulled(cim_db, sample_copy, tmp_path))
    plots = project.layer_by_name("plots").data
    k = plots.index[::9]
    plots.loc[k, "geometry"] = plots.geometry[k].translate(3.0, -2.0)      # unsaved edits: more overlaps
    other = open_project(_pulled(cim_db, sample_copy, tmp_path, user="bob", publish=False))
    # meanwhile bob moves other plots in the database
    theirs = other.layer_by_name("plots").data
    moved = theirs.index[1::9][:5]
    theirs.loc[moved, "geometry"] = theirs.geometry[moved].translate(-40.0, 25.0)
    with connect(cim_db.dsn("bob")) as conn:
        push(conn, other, dsn=cim_db.dsn("bob"))
    mem = run_checks(project, checks, pack=pack)
    pg, seen = _run_in_db(project, pack, checks, cim_db.dsn("rita"))
    assert_same_findings(mem, pg)                  # the copy's own geometries, not bob's
    assert len([i for i in pg.result("PLN-02").issues if "overlap_m2" in i.extra]) > 3
    assert seen["direct"] > seen["copied"]
    pln = [c for c in checks if c.id == "PLN-02"]
    pg, seen = _run_in_db(project, pack, pln, cim_db.dsn("rita"))
    assert_same_findings(run_checks(project, pln, pack=pack), pg)
    assert seen["copied"] == len(k) + len(moved)   # only the rows edited here or moved there since the pull
    assert seen["direct"] == len(plots) - seen["copied"] and seen["stats"]["temp"][0] == seen["copied"]

    part = tmp_path / "part"
    part.mkdir()
    b = project.layer_by_name("plots").data.total_bounds
    for frac in (0.8, 0.3):     # most of the district: its rows in the database; a small area: copied
        box = (b[0], b[1], b[0] + frac * (b[2] - b[0]), b[3])
        (part / "wc_alice.cim.gpkg").unlink(missing_ok=True)
        sub = open_project(_pulled(cim_db, sample_copy, part, publish=False, bbox=box))
        n = len(sub.layer_by_name("plots").data)
        assert 0 < n < len(plots)
        mem, (pg, seen) = run_checks(sub, checks, pack=pack), _run_in_db(sub, pack, checks, cim_db.dsn("alice"))
        assert_same_findings(mem, pg)              # the database rows outside the subset are not read
        assert (seen["direct"] >= n) == (frac > 0.5), (frac, seen)


def test_on_a_working_copy_the_postgis_joins_probe_the_gist_index_of_the_published_table(cim_db, tmp_path):
    import cim.db.workcopy  # noqa: F401  (store hooks)
    from bench.generate_city import plots
    from cim.db.connect import connect
    from cim.db.pull import pull
    from cim.db.pushdown import PostgisEngine
    from cim.db.sync import push
    from cim.project.document import Project
    from cim.project.layer import LayerRecord
    from cim.project.store import save_project

    gdf = plots(20_000)                  # large enough for the planner to want the index
    if "cim_id" not in gdf.columns:
        gdf["cim_id"] = [f"P-{i}" for i in range(len(gdf))]
    project = Project(crs="EPSG:9208")
    project.layers["lyr_plots"] = LayerRecord(name="plots", kind="vector", data=gdf, crs="EPSG:9208", id="lyr_plots",
                                              object_kind="plot")
    save_project(project, tmp_path / "city.cim.gpkg")
    with connect(cim_db.dsn("alice")) as conn:
        push(conn, open_project(tmp_path / "city.cim.gpkg"), dsn=cim_db.dsn("alice"))
        conn.execute("ANALYZE")
        wc = open_project(pull(conn, tmp_path / "wc.cim.gpkg", dsn=cim_db.dsn("alice")))
    rec = wc.layer_by_name("plots")
    g = np.array(rec.data.geometry.array, dtype=object)
    eng = PostgisEngine(cim_db.dsn("rita"), project=wc)
    try:
        t = eng.table(("geoms", rec.id), g)
        assert t.startswith("(") and "cim_data" in t and eng.copied == 0
        for q, params in ((eng.overlaps_sql(t), {"eps": 0.01, "min": 1.0}),
                          (eng.near_sql(t, t, "dwithin", None), {"d": 25.0})):
            plan = re.sub(r"'\{[^}]{300,}\}'", "'{…}'", eng.explain(q, params))      # the ids: shortened
            assert re.search(r"Index Scan using \S+ on plots ", plan), plan    # the published table's GiST
            assert "ANY" not in plan, plan               # a whole unedited copy: no list of ids
            assert "Join Filter: st_" not in plan.lower(), plan
    finally:
        eng.close()
