"""Use case: run a TOD study — catchments, indicators, scorecard and capacity flags for every station.

``run_study(stations, data, params)`` works on frames (tests, benchmarks, other engines);
``run_project_study(project, …)`` finds the layers in a project (by name or by object kind) and
builds the pedestrian network from the road layer with :func:`cim.network.topology.build_network`.
Nothing here changes the project; :mod:`cim.tod.outputs` adds the catchment layers as commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cim.errors import CimInputError
from cim.feedback import Feedback
from cim.tod.indicators import TodData
from cim.tod.params import TodParams


@dataclass
class TodResult:
    stations: Any                 # StationSet
    catchments: Any               # Catchments
    indicators: Any               # DataFrame, one row per station × kind × radius
    scorecard: Any                # DataFrame, one row per station × metric
    capacity: Any                 # DataFrame, one row per indicator row (TOD-03 flags)
    params: TodParams
    messages: list[dict] = field(default_factory=list)
    label: str = "base"


def run_study(stations, data: TodData, params: TodParams | None = None, *, label: str = "base",
              catchments=None, feedback: Feedback | None = None, memo=None,
              own_catchments: bool = False) -> TodResult:
    """Catchments (reused when given, e.g. for a scenario of the same stations), indicators, scorecard.

    ``own_catchments``: the catchments given were built for this very study (kept by an incremental
    check session), so their messages are this study's; ``memo``: see :func:`compute_indicators`."""
    from cim.tod.capacity import capacity_flags
    from cim.tod.catchments import build_catchments
    from cim.tod.indicators import compute_indicators
    from cim.tod.scorecard import scorecard

    p = params or TodParams()
    fb = feedback or Feedback()
    with fb.step(0.0, 0.6):
        catch = catchments if catchments is not None else build_catchments(stations, data.net, p, feedback=fb)
    fb.raise_if_canceled("TOD study")
    with fb.step(0.6, 0.95):
        table, msgs = compute_indicators(catch, data, p, feedback=fb, memo=memo)
    card = scorecard(table, p)
    cap = capacity_flags(table, p)
    messages = (catch.messages if catchments is None or own_catchments else []) + msgs
    for m in messages:
        fb.log(m["en"], "warning")
    fb.set_progress(1.0)
    return TodResult(stations=stations, catchments=catch, indicators=table, scorecard=card, capacity=cap,
                     params=p, messages=messages, label=label)


# ---------------------------------------------------------------- project inputs

def _pick(project, name: str | None, kinds: tuple[str, ...], names: tuple[str, ...], *, required: bool, what: str):
    if name:
        return project.find_layer(name)
    for k in kinds:
        recs = [r for r in project.layers_of_kind(k) if r.kind == "vector"]
        if recs:
            return recs[0]
    for rec in project.layers.values():
        if rec.kind == "vector" and rec.name in names:
            return rec
    if required:
        raise CimInputError(project.path, f"no {what} layer in the project",
                            hint=f"import one, or name it with --{what.split()[0]}")
    return None


def _all(project, kind: str, names: tuple[str, ...]) -> list:
    return [r for r in project.layers.values() if r.kind == "vector" and
            (r.object_kind == kind or (r.object_kind is None and r.name in names))]


def _station_set(project, stations, corridor, entrances, station_ids, corridor_fids):
    from cim.tod.stations import station_table

    st = _pick(project, stations, ("station",), ("stations",), required=True, what="stations")
    cor = _pick(project, corridor, ("corridor", "rail"), ("corridors", "rail"), required=False, what="corridor")
    ent = _pick(project, entrances, ("station_entrance",), ("station_entrances",), required=False,
                what="entrances")
    cor_data = cor.data if cor else None
    if cor_data is not None and corridor_fids is not None:
        cor_data = cor_data[cor_data.index.isin(list(corridor_fids))]
    station_set = station_table(st.data, entrances=ent.data if ent else None, corridor=cor_data,
                                path=project.path, layer=st.name)
    if station_ids is not None:
        from cim.tod.stations import select_stations

        station_set = select_stations(station_set, station_ids, path=project.path)
    return station_set


def road_network(project, roads: str | None = None, *, feedback: Feedback | None = None):
    """The pedestrian network built from the project's road layer (None without one)."""
    rd = _pick(project, roads, ("road",), ("roads",), required=False, what="roads layer")
    if rd is None or not len(rd.data):
        return None
    from cim.network.topology import build_network

    return build_network(rd.data, system="road", layer=rd.name, path=project.path, feedback=feedback)


def project_inputs(project, *, stations: str | None = None, corridor: str | None = None,
                   plots: str | None = None, roads: str | None = None, entrances: str | None = None,
                   network=None, station_ids=None, corridor_fids=None, station_set=None,
                   feedback: Feedback | None = None):
    """(StationSet, TodData) read from a project's layers. ``station_ids`` keeps only those stations
    (a study of part of a corridor); ``corridor_fids`` takes only those lines of the corridor layer;
    ``station_set`` (with ``network``) is what an earlier call read (kept while those layers are unchanged)."""
    import pandas as pd

    if station_set is None:
        station_set = _station_set(project, stations, corridor, entrances, station_ids, corridor_fids)
    pl = _pick(project, plots, ("plot",), ("plots",), required=False, what="plots layer")
    bl = [r.data for r in _all(project, "building", ("buildings",))]
    bl += [r.data.buildings for r in project.layers.values() if r.kind == "ifc" and hasattr(r.data, "buildings")]
    bl = [b for b in bl if b is not None and len(b)]
    el = [r.data for r in _all(project, "smart_element", ("smart_elements",)) if len(r.data)]
    if network is None:
        network = road_network(project, roads, feedback=feedback)
    def cat(frames, extra):
        frames = [f[[f.geometry.name] + [c for c in extra if c in f.columns]] for f in frames]
        if not frames:
            return None
        return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]

    data = TodData(plots=pl.data if pl else None, buildings=cat(bl, ("gfa_m2", "floors")),
                   elements=cat(el, ("type", "system")), net=network)
    return station_set, data


def run_project_study(project, *, stations: str | None = None, corridor: str | None = None,
                      plots: str | None = None, roads: str | None = None, params: TodParams | None = None,
                      network=None, label: str = "base", feedback: Feedback | None = None) -> TodResult:
    fb = feedback or Feedback()
    with fb.step(0.0, 0.3):
        station_set, data = project_inputs(project, stations=stations, corridor=corridor, plots=plots, roads=roads,
                                           network=network, feedback=fb)
    with fb.step(0.3, 1.0):
        return run_study(station_set, data, params, label=label, feedback=fb)
