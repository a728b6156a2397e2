"""Connecting: a ``postgresql://…`` URL, a libpq key=value string, or a service name from
``pg_service.conf``. Passwords come from libpq (``.pgpass``, ``PGPASSWORD``) and are never stored
in the project file: :func:`public_dsn` strips them before a connection string is saved.
"""

from __future__ import annotations

from cim.errors import CimInputError

APPLICATION = "cimstudio"


def normalise(target: str) -> str:
    """A libpq connection string for a URL, a key=value string or a bare service name."""
    target = (target or "").strip()
    if not target:
        raise CimInputError(None, "no database given",
                            hint="pass --db postgresql://user@host/dbname or a service name from pg_service.conf")
    if target.startswith(("postgresql://", "postgres://")) or "=" in target:
        return target
    return f"service={target}"


def public_dsn(target: str) -> str:
    """The connection string without its password (what a working copy remembers)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(normalise(target))
    params.pop("password", None)
    return make_conninfo(**params)


def connect(target: str, *, app_user: str | None = None, application: str = APPLICATION, autocommit: bool = True):
    """Open a psycopg 3 connection; a failure is one clear :class:`CimInputError` line."""
    import psycopg

    dsn = normalise(target)
    try:
        conn = psycopg.connect(dsn, autocommit=autocommit, application_name=application)
    except psycopg.OperationalError as exc:
        msg = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise CimInputError(public_dsn(target) if "password" in dsn else dsn, f"cannot connect: {msg}",
                            hint="check the server address, the service name (pg_service.conf) and the "
                                 "password in ~/.pgpass") from None
    if app_user:
        conn.execute("SELECT set_config('cim.user', %s, false)", (app_user,))
    return conn
