"""The one bilingual text type: what the core says to a planner comes in Vietnamese and English.

Used by findings, checks, rule packs and plugin manifests alike (``plugins.contributions`` re-exports it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Text:
    """A user-facing text in Vietnamese and English (a plain string serves both)."""

    vi: str
    en: str

    def get(self, lang: str = "vi") -> str:
        return self.en if lang.lower().startswith("en") else self.vi

    def __str__(self) -> str:
        return self.vi

    @classmethod
    def of(cls, value: Any) -> Text:
        """A Text from a Text, a ``{"vi": …, "en": …}`` table (one language serves both) or a string."""
        if isinstance(value, Text):
            return value
        if isinstance(value, dict):
            return cls(str(value.get("vi", value.get("en", ""))), str(value.get("en", value.get("vi", ""))))
        if value is None:
            return cls("", "")
        return cls(str(value), str(value))

    def to_dict(self) -> dict:
        return {"vi": self.vi, "en": self.en}
