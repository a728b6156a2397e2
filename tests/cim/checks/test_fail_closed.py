"""Fail closed (issue 12): a rule that raises is a finding of its own severity that blocks a pass;
rules with nothing to check are "not applicable", never a pass; the real pack runs without crashes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cim.checks.base import CRASHED, NOT_APPLICABLE, NOT_EVALUATED, PASS
from cim.checks.pack import pack_from_dict
from cim.checks.registry import CheckRegistry
from cim.checks.runner import run_checks

ROOT = Path(__file__).resolve().parents[3]


def _pack(rules: str, impls: dict):
    reg = CheckRegistry()
    for k, fn in impls.items():
        reg.add_impl(k, fn)
    pack = pack_from_dict(tomllib.loads('[pack]\nid = "t"\nversion = "1"\n' + rules), source="test")
    return pack, reg.checks_for(pack)


def boom(ctx, feedback):
    raise ZeroDivisionError("division by zero in the rule")


def fine(ctx, feedback):
    return []


PY_RULE = '''
[[rules]]
id = "{id}"
severity = "{sev}"
title = {{ vi = "Quy tắc", en = "Rule" }}
check = "t.{fn}"
'''


@pytest.mark.parametrize("sev", ["E", "W", "I"])
def test_a_crashing_rule_is_a_finding_of_its_own_severity_and_the_verdict_is_not_passed(project, sev):
    rules = PY_RULE.format(id="R-BOOM", sev=sev, fn="boom") + PY_RULE.format(id="R-OK", sev="E", fn="fine")
    pack, checks = _pack(rules, {"t.boom": boom, "t.fine": fine})
    run = run_checks(project, checks, pack=pack)
    r = run.result("R-BOOM")
    assert r.status == CRASHED
    assert [i.severity for i in r.issues] == [sev]
    issue = r.issues[0]
    assert issue.extra["code"] == NOT_EVALUATED and "ZeroDivisionError" in issue.extra["reason"]
    assert issue.message.vi.startswith("Không đánh giá được") and "could not be evaluated" in issue.message.en.lower()
    assert run.result("R-OK").status == PASS
    v = run.verdict()
    assert v.en.startswith("Not passed") and v.vi.startswith("Không đạt"), v
    assert run.not_evaluated() == ["R-BOOM"]


def test_without_a_crash_the_same_pack_passes(project):
    pack, checks = _pack(PY_RULE.format(id="R-OK", sev="E", fn="fine"), {"t.fine": fine})
    assert run_checks(project, checks, pack=pack).verdict().en == "Passed"


GENERIC = '''
[[rules]]
id = "G-{t}"
severity = "E"
type = "{t}"
title = {{ vi = "Quy tắc", en = "Rule" }}
[rules.params]
subject = {{ kind = "building", where = [ {{ field = "use", op = "eq", value = "no-such-use" }} ] }}
target = {{ kind = "smart_element" }}
require = [ {{ field = "floors", op = "gt", value = 0 }} ]
'''


@pytest.mark.parametrize("t", ["near", "inside", "attribute"])
def test_an_empty_subject_set_is_not_applicable_not_a_pass(project, t):
    pack, checks = _pack(GENERIC.format(t=t), {})
    r = run_checks(project, checks, pack=pack).results[0]
    assert r.status == NOT_APPLICABLE
    assert r.issues and r.issues[0].severity == "I"


def test_the_decree_pack_runs_without_a_crash_on_buildings_without_smart(project):
    """``op = "true"`` on a missing field crashed SMT-BLDG, BLD-01 and BLD-02 ("boolean value of NA")."""
    from plugins.check_registry import check_registry

    bld = project.layer_by_name("buildings")
    bld.data = bld.data.drop(columns=["smart"])
    reg = check_registry()
    pack = reg.pack("decree269")
    run = run_checks(project, reg.checks_for(pack), pack=pack)
    crashed = {r.rule: r.note.en for r in run.results if r.status == CRASHED}
    assert not crashed, crashed
    assert {"SMT-BLDG", "BLD-01", "BLD-02"} <= {r.rule for r in run.results}


def test_the_report_never_colours_a_run_with_an_unevaluated_rule_as_a_pass(project):
    from cim.report.build import build_report

    rules = PY_RULE.format(id="R-BOOM", sev="I", fn="boom") + PY_RULE.format(id="R-OK", sev="E", fn="fine")
    pack, checks = _pack(rules, {"t.boom": boom, "t.fine": fine})
    run = run_checks(project, checks, pack=pack)
    model = build_report(run, project, pack=pack, maps=False)
    assert model["verdict_class"] == "fail" and model["verdict"]["en"].startswith("Not passed")
