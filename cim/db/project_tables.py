"""The project's own tables (``cim_*`` in the GeoPackage: project info, layer registry, metadata,
layer tree, resources with their SHA-256, comments, roles, check runs, acceptances …) mirrored into
``cim.<name>`` with PostgreSQL types. Rows are upserted by primary key, so a partial working copy
never deletes what it did not pull, and comments written in the database by reviewers survive.

Versioned like features, by content: a working copy remembers a hash of every project row as it was
pulled (``DbLink.tables``). A push writes only the rows it changed since; a row changed in the
database meanwhile too is held back (the database keeps theirs) and reported as a
:class:`TableConflict` on every push until the copy is pulled again — never a silent lost update.
A table without a primary key is one row (all of it). Publishing a new project writes every row.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from psycopg import sql

SKIP = {"cim_changelog", "cim_db_link", "cim_db_base", "cim_db_table_base"}   # the database keeps its own audit trail
# columns that describe one file's layout, not the shared project: a partial working copy numbers its
# layers from 0 and the store renames layer tables when it saves. Not versioned, never overwritten.
LOCAL = {"cim_layers": {"table_name", "position"}}
PG_TYPES = {"INTEGER": "bigint", "INT": "bigint", "REAL": "double precision", "BLOB": "bytea", "TEXT": "text"}


def _sqlite_tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(n, s) for n, s in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='table' AND name LIKE 'cim\\_%' ESCAPE '\\' ORDER BY name")
        if n not in SKIP]


@dataclass
class TableConflict:
    table: str
    key: str          # the primary key (values joined by " | "); "*" for a table without one


def _norm(v):
    if v is None:
        return None
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "b:" + hashlib.sha1(bytes(v)).hexdigest()
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def row_hash(row) -> str:
    """Content hash of one row, the same for its SQLite and its PostgreSQL reading."""
    return hashlib.sha1(json.dumps([_norm(v) for v in row], ensure_ascii=False).encode()).hexdigest()


def _columns(src, name: str) -> list[dict]:
    info = src.execute(f"PRAGMA table_info({name})").fetchall()   # name comes from sqlite_master
    return [{"name": r[1], "pg": PG_TYPES.get((r[2] or "TEXT").upper().split("(")[0], "text"), "pk": int(r[5])}
            for r in info]


def _keyed(cols: list[dict], rows: list[tuple]) -> dict[str, list[tuple]]:
    """key -> rows: one row per primary key, or the whole table under "*"."""
    pk = [i for i, c in enumerate(cols) if c["pk"]]
    if not pk:
        return {"*": sorted(rows, key=lambda r: json.dumps([_norm(v) for v in r]))} if rows else {}
    return {" | ".join(str(r[i]) for i in pk): [r] for r in rows}


def _hash_rows(rows: list[tuple], name: str = "", cols: list[dict] | None = None) -> str:
    skip = LOCAL.get(name, set())
    keep = [i for i, c in enumerate(cols or []) if c["name"] not in skip] if skip and cols else None
    return row_hash([row_hash(r if keep is None else [r[i] for i in keep]) for r in rows])


def table_hashes(gpkg_conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """{table: {key: content hash}} of the project tables of a GeoPackage (a working copy's base)."""
    out = {}
    for name, _ddl in _sqlite_tables(gpkg_conn):
        rows = gpkg_conn.execute(f'SELECT * FROM "{name}"').fetchall()
        cols = _columns(gpkg_conn, name)
        out[name] = {k: _hash_rows(v, name, cols) for k, v in _keyed(cols, rows).items()}
    return out


def push_tables(conn, gpkg: Path, *, base: dict | None = None, conflicts: list | None = None) -> dict:
    """Write the project tables of ``gpkg`` into the database and return their new base hashes.

    ``base`` (a working copy's hashes as pulled): only rows changed since are written, and one that
    changed in the database too is held back and appended to ``conflicts``. Without ``base``
    (publishing) every row is upserted."""
    from cim.db import roles

    src = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    new_base: dict[str, dict[str, str]] = {}
    try:
        for name, ddl in _sqlite_tables(src):
            cols = _columns(src, name)
            _ensure_table(conn, name, ddl, cols, roles)
            keyed = _keyed(cols, src.execute(f'SELECT * FROM "{name}"').fetchall())
            mine = {k: _hash_rows(v, name, cols) for k, v in keyed.items()}
            old = (base or {}).get(name, {})
            new_base[name] = dict(old) if base is not None else dict(mine)
            changed = [k for k in keyed if base is None or mine[k] != old.get(k)]
            if not changed:
                continue
            theirs = _db_hashes(conn, name, cols, changed) if base is not None else {}
            write = []
            for k in changed:
                there = theirs.get(k)
                if base is not None and there is not None and there != old.get(k) and there != mine[k]:
                    if conflicts is not None:
                        conflicts.append(TableConflict(name, k))
                    continue
                write.append(k)
                new_base[name][k] = mine[k]
            if write:
                _upsert(conn, name, cols, [r for k in write for r in keyed[k]],
                        keep=LOCAL.get(name, set()) if base is not None else set())
    finally:
        src.close()
    return new_base


def _db_hashes(conn, name: str, cols: list[dict], keys: list[str]) -> dict[str, str]:
    """key -> hash of the database's rows for ``keys`` (missing keys are left out)."""
    names = [c["name"] for c in cols]
    pk = [c["name"] for c in cols if c["pk"]]
    where, params = sql.SQL(""), ()
    if len(pk) == 1:          # only those rows (a resources table holds files)
        where, params = sql.SQL(" WHERE {}::text = ANY(%s)").format(sql.Identifier(pk[0])), (keys,)
    with conn.cursor(binary=True) as cur:
        cur.execute(sql.SQL("SELECT {} FROM {}{}").format(sql.SQL(", ").join(map(sql.Identifier, names)),
                                                          sql.Identifier("cim", name), where), params)
        rows = cur.fetchall()
    keyed = _keyed(cols, rows)
    return {k: _hash_rows(keyed[k], name, cols) for k in keys if k in keyed}


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


def _upsert(conn, name: str, cols: list[dict], rows: list[tuple], keep: set[str] = frozenset()) -> int:
    """Insert or update by primary key; an existing row keeps its ``keep`` columns."""
    t = sql.Identifier("cim", name)
    names = [c["name"] for c in cols]
    pk = [c["name"] for c in cols if c["pk"]]
    ph = sql.SQL(", ").join(sql.Placeholder() * len(names))
    ident = sql.SQL(", ").join(map(sql.Identifier, names))
    if pk:
        rest = [n for n in names if n not in pk and n not in keep]
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
