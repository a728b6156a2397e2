"""Incremental re-checks: follow the project's edits and re-run only what they affect.

A :class:`CheckSession` listens to ``project.features_changed`` / ``metadata_changed`` and collects
the changed feature ids per layer. :meth:`recheck` then re-runs only the checks whose inputs
changed; a *local* check (per-object: attribute, near, inside rules and the Python checks marked
``local``) is evaluated on the changed objects alone and its old issues for those objects are
replaced. Per-row caches of the changed layers (geometry arrays, bounds, ids, id hashes) are patched
for the changed rows in place, whole-layer ones (STRtrees, unions) dropped, the others kept, so a
one-object edit costs milliseconds, not a full run.
"""

from __future__ import annotations

import time
from collections import defaultdict

from cim.checks.base import FAIL, PASS, CheckResult
from cim.checks.context import RunCache
from cim.checks.runner import CheckRun, run_check, run_checks
from cim.feedback import Feedback


class CheckSession:
    def __init__(self, project, checks, *, pack=None, province: str | None = None) -> None:
        self.project = project
        self.checks = list(checks)
        self.pack = pack
        self.province = province
        self.cache = RunCache()
        self.hashes: dict[str, str] = {}
        self.run: CheckRun | None = None
        self.changed: dict[str, set | None] = defaultdict(set)   # layer id -> fids (None = many/unknown)
        self.metadata_dirty = False
        project.features_changed.connect(self._on_features)
        project.metadata_changed.connect(self._on_metadata)
        project.layer_added.connect(self._on_layer)
        project.layer_removed.connect(self._on_layer)

    def close(self) -> None:
        for sig, slot in ((self.project.features_changed, self._on_features),
                          (self.project.metadata_changed, self._on_metadata),
                          (self.project.layer_added, self._on_layer), (self.project.layer_removed, self._on_layer)):
            sig.disconnect(slot)

    # ------------------------------------------------------------------ change tracking
    def _on_features(self, layer_id: str, fids) -> None:
        if fids is None or self.changed.get(layer_id, set()) is None:
            self.changed[layer_id] = None
        else:
            self.changed[layer_id].update(int(f) for f in list(fids))

    def _on_metadata(self) -> None:
        self.metadata_dirty = True

    def _on_layer(self, layer_id: str) -> None:
        self.changed[layer_id] = None

    # ------------------------------------------------------------------ runs
    def run_all(self, feedback: Feedback | None = None) -> CheckRun:
        self.cache = RunCache()
        self.hashes.clear()
        self.changed.clear()
        self.metadata_dirty = False
        self.run = run_checks(self.project, self.checks, pack=self.pack, feedback=feedback, cache=self.cache,
                              province=self.province, hash_cache=self.hashes)
        return self.run

    def recheck(self, feedback: Feedback | None = None, *, hash_inputs: bool = False) -> CheckRun:
        """Re-run what the edits since the last run affect. ``hash_inputs`` also refreshes the input
        hashes (needed before storing the run; costs a pass over the changed layers)."""
        if self.run is None:
            return self.run_all(feedback)
        t0 = time.perf_counter()
        changed = dict(self.changed)
        meta = self.metadata_dirty
        self.changed.clear()
        self.metadata_dirty = False
        for lid, fids in changed.items():      # derived data: patched for the changed rows, else dropped
            rec = self.project.layers.get(lid)
            if fids is None or rec is None or rec.kind != "vector" or not self.cache.patch_layer(rec, fids):
                self.cache.drop_layer(lid)
        by_rule = {r.rule: r for r in self.run.results}
        results = []
        for check in self.checks:
            old = by_rule.get(check.id)
            touched = self._touched(old, changed, meta)
            if old is not None and not touched:
                results.append(old)
                continue
            scope = self._scope(check, old, changed, meta)
            if scope is None:
                results.append(run_check(self.project, check, cache=self.cache, pack=self.pack, feedback=feedback,
                                         province=self.province))
            else:
                fresh = run_check(self.project, check, cache=self.cache, pack=self.pack, scope=scope,
                                  feedback=feedback, province=self.province)
                # skipped or crashed on the scope: that status stands, never merged into a pass
                results.append(_merge(old, fresh, scope) if fresh.status in (PASS, FAIL) else fresh)
        inputs = dict(self.run.inputs)
        for lid in changed:
            self.hashes.pop(lid, None)
        if hash_inputs or not changed:
            from cim.checks.hashing import input_hashes

            inputs = input_hashes(self.project, cache=self.hashes)
        else:
            for lid in changed:
                inputs[lid] = "stale"
        self.run = CheckRun(pack_id=self.run.pack_id, pack_version=self.run.pack_version,
                            software_version=self.run.software_version, province=self.run.province,
                            inputs=inputs, results=results, started=self.run.started,
                            seconds=time.perf_counter() - t0, run_id=self.run.run_id,
                            artifacts=dict(self.cache.data.get("artifacts", {})))
        return self.run

    @staticmethod
    def _touched(old: CheckResult | None, changed: dict, meta: bool) -> bool:
        if old is None:
            return True
        ins = set(old.inputs)
        if meta and ins & {"metadata", "crs"}:
            return True
        return bool(ins & set(changed)) or "*" in ins

    @staticmethod
    def _scope(check, old: CheckResult | None, changed: dict, meta: bool):
        """``{layer_id: fids}`` when the check may be re-run on the changed objects only, else None.

        Only when every changed input of the check is one of its per-object subject layers (a
        change in a target layer, e.g. a moved smart lamp for a "lamps near lamp poles" rule, needs
        a full run). The scope also holds the objects the old result flagged on those layers, so a
        fixed problem (a duplicate id made unique) disappears from the partner object too.
        """
        if old is None or old.status not in (PASS, FAIL):
            return None
        if meta and set(old.inputs) & {"metadata", "crs"}:
            return None
        hit = {lid: fids for lid, fids in changed.items() if lid in old.inputs}
        if getattr(check, "retarget", False) and hit and all(f is not None for f in hit.values()) \
                and not set(hit) & set(old.subjects):
            return {lid: set(f) for lid, f in hit.items()}
        if not getattr(check, "local", False):
            return None
        if not hit or any(f is None for f in hit.values()) or not set(hit) <= set(old.subjects):
            return None
        if any(i.extra.get("grouped") for i in old.issues):
            return None
        scope = {lid: set(f) for lid, f in hit.items()}
        for i in old.issues:
            if i.layer_id in scope:
                scope[i.layer_id].update(i.fids)
        return scope


def _merge(old: CheckResult, fresh: CheckResult, scope: dict) -> CheckResult:
    """Old issues outside the scope + the fresh ones (which cover the scope and any object they name).
    Issues without objects (project-level) always come from the fresh run."""
    fresh_objs = {(i.layer_id, f) for i in fresh.issues for f in i.fids}
    redone = {lid: set(scope.get(lid, ())) | set(fresh.touched.get(lid, ())) for lid in set(scope) | set(fresh.touched)}

    def stale(i) -> bool:
        if not i.fids or i.extra.get("global"):
            return True
        return any(f in redone.get(i.layer_id, ()) or (i.layer_id, f) in fresh_objs for f in i.fids)

    issues = sorted([i for i in old.issues if not stale(i)] + fresh.issues, key=lambda i: i.sort_key())
    return CheckResult(rule=old.rule, title=old.title, severity=old.severity, legal_basis=old.legal_basis,
                       status=FAIL if issues else PASS, issues=issues, group=old.group, system=old.system,
                       params=old.params, evidence=fresh.evidence or old.evidence, inputs=old.inputs,
                       note=old.note, seconds=fresh.seconds, subjects=old.subjects)
