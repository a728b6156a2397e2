"""Permissions in the database itself, not only in the app.

Group roles (NOLOGIN): ``cim_consultant`` writes data; ``cim_reviewer`` reads everything and writes
comments (row-level security: only its own); ``cim_appraiser`` reads everything. Login roles are
made members (``cimstudio db role add USER ROLE``). The audit history is append-only for everybody:
only the SECURITY DEFINER trigger writes it.
"""

from __future__ import annotations

GROUPS = {"consultant": "cim_consultant", "reviewer": "cim_reviewer", "appraiser": "cim_appraiser"}
COMMENT_TABLES = ("cim_comments", "cim_comment_snapshots")


def create_roles(conn) -> None:
    from psycopg import sql

    have = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)",
                                       (list(GROUPS.values()),))}
    for role in GROUPS.values():
        if role not in have:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))


def grant_all(conn) -> None:
    """(Re)apply every grant and policy; called by ``db init`` and after a push creates tables."""
    from psycopg import sql

    every = sql.SQL(", ").join(sql.Identifier(r) for r in GROUPS.values())
    cons = sql.Identifier(GROUPS["consultant"])
    stmts = [
        sql.SQL("GRANT USAGE ON SCHEMA cim, cim_data TO {}").format(every),
        sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA cim, cim_data TO {}").format(every),
        sql.SQL("GRANT CREATE ON SCHEMA cim, cim_data TO {}").format(cons),
        sql.SQL("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA cim_data TO {}").format(cons),
        sql.SQL("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA cim TO {}").format(cons),
        sql.SQL("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON cim.history, cim.info, cim.taxonomy FROM {}").format(cons),
        sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA cim, cim_data TO {}").format(cons),
        sql.SQL("REVOKE ALL ON cim.history FROM PUBLIC"),
        sql.SQL("GRANT SELECT ON cim.history TO {}").format(every),
    ]
    for stmt in stmts:
        conn.execute(stmt)
    # layer tables are owned by the consultant group, so any consultant can push new fields
    for (table,) in conn.execute("SELECT table_name FROM cim.layers").fetchall():
        conn.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(sql.Identifier("cim_data", table), cons))
    for table in COMMENT_TABLES:
        if conn.execute("SELECT to_regclass(%s)", (f"cim.{table}",)).fetchone()[0] is not None:
            grant_comment_policies(conn, table)


def grant_comment_policies(conn, table: str) -> None:
    """Reviewers insert comments and change only their own (row-level security)."""
    from psycopg import sql

    cons = sql.Identifier(GROUPS["consultant"])
    rev = sql.Identifier(GROUPS["reviewer"])
    t = sql.Identifier("cim", table)
    conn.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS db_author name DEFAULT session_user").format(t))
    conn.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(t))
    conn.execute(sql.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(t))
    conn.execute(sql.SQL("GRANT INSERT, UPDATE ON {} TO {}").format(t, rev))
    for name in ("cim_read", "cim_consultant_all", "cim_own_insert", "cim_own_update"):
        conn.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(name), t))
    conn.execute(sql.SQL("CREATE POLICY cim_read ON {} FOR SELECT USING (true)").format(t))
    conn.execute(sql.SQL("CREATE POLICY cim_consultant_all ON {} FOR ALL TO {} USING (true) "
                         "WITH CHECK (true)").format(t, cons))
    conn.execute(sql.SQL("CREATE POLICY cim_own_insert ON {} FOR INSERT TO {} "
                         "WITH CHECK (db_author = session_user)").format(t, rev))
    conn.execute(sql.SQL("CREATE POLICY cim_own_update ON {} FOR UPDATE TO {} "
                         "USING (db_author = session_user) WITH CHECK (db_author = session_user)").format(t, rev))


def add_member(conn, user: str, role: str, *, password: str | None = None) -> None:
    """Create the login role ``user`` if needed and make it a member of the group for ``role``."""
    from psycopg import sql

    from cim.errors import CimInputError

    if role not in GROUPS:
        raise CimInputError(None, f"unknown role {role!r}", hint=f"one of: {', '.join(GROUPS)}")
    ident = sql.Identifier(user)
    with conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone()
        if not exists:
            if password is None:
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident))
            else:
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(ident, sql.Literal(password)))
        for other in GROUPS.values():
            if other != GROUPS[role]:
                conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), ident))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUPS[role]), ident))


def adopt_table(conn, schema: str, table: str) -> None:
    """A table a push just created: owned by the consultant group, readable by everyone."""
    from psycopg import sql

    t = sql.Identifier(schema, table)
    conn.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(t, sql.Identifier(GROUPS["consultant"])))
    conn.execute(sql.SQL("GRANT SELECT ON {} TO {}, {}").format(
        t, sql.Identifier(GROUPS["reviewer"]), sql.Identifier(GROUPS["appraiser"])))
    if schema == "cim" and table in COMMENT_TABLES:
        grant_comment_policies(conn, table)
