"""Numbers and values in the interface language: ``1.548.412,5`` in Vietnamese, ``1,548,412.5`` in English
(QLocale's default, set with the language at start-up), Có/Không for booleans, an empty value shown as
"(trống)" rather than NULL. Every label, table and status line of the app formats through here."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLocale


def num(value, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal separators; "—" when it is missing."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return "—"
    if not math.isfinite(f):
        return "—"
    return QLocale().toString(f, "f", int(decimals))


def shortest(value) -> str:
    """A float with as many decimals as it has (``3.192,2``), grouped in the interface language."""
    return QLocale().toString(float(value), "f", QLocale.FloatingPointShortest)


def count(n) -> str:
    return QLocale().toString(int(n))


def empty_text() -> str:
    return QCoreApplication.translate("Values", "(empty)")


def value_text(v) -> str:
    """An attribute value as a planner reads it: Có/Không, (trống), numbers with separators."""
    import numpy as np

    if v is None or (isinstance(v, float) and math.isnan(v)):
        return empty_text()
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return empty_text()
    except ImportError:   # pandas is a dependency; keep the formatter usable without it
        pass
    if isinstance(v, (bool, np.bool_)):
        return QCoreApplication.translate("Values", "Yes") if v else QCoreApplication.translate("Values", "No")
    if isinstance(v, (int, np.integer)):
        return count(v)
    if isinstance(v, (float, np.floating)):
        return shortest(v)
    return str(v)
