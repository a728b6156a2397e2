"""The TOD study as the check pack and the appraisal outputs use it.

The rule pack's TOD rules carry the study's parameters (TOD-01 ``radius_m``, TOD-02 ``far_cap_factor`` and
``qcvn_far``, TOD-03 capacity thresholds, TOD-04 ``catchment_m``); :func:`params_from_rules` turns them
into one :class:`~cim.tod.params.TodParams`, so every rule of a check run reads the same study.
:func:`run_check_study` runs it on a project and keeps the inputs the rules need besides the result;
:func:`study_of_run` gives the report and the package the study of a check run (the one the run kept
in memory, else a fresh one with the run's parameters), or None when the run has no TOD results.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from cim.tod.params import TodParams

ARTIFACT = "tod_study"           # key of the study in a check run's in-memory artifacts
EVALUATED = ("pass", "fail")     # result statuses that mean "the TOD rules read a study"
#: layer kinds :func:`cim.tod.study.project_inputs` may read (a change in any re-runs the study)
STUDY_KINDS = ("station", "station_entrance", "corridor", "rail", "plot", "building", "smart_element", "road")
CAPACITY_KEYS = ("pop_density_pph", "job_density_jph", "far_gross", "water_l_per_person_day",
                 "water_l_per_job_day", "power_kw_per_person", "power_kw_per_job")


@dataclass
class CheckStudy:
    """A study run for the checks: the result and what it read (stations, frames, the street network)."""

    result: Any          # TodResult
    data: Any            # TodData


def params_from_rules(rules: Mapping[str, Mapping], base: TodParams | None = None) -> TodParams:
    """``{rule id: params}`` of the TOD rules → the study parameters. The TOD radius and the TOD-04
    catchment are added to the walk rings so both are computed."""
    p = base or TodParams()
    r1, r2, r3, r4 = (dict(rules.get(k) or {}) for k in ("TOD-01", "TOD-02", "TOD-03", "TOD-04"))
    radius = float(r1.get("radius_m", r2.get("radius_m", r3.get("radius_m", p.tod_radius_m))))
    catch = float(r4.get("catchment_m", p.scorecard_ring))
    cap = {k: float(r3[k]) for k in CAPACITY_KEYS if k in r3}
    return p.with_(radii=tuple(sorted({*p.radii, radius, catch})), tod_radius_m=radius,
                   far_cap_factor=float(r2.get("far_cap_factor", p.far_cap_factor)),
                   qcvn_far=float(r2.get("qcvn_far", p.qcvn_far)),
                   capacity=replace(p.capacity, **cap))


def has_stations(project) -> bool:
    """The project has a station layer with at least one station (the TOD rules apply)."""
    return any(r.kind == "vector" and len(r.data) and (r.object_kind == "station" or
                                                       (r.object_kind is None and r.name == "stations"))
               for r in project.layers.values())


def study_layers(project) -> list[str]:
    """Ids of the layers a project study may read (vector layers of :data:`STUDY_KINDS`, IFC layers)."""
    from cim.checks.context import _kind_of

    out = []
    for rec in project.ordered_layers():
        if rec.kind == "ifc" or (rec.kind == "vector" and _kind_of(rec)[0] in STUDY_KINDS):
            out.append(rec.id)
    return out


def run_check_study(project, params: TodParams, *, feedback=None, cache=None) -> CheckStudy:
    """The study for the checks; with a check run's ``cache`` (a RunCache), its expensive parts are kept
    there between incremental re-checks (:mod:`cim.tod.study_cache`)."""
    from cim.tod.study import project_inputs, run_study

    if cache is not None:
        from cim.tod.study_cache import cached_check_study

        return cached_check_study(project, params, cache, feedback=feedback)
    stations, data = project_inputs(project, feedback=feedback)
    return CheckStudy(run_study(stations, data, params, feedback=feedback), data)


def tod_results(run) -> list:
    return [r for r in run.results if (r.group == "TOD" or r.rule.startswith("TOD-")) and r.status in EVALUATED]


def study_of_run(run, project, *, feedback=None):
    """The TodResult behind a check run's TOD rules, or None when no TOD rule was evaluated."""
    found = tod_results(run)
    if not found:
        return None
    kept = (getattr(run, "artifacts", None) or {}).get(ARTIFACT)
    if kept is not None:
        return kept.result
    if not has_stations(project):
        return None
    params = params_from_rules({r.rule: r.params for r in found})
    return run_check_study(project, params, feedback=feedback).result
