"""Small helpers shared by the review panels: translation, dates, PNG bytes, the check registry."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from plugins.gui import tr as _t

STATUS_TEXT = {"open": "Open", "resolved": "Resolved", "wont_fix": "Won't fix"}
STATUS_COLOUR = {"open": "#c62828", "resolved": "#2e7d32", "wont_fix": "#757575"}



def status_text(status: str) -> str:
    return {"open": _t("ReviewPanel", "Open"), "resolved": _t("ReviewPanel", "Resolved"),
            "wont_fix": _t("ReviewPanel", "Won't fix")}.get(status, status)


def local_date(iso: str | None) -> str:
    """``2026-12-04T07:30:00Z`` → ``04/12/2026 14:30`` (local time, the Vietnamese day/month order)."""
    if not iso:
        return ""
    try:
        return _dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def png_bytes(pixmap, max_width: int = 800) -> bytes | None:
    if pixmap.isNull():
        return None
    if pixmap.width() > max_width:
        pixmap = pixmap.scaledToWidth(max_width)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    pixmap.save(buf, "PNG")
    buf.close()
    return bytes(data.data())
