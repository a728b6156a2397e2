"""Which engine evaluates a rule's heavy predicate: in memory (shapely), DuckDB spatial or PostGIS.

``memory`` is the reference and the default for small projects. ``duckdb`` / ``postgis`` send every
heavy predicate of the pack to that engine (the CLI's ``--engine``). ``auto`` keeps small inputs in
memory and, above :data:`AUTO_MIN_ROWS` rows, sends each predicate to the engine that measured
fastest for it on this machine (:data:`MEASURED`, from ``bench/bench_province.py``); a working copy
checked out of a database (``postgresql://…``) sends them to its PostGIS server.

Heavy predicates: ``overlaps`` (PLN-02: plot pairs overlapping by ``min_overlap_m2``) and ``near``
(the generic ``near``/``inside``/``share`` rules: SMT-ENV, SMT-DIGITAL, SMT-ENERGY, SMT-LIGHT,
SMT-WATER, SMT-DRAIN, SMT-TRANSPORT). A SQL engine answers with row positions; the rule makes the
same issues from them as in memory, so the findings are identical. Incremental re-checks (a scope)
stay in memory: they touch a few objects.
"""

from __future__ import annotations

import os

ENGINES = ("auto", "memory", "duckdb", "postgis")
PREDICATES = ("overlaps", "near")
AUTO_MIN_ROWS = 500_000
#: engine per predicate above AUTO_MIN_ROWS (bench/bench_province.py; docs/BENCHMARKS.md)
MEASURED = {"overlaps": "duckdb", "near": "memory"}


class Pushdown:
    """The engines of one check run and the plan: predicate -> engine name (``memory``: none)."""

    def __init__(self, plan: dict[str, str], *, min_rows: int = 0, dsn: str | None = None, conn=None) -> None:
        self.plan = dict(plan)
        self.min_rows = min_rows
        self.dsn, self._conn = dsn, conn
        self.backends: dict = {}
        self.used: dict[str, str] = {}     # rule id -> engine that answered its heavy predicate

    @property
    def name(self) -> str:
        names = sorted(set(self.plan.values()))
        return names[0] if len(names) == 1 else "auto(" + ", ".join(f"{k}={v}" for k, v in sorted(self.plan.items())) + ")"

    def backend(self, name: str):
        if name not in self.backends:
            from cim.db import pushdown

            if name == "duckdb":
                self.backends[name] = pushdown.DuckEngine()
            elif name == "postgis":
                if not (self.dsn or self._conn):
                    from cim.errors import CimInputError

                    raise CimInputError(None, "the PostGIS engine needs a database",
                                        hint="pass --db postgresql://… or set CIM_DB")
                self.backends[name] = pushdown.PostgisEngine(self.dsn, conn=self._conn)
        return self.backends[name]

    def for_predicate(self, rule_id: str, predicate: str, rows: int):
        name = self.plan.get(predicate, "memory")
        if name == "memory" or rows < self.min_rows:
            return None
        self.used[rule_id] = name
        return self.backend(name)

    def begin_run(self) -> None:
        self.used = {}
        for b in self.backends.values():
            b.begin_run()

    def close(self) -> None:
        for b in self.backends.values():
            b.close()
        self.backends = {}


def project_rows(project) -> int:
    return sum(len(r.data) for r in project.layers.values() if getattr(r, "data", None) is not None
               and hasattr(r.data, "geometry"))


def make_pushdown(engine: str, project=None, *, dsn: str | None = None, conn=None) -> Pushdown | None:
    """The pushdown for ``--engine`` (None: everything in memory)."""
    from cim.errors import CimInputError

    if engine not in ENGINES:
        raise CimInputError(None, f"unknown check engine {engine!r}", hint=f"use one of {', '.join(ENGINES)}")
    if engine == "memory":
        return None
    link = None
    if project is not None:
        from cim.db.workcopy import link_of

        link = link_of(project)
    dsn = dsn or os.environ.get("CIM_DB") or (link.dsn if link is not None else None)
    if engine in ("duckdb", "postgis"):
        return Pushdown(dict.fromkeys(PREDICATES, engine), dsn=dsn, conn=conn)
    if link is not None or conn is not None:         # data in the database: PostGIS does the heavy part
        return Pushdown(dict.fromkeys(PREDICATES, "postgis"), min_rows=AUTO_MIN_ROWS, dsn=dsn, conn=conn)
    if project is not None and project_rows(project) < AUTO_MIN_ROWS:
        return None
    return Pushdown(MEASURED, min_rows=AUTO_MIN_ROWS, dsn=dsn, conn=conn)


def pushdown_for(ctx, predicate: str, rows: int):
    """The SQL engine that evaluates this predicate of the running rule, or None (in memory)."""
    p = ctx.cache.data.get("sql_engine")
    if p is None or ctx.scope is not None:
        return None
    return p.for_predicate(ctx.rule.id, predicate, rows)
