"""The heavy predicates of a check run pushed down to SQL: DuckDB spatial or PostGIS.

A check run hands an engine the geometry arrays it already holds (``ctx.geoms``: the layer as the
user sees it, unsaved edits included), keyed by the run cache's key. The engine loads each array
once per run as a table ``(pos, geom, minx, miny, maxx, maxy)`` — ``pos`` is the row position in
the array, the bounds are shapely's own doubles — and answers with positions, so a rule turns the
answer into the very issues the in-memory engine makes. Loading is vectorised: WKB from
``shapely.to_wkb`` through Arrow into DuckDB (``ST_GeomFromWKB``), a binary COPY into a temporary
PostGIS table with a GiST index — except, in PostGIS, for a working copy of the database: the rows it
holds unchanged are read from the published ``cim_data`` tables (:mod:`cim.db.checksource`).

Two predicates:

- :meth:`overlap_candidates` (PLN-02): ordered pairs whose box shrunk by ``eps`` meets the other's
  box — the in-memory candidate rule, both ways round — and whose intersection covers about
  ``min_area`` or more; the caller recomputes the exact areas of these few pairs with shapely.
- :meth:`near_counts` (generic ``near``/``inside``/``share`` rules): for the subject rows given,
  the number of target objects within ``distance`` (or that the subject is ``within`` /
  ``intersects``).

Each query is a spatial join (DuckDB's ``SPATIAL_JOIN`` operator; the GiST index in PostGIS), which
:func:`explain` exposes for the query-plan tests.
"""

from __future__ import annotations

import itertools

_seq = itertools.count()
PREDICATES = {"dwithin": "ST_DWithin({s}, {t}, {d})", "intersects": "ST_Intersects({t}, {s})",
              "within": "ST_Within({s}, {t})", "contains": "ST_Contains({s}, {t})"}


class _Engine:
    name = ""

    def __init__(self) -> None:
        self.tables: dict = {}          # cache key -> table name (this run)
        self.seconds: dict[str, float] = {}

    def begin_run(self) -> None:
        """Forget the tables of the last run (the layers may have changed since)."""
        for t in self.tables.values():
            self._drop(t)
        self.tables = {}

    def table(self, key, geoms) -> str:
        if key not in self.tables:
            self.tables[key] = self._load(geoms)
        return self.tables[key]

    # --------------------------------------------------------------------------- queries
    def overlaps_sql(self, t: str) -> str:
        raise NotImplementedError

    def overlap_candidates(self, key, geoms, eps: float, min_area: float):
        """(i, j) with i < j, unique: position pairs PLN-02 must measure exactly (a superset of the
        pairs overlapping by ``min_area``; the caller measures them with shapely)."""
        import numpy as np

        t = self.table(key, geoms)
        i, j = self._pairs(self.overlaps_sql(t), {"eps": float(eps), "min": float(min_area) * (1 - 1e-6) - 1e-9}, t)
        keep = i != j
        i, j = np.minimum(i[keep], j[keep]), np.maximum(i[keep], j[keep])
        if not len(i):
            return i, j
        pairs = np.unique(np.stack([i, j], 1), axis=0)
        return pairs[:, 0], pairs[:, 1]

    def _pairs(self, query: str, params: dict, table: str):
        import numpy as np

        a = np.asarray(self._fetch(query, params), dtype=np.int64).reshape(-1, 2)
        return a[:, 0], a[:, 1]

    def near_sql(self, s: str, t: str, predicate: str, sel: str | None) -> str:
        cond = PREDICATES[predicate].format(s="s.geom", t="g.geom", d=self._param("d"))
        src = f"{s} s" if sel is None else f"{sel} q JOIN {s} s ON s.pos = q.pos"
        return f"SELECT s.pos, count(*) FROM {src} JOIN {t} g ON {cond} GROUP BY s.pos"

    def near_counts(self, subj_key, subj_geoms, positions, tgt_key, tgt_geoms, distance: float,
                    predicate: str = "dwithin"):
        """Per position of ``positions`` (rows of ``subj_geoms``): how many targets answer."""
        import numpy as np

        s, t = self.table(subj_key, subj_geoms), self.table(tgt_key, tgt_geoms)
        sel = None if len(positions) == len(subj_geoms) else self._positions(positions)
        try:
            rows = self._fetch(self.near_sql(s, t, predicate, sel), {"d": float(distance)})
        finally:
            if sel is not None:
                self._drop(sel)
        a = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
        counts = np.zeros(len(subj_geoms), dtype=np.int64)
        counts[a[:, 0]] = a[:, 1]
        return counts[positions]

    # --------------------------------------------------------------------------- per engine
    def _param(self, name: str) -> str:
        raise NotImplementedError

    def _load(self, geoms) -> str:
        raise NotImplementedError

    def _positions(self, positions) -> str:
        raise NotImplementedError

    def _fetch(self, query: str, params: dict) -> list:
        raise NotImplementedError

    def _drop(self, table: str) -> None:
        raise NotImplementedError

    def explain(self, query: str, params: dict) -> str:
        raise NotImplementedError

    def close(self) -> None:
        self.begin_run()


def _columns(geoms):
    import numpy as np
    import shapely

    g = np.asarray(geoms, dtype=object)
    b = shapely.bounds(g)
    return np.arange(len(g), dtype=np.int64), shapely.to_wkb(g), b


class DuckEngine(_Engine):
    """DuckDB with the spatial extension loaded by path (``INSTALL spatial`` needs the internet)."""

    name = "duckdb"

    def __init__(self, *, memory_limit: str = "4GB", threads: int = 2) -> None:
        import duckdb

        from cim.db.setchecks import spatial_extension

        super().__init__()
        self.con = duckdb.connect(config={"memory_limit": memory_limit, "threads": threads})
        self.con.execute(f"LOAD '{spatial_extension()}'")     # a path: DuckDB takes no parameter here

    def _param(self, name: str) -> str:
        return f"${name}"

    def _load(self, geoms) -> str:
        import pyarrow as pa

        pos, wkb, b = _columns(geoms)
        name = f"cim_t{next(_seq)}"
        src = pa.table({"pos": pos, "wkb": pa.array(wkb, type=pa.binary()), "minx": b[:, 0], "miny": b[:, 1],
                        "maxx": b[:, 2], "maxy": b[:, 3]})
        self.con.register("cim_src", src)
        try:
            # env: the box as a column, so that a join on boxes has a plain column on one side (an
            # ST_MakeEnvelope on both sides of ST_Intersects made DuckDB fall back to a NESTED_LOOP_JOIN)
            self.con.execute(f"CREATE TABLE {name} AS SELECT pos, CASE WHEN wkb IS NULL THEN NULL ELSE "
                             "ST_GeomFromWKB(wkb) END AS geom, minx, miny, maxx, maxy, CASE WHEN wkb IS NULL "
                             "THEN NULL ELSE ST_MakeEnvelope(minx, miny, maxx, maxy) END AS env FROM cim_src")
        finally:
            self.con.unregister("cim_src")
        return name

    def _positions(self, positions) -> str:
        import numpy as np
        import pyarrow as pa

        name = f"cim_q{next(_seq)}"
        self.con.register("cim_src", pa.table({"pos": np.asarray(positions, dtype=np.int64)}))
        try:
            self.con.execute(f"CREATE TABLE {name} AS SELECT pos FROM cim_src")
        finally:
            self.con.unregister("cim_src")
        return name

    def overlaps_sql(self, t: str) -> str:
        # Ordered pairs whose shrunk box (a) meets the other's box (b), as the in-memory STRtree query
        # takes them, self-pairs included: the spatial join must stay alone in its join — any
        # comparison beside it (``a.pos <> b.pos``, even in a later materialised CTE, which DuckDB
        # pushes down; or a box expression on both sides) turned it into a NESTED_LOOP_JOIN or a
        # PIECEWISE_MERGE_JOIN testing every pair. Self-pairs are dropped and the areas of the few
        # candidates measured by the caller.
        return (f"SELECT a.pos, b.pos FROM {t} a JOIN {t} b ON ST_Intersects("
                f"ST_MakeEnvelope(a.minx + $eps, a.miny + $eps, a.maxx - $eps, a.maxy - $eps), b.env)")

    def _pairs(self, query: str, params: dict, table: str):
        import numpy as np

        used = {k: v for k, v in params.items() if f"${k}" in query}
        cols = list(self.con.execute(query, used).fetchnumpy().values())
        return np.asarray(cols[0], dtype=np.int64), np.asarray(cols[1], dtype=np.int64)

    def _fetch(self, query: str, params: dict) -> list:
        used = {k: v for k, v in params.items() if f"${k}" in query}
        return self.con.execute(query, used).fetchall()

    def explain(self, query: str, params: dict) -> str:
        used = {k: v for k, v in params.items() if f"${k}" in query}
        return "\n".join(r[1] for r in self.con.execute("EXPLAIN " + query, used).fetchall())

    def _drop(self, table: str) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {table}")

    def close(self) -> None:
        super().close()
        self.con.close()


class PostgisEngine(_Engine):
    """PostGIS through one connection. With the ``project`` of a working copy, the rows the database
    holds unchanged are read from its own tables (``cim_data.<table>``, GiST indexed; the key column
    ``pos`` is then the ``cim_id``) and only the others (local edits, rows changed in the database
    since the pull, rows the role cannot see) go into a temporary table, the two joined by ``UNION
    ALL``; other arrays go whole into temporary tables with a GiST index (``pos``: the position)."""

    name = "postgis"

    def __init__(self, dsn: str | None = None, *, conn=None, project=None) -> None:
        super().__init__()
        if conn is None:
            from cim.db.connect import connect

            conn = connect(dsn)
            self._own = True
        else:
            self._own = False
        self.conn = conn
        self.project = project
        self.copied = 0                 # rows sent to temporary tables by COPY (this engine's life)
        self.direct = 0                 # rows read from the database's own tables
        self._srid_: int | None = None
        self._reset()

    def _reset(self) -> None:
        self.params: dict = {}          # array parameters of the table expressions
        self.keys: dict = {}            # table expression -> key (``pos``) of each position
        self.temps: dict = {}           # table expression -> its temporary table
        self._layers: dict = {}         # layer id -> cim.db.checksource.DbRows | None
        self._ids = None                # id(geometry) -> (layer id, row) over the linked layers
        self._hold: list = []           # the layers' geometry arrays: keeps those objects (and ids) alive

    def begin_run(self) -> None:
        super().begin_run()
        self._reset()

    def table(self, key, geoms) -> str:
        if key not in self.tables:
            self.tables[key] = self._from_db(geoms) or self._load(geoms)
        return self.tables[key]

    # --------------------------------------------------------------------------- database rows
    def _origin(self, geoms):
        """(layer id, row) of each geometry of ``geoms`` in the linked layers (by identity), or None."""
        import numpy as np

        if self._ids is None:
            from cim.db.checksource import geometry_origins

            self._ids, self._hold = geometry_origins(self.project)
        return [self._ids.get(id(g)) if g is not None else None for g in np.asarray(geoms, dtype=object).tolist()]

    def _layer(self, lid):
        if lid not in self._layers:
            from cim.db.checksource import db_rows

            self._layers[lid] = db_rows(self.conn, self.project, lid)
        return self._layers[lid]

    def _from_db(self, geoms) -> str | None:
        """A ``UNION ALL`` of the database rows of ``geoms`` and a temporary table of the others."""
        import numpy as np

        if self.project is None or not len(geoms):
            return None
        origin = self._origin(geoms)
        found = [o for o in origin if o is not None]
        if not found or len(set(found)) != len(found):
            return None
        geoms = np.asarray(geoms, dtype=object)
        keys = np.array([f"#{i}" for i in range(len(geoms))], dtype=object)
        direct = np.zeros(len(geoms), dtype=bool)
        n, parts = next(_seq), []
        lids = np.array([o[0] if o else "" for o in origin], dtype=object)
        rows = np.array([o[1] if o else -1 for o in origin], dtype=np.int64)
        for lid in sorted(set(lids.tolist()) - {""}):
            src = self._layer(lid)
            if src is None:
                continue
            at = np.flatnonzero(lids == lid)
            d = src.direct[rows[at]]
            if 2 * int(d.sum()) <= len(src.visible):
                # a small share of the table (a subset of targets, a small checked-out area): probing
                # the whole table's index and dropping most of what it finds cost more than copying
                # these rows (SMT-ENV, 2 k stations among 100 k smart elements: 0.8 s against 0.17 s)
                continue
            keys[at[d]] = src.keys[rows[at[d]]]
            direct[at[d]] = True
            parts.append(f"SELECT cim_id AS pos, geom, ST_XMin(geom) AS minx, ST_YMin(geom) AS miny, "
                         f"ST_XMax(geom) AS maxx, ST_YMax(geom) AS maxy FROM {src.table}"
                         + self._restrict(f"ids{n}_{len(parts)}", src.keys[rows[at[d]]], src.visible))
        if not parts:
            return None
        rest = np.flatnonzero(~direct)
        temp = None
        if len(rest):
            temp = self._copy(keys[rest].tolist(), geoms[rest], "text")
            parts.append(f"SELECT pos, geom, minx, miny, maxx, maxy FROM {temp}")
        expr = "(" + " UNION ALL ".join(parts) + ")"
        self.keys[expr], self.temps[expr] = keys, temp
        self.direct += int(direct.sum())
        return expr

    def _restrict(self, p: str, wanted, visible) -> str:
        from cim.db.checksource import left_out

        out = left_out(wanted, visible)
        if out is None:
            return ""
        self.params[p] = out
        return f" WHERE NOT (cim_id = ANY(%({p})s))"

    def _positions_of(self, table: str, keys) -> object:
        import numpy as np
        import pandas as pd

        if table not in self.keys:
            return np.asarray(keys, dtype=np.int64)
        return pd.Index(self.keys[table]).get_indexer(list(keys)).astype(np.int64)

    # --------------------------------------------------------------------------- temporary tables
    def _param(self, name: str) -> str:
        return f"%({name})s"

    def _copy(self, keys: list, geoms, key_type: str) -> str:
        import shapely
        from psycopg import sql

        from cim.db.tables import copy_rows

        b = shapely.bounds(geoms)
        srid = self._srid()
        wkb = shapely.to_wkb(shapely.set_srid(geoms, srid), include_srid=True) if srid else shapely.to_wkb(geoms)
        name = f"cim_t{next(_seq)}"
        self.conn.execute(f"CREATE TEMP TABLE {name} (pos {key_type} PRIMARY KEY, geom geometry, minx float8, "
                          "miny float8, maxx float8, maxy float8)")
        copy_rows(self.conn, sql.Identifier(name), ["pos", "geom", "minx", "miny", "maxx", "maxy"],
                  [keys, wkb.tolist(), *(b[:, k].tolist() for k in range(4))],
                  ["int8" if key_type == "bigint" else "text", "bytea", "float8", "float8", "float8", "float8"])
        self.conn.execute(f"CREATE INDEX ON {name} USING gist (geom)")
        self.conn.execute(f"ANALYZE {name}")
        self.copied += len(keys)
        return name

    def _srid(self) -> int:
        """The SRID the rows of the temporary tables carry, so that PostGIS joins them with the
        database's own rows (:func:`cim.db.checksource.copy_srid`)."""
        if self._srid_ is None:
            from cim.db.checksource import copy_srid

            self._srid_ = copy_srid(self.conn, self.project)
        return self._srid_

    def _load(self, geoms) -> str:
        import numpy as np

        g = np.asarray(geoms, dtype=object)
        return self._copy(list(range(len(g))), g, "bigint")

    # --------------------------------------------------------------------------- queries
    def overlaps_sql(self, t: str) -> str:
        # ``&&`` on the GiST index (float4 boxes, a superset), then the exact double comparisons of the
        # in-memory rule (a's box shrunk by eps meets b's box, either way round), then the area
        return (f"SELECT DISTINCT least(a.pos, b.pos), greatest(a.pos, b.pos) FROM {t} a JOIN {t} b "
                f"ON b.geom && ST_MakeEnvelope(a.minx + %(eps)s, a.miny + %(eps)s, a.maxx - %(eps)s, a.maxy - %(eps)s) "
                f"AND a.pos <> b.pos "
                f"AND b.minx <= a.maxx - %(eps)s AND b.maxx >= a.minx + %(eps)s "
                f"AND b.miny <= a.maxy - %(eps)s AND b.maxy >= a.miny + %(eps)s "
                f"WHERE ST_Area(ST_Intersection(a.geom, b.geom)) >= %(min)s ORDER BY 1, 2")

    def _pairs(self, query: str, params: dict, table: str):
        rows = self._fetch(query, params)
        return (self._positions_of(table, [r[0] for r in rows]), self._positions_of(table, [r[1] for r in rows]))

    def near_sql(self, s: str, t: str, predicate: str, sel: str | None) -> str:
        cond = PREDICATES[predicate].format(s="s.geom", t="g.geom", d="%(d)s")
        where = "" if sel is None else f" WHERE s.pos = ANY({sel})"
        return f"SELECT s.pos, count(*) FROM {s} s JOIN {t} g ON {cond}{where} GROUP BY s.pos"

    def near_counts(self, subj_key, subj_geoms, positions, tgt_key, tgt_geoms, distance: float,
                    predicate: str = "dwithin"):
        """As :meth:`_Engine.near_counts`; a subset of subjects goes as an array parameter of keys."""
        import numpy as np

        s, t = self.table(subj_key, subj_geoms), self.table(tgt_key, tgt_geoms)
        params, sel = {"d": float(distance)}, None
        if len(positions) != len(subj_geoms):
            keys = self.keys.get(s)
            params["sel"] = ([int(p) for p in positions] if keys is None else keys[np.asarray(positions)].tolist())
            sel = "%(sel)s"
        rows = self._fetch(self.near_sql(s, t, predicate, sel), params)
        counts = np.zeros(len(subj_geoms), dtype=np.int64)
        if rows:
            counts[self._positions_of(s, [r[0] for r in rows])] = [r[1] for r in rows]
        return counts[positions]

    def _all(self, query: str, params: dict) -> dict:
        return {k: v for k, v in {**self.params, **params}.items() if f"%({k})s" in query}

    def _fetch(self, query: str, params: dict) -> list:
        return self.conn.execute(query, self._all(query, params)).fetchall()

    def explain(self, query: str, params: dict) -> str:
        return "\n".join(r[0] for r in self.conn.execute("EXPLAIN " + query, self._all(query, params)).fetchall())

    def _drop(self, table: str) -> None:
        if table.startswith("("):
            table = self.temps.get(table)
            if table is None:
                return
        if not self.conn.closed:
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")

    def close(self) -> None:
        super().close()
        if self._own:
            self.conn.close()
