"""Set-based predicates of Decree 269 rules pushed down to SQL.

Three heavy predicates: plot overlaps (PLN-02: pairs overlapping by ``min_area`` m² or more),
point-in-polygon (points in plots: a spatial join) and within-distance pairs. Two engines:
PostGIS for data in the database (GiST indexes), and DuckDB's spatial extension for a large
GeoPackage (read with pyogrio's Arrow reader and handed over as WKB; the extension is loaded by path from the
``duckdb-extension-spatial`` wheel, because ``INSTALL spatial`` needs the internet). Every function
returns sorted tuples of ``cim_id``\\ s, so the engines and the in-memory one can be compared exactly.
"""

from __future__ import annotations

from pathlib import Path

from psycopg import sql

from cim.errors import CimInputError

EPS = 0.01     # m: PLN-02 shrinks plot boxes by 1 cm so that neighbours sharing an edge are no candidates


# PostGIS ---------------------------------------------------------------------------------
def _t(table: str):
    return sql.Identifier("cim_data", table)


def pg_overlaps(conn, table: str, min_area: float = 1.0) -> list[tuple[str, str, float]]:
    rows = conn.execute(sql.SQL(
        # candidates as PLN-02 takes them: the boxes shrunk by 1 cm meet, so the many plots that only
        # share an edge never reach ST_Intersection; the GiST index answers b.geom && (shrunk box of a)
        "SELECT * FROM (SELECT a.cim_id AS ai, b.cim_id AS bi, ST_Area(ST_Intersection(a.geom, b.geom)) AS ar "
        "FROM {0} a JOIN {0} b ON b.geom && ST_Expand(a.geom, -%(eps)s) AND a.cim_id < b.cim_id "
        "AND ST_Expand(a.geom, -%(eps)s) && ST_Expand(b.geom, -%(eps)s)) q "
        "WHERE ar >= %(min)s ORDER BY 1, 2").format(_t(table)), {"eps": EPS, "min": min_area}).fetchall()
    return [(a, b, round(float(ar), 6)) for a, b, ar in rows]


def pg_points_in(conn, points: str, polygons: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(sql.SQL(
        "SELECT p.cim_id, g.cim_id FROM {} p JOIN {} g ON ST_Intersects(g.geom, p.geom) ORDER BY 1, 2").format(
        _t(points), _t(polygons))).fetchall()]


def pg_within(conn, a: str, b: str, distance: float) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(sql.SQL(
        "SELECT x.cim_id, y.cim_id FROM {} x JOIN {} y ON ST_DWithin(x.geom, y.geom, %s) ORDER BY 1, 2").format(
        _t(a), _t(b)), (distance,)).fetchall()]


# DuckDB ----------------------------------------------------------------------------------
def spatial_extension() -> Path:
    try:
        import duckdb
        import duckdb_extension_spatial
    except ImportError as exc:
        raise CimInputError(None, f"DuckDB spatial is not installed ({exc})",
                            hint="pip install duckdb duckdb-extension-spatial") from None
    root = Path(duckdb_extension_spatial.__file__).parent / "extensions"
    want = root / f"v{duckdb.__version__}" / "spatial.duckdb_extension"
    if want.exists():
        return want
    found = sorted(root.glob("*/spatial.duckdb_extension"))
    if not found:
        raise CimInputError(root, "no spatial extension in the duckdb-extension-spatial wheel",
                            hint="install the wheel matching your duckdb version")
    return found[-1]


def duck(gpkg: str | Path, layers: dict[str, str], *, memory_limit: str = "3GB", threads: int = 2):
    """A DuckDB connection with the named GeoPackage tables loaded as tables (``{name: gpkg table}``)."""
    import duckdb
    import pyogrio

    con = duckdb.connect(config={"memory_limit": memory_limit, "threads": threads})
    con.execute(f"LOAD '{spatial_extension()}'")   # a file path; DuckDB takes no parameter here
    for name, table in layers.items():
        # pyogrio's Arrow reader, WKB into ST_GeomFromWKB: spatial 1.5.5's ST_Read crashed the
        # process on GeoPackages of 100 k plots and more
        meta, src = pyogrio.read_arrow(str(gpkg), layer=table)
        gcol = meta.get("geometry_name") or "wkb_geometry"
        con.register("cim_src", src)
        try:
            con.execute(f'CREATE TABLE "{_duck_ident(name)}" AS SELECT * FROM cim_src')
        finally:
            con.unregister("cim_src")
        kind = dict(con.execute(f'SELECT column_name, data_type FROM information_schema.columns '
                                f"WHERE table_name = '{_duck_ident(name)}'").fetchall()).get(gcol, "")
        if not kind.upper().startswith("GEOMETRY"):      # plain WKB (DuckDB 1.5 reads GeoArrow WKB as GEOMETRY)
            con.execute(f'ALTER TABLE "{name}" ALTER "{gcol}" TYPE GEOMETRY USING ST_GeomFromWKB("{gcol}")')
    return con


def _duck_ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise CimInputError(None, f"unusable table name {name!r}")
    return name


def _geom_col(con, table: str) -> str:
    cols = [r[0] for r in con.execute(f'DESCRIBE "{_duck_ident(table)}"').fetchall()
            if r[1].upper().startswith("GEOMETRY")]
    return cols[0]


def duck_overlaps_sql(con, table: str) -> str:
    g = _geom_col(con, table)
    t = _duck_ident(table)
    # The spatial join must stay alone in its join: with ``a.cim_id < b.cim_id`` beside it DuckDB
    # picks a PIECEWISE_MERGE_JOIN on the ids and tests every pair (minutes on 90 k plots).
    # The pairs carry ids only (geometries of every touching pair filled memory at 200 k plots).
    return (f'WITH pairs AS MATERIALIZED (SELECT a.rowid AS ra, b.rowid AS rb, '
            f'ST_Area(ST_Intersection(a."{g}", b."{g}")) AS ar '
            f'FROM "{t}" a JOIN "{t}" b ON ST_Intersects(a."{g}", b."{g}")) '
            f'SELECT a.cim_id, b.cim_id, p.ar FROM pairs p JOIN "{t}" a ON a.rowid = p.ra '
            f'JOIN "{t}" b ON b.rowid = p.rb WHERE a.cim_id < b.cim_id AND p.ar >= ? ORDER BY 1, 2')


def duck_overlaps(con, table: str, min_area: float = 1.0) -> list[tuple[str, str, float]]:
    rows = con.execute(duck_overlaps_sql(con, table), [min_area]).fetchall()
    return [(a, b, round(float(ar), 6)) for a, b, ar in rows]


def duck_points_in(con, points: str, polygons: str) -> list[tuple[str, str]]:
    gp, gg = _geom_col(con, points), _geom_col(con, polygons)
    return [tuple(r) for r in con.execute(
        f'SELECT p.cim_id, g.cim_id FROM "{_duck_ident(points)}" p JOIN "{_duck_ident(polygons)}" g '
        f'ON ST_Intersects(g."{gg}", p."{gp}") ORDER BY 1, 2').fetchall()]


def duck_within(con, a: str, b: str, distance: float) -> list[tuple[str, str]]:
    ga, gb = _geom_col(con, a), _geom_col(con, b)
    return [tuple(r) for r in con.execute(
        f'SELECT x.cim_id, y.cim_id FROM "{_duck_ident(a)}" x JOIN "{_duck_ident(b)}" y '
        f'ON ST_DWithin(x."{ga}", y."{gb}", ?) ORDER BY 1, 2', [distance]).fetchall()]


# in memory (shapely 2, STRtree bulk queries) — the reference ------------------------------
def mem_overlaps(gdf, min_area: float = 1.0) -> list[tuple[str, str, float]]:
    import numpy as np
    import shapely

    g = np.asarray(gdf.geometry.values)
    ids = gdf["cim_id"].astype(str).to_numpy()
    i, j = shapely.STRtree(g).query(g, predicate="intersects")
    keep = ids[i] < ids[j]
    i, j = i[keep], j[keep]
    ar = shapely.area(shapely.intersection(g[i], g[j]))
    big = ar >= min_area
    return sorted((a, b, round(float(x), 6)) for a, b, x in zip(ids[i][big], ids[j][big], ar[big]))


def mem_points_in(points, polygons) -> list[tuple[str, str]]:
    import numpy as np
    import shapely

    tree = shapely.STRtree(np.asarray(polygons.geometry.values))
    p, g = tree.query(np.asarray(points.geometry.values), predicate="intersects")
    a, b = points["cim_id"].astype(str).to_numpy(), polygons["cim_id"].astype(str).to_numpy()
    return sorted(zip(a[p].tolist(), b[g].tolist()))


def mem_within(a, b, distance: float) -> list[tuple[str, str]]:
    import numpy as np
    import shapely

    tree = shapely.STRtree(np.asarray(b.geometry.values))
    i, j = tree.query(np.asarray(a.geometry.values), predicate="dwithin", distance=distance)
    x, y = a["cim_id"].astype(str).to_numpy(), b["cim_id"].astype(str).to_numpy()
    return sorted(zip(x[i].tolist(), y[j].tolist()))
