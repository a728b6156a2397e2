"""The review tables inside the project GeoPackage, written in the same atomic save as the rest.

``cim_comments``: one row per thread (JSON), ``cim_comment_snapshots``: PNGs by thread/comment id,
``cim_roles``: who has which role. Registered as store hooks (``cim.project.store.HOOKS``).
"""

from __future__ import annotations

import json
import sqlite3

from cim.project.store import register_hook

TABLES = {
    "cim_comments": ("CREATE TABLE IF NOT EXISTS cim_comments (thread_id TEXT PRIMARY KEY, position INTEGER, "
                     "status TEXT, anchor_kind TEXT, title TEXT, data TEXT NOT NULL)"),
    "cim_comment_snapshots": ("CREATE TABLE IF NOT EXISTS cim_comment_snapshots (id TEXT PRIMARY KEY, "
                              "thread_id TEXT, png BLOB NOT NULL)"),
    "cim_roles": "CREATE TABLE IF NOT EXISTS cim_roles (user TEXT PRIMARY KEY, role TEXT NOT NULL)",
}


def _ensure(conn: sqlite3.Connection) -> None:
    for name, ddl in TABLES.items():
        conn.execute(ddl)
        conn.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change)"
            " VALUES (?, 'attributes', ?, 'CIM Studio review table', strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
            (name, name))


def write_review_tables(conn: sqlite3.Connection, project) -> None:
    write_comment_tables(conn, project)
    conn.execute("DELETE FROM cim_roles")
    conn.executemany("INSERT INTO cim_roles VALUES (?, ?)", _role_rows(project))


def _role_rows(project) -> list[tuple[str, str]]:
    from cim.project.access import CEILING_USER
    from cim.review.roles import role_assignments

    rows = sorted((u, r) for u, r in role_assignments(project).items() if u != CEILING_USER)
    ceiling = project.ext.role_ceiling
    return rows + ([(CEILING_USER, ceiling)] if ceiling else [])


def write_comment_tables(conn: sqlite3.Connection, project) -> None:
    """Only the comment tables: what a reviewer's save writes (their roles stay as the file has them)."""
    from cim.review.model import review_book

    _ensure(conn)
    conn.execute("DELETE FROM cim_comments")
    conn.execute("DELETE FROM cim_comment_snapshots")
    for pos, t in enumerate(review_book(project)):
        conn.execute("INSERT INTO cim_comments VALUES (?, ?, ?, ?, ?, ?)",
                     (t.id, pos, t.status, t.anchor.kind, t.title, json.dumps(t.to_dict(), ensure_ascii=False)))
        conn.executemany("INSERT INTO cim_comment_snapshots VALUES (?, ?, ?)",
                         [(k, t.id, sqlite3.Binary(v)) for k, v in t.snapshots().items()])


def read_review_tables(conn: sqlite3.Connection, project) -> None:
    from cim.project.access import CEILING_USER, _grant, effective_role
    from cim.review.model import Thread, review_book
    from cim.review.roles import role_assignments

    book, roles = review_book(project), role_assignments(project)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "cim_comments" in names:
        snaps: dict[str, dict[str, bytes]] = {}
        for sid, tid, png in conn.execute("SELECT id, thread_id, png FROM cim_comment_snapshots"):
            snaps.setdefault(tid, {})[sid] = bytes(png)
        for tid, data in conn.execute("SELECT thread_id, data FROM cim_comments ORDER BY position"):
            book.threads[tid] = Thread.from_dict(json.loads(data), snaps.get(tid))
    ceiling = None
    if "cim_roles" in names:
        for user, role in conn.execute("SELECT user, role FROM cim_roles"):
            if user == CEILING_USER:
                ceiling = str(role)
            else:
                roles[str(user)] = str(role)
    if ceiling is not None:
        project.ext.role_ceiling = ceiling
    _grant(project, effective_role(roles, project.user, ceiling))


register_hook("write", write_review_tables)
register_hook("open", read_review_tables)
