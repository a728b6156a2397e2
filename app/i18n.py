"""UI languages: Vietnamese (default) and English, through Qt translations.

Source strings in the code are English; ``resources/translations/cimstudio_vi.qm`` (compiled from
``cimstudio_vi.ts`` with ``pyside6-lrelease``) turns them into Vietnamese. The language is a setting
applied at start-up (Settings → Language, then restart).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
_installed: list[QTranslator] = []


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def saved_language() -> str:
    lang = QSettings().value("ui/language", "vi")
    return lang if lang in LANGUAGES else "vi"


def install_language(app, lang: str | None = None) -> str:
    """Load the translator for ``lang`` (default: the saved setting) into ``app``. Returns the language."""
    lang = lang if lang in LANGUAGES else saved_language()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != "en":
        t = QTranslator(app)
        if t.load(str(TRANSLATIONS / f"cimstudio_{lang}.qm")):
            app.installTranslator(t)
            _installed.append(t)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English))
    app.setProperty("cim_language", lang)
    return lang


def layer_name(rec) -> str:
    """A layer as the user calls it, in the interface language (display name, standard name, table name)."""
    from cim.project.display_names import layer_label

    return layer_label(rec, current_language())


def current_language() -> str:
    app = QCoreApplication.instance()
    lang = app.property("cim_language") if app is not None else None
    return lang or "vi"
