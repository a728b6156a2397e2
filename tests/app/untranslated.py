"""Finding English left in Vietnamese text. The English vocabulary is the interface's own: every word of
the English source strings in the translation catalogue that never appears in a Vietnamese translation
(so "TOD", "IFC", "m", "EPSG" — kept as they are in Vietnamese — are not English here), plus the words
of the core's English report texts. A small allow-list covers codes, units and proper names."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree as ET

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "cimstudio_vi.ts"
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")   # words of 3+ letters; a token with a digit is a code
# English the core writes into reports and messages, beyond the UI catalogue
EXTRA_ENGLISH = """walk walkshed circle bike bicycle points max error errors warning warnings info rule rules
layer layers feature features project plots plot buildings building station stations residents jobs
density none true false null yes empty passed failed pass fail total score""".split()
ALLOW = {
    # codes, formats, units, names that Vietnamese text keeps as they are
    "Python", "Qt", "QGIS", "GDAL", "PROJ", "GeoPackage", "GeoTIFF", "GeoJSON", "CityJSON", "Shapefile",
    "DXF", "IFC", "BCF", "IDS", "PDF", "PNG", "SVG", "CSV", "JSON", "HTML", "TOML", "ZIP", "UTF", "Excel",
    "EPSG", "WGS", "Windows", "Linux", "QCVN", "TCVN", "OpenStreetMap", "Mapbox", "Noto", "Sans", "DejaVu",
    "Arial", "Helvetica", "Studio", "CIM", "LoD", "SHA", "Hanko", "pyHanko", "Mekong", "Nam", "Việt",
}


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text or "") if not any(c.isdigit() for c in w)}


@lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    root = ET.parse(TS).getroot()
    english, vietnamese = set(), set()
    for msg in root.iter("message"):
        src, tr = msg.find("source"), msg.find("translation")
        if tr is None or tr.get("type") in ("vanished", "obsolete"):
            continue
        english |= _words(re.sub(r"&(?!amp;)", "", src.text or ""))
        vietnamese |= _words(tr.text or "")
    english |= set(EXTRA_ENGLISH)
    return frozenset(english - vietnamese - {a.lower() for a in ALLOW})


def english_words(text: str) -> list[str]:
    """English vocabulary found in ``text`` (a Vietnamese interface or report text)."""
    vocab = english_vocabulary()
    text = re.sub(r"\b[\w.-]+@[\w.-]+\b|https?://\S+|\b[\w-]+\.(?:py|gpkg|tif|ifc|json|csv|html|pdf|toml)\b",
                  " ", text)                         # addresses, URLs and file names are not prose
    found = []
    for w in WORD.findall(text):
        if w in ALLOW:
            continue
        if w.lower() in vocab and not (w.isupper() and len(w) > 1) and not any(c.isdigit() for c in w):
            found.append(w)
    return found
