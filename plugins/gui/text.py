"""Translated text and the interface language, for the plugin panels and the app."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def tr(context: str, text: str) -> str:
    """``QCoreApplication.translate``. Import it as ``_t`` and call it with a literal context and text:
    ``pyside6-lupdate -tr-function-alias translate+=_t`` extracts those calls."""
    return QCoreApplication.translate(context, text)


def ui_language() -> str:
    """The interface language the app set on the QApplication ("vi" unless English was chosen)."""
    app = QCoreApplication.instance()
    return (app.property("cim_language") if app is not None else None) or "vi"


def num(value: float, decimals: int | None = 0) -> str:
    """``1.234,5`` in Vietnamese, ``1,234.5`` in English; ``decimals=None``: as many as the value has."""
    loc = QLocale(QLocale.Vietnamese, QLocale.Vietnam) if ui_language() == "vi" else QLocale(QLocale.English,
                                                                                             QLocale.UnitedStates)
    return loc.toString(float(value), "f", QLocale.FloatingPointShortest if decimals is None else decimals)
