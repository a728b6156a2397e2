"""``cim_layer_metadata``: the data-responsibility metadata of each layer, saved with the project
(registered as store hooks, same atomic save). Files without the table open with empty metadata."""

from __future__ import annotations

import json
import sqlite3

from cim.project.store import register_hook

DDL = "CREATE TABLE IF NOT EXISTS cim_layer_metadata (layer_id TEXT PRIMARY KEY, data TEXT NOT NULL)"


def write_layer_info(conn: sqlite3.Connection, project) -> None:
    conn.execute(DDL)
    conn.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change)"
        " VALUES ('cim_layer_metadata', 'attributes', 'cim_layer_metadata',"
        " 'CIM Studio layer data responsibility (ISO 19115 subset)', strftime('%Y-%m-%dT%H:%M:%fZ','now'))")
    conn.execute("DELETE FROM cim_layer_metadata")
    conn.executemany("INSERT INTO cim_layer_metadata VALUES (?, ?)",
                     [(rec.id, json.dumps(rec.info, ensure_ascii=False, sort_keys=True))
                      for rec in project.layers.values() if rec.info])


def read_layer_info(conn: sqlite3.Connection, project) -> None:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    rows = {}
    if "cim_layer_metadata" in names:
        for lid, data in conn.execute("SELECT layer_id, data FROM cim_layer_metadata"):
            try:
                value = json.loads(data)
            except ValueError:
                continue          # a damaged row loses only this layer's metadata
            if isinstance(value, dict):
                rows[lid] = value
    project.ext.layer_info_rows = rows


def apply_layer_info(path, project) -> None:
    rows = project.ext.layer_info_rows or {}
    for lid, value in rows.items():
        if lid in project.layers:
            project.layers[lid].info = dict(value)
    project.ext.layer_info_rows = {}


register_hook("write", write_layer_info)
register_hook("open", read_layer_info)
register_hook("loaded", apply_layer_info)
