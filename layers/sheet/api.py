"""Use case: ``print_sheet(project, path, paper=…, scale=…, dpi=…)`` — validate and draw one sheet."""

from __future__ import annotations

from pathlib import Path


def print_sheet(project, path: str | Path, *, paper="A3", orientation="landscape", scale=None, dpi=300, fmt=None,
                centre=None, language="vi", date=None, feedback=None):
    """Write a map sheet of ``project`` to ``path``; bad options raise ``CimInputError``. Returns a
    :class:`layers.sheet.render.SheetResult` (scale used, map extent, layout, PNG pixels)."""
    from layers.sheet.render import render_sheet
    from layers.sheet.spec import sheet_spec

    spec = sheet_spec(path, paper=paper, orientation=orientation, scale=scale, dpi=dpi, fmt=fmt, centre=centre,
                      language=language, date=date)
    return render_sheet(project, spec, path, feedback=feedback)
