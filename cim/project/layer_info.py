"""Data responsibility per layer (seed 001, task 13: "trách nhiệm cung cấp, chu kỳ, tiêu chuẩn chất
lượng dữ liệu"): who provides a layer, how often it is updated, the date of its source, its quality
level and its licence — an ISO 19115-style subset (CI_ResponsibleParty, MD_MaintenanceFrequencyCode,
CI_Date, DQ quality level, MD_Constraints).

Kept on :attr:`cim.project.layer.LayerRecord.info` (a plain dict, so it is copied, hashed and
serialised like the other layer properties), changed by the undoable :class:`SetLayerInfo` command,
saved in the ``cim_layer_metadata`` table of the project file (:mod:`cim.project.layer_info_store`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, fields

from cim.commands import Command

# field -> (Vietnamese label, English label, ISO 19115 element)
INFO_FIELDS: dict[str, tuple[str, str, str]] = {
    "provider": ("Đơn vị cung cấp dữ liệu", "Data provider", "CI_ResponsibleParty.organisationName (role: custodian)"),
    "contact": ("Đầu mối liên hệ", "Contact", "CI_ResponsibleParty.contactInfo"),
    "update_cycle": ("Chu kỳ cập nhật", "Update cycle", "MD_MaintenanceInformation.maintenanceAndUpdateFrequency"),
    "source_date": ("Ngày dữ liệu nguồn", "Source date", "CI_Citation.date (dateType: revision)"),
    "quality": ("Mức chất lượng", "Quality level", "DQ_DataQuality (conformance result)"),
    "licence": ("Giấy phép / điều kiện sử dụng", "Licence / use constraints", "MD_LegalConstraints.useLimitation"),
}
REQUIRED = ("provider", "update_cycle", "source_date", "quality", "licence")

# MD_MaintenanceFrequencyCode -> (vi, en, nominal period in days or None when it never goes stale)
UPDATE_CYCLES: dict[str, tuple[str, str, int | None]] = {
    "continual": ("Liên tục", "Continual", 1),
    "daily": ("Hằng ngày", "Daily", 1),
    "weekly": ("Hằng tuần", "Weekly", 7),
    "monthly": ("Hằng tháng", "Monthly", 31),
    "quarterly": ("Hằng quý", "Quarterly", 92),
    "biannually": ("6 tháng", "Every six months", 183),
    "annually": ("Hằng năm", "Annually", 366),
    "asNeeded": ("Khi cần", "As needed", None),
    "irregular": ("Không định kỳ", "Irregular", None),
    "notPlanned": ("Không dự kiến cập nhật", "Not planned", None),
}

# quality level -> (vi, en)
QUALITY_LEVELS: dict[str, tuple[str, str]] = {
    "verified": ("Đã kiểm định, nghiệm thu", "Verified and accepted"),
    "checked": ("Đã kiểm tra nội bộ", "Checked internally"),
    "provisional": ("Tạm thời, chưa kiểm tra", "Provisional, not checked"),
}


@dataclass
class LayerInfo:
    provider: str = ""
    contact: str = ""
    update_cycle: str = ""
    source_date: str = ""       # ISO date YYYY-MM-DD
    quality: str = ""
    licence: str = ""

    @classmethod
    def from_dict(cls, data: dict | None) -> LayerInfo:
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in (data or {}).items() if k in known and v is not None})

    def to_dict(self) -> dict:
        """Only the fields that are set (an empty layer info is ``{}``)."""
        return {k: v for k, v in asdict(self).items() if v}

    def missing(self) -> list[str]:
        return [f for f in REQUIRED if not getattr(self, f).strip()]

    def problems(self) -> list[tuple[str, str, str]]:
        """``(field, vi, en)`` for values that are present but not valid."""
        out = []
        if self.update_cycle and self.update_cycle not in UPDATE_CYCLES:
            out.append(("update_cycle", f"chu kỳ “{self.update_cycle}” không thuộc danh mục ISO 19115",
                        f"update cycle '{self.update_cycle}' is not an ISO 19115 code"))
        if self.quality and self.quality not in QUALITY_LEVELS:
            out.append(("quality", f"mức chất lượng “{self.quality}” không thuộc danh mục",
                        f"quality level '{self.quality}' is not one of {', '.join(QUALITY_LEVELS)}"))
        if self.source_date and parse_date(self.source_date) is None:
            out.append(("source_date", f"ngày “{self.source_date}” không đúng dạng YYYY-MM-DD",
                        f"date '{self.source_date}' is not YYYY-MM-DD"))
        return out

    def age_days(self, on: _dt.date) -> int | None:
        d = parse_date(self.source_date)
        return None if d is None else (on - d).days

    def is_stale(self, on: _dt.date, grace: float = 0.0) -> bool:
        """Older than its update cycle allows (plus ``grace`` × the period) on the date ``on``."""
        period = UPDATE_CYCLES.get(self.update_cycle, ("", "", None))[2]
        age = self.age_days(on)
        return period is not None and age is not None and age > period * (1.0 + grace)


def parse_date(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        return None


def layer_info(rec) -> LayerInfo:
    return LayerInfo.from_dict(getattr(rec, "info", None))


def validate_info(values: dict, *, obj: str = "") -> LayerInfo:
    """A :class:`LayerInfo` from user values; raises :class:`CimInputError` on an invalid value."""
    from cim.errors import CimInputError

    unknown = sorted(set(values) - set(INFO_FIELDS))
    if unknown:
        raise CimInputError(None, f"unknown layer metadata field(s) {', '.join(unknown)}", obj=obj,
                            hint=f"fields are: {', '.join(INFO_FIELDS)}")
    info = LayerInfo.from_dict({k: str(v).strip() for k, v in values.items()})
    bad = info.problems()
    if bad:
        raise CimInputError(None, "; ".join(en for _f, _vi, en in bad), obj=obj,
                            hint="update cycles: " + ", ".join(UPDATE_CYCLES)
                            + "; quality: " + ", ".join(QUALITY_LEVELS) + "; dates: YYYY-MM-DD")
    return info


class SetLayerInfo(Command):
    """Replace a layer's data-responsibility metadata (one undo step)."""

    category = "metadata"

    def __init__(self, project, layer_id: str, info: LayerInfo | dict) -> None:
        self.project, self.layer_id = project, layer_id
        rec = project.layer(layer_id)
        self.old = dict(rec.info)
        self.new = (info if isinstance(info, LayerInfo) else LayerInfo.from_dict(info)).to_dict()
        self.text = f"Set layer metadata of {rec.name}"

    def _apply(self, value: dict) -> None:
        self.project.layer(self.layer_id).info = dict(value)
        self.project.layer_changed.emit(self.layer_id)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


def info_table(project) -> list[dict]:
    """One row per layer (tree order) for the manifest, reports and CityJSON metadata."""
    return [{"layer": rec.name, "layer_id": rec.id, **layer_info(rec).to_dict()}
            for rec in project.ordered_layers()]
