"""The core's error sentences (English, or "English / tiếng Việt") in the interface language.

``CimInputError`` keeps ``cause`` and ``hint`` apart; each is shown through a translated template when
one matches (the same mechanism as the undo history, see app.command_texts), and a bilingual core text
"English / tiếng Việt" shows only the half in the interface language — never half of each."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.command_texts import _shown

N = QT_TRANSLATE_NOOP
CONTEXT = "CoreErrors"
TEMPLATES = (
    N("CoreErrors", "the raster is damaged or incomplete (%1)"),
    N("CoreErrors", "copy it again from its source, or check it in QGIS"),
    N("CoreErrors", "unknown text encoding %1"),
    N("CoreErrors", "use e.g. 'UTF-8', 'cp1258' (Vietnamese Windows), 'tcvn3' (ABC fonts)"),
    N("CoreErrors", "copy it again from its source; the copy or download did not finish"),
    N("CoreErrors", "this is not a GeoPackage: the file is not an SQLite database"),
    N("CoreErrors", "check that the file really is a .gpkg (it may be another format renamed)"),
    N("CoreErrors", "the GeoPackage is truncated (its header is incomplete)"),
    N("CoreErrors", "copy it again from its source or restore it from a backup"),
    N("CoreErrors", "the GeoPackage is truncated: %1 of %2 bytes"),
    N("CoreErrors", "copy it again from its source or restore it from a backup; the copy or download did not finish"),
    N("CoreErrors", "the zip archive cannot be opened (%1)"),
    N("CoreErrors", "copy it again; the archive is damaged or incomplete"),
    N("CoreErrors", "it contains %1; zip a .shp (with .shx, .dbf, .prj) or a .gpkg"),
    N("CoreErrors", "the zip archive holds %1 datasets: %2"),
    N("CoreErrors", "extract it and open the one you want, or zip each dataset on its own"),
    N("CoreErrors", "the layer has no geometry (it is a plain table)"),
    N("CoreErrors", "choose a layer with points, lines or polygons"),
    N("CoreErrors", "the text is not valid %1 (%2)"),
    N("CoreErrors", "pass the right encoding=, or fix the .cpg file"),
    N("CoreErrors", "the dataset holds no layer"),
    N("CoreErrors", "check the file in QGIS"),
    N("CoreErrors", "the dataset holds %1 layers: %2"),
    N("CoreErrors", "there is no layer %1"),
    N("CoreErrors", "the layers are: %1"),
    N("CoreErrors", "the file is damaged (%1)"),
    N("CoreErrors", "GDAL cannot read it: %1"),
    N("CoreErrors", "open it in QGIS to check it; it may be damaged or incomplete"),
    N("CoreErrors", "rasters are GeoTIFF (.tif); vector files are imported as vector layers"),
    N("CoreErrors", "the project file does not exist"),
    N("CoreErrors", "check the path"),
    N("CoreErrors", "a layer name cannot be empty"),
)


def _half(text: str, lang: str) -> str:
    """"English / tiếng Việt" → the half in ``lang`` (the core writes a few causes both ways)."""
    if " / " not in text:
        return text
    en, _, vi = text.partition(" / ")
    return vi.strip() if lang == "vi" else en.strip()


def part_text(text: str | None, lang: str) -> str:
    if not text:
        return ""
    text = _half(text, lang)
    return _shown(text, CONTEXT, TEMPLATES) if lang == "vi" else text


def error_text(exc) -> str:
    """A CimInputError as one sentence in the interface language; other errors as ``str(exc)``."""
    from app.i18n import current_language
    from cim.errors import CimInputError

    lang = current_language()
    if not isinstance(exc, CimInputError):
        return part_text(str(exc), lang)
    head = " ".join(p for p in (exc.path or "", f"[{exc.obj}]" if exc.obj else "") if p)
    cause = part_text(exc.cause, lang)
    text = f"{head}: {cause}" if head else cause
    if exc.hint:
        text += f" — {part_text(exc.hint, lang)}"
    return text
