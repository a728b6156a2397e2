"""Translated labels of the TOD panel: indicator columns, catchment kinds, metrics, the core's notes."""

from __future__ import annotations

import re

from plugins.gui import tr as _t
from plugins.gui import ui_language


def kind_label(kind: str) -> str:
    return {"circle": _t("TodPanel", "circle"), "walk": _t("TodPanel", "walkshed"),
            "bike": _t("TodPanel", "bicycle")}.get(kind, kind)


def column_labels() -> dict[str, str]:
    """Indicator columns the table shows, in order, with their headers."""
    return {
        "name": _t("TodPanel", "Station"),
        "kind": _t("TodPanel", "Catchment"),
        "radius_m": _t("TodPanel", "Radius (m)"),
        "area_ha": _t("TodPanel", "Area (ha)"),
        "circle_ratio": _t("TodPanel", "Walkshed ÷ circle"),
        "gfa_m2": _t("TodPanel", "GFA (m²)"),
        "far_gross": _t("TodPanel", "Gross FAR"),
        "far_net": _t("TodPanel", "Net FAR"),
        "population": _t("TodPanel", "Residents"),
        "pop_density_pph": _t("TodPanel", "Residents/ha"),
        "jobs": _t("TodPanel", "Jobs"),
        "job_density_jph": _t("TodPanel", "Jobs/ha"),
        "jobs_housing_ratio": _t("TodPanel", "Jobs ÷ residents"),
        "mix_entropy": _t("TodPanel", "Land-use mix"),
        "intersection_density_km2": _t("TodPanel", "Intersections/km²"),
        "block_length_mean_m": _t("TodPanel", "Mean block (m)"),
        "plots": _t("TodPanel", "Plots"),
        "plots_without_far": _t("TodPanel", "Plots without FAR"),
        "buildings": _t("TodPanel", "Buildings"),
        "n_smart_elements": _t("TodPanel", "Smart elements"),
        "notes": _t("TodPanel", "Notes"),
    }


METRICS = ("gfa_m2", "far_gross", "far_net", "population", "jobs", "pop_density_pph", "job_density_jph",
           "jobs_housing_ratio", "mix_entropy", "circle_ratio")


def metric_labels() -> dict[str, str]:
    """Metrics the charts and the scenario comparison offer (headed as in the table)."""
    columns = column_labels()
    return {key: columns[key] for key in METRICS}


def message_text(m: dict) -> str:
    """A core message ({"vi": ..., "en": ...}) in the UI language."""
    vi, en = m.get("vi"), m.get("en")
    return (vi or en or "") if ui_language() == "vi" else (en or vi or "")


def _fixed_notes() -> dict[str, str]:
    return {
        "needs data: a land-use plot layer": _t("TodPanel", "Needs data: a land-use plot layer"),
        "empty catchment: no plot inside": _t("TodPanel", "Empty catchment: no plot inside"),
        "needs data: the plots have no FAR field (far)": _t("TodPanel", "Needs data: the plots have no FAR field"),
        "needs data: the plots have no population field":
            _t("TodPanel", "Needs data: the plots have no residents field"),
        "needs data: the plots have no jobs field": _t("TodPanel", "Needs data: the plots have no jobs field"),
        "no residents: jobs–housing ratio undefined":
            _t("TodPanel", "No residents: the jobs ÷ residents ratio is undefined"),
        "no plot of the mix categories: entropy undefined":
            _t("TodPanel", "No plot of the mix categories: land-use mix undefined"),
        "needs data: parking plots (category 'parking' / code P) or parking_area_m2":
            _t("TodPanel", "Needs data: parking plots or a parking area field"),
        "needs data: a street network (road layer)": _t("TodPanel", "Needs data: a street network (road layer)"),
        "needs data: transport plots or street widths (width_m)":
            _t("TodPanel", "Needs data: transport plots or street widths"),
        "road area from street widths × length (no transport plots)":
            _t("TodPanel", "Road area from street widths × length"),
        "needs data: a building layer": _t("TodPanel", "Needs data: a building layer"),
        "needs data: streets and plots for walking access to parks/schools/health":
            _t("TodPanel", "Needs data: streets and plots for walking access to parks, schools and health"),
    }


def note_text(notes: str) -> str:
    """The indicator table's ``notes`` (the core writes them in English) in the UI language."""
    if not notes:
        return ""
    fixed = _fixed_notes()
    out = []
    for part in str(notes).split("; "):
        m = re.fullmatch(r"(\d+) plot\(s\) without FAR left out of GFA", part)
        if m:
            out.append(_t("TodPanel", "%1 plot(s) without FAR left out of GFA").replace("%1", m[1]))
        else:
            out.append(fixed.get(part, part))
    return "; ".join(out)
