"""Check runs inside the project GeoPackage: ``cim_check_runs``, ``cim_check_results``, ``cim_check_issues``.

The tables are registered in ``gpkg_contents`` as ``attributes`` (QGIS and GDAL list them as plain
tables). A run is written in one transaction; reading it back gives a :class:`CheckRun` whose
:meth:`~CheckRun.digest` equals the digest stored with it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cim.checks.base import CheckResult
from cim.checks.runner import CheckRun
from cim.errors import ProjectFileError
from cim.findings import Finding

TABLES = {
    "cim_check_runs": ("CREATE TABLE IF NOT EXISTS cim_check_runs (run_id TEXT PRIMARY KEY, started TEXT, "
                       "pack_id TEXT, pack_version TEXT, software_version TEXT, province TEXT, inputs TEXT, "
                       "digest TEXT, seconds REAL, counts TEXT, extra TEXT)"),
    "cim_check_results": ("CREATE TABLE IF NOT EXISTS cim_check_results (run_id TEXT NOT NULL, position INTEGER, "
                          "rule TEXT NOT NULL, status TEXT, severity TEXT, title TEXT, legal_basis TEXT, "
                          "grp TEXT, system TEXT, params TEXT, evidence TEXT, inputs TEXT, note TEXT, "
                          "seconds REAL, PRIMARY KEY (run_id, rule))"),
    "cim_check_issues": ("CREATE TABLE IF NOT EXISTS cim_check_issues (run_id TEXT NOT NULL, rule TEXT NOT NULL, "
                         "seq INTEGER, severity TEXT, layer TEXT, layer_id TEXT, fids TEXT, object_ids TEXT, "
                         "bbox TEXT, location TEXT, message_vi TEXT, message_en TEXT, evidence TEXT)"),
}


def _j(v) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)


def ensure_tables(conn: sqlite3.Connection) -> None:
    for name, ddl in TABLES.items():
        conn.execute(ddl)
        try:
            conn.execute(
                "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                "VALUES (?, 'attributes', ?, 'CIM Studio check results', strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                (name, name))
        except sqlite3.OperationalError:   # not a GeoPackage (a bare SQLite file in a test)
            pass
    conn.execute("CREATE INDEX IF NOT EXISTS cim_check_issues_run ON cim_check_issues (run_id, rule, seq)")


def store_run(path: str | Path, run: CheckRun) -> str:
    """Append ``run`` to the project file at ``path``; returns its run id."""
    from cim.project.access import require_file_write

    path = Path(path)
    if not path.exists():
        raise ProjectFileError(path, "save the project before storing check results", hint="File › Save")
    require_file_write(path, "store check results in the project")
    conn = sqlite3.connect(path)
    try:
        with conn:
            ensure_tables(conn)
            conn.execute("INSERT OR REPLACE INTO cim_check_runs VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (run.run_id, run.started, run.pack_id, run.pack_version, run.software_version,
                          run.province, _j(run.inputs), run.digest(), run.seconds, _j(run.counts()), _j(run.extra)))
            rows, issues = [], []
            for pos, r in enumerate(run.results):
                rows.append((run.run_id, pos, r.rule, r.status, r.severity, _j(r.title.to_dict()),
                             _j(r.legal_basis.to_dict()), r.group, r.system, _j(r.params), _j(r.evidence),
                             _j(list(r.inputs)), _j(r.note.to_dict() if r.note else None), r.seconds))
                for seq, i in enumerate(r.issues):
                    issues.append((run.run_id, r.rule, seq, i.severity, i.layer, i.layer_id, _j(list(i.fids)),
                                   _j(list(i.objects)), _j(list(i.bbox) if i.bbox else None), i.location,
                                   i.message.vi, i.message.en, _j(dict(i.extra))))
            conn.executemany("INSERT INTO cim_check_results VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            conn.executemany("INSERT INTO cim_check_issues VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", issues)
    finally:
        conn.close()
    return run.run_id


def list_runs(path: str | Path) -> list[dict]:
    """Run headers, oldest first: run_id, started, pack, digest, counts."""
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        try:
            cur = conn.execute("SELECT run_id, started, pack_id, pack_version, digest, counts FROM cim_check_runs "
                               "ORDER BY started, rowid")
        except sqlite3.OperationalError:
            return []
        return [{"run_id": a, "started": b, "pack_id": c, "pack_version": d, "digest": e, "counts": json.loads(f)}
                for a, b, c, d, e, f in cur]
    finally:
        conn.close()


def load_run(path: str | Path, run_id: str | None = None) -> CheckRun | None:
    """A stored run (the latest when ``run_id`` is None), or None when there is none."""
    from cim.checks.base import LegalBasis, Text

    runs = list_runs(path)
    if not runs:
        return None
    run_id = run_id or runs[-1]["run_id"]
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        head = conn.execute("SELECT run_id, started, pack_id, pack_version, software_version, province, inputs, "
                            "seconds, extra FROM cim_check_runs WHERE run_id = ?", (run_id,)).fetchone()
        if head is None:
            return None
        issues: dict[str, list[Finding]] = {}
        for (rule, sev, layer, lid, fids, oids, bbox, loc, mvi, men, ev) in conn.execute(
                "SELECT rule, severity, layer, layer_id, fids, object_ids, bbox, location, message_vi, message_en, "
                "evidence FROM cim_check_issues WHERE run_id = ? ORDER BY rule, seq", (run_id,)):
            b = json.loads(bbox)
            issues.setdefault(rule, []).append(Finding(
                sev, rule, Text(mvi, men), objects=tuple(json.loads(oids)), location=loc or "", layer=layer or "",
                layer_id=lid or "", fids=tuple(json.loads(fids)), bbox=tuple(b) if b else None,
                extra=json.loads(ev)))
        results = []
        for (rule, status, sev, title, lb, grp, system, params, evidence, inputs, note, secs) in conn.execute(
                "SELECT rule, status, severity, title, legal_basis, grp, system, params, evidence, inputs, note, "
                "seconds FROM cim_check_results WHERE run_id = ? ORDER BY position", (run_id,)):
            lbd = json.loads(lb)
            n = json.loads(note)
            results.append(CheckResult(
                rule=rule, title=Text.of(json.loads(title)), severity=sev,
                legal_basis=LegalBasis(Text.of(lbd["citation"]), lbd["grade"]), status=status,
                issues=issues.get(rule, []), group=grp, system=system, params=json.loads(params),
                evidence=json.loads(evidence), inputs=tuple(json.loads(inputs)),
                note=Text.of(n) if n else None, seconds=secs))
    finally:
        conn.close()
    rid, started, pid, pver, sv, prov, inputs, seconds, extra = head
    return CheckRun(pack_id=pid, pack_version=pver, software_version=sv, province=prov, inputs=json.loads(inputs),
                    results=results, started=started, seconds=seconds, run_id=rid, extra=json.loads(extra))


def stored_digest(path: str | Path, run_id: str) -> str | None:
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT digest FROM cim_check_runs WHERE run_id = ?", (run_id,)).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def carry_runs_on_save_as(conn: sqlite3.Connection, project) -> None:
    """Store hook ("write"): a save to a new path keeps the stored check runs of the file it came from.

    A save to the same path copies the previous file, so the runs are already there.
    """
    src = getattr(project, "path", None)
    if not src or not Path(src).exists():
        return
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'cim_check_runs'").fetchone():
        return
    old = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        if not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'cim_check_runs'").fetchone():
            return
        ensure_tables(conn)
        for table in TABLES:
            cur = old.execute(f"SELECT * FROM {table}")
            width = len(cur.description)
            conn.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({', '.join('?' * width)})", cur)
    finally:
        old.close()


def _register_store_hook() -> None:
    from cim.checks.acceptance import register_hooks
    from cim.project.store import register_hook

    register_hook("write", carry_runs_on_save_as)
    register_hooks()            # accepted findings travel in the same save


_register_store_hook()
