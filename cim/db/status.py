"""``db status`` and ``db conflicts``: what the database holds, what a working copy changed, and
which of its edits are stale (the feature changed in the database since it was pulled)."""

from __future__ import annotations

from psycopg import sql

from cim.db.sync import Conflict, db_layers
from cim.db.workcopy import link_of, local_changes


def status(conn, project=None) -> dict:
    layers = db_layers(conn)
    last = conn.execute("SELECT max(rev), count(*) FROM cim.revisions").fetchone()
    out = {"last_rev": last[0], "revisions": last[1], "layers": []}
    link = link_of(project) if project is not None else None
    if link is not None:
        out["pulled_rev"], out["pushed_rev"] = link.rev, link.pushed
    for lid, row in layers.items():
        t = sql.Identifier("cim_data", row["table_name"])
        n = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(t)).fetchone()[0]
        item = {"layer_id": lid, "name": row["name"], "features": n}
        if link is not None and lid in project.layers and lid in link.base:
            ch = local_changes(project.layers[lid], link.base[lid], [c["name"] for c in row["columns"]])
            item["local"] = {"inserted": len(ch.inserted), "updated": len(ch.updated), "deleted": len(ch.deleted)}
            item["behind"] = len(_stale(conn, row, link.base[lid]))
            if not link.filter:     # a partial copy cannot tell new features outside its area from the rest
                item["behind"] += conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE NOT (cim_id = ANY(%s))")
                                               .format(t), (link.base[lid].index.tolist(),)).fetchone()[0]
        out["layers"].append(item)
    return out


def _stale(conn, row, base) -> dict[str, int | None]:
    """cim_id -> live version (None: deleted) for base features whose live version moved on."""
    ids = base.index.tolist()
    t = sql.Identifier("cim_data", row["table_name"])
    live = dict(conn.execute(sql.SQL("SELECT cim_id, version FROM {} WHERE cim_id = ANY(%s)").format(t),
                             (ids,)).fetchall())
    vers = base["version"]
    return {i: live.get(i) for i, v in zip(ids, vers.tolist()) if live.get(i) != v}


def find_conflicts(conn, project) -> list[Conflict]:
    """Locally changed features whose database version moved on since the base (no write)."""
    link = link_of(project)
    if link is None:
        return []
    out = []
    layers = db_layers(conn)
    for lid, base in link.base.items():
        if lid not in layers or lid not in project.layers:
            continue
        row = layers[lid]
        ch = local_changes(project.layers[lid], base, [c["name"] for c in row["columns"]])
        stale = _stale(conn, row, base)
        for op, ids in (("u", ch.updated), ("d", ch.deleted)):
            for i in ids:
                if i in stale:
                    out.append(Conflict(lid, row["name"], i, int(base.at[i, "version"]), stale[i], op))
        if ch.inserted:
            t = sql.Identifier("cim_data", row["table_name"])
            for i, v in conn.execute(sql.SQL("SELECT cim_id, version FROM {} WHERE cim_id = ANY(%s)").format(t),
                                     (ch.inserted,)).fetchall():
                out.append(Conflict(lid, row["name"], i, 0, v, "i"))
    return out
