"""Which engine evaluates a rule's heavy predicate: in memory (shapely), DuckDB spatial or PostGIS.

``memory`` is the reference and the default for small projects. ``duckdb`` / ``postgis`` send every
heavy predicate of the pack to that engine (the CLI's ``--engine``). ``auto`` keeps a project of
fewer than :data:`AUTO_MIN_ROWS` objects in memory; above, each rule goes to the engine that measured
fastest for it (:data:`MEASURED`, from ``bench/bench_province.py`` on 2.6 M objects, the others
stay in memory), and a working copy checked out of a database (``postgresql://…``) sends its heavy
predicates to its PostGIS server.

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
#: rule -> engine above AUTO_MIN_ROWS, by measurement (bench/bench_province.py, each engine in a cold
#: process, 2,604,749 objects, docs/BENCHMARKS.md; runs at 1.17 M and 10.4 M objects ranked them the same):
#: SMT-ENV (industrial plots, monitoring stations within 2 km: every pair counted) 2.4 s in memory,
#: 1.1 s DuckDB, 8.6 s PostGIS; PLN-02 3.5 s / 13.2 s / 57.6 s and SMT-DIGITAL 0.6 s / 10.7 s / 49.2 s
#: stay in memory (the SQL figures include loading the layer into the engine).
MEASURED = {"SMT-ENV": "duckdb"}


class Pushdown:
    """The engines of one check run and the plan: predicate -> engine name (``memory``: none)."""

    def __init__(self, plan: dict[str, str], *, rules: dict[str, str] | None = None, min_rows: int = 0,
                 dsn: str | None = None, conn=None, project=None) -> None:
        self.project = project             # a working copy: PostGIS reads its unedited rows in the database
        self.plan = dict(plan)
        self.rules = dict(rules or {})     # rule id -> engine, before the plan by predicate
        self.min_rows = min_rows
        self.dsn, self._conn = dsn, conn
        self.backends: dict = {}
        self.used: dict[str, str] = {}     # rule id -> engine that answered its heavy predicate

    @property
    def name(self) -> str:
        names = sorted(set(self.plan.values()))
        if len(names) == 1 and not self.rules:
            return names[0]
        return "auto(" + ", ".join(f"{k}={v}" for k, v in sorted({**self.plan, **self.rules}.items())) + ")"

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
                self.backends[name] = pushdown.PostgisEngine(self.dsn, conn=self._conn, project=self.project)
        return self.backends[name]

    def for_predicate(self, rule_id: str, predicate: str, rows: int):
        name = self.rules.get(rule_id) or self.plan.get(predicate, "memory")
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
        p = Pushdown(dict.fromkeys(PREDICATES, engine), dsn=dsn, conn=conn, project=project)
        p.backend(engine)        # now: no database, no extension is an input error, not crashed rules
        return p
    if project is not None and project_rows(project) < AUTO_MIN_ROWS:
        return None
    if link is not None or conn is not None:         # data in the database: PostGIS does the heavy part
        return Pushdown(dict.fromkeys(PREDICATES, "postgis"), dsn=dsn, conn=conn, project=project)
    return Pushdown({}, rules=MEASURED, dsn=dsn, conn=conn, project=project)


def pushdown_for(ctx, predicate: str, rows: int):
    """The SQL engine that evaluates this predicate of the running rule, or None (in memory)."""
    p = ctx.cache.data.get("sql_engine")
    if p is None or ctx.scope is not None:
        return None
    return p.for_predicate(ctx.rule.id, predicate, rows)
