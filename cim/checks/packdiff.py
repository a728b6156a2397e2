"""Content hashes of rule packs and their differences, rule by rule and parameter by parameter.

Two packs with the same id and version can still differ (a consultant's copy with FAR ≤ 400 instead
of ≤ 4). :func:`rule_digests` hashes every rule (severity, type, check, every parameter, every province
override, texts) as canonical JSON; :func:`compare_packs` says which rules differ and in what.
"""

from __future__ import annotations

import hashlib
import json

from cim.checks.pack import RulePack, RuleSpec

PACK_KEY = "(pack)"     # the pack-level tables (integration, maturity …) under this name


def _canon(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def rule_fields(r: RuleSpec) -> dict:
    return {"severity": r.severity, "type": r.type, "check": r.check, "params": r.params,
            "province_overrides": r.province_overrides, "inputs": list(r.inputs), "group": r.group,
            "system": r.system, "title": r.title.to_dict(), "description": r.description.to_dict(),
            "legal_basis": r.legal_basis.to_dict()}


def rule_digests(pack: RulePack) -> dict[str, str]:
    """``{rule id: SHA-256 of the rule}`` plus :data:`PACK_KEY` for the pack-level settings."""
    out = {r.id: hashlib.sha256(_canon(rule_fields(r)).encode("utf-8")).hexdigest() for r in pack.rules}
    extra = {k: v for k, v in pack.extra.items() if k not in ("extends", "params")}
    out[PACK_KEY] = hashlib.sha256(_canon(extra).encode("utf-8")).hexdigest()
    return out


def pack_digest(pack: RulePack) -> str:
    """One SHA-256 over every rule digest (order-independent)."""
    return hashlib.sha256(_canon(sorted(rule_digests(pack).items())).encode("utf-8")).hexdigest()


def _leaf_diffs(a, b, path: str) -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b), key=str):
            out += _leaf_diffs(a.get(k), b.get(k), f"{path}.{k}" if path else str(k))
        return out
    return [] if _canon(a) == _canon(b) else [f"{path}: {_short(a)} ≠ {_short(b)}"]


def _short(v, n: int = 120) -> str:
    s = "—" if v is None else _canon(v)
    return s if len(s) <= n else s[: n - 1] + "…"


def compare_packs(shipped: RulePack, installed: RulePack) -> list[dict]:
    """Differences, one dict per rule: ``{"rule", "change": added|removed|changed, "details": [..]}``.
    ``details`` read "params.require: <shipped> ≠ <installed>"."""
    a, b = {r.id: r for r in shipped.rules}, {r.id: r for r in installed.rules}
    da, db = rule_digests(shipped), rule_digests(installed)
    out = []
    for rid in sorted(set(a) | set(b)):
        if rid not in b:
            out.append({"rule": rid, "change": "only_shipped", "details": []})
        elif rid not in a:
            out.append({"rule": rid, "change": "only_installed", "details": []})
        elif da[rid] != db[rid]:
            out.append({"rule": rid, "change": "changed",
                        "details": _leaf_diffs(rule_fields(a[rid]), rule_fields(b[rid]), "")})
    if da[PACK_KEY] != db[PACK_KEY]:
        ea = {k: v for k, v in shipped.extra.items() if k not in ("extends", "params")}
        eb = {k: v for k, v in installed.extra.items() if k not in ("extends", "params")}
        out.append({"rule": PACK_KEY, "change": "changed", "details": _leaf_diffs(ea, eb, "")})
    return out


def describe_difference(d: dict) -> tuple[str, str]:
    """(vi, en) one line for a difference of :func:`compare_packs`."""
    rule = d["rule"] if d["rule"] != PACK_KEY else "bảng cấu hình của bộ quy tắc"
    rule_en = d["rule"] if d["rule"] != PACK_KEY else "the pack's settings tables"
    if d["change"] == "only_shipped":
        return (f"quy tắc {rule} chỉ có trong bộ quy tắc của gói, không có trong bộ cài trên máy thẩm định",
                f"rule {rule_en} is only in the shipped pack, not in the appraiser's installed pack")
    if d["change"] == "only_installed":
        return (f"quy tắc {rule} của bộ cài trên máy thẩm định không có trong gói (bị bỏ)",
                f"rule {rule_en} of the appraiser's installed pack is missing from the shipped pack")
    det = "; ".join(d["details"][:4]) + (" …" if len(d["details"]) > 4 else "")
    return (f"quy tắc {rule} khác bộ cài trên máy thẩm định (gói ≠ máy thẩm định): {det}",
            f"rule {rule_en} differs from the appraiser's installed pack (shipped ≠ installed): {det}")
