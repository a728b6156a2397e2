"""The project's own tables (``cim_*`` in the GeoPackage: project info, layer registry, metadata,
layer tree, resources with their SHA-256, comments, roles, check runs, acceptances …) mirrored into
``cim.<name>`` with PostgreSQL types. Rows are upserted by primary key, so a partial working copy
never deletes what it did not pull, and comments written in the database by reviewers survive.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from psycopg import sql

SKIP = {"cim_changelog", "cim_db_link", "cim_db_base"}   # the database keeps its own audit trail
PG_TYPES = {"INTEGER": "bigint", "INT": "bigint", "REAL": "double precision", "BLOB": "bytea", "TEXT": "text"}


def _sqlite_tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(n, s) for n, s in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='table' AND name LIKE 'cim\\_%' ESCAPE '\\' ORDER BY name")
        if n not in SKIP]


def push_tables(conn, gpkg: Path, *, layer_ids: set[str] | None = None) -> int:
    """Upsert every project table of ``gpkg`` into the database; returns the rows written."""
    from cim.db import roles

    src = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    total = 0
    try:
        for name, ddl in _sqlite_tables(src):
            info = src.execute(f"PRAGMA table_info({name})").fetchall()   # name comes from sqlite_master
            cols = [{"name": r[1], "pg": PG_TYPES.get((r[2] or "TEXT").upper().split("(")[0], "text"),
                     "pk": int(r[5])} for r in info]
            _ensure_table(conn, name, ddl, cols, roles)
            rows = src.execute(f'SELECT * FROM "{name}"').fetchall()
            if not rows:
                continue
            total += _upsert(conn, name, cols, rows)
    finally:
        src.close()
    return total


def _ensure_table(conn, name: str, ddl: str, cols: list[dict], roles) -> None:
    from psycopg.types.json import Jsonb

    t = sql.Identifier("cim", name)
    exists = conn.execute("SELECT to_regclass(%s)", (f"cim.{name}",)).fetchone()[0] is not None
    if not exists:
        pk = [c["name"] for c in sorted((c for c in cols if c["pk"]), key=lambda c: c["pk"])]
        parts = [sql.SQL("{} {}").format(sql.Identifier(c["name"]), sql.SQL(c["pg"])) for c in cols]
        if pk:
            parts.append(sql.SQL("PRIMARY KEY ({})").format(sql.SQL(", ").join(map(sql.Identifier, pk))))
        conn.execute(sql.SQL("CREATE TABLE {} ({})").format(t, sql.SQL(", ").join(parts)))
        roles.adopt_table(conn, "cim", name)
    else:   # a newer CIM Studio added columns to this project table
        have = {r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns "
                                           "WHERE table_schema = 'cim' AND table_name = %s", (name,))}
        for c in (c for c in cols if c["name"] not in have):
            conn.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
                t, sql.Identifier(c["name"]), sql.SQL(c["pg"])))
    conn.execute("INSERT INTO cim.project_tables VALUES (%s, %s, %s) ON CONFLICT (name) DO UPDATE SET "
                 "ddl = EXCLUDED.ddl, columns = EXCLUDED.columns", (name, ddl, Jsonb(cols)))


def _upsert(conn, name: str, cols: list[dict], rows: list[tuple]) -> int:
    t = sql.Identifier("cim", name)
    names = [c["name"] for c in cols]
    pk = [c["name"] for c in cols if c["pk"]]
    ph = sql.SQL(", ").join(sql.Placeholder() * len(names))
    ident = sql.SQL(", ").join(map(sql.Identifier, names))
    if pk:
        rest = [n for n in names if n not in pk]
        action = sql.SQL("DO UPDATE SET {}").format(sql.SQL(", ").join(
            sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(n)) for n in rest)) if rest else sql.SQL("DO NOTHING")
        stmt = sql.SQL("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) {}").format(
            t, ident, ph, sql.SQL(", ").join(map(sql.Identifier, pk)), action)
    else:
        conn.execute(sql.SQL("DELETE FROM {}").format(t))
        stmt = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(t, ident, ph)
    with conn.cursor() as cur:
        cur.executemany(stmt, rows)
    return len(rows)


def pull_tables(conn, gpkg_conn: sqlite3.Connection, *, keep_layers: set[str] | None = None) -> None:
    """Create the mirrored tables in a new GeoPackage and copy their rows (``keep_layers`` filters
    ``cim_layers`` for a partial working copy)."""
    for name, ddl, cols in conn.execute("SELECT name, ddl, columns FROM cim.project_tables ORDER BY name").fetchall():
        names = [c["name"] for c in cols]
        gpkg_conn.execute(ddl.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)
                          if "IF NOT EXISTS" not in ddl.upper() else ddl)
        gpkg_conn.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, "
                          "last_change) VALUES (?, 'attributes', ?, 'CIM Studio project table', "
                          "strftime('%Y-%m-%dT%H:%M:%fZ','now'))", (name, name))
        gpkg_conn.execute(f'DELETE FROM "{name}"')
        with conn.cursor(binary=True) as cur:
            cur.execute(sql.SQL("SELECT {} FROM {}").format(
                sql.SQL(", ").join(map(sql.Identifier, names)), sql.Identifier("cim", name)))
            rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in cur.fetchall()]
        if name == "cim_layers" and keep_layers is not None:
            rows = [r for r in rows if r[names.index("layer_id")] in keep_layers]
        gpkg_conn.executemany(f'INSERT INTO "{name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
                              rows)
