"""Translated text and number formatting shared by the panel's modules (context ``NetworkPanel``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

CTX = "NetworkPanel"


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def language() -> str:
    app = QCoreApplication.instance()
    return (app.property("cim_language") if app is not None else None) or "vi"


def num(value: float, decimals: int = 0) -> str:
    """``1.234,5`` in Vietnamese, ``1,234.5`` in English."""
    loc = QLocale(QLocale.Vietnamese, QLocale.Vietnam) if language() == "vi" else QLocale(QLocale.English,
                                                                                          QLocale.UnitedStates)
    return loc.toString(float(value), "f", decimals)
