"""The appraisal opinion as a document: header (issuing body, number, place, date, subject), bases,
per-system integration level, findings with the appraiser's decision, recommendations, conclusion,
recipients and signature block. Saved as JSON (``*.opinion.json``) so it can be edited and re-exported.

Each item of section III is an :class:`OpinionItem`: the rule's :class:`cim.findings.Finding` (severity,
code = rule id, message = the rule's title, objects, legal basis) with the issue lines quoted under it and
the appraiser's decision and reason — a paragraph of an editable document, not another finding type."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from cim.errors import CimInputError
from cim.findings import Finding
from cim.text import Text

DECISIONS = ("accepted", "rejected")
FORMAT = "cimstudio-appraisal-opinion"


@dataclass
class OpinionItem:
    id: str                      # F01, F02 … (stable within one opinion)
    finding: Finding             # code = rule id, message = the rule's title, objects, legal basis
    issues: list[Text] = field(default_factory=list)   # the issue lines quoted under it
    decision: str = "accepted"   # accepted: the plan must be corrected; rejected: the appraiser sets it aside
    reason: str = ""             # the appraiser's reason (required to reject)

    @property
    def rule(self) -> str:
        return self.finding.code

    @property
    def severity(self) -> str:
        return self.finding.severity

    def to_dict(self) -> dict:
        return {"id": self.id, "finding": self.finding.to_dict(), "issues": [t.to_dict() for t in self.issues],
                "decision": self.decision, "reason": self.reason}

    @classmethod
    def from_dict(cls, d: dict) -> OpinionItem:
        """An item as :meth:`to_dict` wrote it, or as opinions saved before it held a Finding (``rule``,
        ``title_vi``/``title_en``, ``issues_vi``/``issues_en``, ``legal_basis_vi``/``legal_basis_en``)."""
        from cim.findings import LegalBasis

        if "finding" in d:
            return cls(d["id"], Finding.from_dict(d["finding"]), [Text.of(t) for t in d.get("issues") or ()],
                       d.get("decision", "accepted"), d.get("reason", ""))
        lb = Text(d.get("legal_basis_vi") or "", d.get("legal_basis_en") or "")
        f = Finding(d["severity"], d["rule"], Text(d["title_vi"], d["title_en"]), tuple(d.get("object_ids") or ()),
                    legal_basis=LegalBasis(lb, "") if lb.vi or lb.en else None)
        return cls(d["id"], f, [Text(v, e) for v, e in zip(d.get("issues_vi") or (), d.get("issues_en") or ())],
                   d.get("decision", "accepted"), d.get("reason", ""))


@dataclass
class SystemLevel:
    system: str
    name_vi: str
    name_en: str
    score: float
    level_vi: str
    level_en: str
    present: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class Opinion:
    plan: dict                                     # the plan metadata from the package manifest
    package: dict                                  # file, sha256, consultant's key fingerprint, verify verdict
    parent_body: str = ""                          # UBND TỈNH PHÚ THỌ
    office: str = ""                               # SỞ XÂY DỰNG
    office_name: str = ""                          # Sở Xây dựng (in running text)
    number: str = ""                               # 123/SXD-QHKT
    place: str = ""                                # Phú Thọ
    date: str = ""                                 # YYYY-MM-DD
    subject_vi: str = ""                           # trích yếu
    subject_en: str = ""
    addressee: list[str] = field(default_factory=list)   # Kính gửi
    bases: list[str] = field(default_factory=list)       # Căn cứ … (Vietnamese; legal titles)
    systems: list[SystemLevel] = field(default_factory=list)
    overall: float = 0.0
    overall_level_vi: str = ""
    overall_level_en: str = ""
    findings: list[OpinionItem] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)   # kiến nghị (Vietnamese, editable)
    conclusion_vi: str = ""
    conclusion_en: str = ""
    recipients: list[str] = field(default_factory=list)        # nơi nhận
    signer_title: str = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str = ""
    check_verdict: dict = field(default_factory=dict)

    # findings ---------------------------------------------------------------------------------
    def finding(self, fid: str) -> OpinionItem:
        for f in self.findings:
            if f.id == fid or f.rule == fid:
                return f
        raise CimInputError(None, f"no finding {fid!r} in the opinion",
                            hint="findings are: " + ", ".join(f"{f.id} ({f.rule})" for f in self.findings))

    def decide(self, fid: str, decision: str, reason: str = "") -> OpinionItem:
        """Accept (the plan must be corrected) or reject (set aside) a finding; rejecting needs a reason."""
        if decision not in DECISIONS:
            raise CimInputError(None, f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
        f = self.finding(fid)
        if decision == "rejected" and not reason.strip():
            raise CimInputError(None, f"rejecting finding {f.id} ({f.rule}) needs the appraiser's reason",
                                hint="give --reason \"…\"")
        f.decision, f.reason = decision, reason.strip()
        return f

    def accepted(self) -> list[OpinionItem]:
        return [f for f in self.findings if f.decision == "accepted"]

    def rejected(self) -> list[OpinionItem]:
        return [f for f in self.findings if f.decision == "rejected"]

    def needs_correction(self) -> bool:
        return any(f.severity == "E" for f in self.accepted())

    # persistence --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["systems"] = [asdict(s) for s in self.systems]
        d["findings"] = [f.to_dict() for f in self.findings]
        return {"format": FORMAT, "version": 2, **d}

    @classmethod
    def from_dict(cls, data: dict, path=None) -> Opinion:
        if data.get("format") != FORMAT:
            raise CimInputError(path, "not an appraisal opinion file (format tag missing)",
                                hint="draft one with `cimstudio opinion draft PACKAGE`")
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        try:
            kw["systems"] = [SystemLevel(**s) for s in kw.get("systems", [])]
            kw["findings"] = [OpinionItem.from_dict(f) for f in kw.get("findings", [])]
            op = cls(**kw)
        except (TypeError, KeyError, ValueError) as exc:
            raise CimInputError(path, f"the opinion file is damaged ({exc})", hint="draft it again") from None
        bad = [f.id for f in op.findings if f.decision not in DECISIONS]
        if bad:
            raise CimInputError(path, f"finding(s) {', '.join(bad)} have an unknown decision")
        return op

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        from cim.io.atomic import atomic_write_text

        return atomic_write_text(Path(path), json.dumps(self.to_dict(), ensure_ascii=False, indent=1))


def load_opinion(path: str | Path) -> Opinion:
    from cim.io.json_file import read_json_object

    path, data = read_json_object(path, not_json_hint="draft the opinion again")
    return Opinion.from_dict(data, path)


def date_line(place: str, iso: str, lang: str = "vi") -> str:
    """``Phú Thọ, ngày 06 tháng 12 năm 2026`` (administrative style) / ``Phú Thọ, 6 December 2026``."""
    import datetime as dt

    try:
        d = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return f"{place}, ngày … tháng … năm …" if lang == "vi" else f"{place}, …"
    if lang == "vi":
        return f"{place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
    return f"{place}, {d.day} {d.strftime('%B')} {d.year}"
