"""Use case: write the reports of a check run — ``write_reports(run, project, html=…, pdf=…, json=…, bcf=…)``."""

from __future__ import annotations

from pathlib import Path


def write_reports(run, project, *, pack=None, html=None, pdf=None, json=None, bcf=None, maps: bool = True,
                  feedback=None) -> dict[str, Path]:
    out: dict[str, Path] = {}
    tod = None
    if json or html or pdf:
        from cim.report.tod import tod_sections

        tod = tod_sections(run, project, feedback=feedback)
    if json:
        from cim.report.json_report import write_json

        out["json"] = write_json(run, json, project, tod=tod)
    if html or pdf:
        from cim.report.build import build_report
        from cim.report.html import render_html, write_pdf

        model = build_report(run, project, pack=pack, maps=maps, tod=tod)
        text = render_html(model)
        if html:
            Path(html).write_text(text, encoding="utf-8")
            out["html"] = Path(html)
        if pdf:
            out["pdf"] = write_pdf(model, pdf, html=render_html(model, pdf=True))
    if bcf:
        from cim.report.bcf import write_bcf
        from cim.report.maps import MapRenderer

        out["bcf"] = write_bcf(run, bcf, project=project, maps=MapRenderer(project) if maps else None)
    return out
