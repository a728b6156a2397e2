"""What a printed sheet is asked to be, validated into one clear error per mistake."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from cim.mapsheet.layout import ORIENTATIONS, PAPER_MM

FORMATS = ("pdf", "png")
PRESET_SCALES = (2000, 5000, 10000)
MAX_PIXELS = 160_000_000      # a PNG of A0 at 300 dpi (≈ 140 Mpx) is the largest we draw


@dataclass(frozen=True)
class SheetSpec:
    paper: str = "A3"
    orientation: str = "landscape"
    scale: float | None = None          # the denominator N of 1:N; None = the round scale that fits the layers
    dpi: float = 300.0
    fmt: str = "pdf"
    centre: tuple[float, float] | None = None   # map centre in the project CRS; None = the layers' centre
    language: str = "vi"
    date: str | None = None             # the printed date; None = today


def sheet_spec(path: str | Path | None = None, *, paper="A3", orientation="landscape", scale=None, dpi=300,
               fmt=None, centre=None, language="vi", date=None) -> SheetSpec:
    """A checked :class:`SheetSpec`; raises ``CimInputError`` naming the one value that is wrong."""
    from cim.errors import CimInputError

    p = Path(path) if path is not None else None
    fmt = (fmt or (p.suffix.lstrip(".").lower() if p is not None else "") or "pdf").lower()
    if fmt not in FORMATS:
        raise CimInputError(p, f"cannot print a sheet as {fmt!r}", hint="use --format pdf or png (or a .pdf/.png name)")
    key = str(paper).strip().upper()
    if key not in PAPER_MM:
        raise CimInputError(p, f"unknown paper size {paper!r}", hint=f"use one of {', '.join(PAPER_MM)}")
    if orientation not in ORIENTATIONS:
        raise CimInputError(p, f"unknown orientation {orientation!r}", hint="use landscape or portrait")
    if scale is not None:
        text = str(scale).replace(" ", "").replace(".", "").replace(",", "")
        text = text.split(":", 1)[1] if text.startswith("1:") else text
        try:
            scale = float(text)
        except ValueError:
            raise CimInputError(p, f"the scale {scale!r} is not a number",
                                hint="give the denominator, e.g. --scale 5000 for 1:5 000") from None
        if not (math.isfinite(scale) and 100 <= scale <= 1_000_000):
            raise CimInputError(p, f"the scale 1:{scale:g} is out of range", hint="use 1:100 to 1:1 000 000")
    try:
        dpi = float(dpi)
    except (TypeError, ValueError):
        raise CimInputError(p, f"the resolution {dpi!r} is not a number", hint="e.g. --dpi 300") from None
    if not (20 <= dpi <= 1200):
        raise CimInputError(p, f"a resolution of {dpi:g} dpi is out of range", hint="use 20 to 1200 dpi")
    w, h = PAPER_MM[key]
    if fmt == "png" and (w / 25.4 * dpi) * (h / 25.4 * dpi) > MAX_PIXELS:
        raise CimInputError(p, f"{key} at {dpi:g} dpi is too large for a PNG",
                            hint="lower --dpi or print to PDF")
    if language not in ("vi", "en"):
        raise CimInputError(p, f"unknown sheet language {language!r}", hint="use vi or en")
    return SheetSpec(key, orientation, scale, dpi, fmt, tuple(centre) if centre else None, language, date)
