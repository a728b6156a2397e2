"""Check out a working copy: all of the database, one or more layers, a bounding box or one commune.

The working copy is a normal ``*.cim.gpkg`` written to a temporary file and renamed into place,
remembering the connection (without password) and each feature's version.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from psycopg import sql

from cim.db import tables as T
from cim.db.sync import db_layers
from cim.db.workcopy import DbLink, row_hashes
from cim.errors import CimInputError
from cim.feedback import Feedback


def _commune_geometry(conn, layers: dict, commune: str):
    """The EWKB of the boundary feature whose cim_id, name or code is ``commune``."""
    for row in layers.values():
        if row["object_kind"] not in ("boundary", "commune"):
            continue
        names = {c["name"] for c in row["columns"]}
        conds = [sql.SQL("cim_id = %(c)s")] + [sql.SQL("{}::text = %(c)s").format(sql.Identifier(n))
                                               for n in ("name", "code", "commune_code", "ma_xa") if n in names]
        hit = conn.execute(sql.SQL("SELECT ST_AsEWKB(ST_Union(geom)) FROM {} WHERE {}").format(
            sql.Identifier("cim_data", row["table_name"]), sql.SQL(" OR ").join(conds)), {"c": commune}).fetchone()
        if hit and hit[0] is not None:
            return bytes(hit[0])
    raise CimInputError(None, f"no commune {commune!r} in the boundary layers of the database",
                        hint="give the cim_id or the name of a boundary feature")


def pull(conn, target: str | Path, *, dsn: str, layers: list[str] | None = None,
         bbox: tuple[float, float, float, float] | None = None, commune: str | None = None,
         feedback: Feedback | None = None) -> Path:
    from cim.db import project_tables
    from cim.project import tables

    feedback = feedback or Feedback()
    target = Path(target).resolve()
    if not target.parent.is_dir():
        raise CimInputError(target, "the folder does not exist", hint="create it first")
    known = db_layers(conn)
    if not known:
        raise CimInputError(dsn, "the database holds no layers", hint="publish a project with `cimstudio db push`")
    chosen = list(known.values())
    if layers:
        by_name = {r["name"]: r for r in known.values()} | known
        missing = [n for n in layers if n not in by_name]
        if missing:
            raise CimInputError(dsn, f"no layer {', '.join(missing)} in the database",
                                hint=f"layers are: {', '.join(sorted(r['name'] for r in known.values()))}")
        chosen = [by_name[n] for n in layers]
    where, params = None, {}
    at_rev = conn.execute("SELECT max(rev) FROM cim.revisions").fetchone()[0]   # read before the rows: conservative
    if commune:
        params["g"] = _commune_geometry(conn, known, commune)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.pulling.gpkg")
    tmp.unlink(missing_ok=True)
    try:
        gconn = sqlite3.connect(tmp)
        with gconn:
            tables.ensure_geopackage(gconn)
        gconn.close()
        versions = {}
        n = max(len(chosen), 1)
        for i, row in enumerate(chosen):
            feedback.raise_if_canceled("pull")
            conds = []
            if bbox:
                conds.append(sql.SQL("ST_Intersects(geom, ST_MakeEnvelope({}, {}, {}, {}, {}))").format(
                    *(sql.Literal(float(v)) for v in bbox), sql.Literal(int(row["srid"] or 0))))
            if commune:
                conds.append(sql.SQL("ST_Intersects(geom, ST_Transform(%(g)s::geometry, {}))").format(
                    sql.Literal(int(row["srid"] or 0))))
            where = sql.SQL(" AND ").join(conds) if conds else None
            with feedback.step(i / n, (i + 1) / n):
                gdf, ver = T.read_layer(conn, row, where=where, params=params)
                write_layer_table(tmp, row["table_name"], gdf, row["geometry_type"])
            versions[row["layer_id"]] = ver
        gconn = sqlite3.connect(tmp)
        with gconn:
            tables.ensure_project_tables(gconn)
            project_tables.pull_tables(conn, gconn, keep_layers={r["layer_id"] for r in chosen} | _non_vector(conn))
            table_base = project_tables.table_hashes(gconn)        # the rows as pulled: their versions
        gconn.close()
        filt = {k: v for k, v in {"layers": [r["name"] for r in chosen] if layers else None,
                                  "bbox": list(bbox) if bbox else None, "commune": commune}.items() if v}
        _write_link(tmp, conn, DbLink(dsn=dsn, filter=filt, rev=at_rev, tables=table_base), versions, chosen)
        from cim.io.atomic import replace

        replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    feedback.set_progress(1.0)
    return target


def write_layer_table(gpkg: Path, table: str, gdf, geometry_type: str | None = None) -> None:
    """One vector layer table, written exactly as the project store writes it."""
    from cim.project.layer import LayerRecord
    from cim.project.serializers import serializer_for

    rec = LayerRecord(name=table, kind="vector", data=gdf, source={"geometry_type": geometry_type or "Unknown"})
    serializer_for("vector").write(Path(gpkg), table, rec, Feedback())


def _non_vector(conn) -> set[str]:
    if conn.execute("SELECT to_regclass('cim.cim_layers')").fetchone()[0] is None:
        return set()
    return {r[0] for r in conn.execute("SELECT layer_id FROM cim.cim_layers WHERE kind <> 'vector'")}


def _write_link(path: Path, conn, link: DbLink, versions: dict, chosen: list[dict]) -> None:
    """Hash the features as the working copy reads them back, so later comparisons are exact."""
    import pandas as pd

    from cim.db import workcopy
    from cim.project.store import open_project

    project = open_project(path)
    for row in chosen:
        rec = project.layers.get(row["layer_id"])
        if rec is None:
            continue
        h = row_hashes(rec.data, [c["name"] for c in row["columns"]])
        ver = versions[row["layer_id"]]
        link.base[row["layer_id"]] = pd.DataFrame({"version": ver.reindex(h.index).to_numpy(),
                                                   "hash": h.to_numpy()}, index=h.index).astype("int64")
    gconn = sqlite3.connect(path)
    try:
        with gconn:
            project.ext.db_link = link
            workcopy._write(gconn, project)
    finally:
        gconn.close()
