"""Accepted findings: keyed so a re-run recognises them, undoable, kept in the project file."""

from __future__ import annotations

import shutil

import pytest

from cim.checks.acceptance import (
    AcceptIssue,
    WithdrawAcceptance,
    acceptance_for,
    acceptances,
    issue_key,
)
from cim.errors import CimInputError, PermissionDenied
from cim.findings import Finding
from cim.project.store import open_project, save_project
from cim.text import Text


def _issue(message_en: str = "Plots overlap", **kw) -> Finding:
    base = {"code": "PLN-02", "severity": "E", "message": Text("Lô chồng lấn", message_en),
            "layer": "plots", "layer_id": "lyr_plots", "fids": (102, 125), "objects": ("PLT-000125", "PLT-000102")}
    base.update(kw)
    return Finding(**base)


def test_the_same_finding_of_a_later_run_has_the_same_key_even_with_other_numbers_in_its_text():
    assert issue_key(_issue()) == issue_key(_issue(message_en="Plots overlap (357.0 m²)",
                                                   objects=("PLT-000102", "PLT-000125")))


def test_findings_on_other_objects_rules_or_network_sub_rules_have_other_keys():
    k = issue_key(_issue())
    assert issue_key(_issue(objects=("PLT-000102",))) != k
    assert issue_key(_issue(code="TOD-02")) != k
    dangle = issue_key(_issue(extra={"net_rule": "NET-DANGLE"}))
    assert dangle != issue_key(_issue(extra={"net_rule": "NET-UPHILL"})) and dangle != k


def test_project_level_findings_are_told_apart_by_their_message():
    a = _issue(fids=(), objects=(), layer_id="", message_en="No waste bins")
    b = _issue(fids=(), objects=(), layer_id="", message_en="No smart lamps")
    assert issue_key(a) != issue_key(b)


def test_accepting_needs_a_reason():
    from cim.project import Project

    with pytest.raises(CimInputError, match="reason"):
        AcceptIssue(Project(), _issue(), "   ")


def test_accept_and_withdraw_are_undoable():
    from cim.project import Project

    p = Project()
    issue = _issue()
    p.push(AcceptIssue(p, issue, "Approved by decision 12/QĐ", author="Lan"))
    a = acceptance_for(p, issue)
    assert a is not None and a.reason == "Approved by decision 12/QĐ" and a.author == "Lan"
    p.undo_stack.undo()
    assert acceptance_for(p, issue) is None
    p.undo_stack.redo()
    p.push(WithdrawAcceptance(p, issue_key(issue)))
    assert acceptance_for(p, issue) is None
    p.undo_stack.undo()
    assert acceptance_for(p, issue).reason == "Approved by decision 12/QĐ"


def test_a_reviewer_may_not_accept_findings():
    from cim.project import Project

    p = Project()
    p.role = "reviewer"
    with pytest.raises(PermissionDenied):
        p.push(AcceptIssue(p, _issue(), "fine"))
    assert acceptances(p) == {}


def test_acceptances_survive_save_and_reopen_and_save_as(tmp_path):
    from sample_data.project import DEFAULT_OUT

    src = tmp_path / "a.cim.gpkg"
    shutil.copyfile(DEFAULT_OUT, src)
    p = open_project(src)
    assert acceptances(p) == {}
    issue = _issue()
    p.push(AcceptIssue(p, issue, "Ranh giới theo quyết định 12/QĐ-UBND", author="Lan"))
    save_project(p)
    again = open_project(src)
    a = acceptance_for(again, issue)
    assert a is not None and a.reason == "Ranh giới theo quyết định 12/QĐ-UBND" and a.author == "Lan"
    assert a.object_ids == ("PLT-000125", "PLT-000102")
    out = save_project(again, tmp_path / "b.cim.gpkg")
    assert acceptance_for(open_project(out), issue).reason == a.reason
    again.push(WithdrawAcceptance(again, a.key))
    save_project(again)                      # now saves to b (the save-as target)
    assert acceptances(open_project(out)) == {}
    assert acceptance_for(open_project(src), issue) is not None
