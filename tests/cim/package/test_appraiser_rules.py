"""The appraiser's rules decide (issue 12): verify re-runs the rule pack installed on the appraiser's
machine, compares the shipped pack with it rule by rule and never confirms a verdict reached under a
modified pack; --no-rerun and packages without checks never say "confirmed"."""

import time

from cim.package.build import build_package
from cim.package.verify import verify_package
from cim.project.edits import SetMetadata
from cim.project.store import open_project, save_project

from .conftest import RULES, options, runner, trust_signer_of

LAX = RULES.replace('value = 4.0', 'value = 400.0')       # same id, same version, FAR ≤ 400


def _build(ws, rules_text: str, name: str, **kw):
    f = ws["root"] / "consultant" / f"{name}.toml"
    f.write_text(rules_text, encoding="utf-8")
    pkg = build_package(ws["project"], ws["root"] / f"{name}.cimpkg", options(ws, rule_packs=[f], **kw)).path
    trust_signer_of(pkg)
    return pkg


def _texts(rep):
    return [f.text("en") for f in rep.problems]


def test_a_shipped_pack_with_far_400_is_reported_rule_by_rule_and_never_confirmed(workspace):
    pkg = _build(workspace, LAX, "test_far")
    rep0 = verify_package(pkg, rerun=runner(LAX))        # the consultant's own machine would confirm it …
    assert rep0.ok and rep0.checks_confirmed and rep0.rerun_verdict["en"] == "Passed"
    rep = verify_package(pkg, rerun=runner())             # … the appraiser's pack says FAR ≤ 4
    assert not rep.ok and rep.checks_confirmed is False
    assert [d["rule"] for d in rep.pack_diffs] == ["FAR-01"]
    detail = rep.pack_diffs[0]["details"]
    assert any(d.startswith("params.require") and "400.0" in d and "4.0" in d for d in detail), detail
    texts = _texts(rep)
    assert any("rule FAR-01 differs from the appraiser's installed pack" in t for t in texts), texts
    assert any("verdict under the appraiser's rules: Not passed" in t for t in texts), texts
    assert rep.rerun_verdict["en"] == "Not passed"
    vi, en = rep.verdict()
    assert "confirmed" not in en.replace("not confirmed", "") and en.startswith("NOT VALID")


def test_a_modified_pack_is_not_confirmed_even_when_the_results_agree(workspace):
    changed = RULES.replace('type = "attribute"', 'type = "attribute"\ndescription = "sửa đổi"')
    pkg = _build(workspace, changed, "test_far")
    rep = verify_package(pkg, rerun=runner())
    assert not rep.ok and rep.checks_confirmed is False
    assert rep.pack_diffs[0]["rule"] == "FAR-01" and "description" in rep.pack_diffs[0]["details"][0]
    assert any("under a modified rule pack the verdict is not confirmed" in t for t in _texts(rep))


def test_an_identical_pack_is_confirmed_and_named_with_its_content_hash(package):
    rep = verify_package(package, rerun=runner())
    assert rep.ok and rep.checks_confirmed is True and rep.pack_diffs == []
    assert len(rep.installed_pack["sha256"]) == 64
    assert any("identical to the installed test_far 2.3.0" in f.text("en") for f in rep.findings)


def test_without_the_pack_installed_the_verdict_cannot_be_confirmed(package):
    rep = verify_package(package, rerun=runner(None))
    assert not rep.ok and rep.checks_confirmed is False
    assert any("no rule pack 'test_far' is installed" in t for t in _texts(rep))


def test_the_appraisers_province_override_applies(workspace, tmp_path):
    p = open_project(workspace["project"])
    p.push(SetMetadata(p, "province", "Phú Thọ"))
    save_project(p, workspace["project"])
    pkg = _build(workspace, RULES, "test_far")
    local = RULES + '''[rules.province_overrides."Phú Thọ"]
require = [ { field = "far", op = "le", value = 1000.0 } ]
'''
    rep = verify_package(pkg, rerun=runner(local))
    assert rep.checks_confirmed is False
    assert any("province_overrides" in d for d in rep.pack_diffs[0]["details"])
    assert rep.rerun_verdict["en"] == "Passed"          # the appraiser's override decided the re-run


def test_a_catastrophic_regex_in_the_shipped_pack_does_not_hang_verify(workspace):
    evil = RULES + '''
[[rules]]
id = "EVIL-01"
severity = "E"
title = { vi = "Mẫu", en = "Pattern" }
type = "attribute"
[rules.params]
subject = { kind = "plot" }
require = [ { field = "code", op = "regex", value = "(a|aa)+b" } ]
'''
    f = workspace["root"] / "consultant" / "test_far.toml"
    f.write_text(evil, encoding="utf-8")
    pkg = build_package(workspace["project"], workspace["root"] / "evil.cimpkg",
                        options(workspace, rule_packs=[f], run_checks=runner(RULES))).path
    t = time.perf_counter()
    rep = verify_package(pkg, rerun=runner())
    assert time.perf_counter() - t < 30
    assert not rep.ok and any(d["rule"] == "EVIL-01" and d["change"] == "only_shipped" for d in rep.pack_diffs)


def test_no_rerun_and_no_checks_never_say_confirmed(package, workspace):
    rep = verify_package(package, rerun=None, require_rerun=False)
    assert rep.ok and rep.checks_confirmed is None
    vi, en = rep.verdict()
    assert "NOT confirmed" in en and "CHƯA được xác nhận" in vi
    assert "check results are confirmed" not in en
    bare = build_package(workspace["project"], workspace["root"] / "bare.cimpkg",
                         options(workspace, run_checks=None, rule_packs=[])).path
    trust_signer_of(bare)
    rep = verify_package(bare, rerun=runner())
    assert rep.ok and rep.checks_confirmed is None
    assert "no check results" in rep.verdict()[1] and "confirmed" not in rep.verdict()[1]
