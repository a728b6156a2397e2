"""Set-based predicates give exactly the in-memory findings on the sample: PostGIS, DuckDB, shapely."""

from __future__ import annotations

from pathlib import Path

import pytest

from cim.db import setchecks as S
from cim.db.connect import connect
from cim.db.sync import push
from cim.project.store import open_project

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def engines(cim_db, sample_copy):
    project = open_project(sample_copy)
    with connect(cim_db.dsn("alice")) as conn:
        push(conn, project, dsn="x")
    con = S.duck(sample_copy, {"plots": "plots", "smart_elements": "smart_elements", "roads": "roads",
                               "buildings": "buildings"})
    with connect(cim_db.dsn("anna")) as pg:      # an appraiser reads enough to check
        yield project, pg, con
    con.close()


def test_overlaps_points_in_plots_and_distances_match_in_all_three_engines(engines):
    project, pg, con = engines
    plots = project.layer_by_name("plots").data
    mem = S.mem_overlaps(plots)
    assert mem and S.pg_overlaps(pg, "plots") == mem == S.duck_overlaps(con, "plots")
    pts = project.layer_by_name("smart_elements").data
    mem = S.mem_points_in(pts, plots)
    assert mem and S.pg_points_in(pg, "smart_elements", "plots") == mem == S.duck_points_in(con, "smart_elements", "plots")
    roads = project.layer_by_name("roads").data
    for d in (0.0, 5.0, 25.0):
        mem = S.mem_within(pts, roads, d)
        assert S.pg_within(pg, "smart_elements", "roads", d) == mem == S.duck_within(con, "smart_elements", "roads", d)
    assert S.mem_within(pts, roads, 25.0)


def test_the_sql_overlaps_are_the_pln02_findings_of_the_in_memory_engine(engines):
    from cim.checks.runner import run_checks
    from plugins.check_registry import check_registry

    project, pg, con = engines
    reg = check_registry()
    pack = reg.pack("decree269")
    checks = [c for c in reg.checks_for(pack) if c.id == "PLN-02"]
    findings = run_checks(project, checks, pack=pack).results[0].issues
    pairs = sorted(tuple(sorted(f.objects)) for f in findings if "overlap_m2" in (f.extra or {}))
    assert pairs and pairs == [(a, b) for a, b, _ in S.pg_overlaps(pg, "plots")]


def test_the_duckdb_overlap_query_keeps_its_spatial_join(engines):
    _, _, con = engines
    plan = con.execute("EXPLAIN " + S.duck_overlaps_sql(con, "plots"), [1.0]).fetchall()[0][1]
    assert "SPATIAL_JOIN" in plan and "PIECEWISE_MERGE_JOIN" not in plan


def test_the_postgis_joins_use_the_gist_index(engines):
    _, pg, _ = engines
    pg.execute("SET enable_seqscan = off")
    plan = "\n".join(r[0] for r in pg.execute(
        "EXPLAIN SELECT p.cim_id, g.cim_id FROM cim_data.smart_elements p JOIN cim_data.plots g "
        "ON ST_Intersects(g.geom, p.geom)").fetchall())
    assert "plots_geom_gist" in plan
