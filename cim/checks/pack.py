"""Rule packs as data (TOML): rules with texts, legal basis, parameters and province overrides.

A pack file looks like::

    [pack]
    id = "decree269"
    version = "1.0.0"
    title = { vi = "…", en = "…" }

    [[rules]]
    id = "INF-02"
    group = "INF"
    severity = "W"
    title = { vi = "…", en = "…" }
    legal_basis = { citation = { vi = "…", en = "…" }, grade = "V" }
    type = "attribute"                 # a generic rule (cim.checks.engine) …
    # check = "decree269.sec01"        # … or a Python check registered by a plugin
    [rules.params]
    subject = { kind = "smart_element" }
    require = [ { field = "interface_target", op = "not_empty" } ]
    [rules.province_overrides."Hồ Chí Minh"]
    radius_m = 1000

A user pack may name ``extends = "decree269"``: its rules are added to (or replace, by id) the base
pack's, and its ``[params.RULE-ID]`` tables override the base parameters.
"""

from __future__ import annotations

import copy
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cim.checks.base import SEVERITIES, LegalBasis, Text
from cim.errors import CimInputError


@dataclass(frozen=True)
class RuleSpec:
    id: str
    title: Text
    severity: str
    legal_basis: LegalBasis
    group: str = ""
    system: str = ""
    description: Text = Text("", "")
    type: str = ""                       # generic engine rule type, or ""
    check: str = ""                      # qualified id of a Python check, or ""
    params: dict = field(default_factory=dict)
    province_overrides: dict = field(default_factory=dict)
    inputs: tuple[str, ...] = ()         # kinds read by a Python check ("plot", "metadata", "*" …)

    def params_for(self, province: str | None) -> dict:
        """Defaults with the overrides of every matching province key applied (deep copy)."""
        out = copy.deepcopy(self.params)
        if province:
            p = fold(province)
            for key, over in self.province_overrides.items():
                k = fold(key)
                if k and (k == p or k in p):
                    out.update(copy.deepcopy(over))
        return out


@dataclass
class RulePack:
    id: str
    version: str
    title: Text
    rules: list[RuleSpec]
    source: str = ""
    extra: dict = field(default_factory=dict)   # other top-level tables (integration, maturity …)

    def rule(self, rule_id: str) -> RuleSpec:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def extend(self, other: RulePack, param_overrides: dict | None = None) -> RulePack:
        """This pack with ``other``'s rules added/replaced and parameters overridden."""
        by_id = {r.id: r for r in self.rules}
        for r in other.rules:
            by_id[r.id] = r
        rules = list(by_id.values())
        for rid, over in (param_overrides or {}).items():
            for i, r in enumerate(rules):
                if r.id == rid:
                    params = copy.deepcopy(r.params)
                    params.update(over)
                    rules[i] = RuleSpec(**{**r.__dict__, "params": params})
        extra = {**self.extra, **{k: v for k, v in other.extra.items() if k not in ("params",)}}
        return RulePack(id=f"{self.id}+{other.id}", version=f"{self.version}+{other.version}",
                        title=self.title, rules=rules, source=f"{self.source};{other.source}", extra=extra)


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d), for tolerant province matching."""
    t = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    t = "".join(c for c in t if unicodedata.category(c) != "Mn").lower()
    for word in ("tinh ", "thanh pho ", "tp. ", "tp "):
        t = t.replace(word, "")
    return " ".join(t.split())


def load_pack(path: str | Path) -> RulePack:
    """Read a rule pack TOML file; errors name the file and the rule."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CimInputError(path, "the rule pack file does not exist", hint="check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise CimInputError(path, f"the rule pack is not valid TOML ({exc})", hint="fix the syntax") from exc
    return pack_from_dict(data, source=str(path))


def pack_from_dict(data: dict, source: str = "") -> RulePack:
    head = data.get("pack") or {}
    if "id" not in head:
        raise CimInputError(source, "the rule pack has no [pack] id", hint='add [pack] id = "my_rules"')
    rules = [_rule(r, source) for r in data.get("rules", [])]
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise CimInputError(source, f"rule id {r.id!r} appears twice", obj=r.id, hint="give each rule its own id")
        seen.add(r.id)
    extra = {k: v for k, v in data.items() if k not in ("pack", "rules")}
    extra["extends"] = head.get("extends", "")
    return RulePack(id=str(head["id"]), version=str(head.get("version", "0")), title=Text.of(head.get("title", head["id"])),
                    rules=rules, source=source, extra=extra)


def _rule(d: dict, source: str) -> RuleSpec:
    rid = d.get("id")
    if not rid:
        raise CimInputError(source, "a rule has no id", hint='every [[rules]] needs id = "…"')
    sev = str(d.get("severity", "W")).upper()[:1]
    if sev not in SEVERITIES:
        raise CimInputError(source, f"severity {d.get('severity')!r} is not E, W or I", obj=rid)
    if not d.get("type") and not d.get("check"):
        raise CimInputError(source, "the rule names neither a generic 'type' nor a Python 'check'", obj=rid,
                            hint='add type = "attribute" (or near, inside, count_within, count_per_area, share)')
    lb = d.get("legal_basis") or {}
    grade = str(lb.get("grade", "I")).strip("[]").upper()
    return RuleSpec(id=str(rid), title=Text.of(d.get("title", rid)), severity=sev,
                    legal_basis=LegalBasis(Text.of(lb.get("citation", "")), grade),
                    group=str(d.get("group", str(rid).split("-")[0])), system=str(d.get("system", "")),
                    description=Text.of(d.get("description", "")), type=str(d.get("type", "")),
                    check=str(d.get("check", "")), params=dict(d.get("params") or {}),
                    province_overrides=dict(d.get("province_overrides") or {}),
                    inputs=tuple(d.get("inputs") or ()))
