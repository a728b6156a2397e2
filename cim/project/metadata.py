"""Plan metadata (DOMAIN.md META-01): what identifies the plan and who is responsible for it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

PLAN_LEVELS: dict[str, tuple[str, str]] = {
    "chung": ("Quy hoạch chung", "General plan"),
    "phan_khu": ("Quy hoạch phân khu", "Zoning plan"),
    "chi_tiet": ("Quy hoạch chi tiết", "Detailed plan"),
}


def _labelled(vi: str, en: str, default=""):
    """A META-01 field, with its Vietnamese and English labels (:data:`METADATA_LABELS`)."""
    return field(default=default, metadata={"labels": (vi, en)})


@dataclass
class PlanMetadata:
    plan_id: str = _labelled("Mã quy hoạch", "Plan id")
    name: str = _labelled("Tên đồ án quy hoạch", "Plan name")
    level: str = _labelled("Cấp độ quy hoạch", "Plan level")
    scale: int | None = _labelled("Tỷ lệ bản đồ (1/…)", "Map scale (1/…)", None)
    province: str = _labelled("Tỉnh/thành phố", "Province")
    commune: str = _labelled("Xã/phường", "Commune/ward")
    approving_body: str = _labelled("Cơ quan phê duyệt", "Approving body")
    decision_no: str = _labelled("Số quyết định", "Decision no.")
    decision_date: str = _labelled("Ngày quyết định", "Decision date")
    producer: str = _labelled("Đơn vị lập", "Producer")
    version: str = _labelled("Phiên bản", "Version")
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name != "extra"]

    def missing(self) -> list[str]:
        """Names of the META-01 fields that are empty."""
        return [n for n in self.field_names() if getattr(self, n) in ("", None)]

    def get(self, name: str):
        if name in self.field_names():
            return getattr(self, name)
        return self.extra.get(name, "")

    def set(self, name: str, value) -> None:
        if name == "scale":
            value = parse_scale(value)
        if name in self.field_names():
            setattr(self, name, value)
        elif value in (None, ""):
            self.extra.pop(name, None)
        else:
            self.extra[name] = str(value)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PlanMetadata:
        known = set(cls.field_names())
        md = cls()
        for key, value in data.items():
            if key == "extra" and isinstance(value, dict):
                md.extra.update({str(k): str(v) for k, v in value.items()})
            elif key in known:
                md.set(key, value)
            elif key != "crs":
                md.extra[key] = str(value)
        return md


#: field name -> (Vietnamese label, English label), in field order
METADATA_LABELS: dict[str, tuple[str, str]] = {
    f.name: f.metadata["labels"] for f in fields(PlanMetadata) if "labels" in f.metadata}


def parse_scale(value) -> int | None:
    """The plan scale denominator: ``2000``, ``"2000"``, ``"1:2000"``, ``"1/2 000"`` → 2000."""
    import re

    from cim.errors import CimInputError

    if value in (None, ""):
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, (int, float)) and value == value and abs(value) != float("inf"):
        number = value
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        for sep in (":", "/"):
            if text.startswith("1" + sep):
                text = text[2:]
        if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):     # 1.000 / 10,000: thousands separators
            text = text.replace(".", "").replace(",", "")
        try:
            number = int(text)
        except ValueError:
            raise CimInputError(None, f"the plan scale {value!r} is not a number / tỉ lệ bản đồ không hợp lệ",
                                obj="scale", hint="give the denominator, e.g. scale=2000 for 1:2000") from None
    if int(number) != number or not 0 < number < 10**9:
        raise CimInputError(None, f"the plan scale {value!r} is not a positive whole number / tỉ lệ không hợp lệ",
                            obj="scale", hint="give the denominator, e.g. scale=2000 for 1:2000")
    return int(number)
