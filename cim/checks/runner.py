"""Run checks on a project: results with everything that makes the run reproducible.

A :class:`CheckRun` holds the rule pack id and version, the software version, the SHA-256 of every
input layer and of the metadata, each rule's parameters, and the results. Its :meth:`digest` covers
all of that except timing, so two runs on the same data with the same pack have the same digest.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import time
import traceback
from dataclasses import dataclass, field

from cim.checks.base import (
    CRASHED,
    FAIL,
    NOT_EVALUATED,
    PASS,
    SEVERITIES,
    CheckResult,
    CheckSkipped,
    Text,
)
from cim.checks.context import CheckContext, RunCache
from cim.errors import Canceled
from cim.feedback import Feedback
from cim.findings import Finding


@dataclass
class CheckRun:
    pack_id: str
    pack_version: str
    software_version: str
    province: str
    inputs: dict[str, str]
    results: list[CheckResult]
    started: str = ""
    seconds: float = 0.0
    run_id: str = ""
    extra: dict = field(default_factory=dict)     # integration levels, maturity (filled by callers)
    #: in memory only, never stored or hashed: what checks computed for others (e.g. the TOD study)
    artifacts: dict = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ summaries
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for r in self.results:
            for k, v in r.counts().items():
                out[k] += v
        return out

    def status_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.results:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    def issues(self, severity: str | None = None) -> list[Finding]:
        return [i for r in self.results for i in r.issues if severity is None or i.severity == severity]

    @property
    def has_errors(self) -> bool:
        return any(i.severity == "E" for i in self.issues())

    def not_evaluated(self) -> list[str]:
        """Rules that raised instead of answering: no pass verdict is possible while there are any."""
        return [r.rule for r in self.results if r.status == CRASHED]

    def verdict(self) -> Text:
        c = self.counts()
        if c["E"]:
            return Text("Không đạt", "Not passed")
        crashed = self.not_evaluated()
        if crashed:
            ids = ", ".join(crashed[:5]) + ("…" if len(crashed) > 5 else "")
            return Text(f"Không đạt: {len(crashed)} quy tắc không đánh giá được ({ids})",
                        f"Not passed: {len(crashed)} rule(s) could not be evaluated ({ids})")
        if c["W"]:
            return Text("Đạt, có cảnh báo cần khắc phục", "Passed with warnings to address")
        return Text("Đạt", "Passed")

    def result(self, rule: str) -> CheckResult:
        for r in self.results:
            if r.rule == rule:
                return r
        raise KeyError(rule)

    # ------------------------------------------------------------------ reproducibility
    def reproducible_dict(self) -> dict:
        return {"pack_id": self.pack_id, "pack_version": self.pack_version,
                "software_version": self.software_version, "province": self.province,
                "inputs": dict(sorted(self.inputs.items())),
                "results": [r.to_dict() for r in self.results]}

    def digest(self) -> str:
        blob = json.dumps(self.reproducible_dict(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        d = self.reproducible_dict()
        d["results"] = [r.to_dict(timing=True) for r in self.results]
        d.update({"run_id": self.run_id, "started": self.started, "seconds": round(self.seconds, 3),
                  "digest": self.digest(), "counts": self.counts(), "statuses": self.status_counts(),
                  "verdict": self.verdict().to_dict(), "extra": self.extra})
        return d


def software_version() -> str:
    from cim import __version__

    return f"CIM Studio {__version__}"


def run_check(project, check, *, cache: RunCache, pack=None, scope=None, feedback: Feedback | None = None,
              province: str | None = None) -> CheckResult:
    """Run one check; a skip or a crash becomes the result's status, never an exception."""
    feedback = feedback or Feedback()
    spec = getattr(check, "spec", None)
    params = spec.params_for(province if province is not None else project.metadata.province) if spec else {}
    ctx = CheckContext(project, rule=check, params=params, cache=cache, scope=scope, pack=pack)
    t0 = time.perf_counter()
    note, status = None, PASS
    try:
        issues = list(check.run(ctx, feedback) or [])
        status = FAIL if issues else PASS
    except CheckSkipped as skip:
        issues, status, note = [], skip.status, skip.reason
        issues = [ctx.project_issue(skip.reason.vi, skip.reason.en, severity="I",
                                    evidence={"status": skip.status})]
    except Canceled:
        raise
    except Exception as exc:  # a broken check must not stop the others — and must not pass (fail closed)
        feedback.log(f"check {check.id} failed: {exc}\n{traceback.format_exc()}", "warning")
        status = CRASHED
        reason = f"{type(exc).__name__}: {exc}"
        note = Text(f"Không đánh giá được: {reason}", f"Could not be evaluated: {reason}")
        issues = [ctx.project_issue(note.vi, note.en, severity=check.severity,
                                    evidence={"status": CRASHED, "code": NOT_EVALUATED, "reason": reason})]
    issues.sort(key=Finding.sort_key)
    return CheckResult(rule=check.id, title=check.title, severity=check.severity,
                       legal_basis=check.legal_basis, status=status, issues=issues,
                       group=spec.group if spec else "", system=spec.system if spec else "",
                       params=params, evidence=dict(sorted(ctx.evidence.items())),
                       inputs=tuple(sorted(ctx.inputs)), note=note, seconds=time.perf_counter() - t0,
                       subjects=tuple(sorted(ctx.subjects)), touched=ctx.touched)


def run_checks(project, checks, *, pack=None, feedback: Feedback | None = None, cache: RunCache | None = None,
               province: str | None = None, hash_cache: dict | None = None, engine=None) -> CheckRun:
    """Run every check (in the given order) and hash the inputs. ``engine``: a
    :class:`cim.checks.sqlengine.Pushdown` that evaluates the heavy predicates in SQL for this run
    only (None: all in memory); the findings are the same either way."""
    import uuid

    from cim.checks.hashing import input_hashes

    feedback = feedback or Feedback()
    cache = cache or RunCache()
    t0 = time.perf_counter()
    started = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    results = []
    n = max(len(checks), 1)
    cache.data["results"] = results          # rules that read other rules' results (MAT-01)
    if engine is not None:
        engine.begin_run()
        cache.data["sql_engine"] = engine     # this run only: a later re-check on the cache runs in memory
    try:
        for i, check in enumerate(checks):
            feedback.raise_if_canceled("check")
            with feedback.step(i / (n + 1), (i + 1) / (n + 1)):
                results.append(run_check(project, check, cache=cache, pack=pack, feedback=feedback, province=province))
            feedback.set_progress((i + 1) / (n + 1))
    finally:
        cache.data.pop("sql_engine", None)
    inputs = input_hashes(project, cache=hash_cache)
    feedback.set_progress(1.0)
    run = CheckRun(pack_id=pack.id if pack else "", pack_version=pack.version if pack else "",
                    software_version=software_version(),
                    province=province if province is not None else project.metadata.province or "",
                    inputs=inputs, results=results, started=started, seconds=time.perf_counter() - t0,
                    run_id=uuid.uuid4().hex, artifacts=dict(cache.data.get("artifacts", {})))
    if pack is not None:
        from cim.checks.integration import summarise

        run.extra = summarise(run, project, pack)
    return run
