"""The ``cim_*`` project tables inside the GeoPackage, read and written with sqlite3."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cim.errors import ProjectFileError
from cim.project.metadata import PlanMetadata
from cim.project.tree import LayerTree

SQLITE_MAGIC = b"SQLite format 3\x00"

PROJECT_TABLES = {
    "cim_project": "CREATE TABLE IF NOT EXISTS cim_project (key TEXT PRIMARY KEY, value TEXT)",
    "cim_metadata": "CREATE TABLE IF NOT EXISTS cim_metadata (key TEXT PRIMARY KEY, value TEXT)",
    "cim_layers": ("CREATE TABLE IF NOT EXISTS cim_layers (layer_id TEXT PRIMARY KEY, table_name TEXT, "
                   "name TEXT NOT NULL, kind TEXT NOT NULL, object_kind TEXT, crs TEXT, style TEXT, "
                   "source TEXT, position INTEGER, display_name TEXT)"),
    "cim_layer_tree": "CREATE TABLE IF NOT EXISTS cim_layer_tree (id INTEGER PRIMARY KEY, tree TEXT NOT NULL)",
    "cim_changelog": ("CREATE TABLE IF NOT EXISTS cim_changelog (seq INTEGER PRIMARY KEY, time TEXT, "
                      "user TEXT, action TEXT, text TEXT)"),
    "cim_resources": ("CREATE TABLE IF NOT EXISTS cim_resources (name TEXT PRIMARY KEY, mime TEXT, "
                      "sha256 TEXT, size INTEGER, data BLOB)"),
}

# schema version -> function(project) bringing an in-memory project from that version to the next.
# The file on disk is never migrated in place: the next save writes the new schema atomically.
MIGRATIONS: dict[int, callable] = {
    0: lambda project: None,   # version 0 = files written before versioning; nothing to convert
}


def migrate(project, from_version: int, to_version: int) -> None:
    for v in range(from_version, to_version):
        MIGRATIONS[v](project)


def check_is_geopackage(path: Path) -> None:
    if not path.exists():
        raise ProjectFileError(path, "the project file does not exist", hint="check the path")
    if path.is_dir():
        raise ProjectFileError(path, "this is a folder, not a project file", hint="choose a *.cim.gpkg file")
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or head[:16] != SQLITE_MAGIC:
        raise ProjectFileError(path, "not a GeoPackage/SQLite file (wrong or missing header)",
                               hint="open a *.cim.gpkg project, or import the file as a layer")
    page_size = int.from_bytes(head[16:18], "big") or 65536
    page_count = int.from_bytes(head[28:32], "big")
    if page_count and size < page_size * page_count:
        raise ProjectFileError(path, f"the file is truncated ({size} of {page_size * page_count} bytes)",
                               hint="restore it from a backup (*.bak) or from the last package")


GPKG_CORE_DDL = (
    "PRAGMA application_id = 1196444487",   # 'GPKG'
    "PRAGMA user_version = 10400",
    "CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
    "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
    "description TEXT)",
    "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', "
    "'undefined cartesian coordinate reference system')",
    "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', "
    "'undefined geographic coordinate reference system')",
    "CREATE TABLE IF NOT EXISTS gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
    "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
    "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, "
    "srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))",
    "CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
    "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
    "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))",
)


def ensure_geopackage(conn: sqlite3.Connection) -> None:
    """Give a new, empty file the GeoPackage core tables (GDAL writes them itself for feature tables)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_contents'").fetchone()
    if has:
        return
    for ddl in GPKG_CORE_DDL:
        conn.execute(ddl)
    conn.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, "
                 "?, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')",
                 ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
                  'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]',))


def ensure_project_tables(conn: sqlite3.Connection) -> None:
    ensure_geopackage(conn)
    for name, ddl in PROJECT_TABLES.items():
        conn.execute(ddl)
        conn.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change)"
            " VALUES (?, 'attributes', ?, 'CIM Studio project table', strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
            (name, name))
    cols = {r[1] for r in conn.execute("PRAGMA table_info(cim_layers)")}
    if "display_name" not in cols:          # projects written before layers had display names
        conn.execute("ALTER TABLE cim_layers ADD COLUMN display_name TEXT")


def read_project_info(conn: sqlite3.Connection, path: Path) -> dict[str, str]:
    try:
        rows = conn.execute("SELECT key, value FROM cim_project").fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise ProjectFileError(path, "this GeoPackage is not a CIM Studio project (no cim_project table)",
                                   hint="create a project and import its layers: cimstudio new / import") from exc
        raise
    return dict(rows)


def write_project_info(conn: sqlite3.Connection, info: dict[str, str]) -> None:
    conn.executemany("INSERT OR REPLACE INTO cim_project (key, value) VALUES (?, ?)", info.items())


def read_layer_rows(conn: sqlite3.Connection) -> list[dict]:
    cols = {r[1] for r in conn.execute("PRAGMA table_info(cim_layers)")}
    label = "display_name" if "display_name" in cols else "NULL"
    cur = conn.execute("SELECT layer_id, table_name, name, kind, object_kind, crs, style, source, "
                       f"{label} FROM cim_layers ORDER BY position")
    out = []
    for lid, table, name, kind, okind, crs, style, source, display in cur:
        out.append({"layer_id": lid, "table_name": table, "name": name, "kind": kind, "object_kind": okind,
                    "crs": crs, "style": json.loads(style or "{}"), "source": json.loads(source or "{}"),
                    "display_name": display or ""})
    return out


def write_layer_rows(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """``rows``: (layer_id, table_name, name, kind, object_kind, crs, style, source, position, display_name)."""
    conn.execute("DELETE FROM cim_layers")
    conn.executemany("INSERT INTO cim_layers (layer_id, table_name, name, kind, object_kind, crs, style, source, "
                     "position, display_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def read_metadata(conn: sqlite3.Connection) -> PlanMetadata:
    rows = dict(conn.execute("SELECT key, value FROM cim_metadata").fetchall())
    data = {k: json.loads(v) for k, v in rows.items()}
    return PlanMetadata.from_dict(data)


def write_metadata(conn: sqlite3.Connection, md: PlanMetadata) -> None:
    conn.execute("DELETE FROM cim_metadata")
    items = [(k, json.dumps(v, ensure_ascii=False)) for k, v in md.to_dict().items()]
    conn.executemany("INSERT INTO cim_metadata (key, value) VALUES (?, ?)", items)


def read_tree(conn: sqlite3.Connection) -> LayerTree:
    row = conn.execute("SELECT tree FROM cim_layer_tree WHERE id = 1").fetchone()
    return LayerTree.from_dict(json.loads(row[0])) if row else LayerTree()


def write_tree(conn: sqlite3.Connection, tree: LayerTree) -> None:
    conn.execute("INSERT OR REPLACE INTO cim_layer_tree (id, tree) VALUES (1, ?)",
                 (json.dumps(tree.to_dict(), ensure_ascii=False),))


def read_changelog(conn: sqlite3.Connection) -> list[dict]:
    cur = conn.execute("SELECT time, user, action, text FROM cim_changelog ORDER BY seq")
    return [{"time": t, "user": u, "action": a, "text": x} for t, u, a, x in cur]


def write_changelog(conn: sqlite3.Connection, log: list[dict]) -> None:
    conn.execute("DELETE FROM cim_changelog")
    conn.executemany("INSERT INTO cim_changelog (time, user, action, text) VALUES (?, ?, ?, ?)",
                     [(e.get("time"), e.get("user"), e.get("action"), e.get("text")) for e in log])


def write_resource(conn: sqlite3.Connection, name: str, mime: str, data: bytes) -> None:
    import hashlib

    conn.execute("INSERT OR REPLACE INTO cim_resources VALUES (?, ?, ?, ?, ?)",
                 (name, mime, hashlib.sha256(data).hexdigest(), len(data), sqlite3.Binary(data)))


def store_resource(gpkg: Path, name: str, mime: str, data: bytes) -> None:
    """Write one blob into ``cim_resources`` of the GeoPackage at ``gpkg`` (its own transaction)."""
    conn = sqlite3.connect(gpkg)
    try:
        with conn:
            conn.execute(PROJECT_TABLES["cim_resources"])
            write_resource(conn, name, mime, data)
    finally:
        conn.close()


def read_resource(conn: sqlite3.Connection, name: str) -> bytes:
    row = conn.execute("SELECT data FROM cim_resources WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise KeyError(name)
    return bytes(row[0])


def drop_feature_table(conn: sqlite3.Connection, table: str) -> None:
    """Remove a feature or resource table the way GDAL would (contents, geometry columns, R-tree)."""
    try:
        conn.execute("DELETE FROM cim_resources WHERE name = ?", (table,))
    except sqlite3.OperationalError:
        pass
    geom = conn.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
                        (table,)).fetchone()
    if geom:
        conn.execute(f'DROP TABLE IF EXISTS "rtree_{table}_{geom[0]}"')
    conn.execute(f'DROP TABLE IF EXISTS "{table}"')
    for meta in ("gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions", "gpkg_ogr_contents"):
        try:
            conn.execute(f"DELETE FROM {meta} WHERE table_name = ?", (table,))
        except sqlite3.OperationalError:
            pass
