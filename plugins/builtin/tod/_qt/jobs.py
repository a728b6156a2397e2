"""What the TOD panel runs in a worker: the baseline study and a scenario, by calling the headless core
exactly as ``cimstudio tod`` does (cim/cli/cmd_tod.py). No Qt here; nothing changes the project."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StudySpec:
    """The panel's choices: layer ids (None = the core's default pick), ticked stations, radii."""

    stations: str | None = None
    corridor: str | None = None
    corridor_fids: tuple[int, ...] | None = None      # None: every line of the corridor layer
    plots: str | None = None
    roads: str | None = None
    station_ids: tuple[str, ...] | None = None        # None: every station
    radii: tuple[float, ...] = (400.0, 800.0, 1000.0)
    bike_radii: tuple[float, ...] = (1000.0, 2000.0, 3000.0)

    def params(self):
        from cim.tod.params import TodParams

        return TodParams(radii=tuple(self.radii), bike_radii=tuple(self.bike_radii))


@dataclass
class StudyRun:
    """A baseline result with the inputs a scenario reuses, and the scenarios compared so far."""

    base: Any                     # cim.tod.study.TodResult
    data: Any                     # cim.tod.indicators.TodData (plots, buildings, elements, network)
    spec: StudySpec
    scenarios: dict = field(default_factory=dict)      # rule text -> TodResult

    def table(self):
        """Indicators of the baseline and every scenario, one row per station × catchment × scenario
        (the CLI's ``--csv`` table)."""
        import pandas as pd

        results = {"base": self.base, **self.scenarios}
        return pd.concat([r.indicators.assign(scenario=lab) for lab, r in results.items()], ignore_index=True)


def run_baseline(project, spec: StudySpec, feedback):
    from cim.tod.study import project_inputs, run_study

    params = spec.params()
    feedback.raise_if_canceled("TOD study")
    with feedback.step(0.0, 0.3):
        stations, data = project_inputs(project, stations=spec.stations, corridor=spec.corridor,
                                        plots=spec.plots, roads=spec.roads, station_ids=spec.station_ids,
                                        corridor_fids=spec.corridor_fids, feedback=feedback)
    feedback.raise_if_canceled("TOD study")
    with feedback.step(0.3, 1.0):
        base = run_study(stations, data, params, feedback=feedback)
    feedback.raise_if_canceled("TOD study")
    return StudyRun(base=base, data=data, spec=spec)


def run_scenario(run: StudyRun, rule_text: str, feedback):
    """(rule text, scenario result, comparison table of the baseline with this scenario)."""
    from cim.errors import CimInputError
    from cim.tod import scenarios
    from cim.tod.study import run_study

    rule = scenarios.parse_rule(rule_text)
    if run.data.plots is None:
        raise CimInputError(None, "a scenario needs a plot layer", hint="choose the plot layer and run the study")
    feedback.raise_if_canceled("TOD scenario")
    plots = scenarios.apply_rule_frame(run.data.plots, run.base.stations.xy, rule)
    sdata = type(run.data)(plots=plots, buildings=run.data.buildings, elements=run.data.elements, net=run.data.net)
    res = run_study(run.base.stations, sdata, run.base.params, label=rule.text, catchments=run.base.catchments,
                    feedback=feedback)
    feedback.raise_if_canceled("TOD scenario")
    return rule.text, res, scenarios.compare({"base": run.base, rule.text: res})
