"""The check protocol and the values a check produces (DESIGN.md habit 8).

A check is a small registered unit: ``id``, ``title`` (vi/en), ``severity`` (E/W/I), ``legal_basis``
(citation + support grade [V]/[P]/[I]) and ``run(ctx, feedback) -> list[Finding]``
(:class:`cim.findings.Finding`); an empty list means pass. A check that cannot be evaluated on this project (no such data, a module not yet available)
raises :class:`CheckSkipped`; the runner records why.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

from cim.findings import Finding, LegalBasis
from cim.text import Text

SEVERITIES = ("E", "W", "I")
SEVERITY_NAMES = {"E": ("Lỗi", "Error"), "W": ("Cảnh báo", "Warning"), "I": ("Thông tin", "Info")}
GRADES = {"V": ("đã đọc trong văn bản pháp lý", "read in a legal text or seed"),
          "P": ("theo báo chí / nguồn thứ cấp", "from press or secondary sources"),
          "I": ("suy luận của nhóm, có thể cấu hình", "our inference, configurable")}
# result status values
PASS, FAIL, NOT_APPLICABLE, WAITING, CRASHED = "pass", "fail", "not_applicable", "waiting", "error"
STATUS_NAMES = {PASS: ("Đạt", "Pass"), FAIL: ("Không đạt", "Fail"),
                NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
                WAITING: ("Chờ dữ liệu/mô-đun", "Waiting for data/module"),
                CRASHED: ("Không đánh giá được", "Could not be evaluated")}
#: evidence code of the finding a rule that raised produces (at the rule's own severity; blocks a pass)
NOT_EVALUATED = "NOT_EVALUATED"


class CheckSkipped(Exception):
    """Raised by a check that cannot be evaluated: ``status`` is ``not_applicable`` or ``waiting``."""

    def __init__(self, reason_vi: str, reason_en: str, status: str = NOT_APPLICABLE) -> None:
        super().__init__(reason_en)
        self.reason = Text(reason_vi, reason_en)
        self.status = status


@runtime_checkable
class Check(Protocol):
    id: str
    title: Text
    severity: str
    legal_basis: LegalBasis

    def run(self, ctx, feedback) -> list[Finding]: ...


@dataclass
class CheckResult:
    """What one check produced in one run."""

    rule: str
    title: Text
    severity: str
    legal_basis: LegalBasis
    status: str
    issues: list[Finding]             # the findings (code = rule id); legal basis once, on the result
    group: str = ""
    system: str = ""
    params: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)
    inputs: tuple[str, ...] = ()        # layer ids (and "metadata"/"crs") the check read
    note: Text | None = None            # why skipped / crashed
    seconds: float = 0.0
    subjects: tuple[str, ...] = ()      # layers evaluated per object (in memory only, for re-checks)
    touched: dict = field(default_factory=dict)   # scoped run: other objects re-evaluated (in memory)

    def findings(self) -> list[Finding]:
        """The findings with this rule's legal basis on each (what a report or BCF topic shows)."""
        return [i if i.legal_basis is not None else replace(i, legal_basis=self.legal_basis) for i in self.issues]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for i in self.issues:
            out[i.severity] = out.get(i.severity, 0) + 1
        return out

    def to_dict(self, *, timing: bool = False) -> dict:
        d = {"rule": self.rule, "title": self.title.to_dict(), "severity": self.severity,
             "legal_basis": self.legal_basis.to_dict(), "status": self.status, "group": self.group,
             "system": self.system, "params": self.params, "evidence": self.evidence,
             "inputs": list(self.inputs), "note": self.note.to_dict() if self.note else None,
             "issues": [i.to_dict() for i in self.issues]}
        if timing:
            d["seconds"] = round(self.seconds, 4)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> CheckResult:
        lb = d.get("legal_basis") or {}
        return cls(rule=d["rule"], title=Text.of(d["title"]), severity=d["severity"],
                   legal_basis=LegalBasis(Text.of(lb.get("citation")), lb.get("grade", "I")),
                   status=d["status"], issues=[Finding.from_dict(i) for i in d.get("issues", [])],
                   group=d.get("group", ""), system=d.get("system", ""), params=d.get("params") or {},
                   evidence=d.get("evidence") or {}, inputs=tuple(d.get("inputs") or ()),
                   note=Text.of(d["note"]) if d.get("note") else None)
