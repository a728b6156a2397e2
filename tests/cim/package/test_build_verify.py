"""A package holds the project and everything the appraisal needs, signed; verify confirms all of it."""

import json
import shutil
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cim.package.build import build_package
from cim.package.verify import verify_package

from .conftest import options, rewrite, runner


def _names(pkg):
    with zipfile.ZipFile(pkg) as zf:
        return zf.namelist()


def test_a_package_holds_project_rules_results_bcf_and_a_complete_manifest(package, workspace):
    names = _names(package)
    assert names == sorted(names)
    assert set(names) == {"checks/results.json", "manifest.json", "manifest.json.sig", "project/plan.cim.gpkg",
                          "review/comments.bcf", "rules/test_far.toml", "signer.pub"}
    with zipfile.ZipFile(package) as zf:
        m = json.loads(zf.read("manifest.json"))
    assert m["plan_id"] == "QH-PT-2026-0001" and m["crs"] == "EPSG:9208"
    assert m["project_ids"] == ["DA-PT-001", "DA-PT-002"]
    assert m["rule_packs"] == [{"id": "test_far", "version": "2.3.0", "path": "rules/test_far.toml"}]
    assert m["checks"]["verdict"]["en"] == "Not passed"
    assert m["signer"]["fingerprint"].startswith("SHA256:") and m["software"]["name"] == "CIM Studio"
    gpkg = next(f for f in m["files"] if f["path"] == "project/plan.cim.gpkg")
    assert gpkg["size"] == workspace["project"].stat().st_size
    assert str(workspace["root"]) not in json.dumps(m), "no absolute path may leak into the manifest"


def test_an_intact_package_verifies_and_the_rerun_confirms_the_verdict(package):
    rep = verify_package(package, rerun=runner())
    assert rep.ok, [f.text() for f in rep.findings]
    assert rep.checks_confirmed is True
    assert [f.code for f in rep.findings] == ["signature", "hash", "rules", "checks"]
    assert "HỢP LỆ" in rep.verdict()[0] and "VALID" in rep.verdict()[1]


def test_a_package_verifies_identically_after_moving_to_another_folder(package, tmp_path):
    before = verify_package(package, rerun=runner())
    moved = tmp_path / "elsewhere" / "deep" / "renamed.cimpkg"
    moved.parent.mkdir(parents=True)
    shutil.move(package, moved)
    after = verify_package(moved, rerun=runner())
    assert after.ok and [f.text() for f in after.findings] == [f.text() for f in before.findings]


def test_the_same_project_gives_the_same_bytes_apart_from_time_and_signature(workspace, tmp_path):
    a = build_package(workspace["project"], tmp_path / "a.cimpkg", options(workspace, created="2026-01-01T00:00:00Z"))
    b = build_package(workspace["project"], tmp_path / "b.cimpkg", options(workspace, created="2026-01-01T00:00:00Z"))
    assert a.path.read_bytes() == b.path.read_bytes()
    c = build_package(workspace["project"], tmp_path / "c.cimpkg", options(workspace))
    with zipfile.ZipFile(a.path) as za, zipfile.ZipFile(c.path) as zc:
        differ = {n for n in za.namelist() if za.read(n) != zc.read(n)}
    assert differ <= {"manifest.json", "manifest.json.sig"}


def test_a_rerun_that_disagrees_with_the_packaged_results_fails_verification(package):
    def other(project, pack_path, fb):
        project.layers[next(iter(project.layers))].data["far"] = 1.0   # as if the data were different
        return runner()(project, pack_path, fb)

    rep = verify_package(package, rerun=other)
    assert not rep.ok and rep.checks_confirmed is False
    assert any("verdict" in f.message.en for f in rep.problems)


def test_verification_without_check_implementations_is_not_a_pass(package):
    rep = verify_package(package)
    assert not rep.ok and any(f.code == "checks" for f in rep.problems)
    assert verify_package(package, require_rerun=False).ok


def test_a_package_signed_by_an_untrusted_key_is_refused(package):
    rep = verify_package(package, rerun=runner(), trusted={"SHA256:" + "0" * 64})
    assert not rep.ok and any("untrusted" in f.message.en for f in rep.findings)


def test_a_swapped_public_key_with_a_new_signature_does_not_pass(package, workspace, tmp_path):
    from cim.package.keys import create_key, encode_signature

    evil = create_key("ke_gian", "mat-khau-ke-gian", tmp_path / "evil_keys")
    with zipfile.ZipFile(package) as zf:
        blob = zf.read("manifest.json")
    forged = rewrite(package, tmp_path / "forged.cimpkg", lambda n, d: {
        "signer.pub": evil.public_pem, "manifest.json.sig": encode_signature(evil.sign(blob))}.get(n, d))
    rep = verify_package(forged, rerun=runner())
    assert not rep.ok and any("public key is not the one" in f.message.en for f in rep.findings)


@pytest.fixture(scope="module")
def module_package(tmp_path_factory):
    from .conftest import RULES, make_project

    root = tmp_path_factory.mktemp("pkg")
    proj = make_project(root / "c")
    rules = root / "c" / "test_far.toml"
    rules.write_text(RULES, encoding="utf-8")
    ws = {"project": proj, "rules": rules, "keys": root / "keys", "root": root}
    out = build_package(proj, root / "plan.cimpkg", options(ws)).path
    with zipfile.ZipFile(out) as zf:
        contents = {n: zf.read(n) for n in zf.namelist()}
    return out, contents


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_changing_any_single_byte_of_any_packaged_file_or_the_manifest_is_detected(module_package, tmp_path, data):
    pkg, contents = module_package
    name = data.draw(st.sampled_from(sorted(n for n in contents if n not in ("signer.pub",))))
    pos = data.draw(st.integers(0, len(contents[name]) - 1))
    delta = data.draw(st.integers(1, 255))

    def flip(n, d):
        if n != name:
            return d
        b = bytearray(d)
        b[pos] ^= delta
        return bytes(b)

    bad = rewrite(pkg, tmp_path / f"bad-{name.replace('/', '_')}-{pos}-{delta}.cimpkg", flip)
    rep = verify_package(bad, rerun=runner())
    assert not rep.ok, f"a changed byte at {pos} of {name} went unnoticed"


def test_changing_a_byte_of_the_public_key_is_detected(module_package, tmp_path):
    pkg, contents = module_package
    pem = contents["signer.pub"]
    for pos in range(len(pem)):
        def flip(n, d, pos=pos):
            return d if n != "signer.pub" else d[:pos] + bytes([d[pos] ^ 0x01]) + d[pos + 1:]
        rep = verify_package(rewrite(pkg, tmp_path / f"k{pos}.cimpkg", flip), rerun=None, require_rerun=False)
        assert not rep.ok, pos
