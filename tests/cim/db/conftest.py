"""A real PostgreSQL 15 + PostGIS 3 server for the database tests — never a mock.

By default a throwaway cluster is started for the session (:class:`cim.db.cluster.Cluster`: initdb
as ``postgres`` via runuser when root, Unix socket only, fsync off) and removed at exit. With
``CIM_TEST_PG`` set to a superuser connection string, that server is used instead. Each test gets
a fresh database with the CIM schema; login roles alice and bob (consultants), rita (reviewer) and
anna (appraiser) authenticate with passwords from a ``.pgpass`` file (``PGPASSFILE``).
Outside CI a machine without PostgreSQL skips these tests with the reason; in CI (``CI=true``)
that is a failure.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

USERS = {"alice": "consultant", "bob": "consultant", "rita": "reviewer", "anna": "appraiser"}
PASSWORD = "cim-test-pw"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.postgis)


@dataclass
class PgServer:
    admin: dict            # libpq parameters of a superuser connection (without dbname)
    pgpass: Path

    def dsn(self, dbname: str, user: str | None = None) -> str:
        from psycopg.conninfo import make_conninfo

        params = dict(self.admin, dbname=dbname)
        if user:
            params["user"] = user
            params.pop("password", None)
        return make_conninfo(**params)

    def new_database(self) -> str:
        import psycopg
        from psycopg import sql

        name = "cim_" + uuid.uuid4().hex[:10]
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name


def _fail_or_skip(msg: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL/PostGIS is required in CI: {msg}")
    pytest.skip(f"no PostgreSQL/PostGIS server: {msg}")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    try:
        import psycopg
        from psycopg import sql
        from psycopg.conninfo import conninfo_to_dict
    except ImportError as exc:
        _fail_or_skip(f"psycopg is not installed ({exc})")
    cluster = None
    external = os.environ.get("CIM_TEST_PG")
    if external:
        admin = conninfo_to_dict(external)
        admin.pop("dbname", None)
    else:
        from cim.db.cluster import Cluster

        try:
            cluster = Cluster().start()
        except Exception as exc:  # no binaries, initdb/pg_ctl failure: say why
            _fail_or_skip(str(exc))
        admin = {"host": str(cluster.sock), "user": "postgres"}
    pgpass = tmp_path_factory.mktemp("pgpass") / "pgpass"
    pgpass.write_text("".join(f"*:*:*:{u}:{PASSWORD}\n" for u in USERS))
    pgpass.chmod(0o600)
    old = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(pgpass)
    server = PgServer(admin, pgpass)
    try:
        with psycopg.connect(server.dsn("postgres"), autocommit=True) as conn:
            for user in USERS:
                if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone():
                    conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(user), sql.Literal(PASSWORD)))
        yield server
    finally:
        if old is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = old
        if cluster is not None:
            cluster.stop()


@pytest.fixture
def cim_db(pg_server):
    """A fresh database with the CIM schema; returns a helper with ``dsn(user)``."""
    from cim.db.connect import connect
    from cim.db.roles import add_member
    from cim.db.schema import init_database

    name = pg_server.new_database()
    with connect(pg_server.dsn(name)) as conn:
        init_database(conn)
        for user, role in USERS.items():
            add_member(conn, user, role)

    class Db:
        dbname = name
        server = pg_server

        @staticmethod
        def dsn(user: str | None = None) -> str:
            return pg_server.dsn(name, user)

    yield Db
    import psycopg
    from psycopg import sql

    with psycopg.connect(pg_server.dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def sample_copy(tmp_path):
    import shutil

    repo = Path(__file__).resolve().parents[3]
    dst = tmp_path / "district.cim.gpkg"
    shutil.copy(repo / "sample_data" / "district.cim.gpkg", dst)
    return dst
