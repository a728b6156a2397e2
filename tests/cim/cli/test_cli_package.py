"""The CLI: package → verify (exit 0, verdict in Vietnamese and English); tampering → exit 1;
comments add/list/reply/resolve/export-bcf/import-bcf; backup create/list/restore/recover."""

import json
import zipfile

import pytest

from cim.cli import CliContext, main
from cim.project.store import open_project
from cim.review import review_book


def run(*argv, ctx=None):
    from app.launcher import cli_extras

    return main([str(a) for a in argv], ctx or CliContext(extras=cli_extras()))


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch):
    """Automation: the signing key's passphrase comes from CIMSTUDIO_PASSPHRASE (documented)."""
    monkeypatch.setenv("CIMSTUDIO_PASSPHRASE", "mật khẩu thử nghiệm")


def signing_key(key_dir, user="tu_van"):
    """The consultant creates a key once; the appraiser trusts its public key once."""
    from cim.package.keys import key_path

    assert run("keys", "create", "--user", user, "--key-dir", key_dir) == 0
    assert run("trust", "add", key_path(user, key_dir).with_suffix(".ed25519.pub")) == 0


def _project(tmp_path):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "pkg_conftest", __import__("pathlib").Path(__file__).parents[1] / "package" / "conftest.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["pkg_conftest"] = mod
    spec.loader.exec_module(mod)
    proj = mod.make_project(tmp_path / "c")
    rules = tmp_path / "c" / "far.toml"
    rules.write_text(mod.RULES, encoding="utf-8")
    return proj, rules


def test_package_then_verify_prints_a_bilingual_verdict_and_tampering_exits_non_zero(tmp_path, capsys):
    proj, rules = _project(tmp_path)
    out = tmp_path / "plan.cimpkg"
    signing_key(tmp_path / "keys")
    assert run("-q", "package", proj, "-o", out, "--pack", rules, "--no-cityjson", "--no-reports",
               "--user", "tu_van", "--key-dir", tmp_path / "keys") == 0
    assert "Not passed" in capsys.readouterr().out
    assert run("-q", "verify", out, "--pack", rules) == 0      # the appraiser's copy of the same pack
    text = capsys.readouterr().out
    assert "HỢP LỆ" in text and "VALID" in text
    bad = tmp_path / "bad.cimpkg"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, data.replace(b"2.3.0", b"2.3.1") if info.filename.startswith("rules/") else data)
    assert run("-q", "verify", bad, "--json") == 1
    rep = json.loads(capsys.readouterr().out)
    assert rep["ok"] is False and "KHÔNG HỢP LỆ" in rep["verdict"]["vi"]


def test_verify_uses_the_check_registry_the_composition_root_provides(tmp_path, capsys):
    from cim.checks import registry_from

    proj, rules = _project(tmp_path)
    out = tmp_path / "plan.cimpkg"
    ctx = CliContext(extras={"check_registry": registry_from()})
    signing_key(tmp_path / "k")
    assert run("-q", "package", proj, "-o", out, "--pack", rules, "--no-cityjson", "--no-reports",
               "--user", "tu_van", "--key-dir", tmp_path / "k", ctx=ctx) == 0
    assert run("-q", "verify", out, "--pack", rules, ctx=ctx) == 0
    assert run("-q", "verify", out, "--pack", rules, "--trusted", "SHA256:00") == 1
    capsys.readouterr()
    assert run("-q", "verify", out, ctx=ctx) == 1      # no pack 'test_far' installed on this machine
    assert "no rule pack 'test_far' is installed" in capsys.readouterr().out


def test_the_plugin_less_cli_says_it_has_no_rule_packs(tmp_path, capsys):
    """cimstudio-cli reads no plugins (cim cannot): package/verify/check name the command to use."""
    proj, _ = _project(tmp_path)
    assert main(["-q", "check", str(proj), "--no-store"], CliContext()) == 2
    err = capsys.readouterr().err
    assert "cimstudio-cli runs without plugins" in err and "Traceback" not in err


def test_package_with_an_unknown_rule_pack_is_explained_and_writes_nothing(tmp_path, capsys):
    proj, _ = _project(tmp_path)
    assert run("-q", "package", proj, "-o", tmp_path / "p.cimpkg", "--pack", "khong_co",
               "--key-dir", tmp_path / "k") == 2
    assert "no rule pack 'khong_co'" in capsys.readouterr().err
    assert not (tmp_path / "p.cimpkg").exists()


def test_comments_round_trip_through_the_cli(tmp_path, capsys):
    proj, _ = _project(tmp_path)
    assert run("comments", "add", proj, "--title", "Trạm bơm thiếu cảm biến", "--at", "560400", "2358010",
               "--author", "xa_nong_trang") == 0
    tid = capsys.readouterr().out.strip()
    assert run("comments", "reply", proj, tid, "Đã bổ sung", "--author", "tu_van") == 0
    assert run("comments", "resolve", proj, tid) == 0
    assert run("comments", "export-bcf", proj, tmp_path / "r.bcf", "--bcf-version", "3.0") == 0
    other, _ = _project(tmp_path / "other")
    assert run("comments", "import-bcf", other, tmp_path / "r.bcf") == 0
    t = review_book(open_project(other)).get(tid)
    assert t.status == "resolved" and t.anchor.kind == "location" and t.comments[0].text == "Đã bổ sung"
    capsys.readouterr()
    assert run("comments", "list", other, "--status", "resolved") == 0
    assert "Trạm bơm thiếu cảm biến" in capsys.readouterr().out


def test_backup_create_list_restore_and_recover_through_the_cli(tmp_path, capsys):
    from cim.backup import write_recovery
    from cim.project.edits import SetMetadata
    from cim.project.store import save_project

    proj, _ = _project(tmp_path)
    assert run("backup", "create", proj) == 0
    p = open_project(proj)
    p.push(SetMetadata(p, "plan_id", "QH-MOI"))
    save_project(p)
    assert run("backup", "restore", proj) == 0
    assert open_project(proj).metadata.plan_id == "QH-PT-2026-0001"
    p = open_project(proj)
    p.push(SetMetadata(p, "plan_id", "QH-CHUA-LUU"))
    write_recovery(p)
    capsys.readouterr()
    assert run("backup", "list", proj) == 0
    out = capsys.readouterr().out
    assert "2 backup(s)" in out and "unsaved edit(s)" in out
    assert run("backup", "recover", proj) == 0
    assert open_project(proj).metadata.plan_id == "QH-CHUA-LUU"


@pytest.mark.slow
def test_the_sample_district_packages_with_decree269_reports_and_cityjson_and_verifies(tmp_path, capsys, repo_root):
    sample = repo_root / "sample_data" / "district.cim.gpkg"
    if not sample.exists():
        pytest.fail("the bundled sample project is missing (python -m sample_data.project)")
    out = tmp_path / "district.cimpkg"
    signing_key(tmp_path / "k")
    assert run("-q", "package", sample, "-o", out, "--user", "tu_van", "--key-dir", tmp_path / "k", "--no-maps") == 0
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
    assert {"checks/report.html", "checks/report.pdf", "checks/results.json", "rules/decree269.toml",
            "cityjson/district.city.json", "project/district.cim.gpkg"} <= names
    assert any(n.startswith("tod/") for n in names)      # the sample has stations: the study comes along
    # the IFC models the buildings name travel next to the project, so GEO-01 re-runs the same anywhere
    assert {f"project/ifc/{n}.ifc" for n in ("hh_tower", "hospital", "ioc_centre", "office_2x3", "school_thcs")} <= names
    capsys.readouterr()
    assert run("-q", "verify", out) == 0
    assert "re-run with the appraiser's rule pack confirms the verdict" in capsys.readouterr().out


def test_no_tod_leaves_the_tod_study_out_of_the_package(tmp_path, repo_root):
    sample = repo_root / "sample_data" / "district.cim.gpkg"
    out = tmp_path / "lean.cimpkg"
    signing_key(tmp_path / "k")
    assert run("-q", "package", sample, "-o", out, "--user", "tu_van", "--key-dir", tmp_path / "k", "--no-checks",
               "--no-cityjson", "--no-tod") == 0
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
    assert "project/district.cim.gpkg" in names and not [n for n in names if n.startswith("tod/")]
    assert run("-q", "verify", out, "--no-rerun") == 0


def test_excluding_the_ifc_models_makes_verify_explain_why_geo01_cannot_be_confirmed(tmp_path, capsys, repo_root):
    sample = repo_root / "sample_data" / "district.cim.gpkg"
    out = tmp_path / "no_ifc.cimpkg"
    signing_key(tmp_path / "k")
    assert run("-q", "package", sample, "-o", out, "--user", "tu_van", "--key-dir", tmp_path / "k", "--no-reports",
               "--no-cityjson", "--no-tod", "--exclude-ifc") == 0
    with zipfile.ZipFile(out) as zf:
        assert not [n for n in zf.namelist() if n.endswith(".ifc")]
    capsys.readouterr()
    assert run("-q", "verify", out) == 1
    text = capsys.readouterr().out
    assert "GEO-01" in text and "hashes only" in text and "chỉ có mã băm" in text
