"""An accepted finding stays in the HTML and JSON reports, with its reason, author and date."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def accepted_run():
    from cim.checks.acceptance import AcceptIssue
    from cim.checks.runner import run_checks
    from cim.project.store import open_project
    from plugins.check_registry import check_registry
    from sample_data.project import DEFAULT_OUT

    reg = check_registry()
    pack = reg.pack("decree269")
    project = open_project(DEFAULT_OUT)
    run = run_checks(project, reg.checks_for(pack, only=["SEC-01", "PLN-02"]), pack=pack)
    sec = run.result("SEC-01").issues[0]
    project.push(AcceptIssue(project, sec, "Tên đã được chủ sở hữu đồng ý công bố (văn bản số 7/2026)", author="Lan"))
    return run, project, pack, sec


def test_the_html_report_marks_the_accepted_finding_with_its_reason(accepted_run, tmp_path):
    from cim.report.api import write_reports

    run, project, pack, sec = accepted_run
    html = write_reports(run, project, pack=pack, html=tmp_path / "r.html", maps=False)["html"].read_text("utf-8")
    assert html.count("Đã chấp nhận:") == 1
    assert "Tên đã được chủ sở hữu đồng ý công bố (văn bản số 7/2026) — Lan" in html
    assert sec.message.vi.split("—")[0].strip() in html      # the finding itself is still reported


def test_the_json_report_lists_the_acceptances_of_the_run(accepted_run, tmp_path):
    from cim.checks.acceptance import issue_key
    from cim.report.json_report import write_json

    run, project, _pack, sec = accepted_run
    d = json.loads(write_json(run, tmp_path / "r.json", project, tod=None).read_text("utf-8"))
    assert [(a["key"], a["author"]) for a in d["accepted"]] == [(issue_key(sec), "Lan")]
    assert d["counts"] == run.counts()      # accepting does not change the verdict: the appraiser decides
