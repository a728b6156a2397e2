"""One ``Finding``: what any validator says about a project, a file or a package.

``severity`` is ``E`` (error), ``W`` (warning) or ``I`` (information); ``code`` a stable identifier
(a rule id such as ``SEC-01``, a georeferencing code such as ``NORTH_MISMATCH``, an IDS check id, a
package-verification step); ``message`` the bilingual text; ``objects`` the objects it is about (cim_id,
IFC GlobalId, archive member); ``location`` a WKT spot or a file/layer path; ``legal_basis`` the
citation where the finding rests on a legal text.

Validators that still keep their own record type convert with ``to_finding()``
(:class:`cim.checks.base.Issue`, :class:`cim.ifc.georef.GeorefWarning`, :class:`cim.ids.check.IdsIssue`,
:class:`cim.package.verify.VerifyStep`); see docs/ARCHITECTURE.md for which types remain.
"""

from __future__ import annotations

from dataclasses import dataclass

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
class Finding:
    severity: str
    code: str
    message: Text
    objects: tuple[str, ...] = ()
    location: str = ""
    legal_basis: object | None = None     # cim.checks.base.LegalBasis where a legal text backs the finding
    layer: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {SEVERITIES}")

    def text(self, lang: str = "vi") -> str:
        msg = self.message.get(lang)
        return f"{msg} [{', '.join(self.objects)}]" if self.objects else msg

    def to_dict(self) -> dict:
        lb = self.legal_basis
        return {"severity": self.severity, "code": self.code, "message": self.message.to_dict(),
                "objects": list(self.objects), "location": self.location, "layer": self.layer,
                "legal_basis": lb.to_dict() if lb is not None else None}
