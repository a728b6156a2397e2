"""Scale bars with round lengths (1, 2, 5 × 10ⁿ metres) and the texts that go with them."""

from __future__ import annotations

import math
from dataclasses import dataclass

METRES_PER_INCH = 0.0254


def nice_floor(value: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ not above ``value`` (> 0)."""
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"a scale-bar length must be positive, not {value!r}")
    exp = math.floor(math.log10(value))
    base = 10.0 ** exp
    for m in (5, 2, 1):
        if m * base <= value * (1 + 1e-9):
            return m * base
    return base


def nice_ceil(value: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ not below ``value`` (> 0)."""
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"a grid interval must be positive, not {value!r}")
    exp = math.floor(math.log10(value))
    base = 10.0 ** exp
    for m in (1, 2, 5, 10):
        if m * base >= value * (1 - 1e-9):
            return m * base
    return 10 * base


def format_distance(metres: float, language: str = "vi") -> str:
    """``500 m``, ``1 km``, ``2,5 km`` (decimal comma in Vietnamese)."""
    if metres >= 1000:
        value, unit = metres / 1000, "km"
    else:
        value, unit = metres, "m"
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    if language == "vi":
        text = text.replace(".", ",")
    return f"{text} {unit}"


def format_number(value: float, language: str = "vi") -> str:
    """A whole number with thousands grouped the way the language writes them (``1.250`` / ``1,250``)."""
    text = f"{int(round(value)):,}"
    return text.replace(",", ".") if language == "vi" else text


def scale_text(denominator: float, language: str = "vi") -> str:
    """``Tỷ lệ 1:5.000`` / ``Scale 1:5,000``."""
    word = "Tỷ lệ" if language == "vi" else "Scale"
    return f"{word} 1:{format_number(denominator, language)}"


@dataclass(frozen=True)
class ScaleBar:
    length_m: float        # ground length the bar stands for
    length_px: float       # its length on the output (pixels or millimetres, as asked)
    segments: int          # alternating black/white blocks
    label: str             # e.g. "200 m"

    def ticks(self, language: str = "vi") -> list[tuple[float, str]]:
        """(offset along the bar in output units, text) at 0, the middle block boundary and the end."""
        step = self.length_px / self.segments
        out = [(0.0, "0")]
        if self.segments % 2 == 0:
            half = self.length_m / 2
            out.append((step * self.segments / 2, format_distance(half, language).split(" ")[0]))
        out.append((self.length_px, self.label))
        return out


def scale_bar(metres_per_unit_out: float, max_len: float, language: str = "vi") -> ScaleBar:
    """A bar no longer than ``max_len`` output units (pixels on screen, mm on paper), whose ground
    length is a round number; ``metres_per_unit_out`` is ground metres per output unit."""
    if not (metres_per_unit_out > 0 and math.isfinite(metres_per_unit_out)):
        raise ValueError(f"ground metres per output unit must be positive, not {metres_per_unit_out!r}")
    length_m = nice_floor(max_len * metres_per_unit_out)
    lead = round(length_m / 10 ** math.floor(math.log10(length_m)))
    segments = {1: 4, 2: 4, 5: 5}.get(lead, 4)
    return ScaleBar(length_m, length_m / metres_per_unit_out, segments, format_distance(length_m, language))


def ground_metres_per_paper_mm(denominator: float) -> float:
    """At 1:N, one millimetre of paper is N/1000 metres of ground."""
    return denominator / 1000.0


def screen_scale_denominator(metres_per_px: float, dpi: float = 96.0) -> float:
    """The scale 1:N of a screen showing ``metres_per_px`` at ``dpi`` dots per inch."""
    return metres_per_px * dpi / METRES_PER_INCH
