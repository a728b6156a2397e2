"""db init / push / pull / status against a real PostGIS server."""

from __future__ import annotations

import numpy as np
import pytest

from cim.db.connect import connect
from cim.db.pull import pull
from cim.db.sync import push
from cim.project.store import open_project


def _vector_layers(project):
    return {r.id: r for r in project.layers.values() if r.kind == "vector"}


def test_server_is_postgis_3_with_the_vn2000_tm3_codes_inserted_by_init(cim_db):
    from pyproj import Transformer

    with connect(cim_db.dsn()) as conn:
        version = conn.execute("SELECT postgis_lib_version()").fetchone()[0]
        assert version.startswith("3.")
        srids = [r[0] for r in conn.execute(
            "SELECT srid FROM spatial_ref_sys WHERE srid BETWEEN 9205 AND 9218 ORDER BY srid")]
        assert srids == list(range(9205, 9219))
        x, y = conn.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_SetSRID("
                            "ST_MakePoint(520000, 2360000), 9208), 4756) p) q").fetchone()
    lon, lat = Transformer.from_crs(9208, 4756, always_xy=True).transform(520000, 2360000)
    assert abs(x - lon) < 1e-7 and abs(y - lat) < 1e-7
    with connect(cim_db.dsn()) as conn:      # init is idempotent
        from cim.db.schema import init_database

        assert init_database(conn) == {"srids_added": []}


def test_publish_then_pull_gives_back_every_vector_feature_and_the_project_tables(cim_db, sample_copy, tmp_path):
    original = open_project(sample_copy)
    with connect(cim_db.dsn("alice")) as conn:
        res = push(conn, original, dsn=cim_db.dsn("alice"), message="publish")
        assert res.rev == 1 and not res.conflicts
        n = sum(len(r.data) for r in _vector_layers(original).values())
        assert res.inserted == n
        idx = conn.execute("SELECT count(*) FROM pg_indexes WHERE schemaname = 'cim_data' "
                           "AND indexdef LIKE '%USING gist (geom)%'").fetchone()[0]
        assert idx == len(_vector_layers(original))
        srid = conn.execute("SELECT Find_SRID('cim_data', 'plots', 'geom')").fetchone()[0]
        assert srid == 9208
        wc = pull(conn, tmp_path / "wc.cim.gpkg", dsn=cim_db.dsn("alice"))
    copy = open_project(wc)
    assert copy.crs == original.crs
    assert copy.metadata.to_dict() == original.metadata.to_dict() if hasattr(copy.metadata, "to_dict") else True
    assert [r.name for r in copy.ordered_layers()] == [r.name for r in original.ordered_layers()]
    for lid, rec in _vector_layers(original).items():
        got = copy.layers[lid].data
        assert len(got) == len(rec.data), rec.name
        a = rec.data.sort_values("cim_id").reset_index(drop=True)
        b = got.sort_values("cim_id").reset_index(drop=True)
        assert list(b.columns) == list(a.columns), rec.name
        assert np.all(a.geometry.geom_equals_exact(b.geometry, 1e-9)), rec.name
        for col in a.columns.drop("geometry"):
            left, right = a[col].astype(object).where(a[col].notna(), None), b[col].astype(object).where(b[col].notna(), None)
            assert left.tolist() == right.tolist(), (rec.name, col)
    dem = copy.layer_by_name("dem")
    assert dem.kind == "raster" and dem.data.tiff_bytes()


def test_pull_one_layer_a_bbox_or_one_commune(cim_db, sample_copy, tmp_path):
    project = open_project(sample_copy)
    plots = project.layer_by_name("plots").data
    x0, y0, x1, y1 = plots.total_bounds
    box = (x0, y0, (x0 + x1) / 2, (y0 + y1) / 2)
    boundary = project.layer_by_name("boundary").data.iloc[0]
    with connect(cim_db.dsn("alice")) as conn:
        push(conn, project, dsn="x")
        one = open_project(pull(conn, tmp_path / "one.cim.gpkg", dsn="x", layers=["plots"]))
        part = open_project(pull(conn, tmp_path / "box.cim.gpkg", dsn="x", layers=["plots"], bbox=box))
        commune = open_project(pull(conn, tmp_path / "c.cim.gpkg", dsn="x", commune=boundary["cim_id"]))
    assert [r.name for r in one.layers.values() if r.kind == "vector"] == ["plots"]
    assert len(one.layer_by_name("plots").data) == len(plots)
    from shapely.geometry import box as make_box

    expected = plots[plots.intersects(make_box(*box))]
    got = part.layer_by_name("plots").data
    assert 0 < len(got) < len(plots)
    assert sorted(got["cim_id"]) == sorted(expected["cim_id"])
    assert len(commune.layer_by_name("plots").data) == int(plots.intersects(boundary.geometry).sum())


def test_a_second_publish_of_the_same_layers_is_refused(cim_db, sample_copy):
    from cim.errors import CimInputError

    with connect(cim_db.dsn("alice")) as conn:
        push(conn, open_project(sample_copy), dsn="x")
        with pytest.raises(CimInputError, match="already in the database"):
            push(conn, open_project(sample_copy), dsn="x")


def test_the_working_copy_remembers_the_connection_without_the_password(cim_db, sample_copy, tmp_path):
    from cim.db.connect import public_dsn
    from tests.cim.db.conftest import PASSWORD

    dsn = cim_db.dsn("alice") + f" password={PASSWORD}"
    with connect(dsn) as conn:
        push(conn, open_project(sample_copy), dsn=public_dsn(dsn))
        wc = pull(conn, tmp_path / "wc.cim.gpkg", dsn=public_dsn(dsn))
    assert PASSWORD.encode() not in wc.read_bytes()
    from psycopg.conninfo import conninfo_to_dict

    assert conninfo_to_dict(open_project(wc).ext.db_link.dsn) == conninfo_to_dict(cim_db.dsn("alice"))
