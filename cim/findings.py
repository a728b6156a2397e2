"""One ``Finding``: what any validator says about a project, a file or a package.

``severity`` is ``E`` (error), ``W`` (warning) or ``I`` (information); ``code`` a stable identifier
(a rule id such as ``SEC-01``, a network rule ``NET-DANGLE``, a georeferencing code such as
``NORTH_MISMATCH``, an IDS check id, a CityJSON/schema problem code); ``message`` the bilingual
:class:`~cim.text.Text`; ``objects`` the objects it is about (cim_id, IFC GlobalId, archive member);
``location`` a WKT spot or a file/layer path; ``legal_basis`` the citation where the finding rests on a
legal text.

The optional fields say where in the project the finding points: ``layer``/``layer_id`` (the layer's
name and id), ``fids`` (feature ids in that layer), ``bbox`` (minx, miny, maxx, maxy) and ``extra`` — the
validator's own figures (a rule check's evidence, the network system and node/edge ids, an IDS
requirement), plain JSON values only.

Every validator returns this type (rule checks, network validation, georeferencing, IDS, CityJSON,
layer schema, CRS checks, ``cimstudio validate``); every panel, report, CLI print and BCF export reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cim.text import Text

SEVERITIES = ("E", "W", "I")
#: the words other validators used for a severity, mapped to the one scale
_SEVERITY_WORDS = {"error": "E", "fail": "E", "failed": "E", "warning": "W", "warn": "W", "info": "I",
                   "information": "I", "note": "I", "ok": "I"}


def severity_of(value: str) -> str:
    """``E``/``W``/``I`` from any spelling validators use (``error``, ``warning``, ``info``…)."""
    v = str(value).strip()
    if v.upper() in SEVERITIES:
        return v.upper()
    try:
        return _SEVERITY_WORDS[v.lower()]
    except KeyError:
        raise ValueError(f"unknown severity {value!r}: use E, W or I") from None


@dataclass(frozen=True)
class LegalBasis:
    """The legal text a rule rests on and how well we know it: V read in the text, P press, I inference."""

    citation: Text
    grade: str = "I"           # V, P or I (DOMAIN.md labels); "" unknown (an opinion saved without it)

    def label(self, lang: str = "vi") -> str:
        return f"{self.citation.get(lang)} [{self.grade}]" if self.grade else self.citation.get(lang)

    def to_dict(self) -> dict:
        return {"citation": self.citation.to_dict(), "grade": self.grade}

    @classmethod
    def from_dict(cls, d: Mapping | None) -> LegalBasis | None:
        if not d:
            return None
        return cls(Text.of(d.get("citation")), d.get("grade", "I"))


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str
    message: Text
    objects: tuple[str, ...] = ()
    location: str = ""
    legal_basis: LegalBasis | None = None
    layer: str = ""                     # layer name ("" for a project-, file- or package-level finding)
    layer_id: str = ""
    fids: tuple[int, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {SEVERITIES}")

    def text(self, lang: str = "vi") -> str:
        msg = self.message.get(lang)
        return f"{msg} [{', '.join(self.objects)}]" if self.objects else msg

    def sort_key(self) -> tuple:
        return (self.code, self.layer, self.fids[:1] or (-1,), self.objects[:1], self.message.en)

    def to_dict(self) -> dict:
        lb = self.legal_basis
        return {"severity": self.severity, "code": self.code, "message": self.message.to_dict(),
                "objects": list(self.objects), "location": self.location, "layer": self.layer,
                "layer_id": self.layer_id, "fids": list(self.fids),
                "bbox": [round(v, 3) for v in self.bbox] if self.bbox else None,
                "legal_basis": lb.to_dict() if lb is not None else None, "extra": dict(self.extra)}

    @classmethod
    def from_dict(cls, d: Mapping) -> Finding:
        """A Finding from :meth:`to_dict` — or from a record saved before Finding was the one type: a
        rule-check issue (``rule``, ``message_vi``/``message_en``, ``object_ids``, ``evidence``) or an IFC
        warning (``code``, ``en``, ``vi``, ``severity`` ``warning``/``error``)."""
        if "message" in d:
            message = Text.of(d["message"])
        elif "message_vi" in d or "message_en" in d:
            message = Text(d.get("message_vi") or "", d.get("message_en") or "")
        else:           # an IFC georeferencing warning saved as {"code", "en", "vi", "severity"}
            message = Text.of({k: d[k] for k in ("vi", "en") if k in d})
        return cls(severity=severity_of(d.get("severity") or "I"), code=str(d.get("code") or d.get("rule") or ""),
                   message=message, objects=tuple(str(o) for o in d.get("objects") or d.get("object_ids") or ()),
                   location=d.get("location") or "", legal_basis=LegalBasis.from_dict(d.get("legal_basis")),
                   layer=d.get("layer") or "", layer_id=d.get("layer_id") or "",
                   fids=tuple(int(f) for f in d.get("fids") or ()),
                   bbox=tuple(float(v) for v in d["bbox"]) if d.get("bbox") else None,
                   extra=dict(d.get("extra") or d.get("evidence") or {}))


def finding(code: str, severity: str, vi: str, en: str, **kw) -> Finding:
    """A Finding from the two texts (``severity`` in any spelling :func:`severity_of` knows)."""
    return Finding(severity_of(severity), code, Text(vi, en), **kw)
