"""The words printed on a sheet, in Vietnamese and English."""

from __future__ import annotations

import datetime as _dt

WORDS = {
    "legend": ("CHÚ GIẢI", "LEGEND"),
    "north": ("B", "N"),
    "plan": ("Tên đồ án", "Plan"),
    "plan_id": ("Mã quy hoạch", "Plan id"),
    "level": ("Cấp độ quy hoạch", "Plan level"),
    "province": ("Tỉnh/thành phố", "Province"),
    "commune": ("Xã/phường", "Commune/ward"),
    "producer": ("Đơn vị tư vấn", "Consultant"),
    "date": ("Ngày in", "Printed"),
    "decision": ("Quyết định phê duyệt", "Approval decision"),
    "scale": ("Tỷ lệ", "Scale"),
    "crs": ("Hệ tọa độ", "Coordinate system"),
    "grid": ("Lưới tọa độ VN-2000, khoảng cách %s", "VN-2000 grid, every %s"),
    "more": ("… và %d mục khác", "… and %d more"),
    "untitled": ("(chưa đặt tên đồ án)", "(plan not named)"),
    "missing": ("—", "—"),
}


def word(key: str, language: str) -> str:
    vi, en = WORDS[key]
    return vi if language == "vi" else en


def printed_date(language: str, date: str | None = None) -> str:
    """``06/12/2026`` in Vietnamese, ``2026-12-06`` in English (today unless ``date`` is given)."""
    if date:
        return date
    today = _dt.date.today()
    return today.strftime("%d/%m/%Y") if language == "vi" else today.isoformat()


def decision_text(metadata, language: str) -> str:
    """``0000/QĐ-UBND ngày 15/01/2026`` / ``0000/QĐ-UBND of 2026-01-15`` (what of it is known)."""
    date = metadata.decision_date or ""
    if date and language == "vi":
        try:
            date = _dt.date.fromisoformat(date).strftime("%d/%m/%Y")
        except ValueError:
            pass
    if metadata.decision_no and date:
        return f"{metadata.decision_no} {'ngày' if language == 'vi' else 'of'} {date}"
    return metadata.decision_no or date


def title_rows(metadata, crs_text: str, scale_text: str, language: str, date: str | None = None) -> list[tuple[str, str]]:
    """(label, value) rows of the title block below the plan name, from the plan metadata."""
    from cim.project.metadata import PLAN_LEVELS

    dash = word("missing", language)
    level = PLAN_LEVELS.get(metadata.level, (metadata.level, metadata.level))
    level_text = (level[0] if language == "vi" else level[1]) or dash
    return [
        (word("plan_id", language), metadata.plan_id or dash),
        (word("level", language), level_text),
        (word("province", language), metadata.province or dash),
        (word("commune", language), metadata.commune or dash),
        (word("decision", language), decision_text(metadata, language) or dash),
        (word("producer", language), metadata.producer or dash),
        (word("date", language), printed_date(language, date)),
        (word("scale", language), scale_text),
        (word("crs", language), crs_text),
    ]
