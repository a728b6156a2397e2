"""A run stores what makes it reproducible, and re-running on unchanged data reproduces it exactly —
also after a save and a reopen."""

from __future__ import annotations

import pytest

from cim.checks.results_store import list_runs, load_run, store_run, stored_digest
from cim.checks.runner import run_checks
from cim.project.store import open_project, save_project
from tests.cim.checks.conftest import rule_check, tiled_project

RULES = '''id = "X-01"
severity = "E"
type = "attribute"
title = { vi = "Lô có hệ số sử dụng đất", en = "Plots carry a FAR" }
[rules.params]
subject = { kind = "plot" }
require = [ { field = "far", op = "gt", value = 2.5 } ]
'''


@pytest.fixture
def saved(tmp_path):
    p = tiled_project()
    path = save_project(p, tmp_path / "t.cim.gpkg")
    return path


def test_a_run_records_pack_software_inputs_and_parameters(saved):
    p = open_project(saved)
    pack, checks = rule_check(RULES)
    run = run_checks(p, checks, pack=pack)
    assert run.pack_id == "t" and run.pack_version == "1" and run.software_version.startswith("CIM Studio")
    assert set(run.inputs) == set(p.layers) | {"metadata"}
    assert all(len(h) == 64 for h in run.inputs.values())
    assert run.results[0].params["require"][0]["value"] == 2.5
    assert run.has_errors and len(run.issues("E")) == 16


def test_rerunning_an_unchanged_project_reproduces_the_stored_results_after_save_and_reopen(saved):
    p = open_project(saved)
    pack, checks = rule_check(RULES)
    first = run_checks(p, checks, pack=pack)
    store_run(saved, first)
    save_project(p)                          # a save keeps the stored runs
    again = open_project(saved)
    second = run_checks(again, checks, pack=pack)
    stored = load_run(saved, first.run_id)
    assert second.digest() == first.digest() == stored.digest() == stored_digest(saved, first.run_id)
    assert second.reproducible_dict() == stored.reproducible_dict()
    assert [r["run_id"] for r in list_runs(saved)] == [first.run_id]


def test_changing_one_attribute_changes_the_input_hash_of_that_layer_only(saved):
    p = open_project(saved)
    pack, checks = rule_check(RULES)
    a = run_checks(p, checks, pack=pack)
    plots = p.layer_by_name("plots")
    plots.data.loc[1, "far"] = 3.0
    b = run_checks(p, checks, pack=pack)
    changed = {k for k in a.inputs if a.inputs[k] != b.inputs[k]}
    assert changed == {plots.id}
    assert a.digest() != b.digest()


def test_storing_a_run_needs_a_saved_project(tmp_path):
    from cim.errors import ProjectFileError

    pack, checks = rule_check(RULES)
    run = run_checks(tiled_project(), checks, pack=pack)
    with pytest.raises(ProjectFileError, match="save the project"):
        store_run(tmp_path / "nope.cim.gpkg", run)
