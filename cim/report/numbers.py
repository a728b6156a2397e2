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


def short(value, lang: str = "vi") -> str:
    """A number with at most three decimals and no trailing zeros (Python's ``:g`` for readers)."""
    from babel.numbers import format_decimal

    try:
        f = float(value)
    except (TypeError, ValueError):
        return str(value)
    return format_decimal(f, locale="en" if lang.lower().startswith("en") else "vi") if math.isfinite(f) else "—"


def vi_format(template: str, **values) -> str:
    """``template.format(**values)`` with every number written the Vietnamese way (``{x:.1f}`` → ``10,9``,
    ``{n:,}`` → ``1.234``, ``{v:g}`` → ``0,5``); other fields as ``str.format`` does."""
    import string

    class _Vi(string.Formatter):
        def format_field(self, value, spec):
            import numpy as np

            if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
                return super().format_field(value, spec)
            kind = spec[-1:] if spec else ""
            if kind == "f" and "," not in spec:
                decimals = int(spec.split(".")[1][:-1]) if "." in spec else 6
                return number(value, decimals)
            if "," in spec:                                   # grouped: {n:,} {x:,.0f}
                return number(value, int(spec.split(".")[1][:-1]) if "." in spec else 0)
            if kind == "g" or (not spec and isinstance(value, (float, np.floating))):
                return short(value)
            return super().format_field(value, spec)          # ids and plain integers stay as they are

    return _Vi().format(template, **values)


RING = {"walk": ("walkshed", "vùng đi bộ"), "circle": ("circle", "vòng tròn"), "bike": ("bicycle", "xe đạp")}


def ring_label(kind: str, radius_m: float, lang: str = "vi") -> str:
    """``vùng đi bộ 400 m`` / ``walkshed 400 m``: a catchment as a reader says it."""
    en, vi = RING.get(str(kind), (str(kind), str(kind)))
    return f"{en if lang.lower().startswith('en') else vi} {number(radius_m, 0, lang)} m"
