"""Numbers in a report's language with Babel: ``1.548.412,5`` in Vietnamese, ``1,548,412.5`` in English —
the same convention the interface follows with QLocale."""

from __future__ import annotations

import math


def number(value, decimals: int = 0, lang: str = "vi", *, percent: bool = False) -> str:
    """``value`` grouped with ``decimals`` decimals (a share as a percentage with ``percent``); "—" if missing."""
    from babel.numbers import format_decimal, format_percent

    try:
        f = float(value)
    except (TypeError, ValueError):
        return "—"
    if not math.isfinite(f):
        return "—"
    locale = "en" if lang.lower().startswith("en") else "vi"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    if percent:
        return format_percent(f, format=pattern + "%", locale=locale)
    return format_decimal(f, format=pattern, locale=locale)


RING = {"walk": ("walkshed", "vùng đi bộ"), "circle": ("circle", "vòng tròn"), "bike": ("bicycle", "xe đạp")}


def ring_label(kind: str, radius_m: float, lang: str = "vi") -> str:
    """``vùng đi bộ 400 m`` / ``walkshed 400 m``: a catchment as a reader says it."""
    en, vi = RING.get(str(kind), (str(kind), str(kind)))
    return f"{en if lang.lower().startswith('en') else vi} {number(radius_m, 0, lang)} m"
