"""The TOD section of the appraisal report, from the TOD study behind a check run's TOD rules.

The study is the one the run kept in memory (:func:`cim.tod.checking.study_of_run`), else it is run
again with the parameters the run's TOD rules used. No TOD rule evaluated (no stations, or a pack
without TOD rules): no section.
"""

from __future__ import annotations


def tod_sections(run, project, *, feedback=None) -> dict | None:
    """``{"vi": section, "en": section}`` of :func:`cim.tod.report.report_section`, or None."""
    from cim.errors import CimInputError
    from cim.tod.checking import study_of_run
    from cim.tod.report import report_section

    try:
        result = study_of_run(run, project, feedback=feedback)
    except CimInputError as exc:       # the study cannot run on this project: the rules said why
        if feedback is not None:
            feedback.log(f"TOD section left out: {exc}", "warning")
        return None
    if result is None:
        return None
    return {lang: report_section(result, lang=lang) for lang in ("vi", "en")}


def json_section(sections: dict | None) -> dict | None:
    """The data of the TOD section for the JSON report (English keys and texts, no HTML)."""
    if not sections:
        return None
    en = {k: v for k, v in sections["en"].items() if k not in ("html", "charts")}
    return {**en, "title_vi": sections["vi"]["title"], "method_vi": sections["vi"]["method"],
            "messages_vi": sections["vi"]["messages"]}
