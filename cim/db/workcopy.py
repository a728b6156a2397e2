"""A working copy: a ``*.cim.gpkg`` checked out of a database, remembering per feature the version
and content hash it was pulled (or last pushed) at.

Stored in the project file by the store's hooks, so it travels in the same atomic save:
``cim_db_link`` (key/value: connection without password, filter) and ``cim_db_base``
(layer_id, cim_id, version, hash). Local changes are found set-based by comparing content hashes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from cim.project.store import register_hook

LINK_DDL = "CREATE TABLE IF NOT EXISTS cim_db_link (key TEXT PRIMARY KEY, value TEXT)"
BASE_DDL = ("CREATE TABLE IF NOT EXISTS cim_db_base (layer_id TEXT NOT NULL, cim_id TEXT NOT NULL, "
            "version INTEGER NOT NULL, hash INTEGER NOT NULL, PRIMARY KEY (layer_id, cim_id))")
TABLES_DDL = ("CREATE TABLE IF NOT EXISTS cim_db_table_base (name TEXT NOT NULL, key TEXT NOT NULL, "
              "hash TEXT NOT NULL, PRIMARY KEY (name, key))")
LINK_TABLES = ("cim_db_link", "cim_db_base", "cim_db_table_base")


@dataclass
class DbLink:
    dsn: str
    filter: dict = field(default_factory=dict)
    rev: int | None = None          # the database's last revision when this copy was pulled (or published)
    pushed: int | None = None       # the last revision this copy pushed
    # project tables: {table: {row key: content hash}} as pulled / last pushed (cim.db.project_tables)
    tables: dict = field(default_factory=dict)
    # layer_id -> pandas DataFrame indexed by cim_id with columns version (int64), hash (uint64 as int64)
    base: dict = field(default_factory=dict)


def link_of(project) -> DbLink | None:
    return project.ext.db_link


def set_link(project, link: DbLink | None) -> None:
    project.ext.db_link = link


# hashing (shared with the file's lost-update guard) ------------------------------
def row_hashes(gdf, columns: list[str]):
    """One int64 per feature (index = cim_id), insensitive to int/float/bool dtype drift."""
    from cim.project.file_state import row_hashes as _hashes

    return _hashes(gdf, columns)


@dataclass
class LocalChanges:
    inserted: list
    updated: list
    deleted: list

    def __len__(self) -> int:
        return len(self.inserted) + len(self.updated) + len(self.deleted)


def local_changes(rec, base, columns: list[str]) -> LocalChanges:
    """Which cim_ids of the layer were added, changed or deleted since ``base`` (set-based)."""
    import pandas as pd

    cur = row_hashes(rec.data, columns)
    if base is None or not len(base):
        return LocalChanges(list(cur.index), [], [])
    joined = pd.DataFrame({"cur": cur}).join(base[["hash"]], how="outer")
    inserted = joined.index[joined["hash"].isna()].tolist()
    deleted = joined.index[joined["cur"].isna()].tolist()
    both = joined.dropna()
    updated = both.index[both["cur"].astype("int64") != both["hash"].astype("int64")].tolist()
    return LocalChanges(inserted, updated, deleted)


# store hooks ----------------------------------------------------------------
def _write(conn, project) -> None:
    link = link_of(project)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if link is None:
        for t in LINK_TABLES:
            if t in names:
                conn.execute(f"DROP TABLE {t}")
                conn.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (t,))
        return
    conn.execute(LINK_DDL)
    conn.execute(BASE_DDL)
    conn.execute(TABLES_DDL)
    for t in LINK_TABLES:
        conn.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, "
                     "last_change) VALUES (?, 'attributes', ?, 'CIM Studio database working copy', "
                     "strftime('%Y-%m-%dT%H:%M:%fZ','now'))", (t, t))
    conn.execute("DELETE FROM cim_db_link")
    conn.executemany("INSERT INTO cim_db_link VALUES (?, ?)",
                     [("dsn", link.dsn), ("filter", json.dumps(link.filter, ensure_ascii=False)),
                      ("rev", "" if link.rev is None else str(link.rev)),
                      ("pushed", "" if link.pushed is None else str(link.pushed))])
    conn.execute("DELETE FROM cim_db_table_base")
    conn.executemany("INSERT INTO cim_db_table_base VALUES (?, ?, ?)",
                     [(t, k, h) for t, rows in link.tables.items() for k, h in rows.items()])
    conn.execute("DELETE FROM cim_db_base")
    for lid, base in link.base.items():
        if base is None or not len(base):
            continue
        conn.executemany("INSERT INTO cim_db_base VALUES (?, ?, ?, ?)",
                         zip([lid] * len(base), base.index.tolist(), base["version"].astype("int64").tolist(),
                             base["hash"].astype("int64").tolist()))


def _read(conn, project) -> None:
    import pandas as pd

    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "cim_db_link" not in names:
        set_link(project, None)
        return
    kv = dict(conn.execute("SELECT key, value FROM cim_db_link"))
    link = DbLink(dsn=kv.get("dsn", ""), filter=json.loads(kv.get("filter") or "{}"),
                  rev=int(kv["rev"]) if kv.get("rev") else None, pushed=int(kv["pushed"]) if kv.get("pushed") else None)
    rows = pd.DataFrame(conn.execute("SELECT layer_id, cim_id, version, hash FROM cim_db_base").fetchall(),
                        columns=["layer_id", "cim_id", "version", "hash"])
    if "cim_db_table_base" in names:
        for t, k, h in conn.execute("SELECT name, key, hash FROM cim_db_table_base"):
            link.tables.setdefault(t, {})[k] = h
    for lid, grp in rows.groupby("layer_id"):
        link.base[lid] = grp.set_index("cim_id")[["version", "hash"]].astype("int64")
    set_link(project, link)


register_hook("write", _write)
register_hook("open", _read)
