"""Layer tables in PostGIS: column types, CREATE, binary COPY in, typed read out.

Rows travel as columns: geometries become EWKB with shapely's vectorised ``to_wkb`` and are sent
in a binary COPY straight into the ``geometry`` column (the server parses them); reading back uses
``ST_AsEWKB`` and ``shapely.from_wkb`` on the whole column. No geometry loop in Python.
"""

from __future__ import annotations

from psycopg import sql

KEY = "cim_id"
SYSTEM = ("cim_id", "version", "fid", "geom")


def pg_type(dtype) -> str:
    import pandas as pd

    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "bigint"
    if pd.api.types.is_float_dtype(dtype):
        return "double precision"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "timestamptz"
    return "text"


def columns_of(gdf) -> list[dict]:
    gcol = gdf.geometry.name
    return [{"name": c, "pg": pg_type(gdf[c].dtype), "dtype": str(gdf[c].dtype)}
            for c in gdf.columns if c not in (gcol, KEY) and c not in SYSTEM]


def geometry_type(gdf, declared: str | None = None) -> str:
    kinds = set(gdf.geom_type.dropna().unique()) if len(gdf) else set()
    if len(kinds) == 1:
        return kinds.pop()
    return "Geometry"


def srid_of(gdf, crs: str | None) -> int:
    from pyproj import CRS

    src = gdf.crs or (CRS.from_user_input(crs) if crs else None)
    epsg = src.to_epsg() if src is not None else None
    return int(epsg or 0)


def create_layer_table(conn, table: str, layer_id: str, columns: list[dict], gtype: str, srid: int) -> None:
    t = sql.Identifier("cim_data", table)
    cols = [sql.SQL("{} {}").format(sql.Identifier(c["name"]), sql.SQL(c["pg"])) for c in columns]
    conn.execute(sql.SQL(
        "CREATE TABLE {} (cim_id text PRIMARY KEY, version integer NOT NULL DEFAULT 1, fid bigint, {}"
        "geom geometry({}, {}))").format(
            t, sql.SQL("").join(sql.SQL("{}, ").format(c) for c in cols), sql.SQL(gtype), sql.Literal(srid)))
    conn.execute(sql.SQL("CREATE INDEX {} ON {} USING gist (geom)").format(sql.Identifier(f"{table}_geom_gist"), t))
    conn.execute(sql.SQL("CREATE TRIGGER cim_version BEFORE UPDATE ON {} FOR EACH ROW "
                         "EXECUTE FUNCTION cim.bump_version()").format(t))
    for event, refs in (("INSERT", "NEW TABLE AS new_rows"), ("DELETE", "OLD TABLE AS old_rows"),
                        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows")):
        conn.execute(sql.SQL("CREATE TRIGGER {} AFTER {} ON {} REFERENCING {} FOR EACH STATEMENT "
                             "EXECUTE FUNCTION cim.audit_rows({})").format(
            sql.Identifier(f"cim_audit_{event.lower()}"), sql.SQL(event), t, sql.SQL(refs), sql.Literal(layer_id)))


def column_values(gdf, columns: list[dict], srid: int, *, extra: dict | None = None) -> tuple[list, list]:
    """(names, list of python-value columns) for COPY, geometry as EWKB bytes; nulls as None."""
    import numpy as np
    import pandas as pd
    import shapely

    names, values = [], []
    for name, vals in (extra or {}).items():
        names.append(name)
        values.append(list(vals))
    names.append(KEY)
    values.append(gdf[KEY].astype(str).tolist())
    names.append("fid")
    values.append([int(v) for v in np.asarray(gdf.index, dtype=np.int64).tolist()])
    for c in columns:
        col = gdf[c["name"]] if c["name"] in gdf.columns else pd.Series(None, index=gdf.index, dtype=object)
        mask = pd.isna(col).to_numpy()
        if c["pg"] == "boolean":
            arr = col.astype(object).to_numpy()
            out = [bool(v) for v in arr.tolist()] if not mask.any() else \
                [None if m else bool(v) for v, m in zip(arr.tolist(), mask)]
        elif c["pg"] == "bigint":
            out = pd.to_numeric(col).astype("Int64").astype(object).where(~mask, None).tolist()
        elif c["pg"] == "double precision":
            out = pd.to_numeric(col, errors="coerce").astype("float64").astype(object).where(~mask, None).tolist()
        elif c["pg"] == "timestamptz":
            out = pd.to_datetime(col, utc=True).astype(object).where(~mask, None).tolist()
        else:
            out = col.astype(str).astype(object).where(~mask, None).tolist()
        names.append(c["name"])
        values.append(out)
    geoms = shapely.set_srid(np.asarray(gdf.geometry.values), srid)
    names.append("geom")
    values.append(shapely.to_wkb(geoms, include_srid=True).tolist())
    return names, values


COPY_TYPES = {"boolean": "bool", "bigint": "int8", "double precision": "float8", "timestamptz": "timestamptz",
              "text": "text"}


def copy_rows(conn, target: sql.Composable, names: list[str], values: list[list], types: list[str],
              feedback=None) -> int:
    """Binary COPY of column lists into ``target`` (geometry columns sent as EWKB bytes)."""
    n = len(values[0]) if values else 0
    with conn.cursor() as cur:
        stmt = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
            target, sql.SQL(", ").join(sql.Identifier(c) for c in names))
        with cur.copy(stmt) as cp:
            cp.set_types(types)
            step = max(n // 20, 1)
            for i, row in enumerate(zip(*values)):
                cp.write_row(row)
                if feedback is not None and i % step == 0:
                    feedback.raise_if_canceled("push")
    return n


def types_for(names: list[str], columns: list[dict]) -> list[str]:
    by = {c["name"]: COPY_TYPES[c["pg"]] for c in columns}
    fixed = {"cim_id": "text", "fid": "int8", "geom": "bytea", "base_version": "int4", "op": "text",
             "version": "int4"}
    return [fixed.get(n) or by[n] for n in names]


def read_layer(conn, row: dict, *, where: sql.Composable | None = None, params: tuple = ()):
    """A GeoDataFrame (index = fid) and the ``version`` Series (index = cim_id) of a layer table."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    cols = row["columns"]
    names = ["cim_id", "version", "fid"] + [c["name"] for c in cols]
    stmt = sql.SQL("SELECT {}, ST_AsEWKB(geom) FROM {}{} ORDER BY fid NULLS LAST, cim_id").format(
        sql.SQL(", ").join(sql.Identifier(n) for n in names), sql.Identifier("cim_data", row["table_name"]),
        sql.SQL(" WHERE ") + where if where is not None else sql.SQL(""))
    with conn.cursor(binary=True) as cur:
        cur.execute(stmt, params)
        data = cur.fetchall()
    frame = pd.DataFrame(data, columns=names + ["geom"])
    geoms = shapely.from_wkb(frame.pop("geom").to_numpy(dtype=object))
    for c in cols:
        try:
            frame[c["name"]] = frame[c["name"]].astype(c["dtype"])
        except (TypeError, ValueError):
            pass
    versions = pd.Series(frame.pop("version").astype("int64").to_numpy(), index=frame["cim_id"].to_numpy())
    fids = frame.pop("fid")
    missing = fids.isna().to_numpy()
    fid = np.zeros(len(frame), dtype=np.int64)
    fid[~missing] = fids[~missing].astype("int64").to_numpy()
    start = int(fid.max()) + 1 if len(fid) else 1
    fid[missing] = np.arange(start, start + int(missing.sum()))
    frame.index = pd.Index(fid, name="fid")
    frame["geometry"] = gpd.GeoSeries(geoms, index=frame.index)
    gdf = gpd.GeoDataFrame(frame, geometry="geometry", crs=row.get("crs") or None)
    return gdf, versions
