"""Safe, readable table names for layers in the GeoPackage (ASCII, unique, not reserved)."""

from __future__ import annotations

import re
import unicodedata

RESERVED_PREFIXES = ("gpkg_", "rtree_", "cim_", "sqlite_", "gpkgext_")


def slugify(name: str) -> str:
    text = name.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower()
    if not text or text[0].isdigit():
        text = "layer_" + text
    if text.startswith(RESERVED_PREFIXES):
        text = "l_" + text
    return text[:60]


def unique_table_name(name: str, taken: set[str]) -> str:
    base = slugify(name)
    candidate, n = base, 2
    lowered = {t.lower() for t in taken}
    while candidate.lower() in lowered:
        candidate = f"{base}_{n}"
        n += 1
    return candidate
