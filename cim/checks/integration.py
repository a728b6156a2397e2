"""Integration level per smart system and overall, and the maturity self-assessment table.

Both answer the appraisal's question — how much of the expected smart content does the plan hold —
with the evidence behind each figure. Their configuration is data in the rule pack
(``[integration]`` and ``[[maturity]]``).

Integration of a system = ``weight_types`` × share of its expected element types present
+ (1 − ``weight_types``) × share of its rules (SMT-…, BLD-…) that pass; rules that could not be
evaluated are left out of the share. A maturity criterion is *đạt* only with evidence: its rules
pass, its element types are present, or the plan metadata names a document for it.
"""

from __future__ import annotations

from cim.checks.base import FAIL, PASS

MAX_EVIDENCE_IDS = 50


def _system_names(code: str) -> tuple[str, str]:
    try:
        from cim.model.taxonomy import smart_systems

        s = smart_systems().get(code)
        if s:
            return s.name_vi, s.name_en
    except ImportError:  # pragma: no cover
        pass
    return code, code


def element_inventory(project, cache=None) -> dict[str, dict]:
    """``{type: {"count": n, "system": s, "ids": [...first ids]}}`` over every smart-element layer
    (cached in ``cache``, a :class:`~cim.checks.context.RunCache`, until those layers change)."""
    from cim.checks.context import CheckContext

    ctx = CheckContext(project)
    sels = ctx.select("smart_element")
    if cache is not None:
        return cache.get(("inventory", *[s.id for s in sels]), lambda: _inventory(sels))
    return _inventory(sels)


def _inventory(sels) -> dict[str, dict]:
    import numpy as np
    import pandas as pd

    frames = []
    for sel in sels:
        df = sel.rec.data
        if "type" not in df.columns:
            continue
        ids = df["cim_id"].astype("string") if "cim_id" in df.columns else pd.Series(df.index.astype(str), index=df.index)
        frames.append(pd.DataFrame({"type": df["type"].astype("string").to_numpy(),
                                    "system": (df["system"].astype("string") if "system" in df.columns
                                               else pd.Series(pd.NA, index=df.index)).to_numpy(),
                                    "id": ids.to_numpy()}))
    if not frames:
        return {}
    all_ = pd.concat(frames, ignore_index=True).dropna(subset=["type"])
    codes, types = pd.factorize(all_["type"], sort=True)      # vectorised: no pandas groupby per type
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes, minlength=len(types))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    first_system = all_[all_["system"].notna()].drop_duplicates("type").set_index("type")["system"]
    ids = all_["id"].to_numpy(dtype=object)
    out = {}
    for k, t in enumerate(types):
        take = order[starts[k]:starts[k] + min(int(counts[k]), MAX_EVIDENCE_IDS)]
        out[str(t)] = {"count": int(counts[k]), "system": str(first_system.get(t, "")),
                       "ids": [str(x) for x in ids[take]]}
    return out


def integration_levels(project, results, pack, cache=None) -> dict:
    cfg = (pack.extra.get("integration") if pack else None) or {}
    w = float(cfg.get("weight_types", 0.5))
    levels = cfg.get("levels") or [{"min": 0.8, "vi": "Cao", "en": "High"}, {"min": 0.5, "vi": "Trung bình", "en": "Medium"},
                                   {"min": 0.0, "vi": "Thấp", "en": "Low"}]
    inv = element_inventory(project, cache)
    status = {r.rule: r.status for r in results}
    systems = {}
    for code, sc in (cfg.get("systems") or {}).items():
        expected = list(sc.get("expected", []))
        present = [t for t in expected if inv.get(t, {}).get("count", 0) > 0]
        missing = [t for t in expected if t not in present]
        rules = {r: status.get(r, "missing") for r in sc.get("rules", [])}
        judged = [r for r, s in rules.items() if s in (PASS, FAIL)]
        type_share = len(present) / len(expected) if expected else 0.0
        rule_share = sum(rules[r] == PASS for r in judged) / len(judged) if judged else None
        score = type_share if rule_share is None else w * type_share + (1 - w) * rule_share
        lvl = next((lv for lv in levels if score >= float(lv["min"])), levels[-1])
        vi, en = _system_names(code)
        systems[code] = {
            "name": {"vi": vi, "en": en}, "score": round(score, 4), "level": {"vi": lvl["vi"], "en": lvl["en"]},
            "types_present": present, "types_missing": missing, "type_share": round(type_share, 4),
            "rules": rules, "rule_share": None if rule_share is None else round(rule_share, 4),
            "elements": {t: {"count": inv[t]["count"], "ids": inv[t]["ids"]} for t in present},
            "element_count": sum(inv.get(t, {}).get("count", 0) for t in expected)}
    overall = round(sum(s["score"] for s in systems.values()) / len(systems), 4) if systems else 0.0
    lvl = next((lv for lv in levels if overall >= float(lv["min"])), levels[-1])
    return {"systems": systems, "overall": overall, "overall_level": {"vi": lvl["vi"], "en": lvl["en"]}}


def maturity_table(project, results, pack, integration: dict | None = None, cache=None) -> list[dict]:
    criteria = (pack.extra.get("maturity") if pack else None) or []
    status = {r.rule: r.status for r in results}
    inv = element_inventory(project, cache)
    integration = integration or integration_levels(project, results, pack, cache)
    md = project.metadata
    rows = []
    for c in criteria:
        evidence, links, ok = [], [], True
        if c.get("rules"):
            st = {r: status.get(r, "missing") for r in c["rules"]}
            ok &= all(s == PASS for s in st.values())
            from cim.checks.base import STATUS_NAMES  # the report's Vietnamese column: "đạt", not "pass"

            evidence.append(", ".join(f"{r}: {STATUS_NAMES.get(s, ('chưa chạy', 'missing'))[0].lower()}"
                                      for r, s in st.items()))
            links += [f"#rule-{r}" for r in c["rules"]]
        if c.get("element_types"):
            have = {t: inv.get(t, {}).get("count", 0) for t in c["element_types"]}
            present = any(v > 0 for v in have.values())
            meta_link = md.get(c["metadata"]) if c.get("metadata") else ""
            ok &= present or bool(meta_link)
            evidence.append(", ".join(f"{t}: {n}" for t, n in have.items()))
            for t in c["element_types"]:
                links += inv.get(t, {}).get("ids", [])[:3]
        elif c.get("metadata"):
            link = md.get(c["metadata"]) or ""
            ok &= bool(link)
            evidence.append(f"{c['metadata']}: {link or '—'}")
            if link:
                links.append(str(link))
        if c.get("min_systems"):
            good = [s for s, v in integration["systems"].items() if v["score"] >= float(c.get("min_score", 0.5))]
            ok &= len(good) >= int(c["min_systems"])
            evidence.append(f"{len(good)}/{len(integration['systems'])} ≥ {c.get('min_score', 0.5)}")
        has_evidence = bool(links) or bool(c.get("min_systems"))
        passed = bool(ok and has_evidence)
        rows.append({"id": c.get("id", ""), "level": int(c.get("level", 1)),
                     "criterion": {"vi": c.get("vi", ""), "en": c.get("en", "")},
                     "passed": passed, "status": {"vi": "Đạt" if passed else "Không đạt",
                                                  "en": "Passed" if passed else "Not passed"},
                     "evidence": "; ".join(e for e in evidence if e), "links": links[:10]})
    return rows


def summarise(run, project, pack) -> dict:
    """Integration levels and the maturity table of a finished run (stored in ``run.extra``)."""
    integ = integration_levels(project, run.results, pack)
    return {"integration": integ, "maturity": maturity_table(project, run.results, pack, integ)}
