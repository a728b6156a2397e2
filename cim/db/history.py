"""The audit trail in the database: revisions (one per push) and every feature change
(who, when, which feature, before/after as JSON), written by triggers for any path — CLI, app or
plain SQL. ``diff`` compares two revisions feature by feature."""

from __future__ import annotations


def log(conn, *, limit: int = 50, layer: str | None = None, cim_id: str | None = None) -> list[dict]:
    if cim_id or layer:
        rows = conn.execute(
            "SELECT h.rev, h.at, h.db_user, h.app_user, l.name, h.cim_id, h.op, h.version FROM cim.history h "
            "LEFT JOIN cim.layers l USING (layer_id) WHERE (%(c)s::text IS NULL OR h.cim_id = %(c)s) "
            "AND (%(l)s::text IS NULL OR l.name = %(l)s OR h.layer_id = %(l)s) ORDER BY h.id DESC LIMIT %(n)s",
            {"c": cim_id, "l": layer, "n": limit}).fetchall()
        keys = ["rev", "at", "db_user", "app_user", "layer", "cim_id", "op", "version"]
    else:
        rows = conn.execute(
            "SELECT r.rev, r.at, r.db_user, r.app_user, r.message, r.inserted, r.updated, r.deleted "
            "FROM cim.revisions r ORDER BY r.rev DESC LIMIT %s", (limit,)).fetchall()
        keys = ["rev", "at", "db_user", "app_user", "message", "inserted", "updated", "deleted"]
    return [dict(zip(keys, r)) for r in rows]


def diff(conn, rev1: int, rev2: int) -> list[dict]:
    """Features changed after ``rev1`` up to and including ``rev2``: state at rev1 vs state at rev2."""
    if rev2 < rev1:
        rev1, rev2 = rev2, rev1
    rows = conn.execute("""
        WITH span AS (
            SELECT h.*, row_number() OVER (PARTITION BY layer_id, cim_id ORDER BY id) AS first_n,
                   row_number() OVER (PARTITION BY layer_id, cim_id ORDER BY id DESC) AS last_n
            FROM cim.history h WHERE h.rev > %s AND h.rev <= %s)
        SELECT f.layer_id, l.name, f.cim_id, f.before, t.after,
               (SELECT array_agg(DISTINCT coalesce(s.app_user, s.db_user::text)) FROM span s
                 WHERE s.layer_id = f.layer_id AND s.cim_id = f.cim_id) AS users
        FROM span f JOIN span t ON t.layer_id = f.layer_id AND t.cim_id = f.cim_id AND t.last_n = 1
        LEFT JOIN cim.layers l ON l.layer_id = f.layer_id
        WHERE f.first_n = 1 ORDER BY l.name, f.cim_id""", (rev1, rev2)).fetchall()
    out = []
    for lid, name, cim_id, before, after, users in rows:
        if before is None and after is None:
            continue
        kind = "added" if before is None else "deleted" if after is None else "modified"
        fields = []
        if kind == "modified":
            skip = {"version"}
            fields = sorted(k for k in set(before) | set(after) if k not in skip and before.get(k) != after.get(k))
            if not fields:
                continue
        out.append({"layer": name or lid, "cim_id": cim_id, "change": kind, "fields": fields,
                    "before": {k: before.get(k) for k in fields} if fields else None,
                    "after": {k: after.get(k) for k in fields} if fields else None, "users": sorted(users or [])})
    return out
