"""Scenarios: a copy of a plot layer whose FAR, uses and heights change by hand or by rule, compared
with the base side by side.

A rule reads ``<field> <op> <value> [within <metres> [m]]``: ``far*1.5 within 500``,
``height_max_m+6 within 800``, ``category=mixed_use within 300``. ``far`` is an alias of the FAR field,
``height`` of ``height_max_m``, ``use`` of ``category``. A plot is *within* d metres when its
point-on-surface lies within d metres (straight line) of a station; without ``within`` every plot
changes. Floor-area-driven figures follow FAR: scaling FAR by k scales ``population`` and ``jobs`` by
k too (``scale_people=True``), so residential and job density change with GFA and nothing else does.
Every change is a command (one undo step per rule); hand edits use
:class:`cim.project.feature_edits.ChangeAttribute`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from cim.commands import Command
from cim.errors import CimInputError

ALIASES = {"far": "far", "hsd": "far", "height": "height_max_m", "height_max_m": "height_max_m",
           "use": "category", "category": "category", "density": "density", "floors": "floors_max"}
_RULE = re.compile(r"^\s*(?P<field>[A-Za-z_][\w]*)\s*(?P<op>[*+=x×-])\s*(?P<value>[^\s]+)"
                   r"(?:\s+within\s+(?P<dist>[\d.]+)\s*(?:m)?)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ScenarioRule:
    field: str
    op: str            # "*", "+", "-", "="
    value: object
    within_m: float | None = None
    text: str = ""

    def describe(self) -> str:
        where = f" within {self.within_m:g} m of a station" if self.within_m is not None else ""
        return f"{self.field} {self.op} {self.value}{where}"


def parse_rule(text: str) -> ScenarioRule:
    """Parse a scenario rule; explains what a rule looks like when ``text`` is not one."""
    m = _RULE.match(str(text))
    if not m:
        raise CimInputError(None, f"cannot read the scenario rule {text!r}",
                            hint='write e.g. "far*1.5 within 500", "height+6 within 800" or "use=mixed_use within 300"')
    field = ALIASES.get(m["field"].lower(), m["field"])
    op = {"x": "*", "×": "*"}.get(m["op"].lower(), m["op"])
    raw = m["value"]
    if op == "=":
        try:
            value: object = float(raw)
        except ValueError:
            value = raw
    else:
        try:
            value = float(raw)
        except ValueError:
            raise CimInputError(None, f"{raw!r} in the rule {text!r} is not a number",
                                hint="use a number after *, + or -") from None
    dist = float(m["dist"]) if m["dist"] else None
    return ScenarioRule(field=field, op=op, value=value, within_m=dist, text=str(text))


def selected(plots, stations_xy, within_m: float | None) -> np.ndarray:
    """Plots whose point-on-surface lies within ``within_m`` of any station (all when None)."""
    import shapely
    from scipy.spatial import cKDTree

    if within_m is None:
        return np.ones(len(plots), dtype=bool)
    xy = np.atleast_2d(np.asarray(stations_xy, dtype=float))
    geoms = np.asarray(plots.geometry.values, dtype=object)
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    pts = np.zeros((len(geoms), 2))
    pts[ok] = shapely.get_coordinates(shapely.point_on_surface(geoms[ok]))
    d, _ = cKDTree(xy).query(pts)
    return ok & (d <= within_m)


def rule_changes(plots, stations_xy, rule: ScenarioRule, *, scale_people: bool = True) -> dict:
    """{field: (fids, new values)} that the rule makes; the plot frame itself is not touched."""
    import pandas as pd

    if rule.field not in plots.columns:
        raise CimInputError(None, f"the plot layer has no field {rule.field!r} for the rule {rule.text!r}",
                            hint=f"fields are: {', '.join(c for c in plots.columns if c != plots.geometry.name)}")
    sel = selected(plots, stations_xy, rule.within_m)
    fids = plots.index.to_numpy()[sel]
    changes: dict = {}
    if rule.op == "=":
        changes[rule.field] = (fids, np.full(len(fids), rule.value, dtype=object if isinstance(rule.value, str)
                                             else float))
        return changes
    old = pd.to_numeric(plots[rule.field], errors="coerce").to_numpy(dtype=float)[sel]
    k = float(rule.value)
    new = {"*": old * k, "+": old + k, "-": old - k}[rule.op]
    changes[rule.field] = (fids, new)
    if scale_people and rule.field == "far":
        ratio = np.where((old > 0) & np.isfinite(old), new / np.where(old > 0, old, 1), 1.0)
        for col in ("population", "jobs"):
            if col in plots.columns:
                v = pd.to_numeric(plots[col], errors="coerce").to_numpy(dtype=float)[sel]
                changes[col] = (fids, v * ratio)
    return changes


def apply_rule_frame(plots, stations_xy, rule: ScenarioRule | str, *, scale_people: bool = True):
    """A copy of ``plots`` with the rule applied (pure; for studies outside a project)."""
    rule = parse_rule(rule) if isinstance(rule, str) else rule
    out = plots.copy()
    for field, (fids, values) in rule_changes(plots, stations_xy, rule, scale_people=scale_people).items():
        if out[field].dtype.kind in "iu" and np.asarray(values).dtype.kind == "f":
            out[field] = out[field].astype(float)
        out.loc[fids, field] = values
    return out


class SetAttributeValues(Command):
    """Set one field of many features at once (vectorised; undo restores the exact old values and dtype)."""

    def __init__(self, project, layer_id: str, field: str, fids, values, text: str | None = None) -> None:
        rec = project.layer(layer_id)
        if field not in rec.data.columns:
            raise CimInputError(project.path, f"layer {rec.name!r} has no field {field!r}", obj=rec.name)
        self.project, self.layer_id, self.field = project, layer_id, field
        self.fids = np.asarray(fids, dtype=np.int64)
        self.values = np.asarray(values)
        self.old = rec.data.loc[self.fids, field].to_numpy(copy=True)
        self.old_dtype = rec.data[field].dtype
        self.text = text or f"Set {field} of {len(self.fids)} feature(s) in {rec.name}"

    def _set(self, values, dtype=None) -> None:
        rec = self.project.layer(self.layer_id)
        col = rec.data[self.field]
        if dtype is None and col.dtype.kind in "iu" and values.dtype.kind == "f":
            rec.data[self.field] = col.astype(float)
        rec.data.loc[self.fids, self.field] = values
        if dtype is not None and rec.data[self.field].dtype != dtype:
            rec.data[self.field] = rec.data[self.field].astype(dtype)
        self.project.mark_dirty(self.layer_id)
        self.project.features_changed.emit(self.layer_id, self.fids)

    def redo(self) -> None:
        self._set(self.values)

    def undo(self) -> None:
        self._set(self.old, self.old_dtype)


def copy_as_scenario(project, layer_id: str, label: str):
    """Add a copy of a plot layer as a scenario layer (AddLayer command); returns the new record."""
    from cim.project.edits import AddLayer
    from cim.project.layer import LayerRecord

    src = project.layer(layer_id)
    if src.kind != "vector":
        raise CimInputError(project.path, f"layer {src.name!r} is not a vector layer", obj=src.name)
    rec = LayerRecord(name=f"{src.name} — {label}", kind="vector", data=src.data.copy(), crs=src.crs,
                      object_kind=src.object_kind, style=dict(src.style),
                      source={"scenario_of": src.id, "scenario": label})
    project.push(AddLayer(project, rec))
    return rec


def apply_rule(project, layer_id: str, stations_xy, rule: ScenarioRule | str, *, scale_people: bool = True) -> int:
    """Apply a rule to a (scenario) layer as one undo step; returns how many plots changed."""
    rule = parse_rule(rule) if isinstance(rule, str) else rule
    rec = project.layer(layer_id)
    changes = rule_changes(rec.data, stations_xy, rule, scale_people=scale_people)
    n = len(next(iter(changes.values()))[0]) if changes else 0
    with project.undo_stack.macro(f"Scenario rule: {rule.describe()}"):
        for field, (fids, values) in changes.items():
            project.push(SetAttributeValues(project, layer_id, field, fids, values))
    return n


def compare(tables: dict, metrics=None, *, kinds=("walk", "circle")):
    """Scenarios side by side: one row per station × catchment × metric, a column per scenario, and the
    change of each scenario from the first one (``Δ <label>``)."""
    import pandas as pd

    metrics = list(metrics or ("gfa_m2", "far_gross", "far_net", "population", "jobs", "pop_density_pph",
                               "job_density_jph", "jobs_housing_ratio", "mix_entropy"))
    keys = ["station_id", "name", "kind", "radius_m"]
    long = []
    for label, t in tables.items():
        t = getattr(t, "indicators", t)
        t = t[t["kind"].isin(kinds)]
        m = t.melt(id_vars=keys, value_vars=[c for c in metrics if c in t.columns], var_name="metric")
        long.append(m.assign(scenario=label))
    wide = pd.concat(long).pivot_table(index=keys + ["metric"], columns="scenario", values="value",
                                       aggfunc="first", dropna=False).reset_index()
    labels = list(tables)
    wide = wide[keys + ["metric"] + labels]
    for lab in labels[1:]:
        wide[f"Δ {lab}"] = wide[lab] - wide[labels[0]]
    return wide
