"""Bundled plugin: the shared database (PostGIS) — connection, push/pull, conflicts, history (GUI in _qt)."""
