"""The TOD study outputs of a package: when the project has stations, the study's indicator table (CSV)
and the whole study (JSON) go under ``tod/`` without being asked for.

The study is the one behind the check run's TOD rules when the package ran the checks (same
parameters, computed once), else a study with the default parameters.
"""

from __future__ import annotations

from pathlib import Path

CSV_NAME, JSON_NAME = "tod_indicators.csv", "tod_study.json"


def tod_outputs(project, run, out_dir: Path, feedback) -> list[Path]:
    """Write the study's CSV and JSON into ``out_dir``; [] when the project has no station."""
    from cim.errors import CimInputError
    from cim.tod.checking import has_stations, run_check_study, study_of_run
    from cim.tod.outputs import write_csv, write_json
    from cim.tod.params import TodParams

    if not has_stations(project):
        return []
    try:
        result = study_of_run(run, project, feedback=feedback) if hasattr(run, "results") else None
        if result is None:
            result = run_check_study(project, TodParams(), feedback=feedback).result
    except CimInputError as exc:      # e.g. a station without a position: package the rest, say why
        feedback.log(f"TOD outputs left out of the package: {exc}", "warning")
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_csv(result, out_dir / CSV_NAME), write_json(result, out_dir / JSON_NAME)]
