"""Scenario layers and rules are undoable commands; rules that cannot be read are explained."""

from __future__ import annotations

import numpy as np
import pytest

from cim.errors import CimInputError


def test_a_rule_reads_field_operation_value_and_distance():
    from cim.tod.scenarios import parse_rule

    r = parse_rule("FAR*1.5 within 500 m")
    assert (r.field, r.op, r.value, r.within_m) == ("far", "*", 1.5, 500.0)
    assert parse_rule("use=mixed_use within 300").value == "mixed_use"
    assert parse_rule("height+6").within_m is None


def test_an_unreadable_rule_says_what_a_rule_looks_like():
    from cim.tod.scenarios import parse_rule

    with pytest.raises(CimInputError, match="far\\*1.5 within 500"):
        parse_rule("make it denser")
    with pytest.raises(CimInputError, match="not a number"):
        parse_rule("far*lots within 500")


def test_copying_plots_as_a_scenario_and_applying_a_rule_undo_back_to_the_original(tiny_project):
    from cim.tod.scenarios import apply_rule, copy_as_scenario

    p = tiny_project
    plots = p.layer_by_name("plots")
    before = plots.data.copy()
    rec = copy_as_scenario(p, plots.id, "TOD+")
    n = apply_rule(p, rec.id, [[0.0, 0.0]], "far*1.5 within 100")
    assert n == 5                                   # A–E; the car park H lies 191 m away, F 7 km
    changed = rec.data
    a = changed.index[changed["code"] == "A"][0]
    assert changed.at[a, "far"] == pytest.approx(3.0)
    assert changed.at[a, "population"] == pytest.approx(150)
    assert plots.data.equals(before)               # the base layer is untouched
    p.undo_stack.undo()
    assert rec.data["far"].equals(before["far"]) and rec.data["population"].equals(before["population"])
    assert rec.data["population"].dtype == before["population"].dtype
    p.undo_stack.undo()
    assert rec.id not in p.layers
    p.undo_stack.redo()
    p.undo_stack.redo()
    assert p.layers[rec.id].data.at[a, "far"] == pytest.approx(3.0)


def test_a_rule_on_a_missing_field_names_the_fields_there_are(tiny_project):
    from cim.tod.scenarios import apply_rule

    plots = tiny_project.layer_by_name("plots")
    with pytest.raises(CimInputError, match="no field 'height_max_m'.*fields are: code"):
        apply_rule(tiny_project, plots.id, [[0.0, 0.0]], "height+6 within 500")


def test_scenarios_compare_side_by_side_with_the_change_from_the_base(tiny):
    from cim.tod.params import TodParams
    from cim.tod.scenarios import apply_rule_frame, compare
    from cim.tod.study import run_study

    stations, data = tiny
    p = TodParams(radii=(400.0,), bike_radii=())
    base = run_study(stations, data, p)
    data.plots = apply_rule_frame(data.plots, stations.xy, "far*2 within 100")
    more = run_study(stations, data, p, catchments=base.catchments, label="x2")
    table = compare({"base": base, "x2": more})
    row = table[(table["station_id"] == "STN-001") & (table["kind"] == "circle") & (table["metric"] == "gfa_m2")]
    assert row["base"].iat[0] == pytest.approx(15000) and row["Δ x2"].iat[0] == pytest.approx(15000)
    assert np.isclose(table.loc[table["metric"] == "mix_entropy", "Δ x2"].dropna(), 0).all()
