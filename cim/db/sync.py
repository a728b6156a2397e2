"""Push a project (or a working copy's edits) to the database, pull a working copy out of it.

A push is ONE transaction: a revision row, the changed rows COPYed (binary) into a temporary
staging table per layer, a set-based conflict test against the live versions (rows locked
``FOR UPDATE``), then UPDATE/INSERT/DELETE from the staging table. Any conflict, error, cancel or
a killed client rolls the whole push back; the working copy is only marked pushed after COMMIT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from psycopg import sql

from cim.db import tables as T
from cim.db.workcopy import DbLink, link_of, local_changes, row_hashes, set_link
from cim.errors import CimInputError
from cim.feedback import Feedback


@dataclass
class Conflict:
    layer_id: str
    layer: str
    cim_id: str
    base_version: int
    their_version: int | None      # None: deleted in the database
    op: str                        # what mine does: i(nsert) u(pdate) d(elete)


@dataclass
class PushResult:
    rev: int | None = None
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    table_conflicts: list = field(default_factory=list)     # project rows held back (project_tables)

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted


def db_layers(conn) -> dict[str, dict]:
    rows = conn.execute("SELECT layer_id, table_name, name, kind, object_kind, crs, srid, geometry_type, columns, "
                        "position FROM cim.layers ORDER BY position").fetchall()
    keys = ["layer_id", "table_name", "name", "kind", "object_kind", "crs", "srid", "geometry_type", "columns",
            "position"]
    return {r[0]: dict(zip(keys, r)) for r in rows}


def _check_keys(project, rec) -> None:
    df = rec.data
    if "cim_id" not in df.columns:
        raise CimInputError(project.path, f"layer {rec.name!r} has no cim_id field", obj=rec.name,
                            hint="every feature needs a cim_id to be shared in a database (cimstudio validate)")
    ids = df["cim_id"]
    if ids.isna().any() or ids.astype(str).duplicated().any():
        raise CimInputError(project.path, f"layer {rec.name!r} has empty or duplicate cim_id values",
                            obj=rec.name, hint="fix them first (cimstudio validate lists them)")


def push(conn, project, *, dsn: str, message: str = "", feedback: Feedback | None = None) -> PushResult:
    """Push every vector layer of ``project`` (publishing new layers). Conflicts are returned in the
    result and then nothing at all was written."""
    try:
        return _push(conn, project, dsn=dsn, message=message, feedback=feedback)
    except _Rollback as rb:
        return PushResult(conflicts=rb.result.conflicts)


def _push(conn, project, *, dsn: str, message: str, feedback: Feedback | None) -> PushResult:
    from cim.db import project_tables, roles
    from cim.db.schema import is_initialised

    feedback = feedback or Feedback()
    if not is_initialised(conn):
        raise CimInputError(dsn, "the database has no CIM schema", hint="run `cimstudio db init` first")
    link = link_of(project)
    known = db_layers(conn)
    vectors = [r for r in project.ordered_layers() if r.kind == "vector"]
    for rec in vectors:
        _check_keys(project, rec)
        if rec.id in known and link is None:
            raise CimInputError(project.path, f"layer {rec.name!r} is already in the database",
                                hint="pull a working copy (cimstudio db pull) and edit that")
    result = PushResult()
    new_base: dict = {}
    with conn.transaction():
        rev = conn.execute("INSERT INTO cim.revisions (app_user, message) VALUES (%s, %s) RETURNING rev",
                           (project.user, message or None)).fetchone()[0]
        conn.execute("SELECT set_config('cim.rev', %s, true), set_config('cim.user', %s, true)",
                     (str(rev), project.user))
        n = max(len(vectors), 1)
        for i, rec in enumerate(vectors):
            feedback.raise_if_canceled("push")
            with feedback.step(i / n, (i + 1) / n):
                if rec.id not in known:
                    new_base[rec.id] = _publish_layer(conn, rec, i, feedback)
                    result.inserted += len(new_base[rec.id])
                    roles.adopt_table(conn, "cim_data", known_table(conn, rec.id))
                else:
                    base = link.base.get(rec.id) if link else None
                    out = _push_layer(conn, rec, known[rec.id], base, feedback, result)
                    if out is not None:
                        new_base[rec.id] = out
        if result.conflicts:
            raise _Rollback(result)
        tables_base = None
        if project.path is not None and Path(project.path).exists():
            tables_base = project_tables.push_tables(conn, Path(project.path), base=link.tables if link else None,
                                                     conflicts=result.table_conflicts)
        if not result.changed:      # nothing in the layers changed: no revision (project tables were upserted)
            conn.execute("DELETE FROM cim.revisions WHERE rev = %s", (rev,))
            rev = None
        conn.execute("UPDATE cim.revisions SET inserted = %s, updated = %s, deleted = %s WHERE rev = %s",
                     (result.inserted, result.updated, result.deleted, rev))
        result.rev = rev
    link = link or DbLink(dsn=dsn, rev=rev)
    if tables_base is not None:
        link.tables = tables_base
    if rev is not None:
        link.pushed = rev
    for lid, base in new_base.items():
        link.base[lid] = base
    set_link(project, link)
    return result


class _Rollback(Exception):
    def __init__(self, result):
        self.result = result


def known_table(conn, layer_id: str) -> str:
    return conn.execute("SELECT table_name FROM cim.layers WHERE layer_id = %s", (layer_id,)).fetchone()[0]


def _publish_layer(conn, rec, position: int, feedback):
    import pandas as pd
    from psycopg.types.json import Jsonb

    from cim.project.names import unique_table_name

    taken = {r[0] for r in conn.execute("SELECT table_name FROM cim.layers")}
    taken |= {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'cim_data'")}
    table = unique_table_name(rec.name, taken)
    gdf = rec.data
    cols = T.columns_of(gdf)
    srid = T.srid_of(gdf, rec.crs)
    gtype = T.geometry_type(gdf)
    T.create_layer_table(conn, table, rec.id, cols, gtype, srid)
    conn.execute("INSERT INTO cim.layers VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                 (rec.id, table, rec.name, rec.kind, rec.object_kind, rec.crs, srid, gtype, Jsonb(cols), position))
    names, values = T.column_values(gdf, cols, srid)
    T.copy_rows(conn, sql.Identifier("cim_data", table), names, values, T.types_for(names, cols), feedback)
    hashes = row_hashes(gdf, [c["name"] for c in cols])
    return pd.DataFrame({"version": 1, "hash": hashes.to_numpy()}, index=hashes.index).astype("int64")


def _push_layer(conn, rec, dbrow: dict, base, feedback, result: PushResult):
    import numpy as np
    import pandas as pd

    cols = dbrow["columns"]
    names_db = [c["name"] for c in cols]
    gcol = rec.data.geometry.name
    local_cols = [c for c in rec.data.columns if c not in (gcol, "cim_id")]
    extra = sorted(set(local_cols) - set(names_db))
    if extra:
        raise CimInputError(None, f"layer {rec.name!r} has fields the database lacks: {', '.join(extra)}",
                            obj=rec.name, hint="field changes are not pushed; remove them or publish a new layer")
    ch = local_changes(rec, base, names_db)
    if not len(ch):
        return base
    t = sql.Identifier("cim_data", dbrow["table_name"])
    conn.execute(sql.SQL("CREATE TEMP TABLE cim_stage (op text, base_version int, LIKE {}) ON COMMIT DROP").format(t))
    conn.execute("ALTER TABLE cim_stage ALTER COLUMN version DROP NOT NULL")
    df = rec.data
    ids = df["cim_id"].astype(str)
    bver = base["version"] if base is not None else pd.Series(dtype="int64")
    up = df[ids.isin(ch.inserted + ch.updated).to_numpy()]
    up_ids = up["cim_id"].astype(str)
    ops = np.where(up_ids.isin(ch.inserted).to_numpy(), "i", "u")
    bv = bver.reindex(up_ids.to_numpy()).fillna(0).astype("int64").to_numpy().copy()
    bv[ops == "i"] = 0
    names, values = T.column_values(up, cols, int(dbrow["srid"] or 0),
                                    extra={"op": ops.tolist(), "base_version": bv.tolist()})
    stage = sql.Identifier("cim_stage")
    T.copy_rows(conn, stage, names, values, T.types_for(names, cols), feedback)
    if ch.deleted:
        dv = bver.reindex(ch.deleted).fillna(0).astype("int64").tolist()
        T.copy_rows(conn, stage, ["op", "base_version", "cim_id"], [["d"] * len(dv), dv, list(ch.deleted)],
                    ["text", "int4", "text"])
    conn.execute(sql.SQL("SELECT 1 FROM {} t JOIN cim_stage s USING (cim_id) ORDER BY t.cim_id FOR UPDATE OF t").format(t))
    rows = conn.execute(sql.SQL(
        "SELECT s.cim_id, s.op, s.base_version, t.version FROM cim_stage s LEFT JOIN {} t USING (cim_id) "
        "WHERE (s.base_version > 0 AND t.version IS DISTINCT FROM s.base_version) "
        "OR (s.base_version = 0 AND t.cim_id IS NOT NULL) ORDER BY s.cim_id").format(t)).fetchall()
    if rows:
        result.conflicts += [Conflict(rec.id, rec.name, r[0], r[2], r[3], r[1]) for r in rows]
        conn.execute("DROP TABLE cim_stage")
        return None
    assign = sql.SQL(", ").join(sql.SQL("{0} = s.{0}").format(sql.Identifier(n)) for n in ["fid", *names_db, "geom"])
    cols_all = sql.SQL(", ").join(map(sql.Identifier, ["cim_id", "fid", *names_db, "geom"]))
    result.updated += conn.execute(sql.SQL("UPDATE {} t SET {} FROM cim_stage s WHERE t.cim_id = s.cim_id "
                                           "AND s.op = 'u'").format(t, assign)).rowcount
    result.inserted += conn.execute(sql.SQL("INSERT INTO {} ({}) SELECT {} FROM cim_stage WHERE op = 'i'").format(
        t, cols_all, cols_all)).rowcount
    result.deleted += conn.execute(sql.SQL("DELETE FROM {} t USING cim_stage s WHERE t.cim_id = s.cim_id "
                                           "AND s.op = 'd'").format(t)).rowcount
    fresh = dict(conn.execute(sql.SQL("SELECT s.cim_id, t.version FROM cim_stage s JOIN {} t USING (cim_id)")
                              .format(t)).fetchall())
    conn.execute("DROP TABLE cim_stage")
    cur = row_hashes(rec.data, names_db)
    new = base.drop(index=[i for i in ch.deleted if i in base.index]) if base is not None else \
        pd.DataFrame(columns=["version", "hash"], dtype="int64")
    touched = list(fresh)
    upd = pd.DataFrame({"version": pd.Series(fresh).reindex(touched).to_numpy(),
                        "hash": cur.reindex(touched).to_numpy()}, index=pd.Index(touched, dtype=object))
    new = pd.concat([new[~new.index.isin(touched)], upd]).astype("int64")
    return new
