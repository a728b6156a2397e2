"""``cimstudio diff-plan``: two project files, two packages (with check-verdict changes), bad input."""

import json

import pytest

from app.launcher import main  # the cimstudio CLI: rule packs come from plugins
from sample_data.project import DEFAULT_OUT
from tests.cim.revision.conftest import earlier_path  # noqa: F401  (session fixture)

pytestmark = pytest.mark.slow
RULES = ["SMT-TRANSPORT", "SMT-TRAFFIC", "PLN-02"]


def _package(project, out, keys):
    from cim.checks.runner import run_checks
    from cim.package.build import PackageOptions, build_package
    from plugins.check_registry import check_registry

    reg = check_registry()
    pack = reg.pack("decree269")

    def run(p, _pack_path, fb):
        return run_checks(p, reg.checks_for(pack, only=RULES), pack=pack, feedback=fb)
    return build_package(project, out, PackageOptions(run_checks=run, key_dir=keys, user="tu_van", cityjson=False,
                                                      auto_tod=False)).path


def test_two_projects_give_counts_a_report_and_a_result_layer(earlier_path, tmp_path, capsys):  # noqa: F811
    import pyogrio

    out = tmp_path / "d.gpkg"
    assert main(["-q", "diff-plan", str(earlier_path), str(DEFAULT_OUT), "--html", str(tmp_path / "d.html"),
                 "--layer-out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "added 6, removed 1, changed 4" in text and "plots: +1 -0 ~4" in text
    layer = pyogrio.read_dataframe(out)
    assert len(layer) == 11 and set(layer["change"]) == {"added", "removed", "changed"}
    assert "PLT-000005" in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_two_packages_show_the_check_verdict_changes(earlier_path, tmp_path, capsys):  # noqa: F811
    old = _package(earlier_path, tmp_path / "old.cimpkg", tmp_path / "k")
    new = _package(DEFAULT_OUT, tmp_path / "new.cimpkg", tmp_path / "k")
    assert main(["-q", "diff-plan", str(old), str(new), "--workdir", str(tmp_path / "w"), "--json", "-"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index("{"):])
    assert data["counts"] == {"added": 6, "removed": 1, "changed": 4}
    smt = next(c for c in data["checks"] if c["rule"] == "SMT-TRANSPORT")
    assert (smt["old"], smt["new"]) == ("fail", "pass")
    pln = next(c for c in data["checks"] if c["rule"] == "PLN-02")   # the earlier version had a gap where OM-04 is
    assert (pln["old"], pln["new"], pln["issues_old"], pln["issues_new"]) == ("fail", "fail", 4, 3)
    assert not [c for c in data["checks"] if c["rule"] == "SMT-TRAFFIC"]   # one camera less: still passes


def test_a_missing_or_tampered_input_exits_2_with_one_line(tmp_path, capsys, earlier_path):  # noqa: F811
    assert main(["diff-plan", str(tmp_path / "nope.cim.gpkg"), str(DEFAULT_OUT)]) == 2
    assert "file not found" in capsys.readouterr().err
    bad = tmp_path / "bad.cimpkg"
    bad.write_bytes(b"not a zip")
    assert main(["diff-plan", str(bad), str(DEFAULT_OUT)]) == 2
    err = capsys.readouterr().err
    assert "does not verify" in err and "Traceback" not in err
