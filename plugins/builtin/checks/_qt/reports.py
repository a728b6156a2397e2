"""Where the panel writes a run's reports, and the call into the core's report writer (run in a worker)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cim.project.store import PROJECT_SUFFIX

SUFFIXES = {"html": ".html", "pdf": ".pdf", "json": ".json"}


def report_folder(project) -> Path:
    """``<project folder>/reports`` for a saved project, a temporary folder otherwise."""
    if project.path is not None:
        folder = Path(project.path).parent / "reports"
    else:
        folder = Path(tempfile.gettempdir()) / "cimstudio-reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def report_path(project, run, kind: str) -> Path:
    """``<plan>-<pack>-<run start>.<ext>``: one file per run, a newer run never overwrites an older report."""
    name = Path(project.path).name if project.path is not None else "project"
    if name.endswith(PROJECT_SUFFIX):
        name = name[: -len(PROJECT_SUFFIX)]
    stamp = (run.started or run.run_id or "run").replace(":", "").replace("-", "").replace("+0000", "")[:15]
    return report_folder(project) / f"{name}-{run.pack_id or 'checks'}-{stamp}{SUFFIXES[kind]}"


def write_report(run, project, pack, kind: str, feedback=None) -> Path:
    """The ``kind`` report (html, pdf or json) of ``run``; returns the file written."""
    from cim.report.api import write_reports

    path = report_path(project, run, kind)
    out = write_reports(run, project, pack=pack, feedback=feedback, **{kind: path})
    return out[kind]
