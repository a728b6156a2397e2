"""The hostile package corpus (issue 15): every ``cimpkg-*`` case exits 2 with one clear message naming
the file, no traceback — and the project file a manifest names must be one of the verified files."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cim.package.verify import verify_package

from .conftest import rewrite, runner

REPO = Path(__file__).resolve().parents[3]
CASES = sorted((REPO / "tests/data/third_party/hostile-inputs").glob("cimpkg-*"))


def test_the_corpus_is_there():
    assert len(CASES) >= 8


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_package_exits_2_with_one_clear_message(case, tmp_path):
    work = tmp_path / case.name
    shutil.copytree(case, work)
    cmd = (work / "cmd.txt").read_text().splitlines()[0].split()
    assert cmd[0] == "cimstudio"
    env = {**os.environ, "PYTHONPATH": str(REPO), "CIMSTUDIO_KEY_DIR": str(tmp_path / "keys")}
    r = subprocess.run([sys.executable, "-m", "app.launcher", *cmd[1:]], cwd=work, capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 2, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    assert "Traceback" not in r.stderr + r.stdout
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "in.cimpkg" in lines[0] and lines[0].startswith("cimstudio: error:"), lines


def _resigned(pkg: Path, dst: Path, edit, tmp_path) -> Path:
    """The package with its manifest edited and re-signed by another key (the forger's)."""
    from cim.package.keys import create_key, encode_signature

    key = create_key("forger", "mat-khau-ke-gian", tmp_path / "forger-keys")
    with __import__("zipfile").ZipFile(pkg) as zf:
        m = json.loads(zf.read("manifest.json"))
    edit(m)
    m["signer"]["fingerprint"] = key.fingerprint
    blob = json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"

    def change(name, data):
        return {"manifest.json": blob, "manifest.json.sig": encode_signature(key.sign(blob)),
                "signer.pub": key.public_pem}.get(name, data)
    return rewrite(pkg, dst, change)


@pytest.mark.parametrize("target", ["../../etc/passwd", "/etc/passwd", "project/../../x.cim.gpkg",
                                    "project/other.cim.gpkg", "rules/test_far.toml"])
def test_a_project_file_outside_the_verified_files_is_refused(package, tmp_path, target):
    def edit(m):
        m["project_file"] = target
    bad = _resigned(package, tmp_path / "bad.cimpkg", edit, tmp_path)
    rep = verify_package(bad, rerun=runner())
    assert not rep.ok
    assert any(f.code == "structure" for f in rep.problems)
