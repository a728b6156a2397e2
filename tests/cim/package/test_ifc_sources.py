"""IFC sources travel in the package, or only their hashes with --exclude-ifc; a changed source is refused."""

import json
import zipfile

import pytest

from cim.errors import CimInputError
from cim.package.build import build_package
from cim.package.verify import verify_package

from .conftest import options, runner


@pytest.fixture
def ifc_project(workspace, repo_root, tmp_path):
    import shutil

    from cim.ifc.importer import import_ifc
    from cim.project.store import open_project, save_project

    src = tmp_path / "consultant" / "school_thcs.ifc"
    shutil.copy(repo_root / "sample_data" / "district" / "ifc" / "school_thcs.ifc", src)
    p = open_project(workspace["project"])
    import_ifc(p, src, cache_dir=tmp_path / "cache")
    save_project(p)
    return workspace, src


def _manifest(pkg):
    with zipfile.ZipFile(pkg) as zf:
        return json.loads(zf.read("manifest.json")), zf.namelist()


def test_ifc_sources_are_packaged_with_their_hash_and_verify(ifc_project, tmp_path):
    ws, src = ifc_project
    res = build_package(ws["project"], tmp_path / "a.cimpkg", options(ws))
    m, names = _manifest(res.path)
    [item] = m["ifc_sources"]
    assert item["file"] == "ifc/school_thcs.ifc" and item["file"] in names
    assert item["size"] == src.stat().st_size and len(item["sha256"]) == 64
    assert verify_package(res.path, rerun=runner()).intact      # signer trust: test_signer_trust.py


def test_excluding_ifc_keeps_only_the_hashes(ifc_project, tmp_path):
    ws, src = ifc_project
    res = build_package(ws["project"], tmp_path / "b.cimpkg", options(ws, exclude_ifc=True))
    m, names = _manifest(res.path)
    [item] = m["ifc_sources"]
    assert item["file"] is None and len(item["sha256"]) == 64
    assert not any(n.startswith("ifc/") for n in names)
    assert verify_package(res.path, rerun=runner()).intact      # signer trust: test_signer_trust.py


def test_an_ifc_source_changed_since_import_is_refused(ifc_project, tmp_path):
    ws, src = ifc_project
    src.write_bytes(src.read_bytes() + "\n/* sửa sau khi nhập */\n".encode())
    with pytest.raises(CimInputError, match="IFC file changed"):
        build_package(ws["project"], tmp_path / "c.cimpkg", options(ws))
