"""The shared provincial database: the CIM in PostgreSQL + PostGIS (psycopg 3).

- :mod:`cim.db.schema` — ``db init``: schemas, audit/version triggers, VN-2000 TM-3 codes, taxonomy
- :mod:`cim.db.roles` — consultant / reviewer / appraiser group roles, grants, row-level security
- :mod:`cim.db.sync` / :mod:`cim.db.pull` — push (one transaction, binary COPY, conflicts) and pull
- :mod:`cim.db.workcopy` — a working copy's base versions inside the ``*.cim.gpkg``
- :mod:`cim.db.conflicts` — theirs / mine / base and the undoable resolution command
- :mod:`cim.db.history` — ``db log`` and ``db diff``
- :mod:`cim.db.setchecks` — set-based rule predicates in PostGIS and DuckDB spatial
- :mod:`cim.db.cluster` — a throwaway server for tests and benchmarks

Nothing here is imported by ``import cim``; psycopg is loaded only when a database is used.
"""
