"""``cimstudio db init``: the CIM schema in a PostGIS database.

Two schemas: ``cim`` holds the project registry (layers, mirrored project tables such as metadata,
layer tree, comments, check runs, acceptances, resources by SHA-256), revisions and the audit history;
``cim_data`` holds one PostGIS table per vector layer (``cim_id`` primary key, ``version``, typed
attributes, ``geom`` with a GiST index). Three group roles carry the permissions (see :mod:`cim.db.roles`).
Identifiers are always composed with :mod:`psycopg.sql`.
"""

from __future__ import annotations

SCHEMA_VERSION = 1
VN2000_TM3_SRIDS = tuple(range(9205, 9219))

DDL = [
    "CREATE EXTENSION IF NOT EXISTS postgis",
    "CREATE SCHEMA IF NOT EXISTS cim",
    "CREATE SCHEMA IF NOT EXISTS cim_data",
    """CREATE TABLE IF NOT EXISTS cim.info (key text PRIMARY KEY, value text)""",
    """CREATE TABLE IF NOT EXISTS cim.layers (
        layer_id text PRIMARY KEY, table_name text UNIQUE NOT NULL, name text NOT NULL, kind text NOT NULL,
        object_kind text, crs text, srid integer, geometry_type text, columns jsonb NOT NULL DEFAULT '[]',
        position integer)""",
    """CREATE TABLE IF NOT EXISTS cim.project_tables (
        name text PRIMARY KEY, ddl text NOT NULL, columns jsonb NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS cim.taxonomy (
        kind text PRIMARY KEY, prefix text NOT NULL, name_vi text, name_en text, geometry text, layer text)""",
    """CREATE TABLE IF NOT EXISTS cim.revisions (
        rev bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), db_user name NOT NULL DEFAULT session_user,
        app_user text, message text, inserted integer DEFAULT 0, updated integer DEFAULT 0, deleted integer DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS cim.history (
        id bigserial PRIMARY KEY, rev bigint REFERENCES cim.revisions(rev), at timestamptz NOT NULL DEFAULT now(),
        db_user name NOT NULL DEFAULT session_user, app_user text, layer_id text NOT NULL, cim_id text NOT NULL,
        op text NOT NULL, version integer, before jsonb, after jsonb)""",
    "CREATE INDEX IF NOT EXISTS history_feature ON cim.history (layer_id, cim_id, version)",
    "CREATE INDEX IF NOT EXISTS history_rev ON cim.history (rev)",
    # the audit: statement-level triggers with transition tables (set-based, one INSERT per statement);
    # SECURITY DEFINER so that writers need no right on cim.history, which stays append-only for all
    """CREATE OR REPLACE FUNCTION cim.audit_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
       SET search_path = pg_catalog, public AS $$
    DECLARE
      r bigint := nullif(current_setting('cim.rev', true), '')::bigint;
      u text := coalesce(nullif(current_setting('cim.user', true), ''), session_user::text);
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO cim.history (rev, app_user, layer_id, cim_id, op, version, before, after)
        SELECT r, u, TG_ARGV[0], n.cim_id, 'insert', n.version, NULL,
               to_jsonb(n) - 'geom' || jsonb_build_object('geom', encode(ST_AsEWKB(n.geom), 'hex'))
        FROM new_rows n;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO cim.history (rev, app_user, layer_id, cim_id, op, version, before, after)
        SELECT r, u, TG_ARGV[0], o.cim_id, 'delete', o.version,
               to_jsonb(o) - 'geom' || jsonb_build_object('geom', encode(ST_AsEWKB(o.geom), 'hex')), NULL
        FROM old_rows o;
      ELSE
        INSERT INTO cim.history (rev, app_user, layer_id, cim_id, op, version, before, after)
        SELECT r, u, TG_ARGV[0], coalesce(n.cim_id, o.cim_id), 'update', n.version,
               to_jsonb(o) - 'geom' || jsonb_build_object('geom', encode(ST_AsEWKB(o.geom), 'hex')),
               to_jsonb(n) - 'geom' || jsonb_build_object('geom', encode(ST_AsEWKB(n.geom), 'hex'))
        FROM new_rows n FULL JOIN old_rows o ON o.cim_id = n.cim_id
        WHERE n.version IS DISTINCT FROM o.version OR n.cim_id IS NULL OR o.cim_id IS NULL;
      END IF;
      RETURN NULL;
    END $$""",
    # every UPDATE through any path (app, CLI, plain SQL) bumps the version
    """CREATE OR REPLACE FUNCTION cim.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW IS DISTINCT FROM OLD THEN NEW.version := OLD.version + 1; END IF;
      RETURN NEW;
    END $$""",
]


def init_database(conn, *, feedback=None) -> dict:
    """Create (or complete) the schema; idempotent. Returns what was added."""
    from cim.db import roles

    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('cim.init'))")
        for stmt in DDL:
            conn.execute(stmt)
        conn.execute("INSERT INTO cim.info VALUES ('schema_version', %s) ON CONFLICT (key) DO NOTHING",
                     (str(SCHEMA_VERSION),))
        added = insert_vn2000_srs(conn)
        _fill_taxonomy(conn)
        roles.create_roles(conn)
        roles.grant_all(conn)
    return {"srids_added": added}


def insert_vn2000_srs(conn) -> list[int]:
    """The VN-2000 provincial TM-3 zones (EPSG 9205–9218) that PostGIS 3.3's table lacks, from pyproj."""
    import warnings

    from pyproj import CRS
    from pyproj.enums import WktVersion

    have = {r[0] for r in conn.execute("SELECT srid FROM spatial_ref_sys WHERE srid = ANY(%s)",
                                       (list(VN2000_TM3_SRIDS),))}
    rows = []
    for srid in VN2000_TM3_SRIDS:
        if srid in have:
            continue
        crs = CRS.from_epsg(srid)
        with warnings.catch_warnings():   # "you will lose information": PostGIS needs the proj4 text
            warnings.simplefilter("ignore", UserWarning)
            proj4 = crs.to_proj4()
        rows.append((srid, "EPSG", srid, crs.to_wkt(WktVersion.WKT1_GDAL), proj4))
    if rows:
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) "
                            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (srid) DO NOTHING", rows)
    return [r[0] for r in rows]


def _fill_taxonomy(conn) -> None:
    from cim.model.taxonomy import kinds

    rows = [(k.code, k.prefix, k.name_vi, k.name_en, k.geometry_type, k.layer) for k in kinds().values()]
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO cim.taxonomy VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (kind) DO UPDATE SET "
                        "prefix = EXCLUDED.prefix, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, "
                        "geometry = EXCLUDED.geometry, layer = EXCLUDED.layer", rows)


def is_initialised(conn) -> bool:
    row = conn.execute("SELECT to_regclass('cim.layers') IS NOT NULL").fetchone()
    return bool(row and row[0])
