"""Which rows of a working copy's layer the database holds unchanged (read-only).

The PostGIS check engine reads those rows from the published table (``cim_data.<table>``, GiST
indexed) instead of copying them into a temporary table. A row qualifies when its content hash equals
the one it was pulled at (no local edit, unsaved edits included: the hash is of the layer in memory)
and its database version is still the pulled one (no one pushed it since) and the connected role sees
it (row-level security). Everything else — local inserts and updates, rows changed or deleted in the
database since the pull, rows the role cannot see — goes to a small temporary table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DbRows:
    table: str              # quoted "cim_data"."<table>"
    keys: object            # numpy object array: the cim_id of every row of the layer (positions)
    direct: object          # numpy bool array: the row is read from the database table
    visible: object         # numpy object array: every cim_id of the table the role sees


def db_rows(conn, project, layer_id: str) -> DbRows | None:
    """The layer's rows the database table holds unchanged, or None (not a layer of the database)."""
    import numpy as np
    from psycopg import sql

    from cim.db.sync import db_layers
    from cim.db.workcopy import link_of, local_changes

    link = link_of(project)
    rec = project.layers.get(layer_id)
    if link is None or rec is None or layer_id not in link.base or getattr(rec, "data", None) is None:
        return None
    df = rec.data
    if "cim_id" not in df.columns or df["cim_id"].isna().any() or df["cim_id"].astype(str).duplicated().any():
        return None
    row = db_layers(conn).get(layer_id)
    if row is None:
        return None
    base = link.base[layer_id]
    keys = df["cim_id"].astype(str).to_numpy(dtype=object)
    ch = local_changes(rec, base, [c["name"] for c in row["columns"]])
    edited = set(ch.inserted) | set(ch.updated)
    ident = sql.Identifier("cim_data", row["table_name"])
    live = dict(conn.execute(sql.SQL("SELECT cim_id, version FROM {}").format(ident)).fetchall())
    pulled = dict(zip(base.index.tolist(), base["version"].astype("int64").tolist()))
    direct = np.fromiter((k not in edited and k in live and live[k] == pulled.get(k) for k in keys),
                         dtype=bool, count=len(keys))
    return DbRows(ident.as_string(conn), keys, direct, np.array(list(live), dtype=object))


def geometry_origins(project):
    """``{id(geometry): (layer id, row)}`` over the working copy's layers of the database, and the
    geometry arrays (hold them: the ids stay those objects' while they live). A check run hands the
    engine the layers' own shapely objects, so identity tells which rows an array holds."""
    import numpy as np

    from cim.db.workcopy import link_of

    ids, hold = {}, []
    link = link_of(project)
    for lid in (link.base if link is not None else {}):
        rec = project.layers.get(lid)
        if getattr(rec, "data", None) is None or not hasattr(rec.data, "geometry"):
            continue
        arr = np.asarray(rec.data.geometry.array, dtype=object)
        hold.append(arr)
        ids.update((id(g), (lid, r)) for r, g in enumerate(arr.tolist()) if g is not None)
    return ids, hold


def left_out(wanted, visible) -> list | None:
    """The visible cim_ids a query of the table must leave out to keep ``wanted`` (⊆ visible), or None."""
    import numpy as np

    if len(wanted) == len(visible):
        return None
    return np.setdiff1d(visible.astype(str), wanted.astype(str)).tolist()


def copy_srid(conn, project) -> int:
    """The SRID of the working copy's database layers when they share one (else 0)."""
    from cim.db.sync import db_layers
    from cim.db.workcopy import link_of

    link = link_of(project) if project is not None else None
    if link is None:
        return 0
    srids = {int(r["srid"] or 0) for lid, r in db_layers(conn).items() if lid in link.base}
    return srids.pop() if len(srids) == 1 else 0
