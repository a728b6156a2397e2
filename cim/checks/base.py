"""The check protocol and the values a check produces (DESIGN.md habit 8).

A check is a small registered unit: ``id``, ``title`` (vi/en), ``severity`` (E/W/I), ``legal_basis``
(citation + support grade [V]/[P]/[I]) and ``run(ctx, feedback) -> list[Issue]``; an empty list means
pass. A check that cannot be evaluated on this project (no such data, a module not yet available)
raises :class:`CheckSkipped`; the runner records why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

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


@dataclass(frozen=True)
class LegalBasis:
    citation: Text
    grade: str = "I"           # V, P or I (DOMAIN.md labels)

    def label(self, lang: str = "vi") -> str:
        return f"{self.citation.get(lang)} [{self.grade}]"

    def to_dict(self) -> dict:
        return {"citation": self.citation.to_dict(), "grade": self.grade}


@dataclass(frozen=True)
class Issue:
    """One finding. ``fids``/``object_ids`` name the objects (cim_id where the layer has one);
    ``bbox`` (minx, miny, maxx, maxy) and ``location`` (WKT, may be empty) say where."""

    rule: str
    severity: str
    message_vi: str
    message_en: str
    layer: str = ""                     # layer name ("" for project-level findings)
    layer_id: str = ""
    fids: tuple[int, ...] = ()
    object_ids: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    location: str = ""                  # WKT of the object or of the problem spot
    evidence: dict = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang.startswith("en") else self.message_vi

    def to_finding(self, legal_basis: LegalBasis | None = None):
        """This issue as the one :class:`cim.findings.Finding` (the rule's legal basis, if given)."""
        from cim.findings import Finding

        return Finding(self.severity, self.rule, Text(self.message_vi, self.message_en), self.object_ids,
                       self.location, legal_basis, self.layer)

    def sort_key(self) -> tuple:
        return (self.rule, self.layer, self.fids[:1] or (-1,), self.object_ids[:1], self.message_en)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "layer": self.layer, "layer_id": self.layer_id,
                "fids": list(self.fids), "object_ids": list(self.object_ids),
                "bbox": [round(v, 3) for v in self.bbox] if self.bbox else None, "location": self.location,
                "message_vi": self.message_vi, "message_en": self.message_en, "evidence": self.evidence}

    @classmethod
    def from_dict(cls, d: dict) -> Issue:
        return cls(rule=d["rule"], severity=d["severity"], message_vi=d["message_vi"],
                   message_en=d["message_en"], layer=d.get("layer") or "", layer_id=d.get("layer_id") or "",
                   fids=tuple(int(f) for f in d.get("fids") or ()),
                   object_ids=tuple(str(o) for o in d.get("object_ids") or ()),
                   bbox=tuple(d["bbox"]) if d.get("bbox") else None, location=d.get("location") or "",
                   evidence=d.get("evidence") or {})


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

    def run(self, ctx, feedback) -> list[Issue]: ...


@dataclass
class CheckResult:
    """What one check produced in one run."""

    rule: str
    title: Text
    severity: str
    legal_basis: LegalBasis
    status: str
    issues: list[Issue]
    group: str = ""
    system: str = ""
    params: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)
    inputs: tuple[str, ...] = ()        # layer ids (and "metadata"/"crs") the check read
    note: Text | None = None            # why skipped / crashed
    seconds: float = 0.0
    subjects: tuple[str, ...] = ()      # layers evaluated per object (in memory only, for re-checks)
    touched: dict = field(default_factory=dict)   # scoped run: other objects re-evaluated (in memory)

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
                   status=d["status"], issues=[Issue.from_dict(i) for i in d.get("issues", [])],
                   group=d.get("group", ""), system=d.get("system", ""), params=d.get("params") or {},
                   evidence=d.get("evidence") or {}, inputs=tuple(d.get("inputs") or ()),
                   note=Text.of(d["note"]) if d.get("note") else None)
