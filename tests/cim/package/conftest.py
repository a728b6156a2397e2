import zipfile
from pathlib import Path

import pytest

from cim.package.build import PackageOptions, build_package
from cim.package.checks import registry_runner
from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer, SetMetadata
from cim.project.store import save_project
from cim.review import Anchor
from cim.review.commands import add_comment
from cim.testing import make_plots
from tests.cim.tod.conftest import tiny_project  # noqa: F401  (a project with stations)

RULES = '''
[pack]
id = "test_far"
version = "2.3.0"
title = { vi = "Bộ quy tắc thử", en = "Test rule pack" }

[[rules]]
id = "FAR-01"
severity = "E"
title = { vi = "Hệ số sử dụng đất tối đa", en = "Maximum floor area ratio" }
legal_basis = { citation = { vi = "QCVN 01:2021/BXD", en = "QCVN 01:2021/BXD" }, grade = "P" }
type = "attribute"
[rules.params]
subject = { kind = "plot" }
require = [ { field = "far", op = "le", value = 4.0 } ]
'''


def make_project(folder: Path) -> Path:
    p = Project(crs="EPSG:9208")
    plots = make_plots(60)
    plots["project_id"] = ["DA-PT-001" if i % 2 else "DA-PT-002" for i in range(len(plots))]
    rec = LayerRecord("Lô đất", "vector", plots, crs="EPSG:9208", object_kind="plot")
    p.push(AddLayer(p, rec))
    p.push(SetMetadata(p, "plan_id", "QH-PT-2026-0001"))
    p.push(SetMetadata(p, "name", "Phân khu ga Việt Trì"))
    add_comment(p, title="Lô 5 vượt hệ số sử dụng đất", anchor=Anchor.feature(rec.id, 5), author="xa_nong_trang")
    folder.mkdir(parents=True, exist_ok=True)
    return save_project(p, folder / "plan.cim.gpkg")


def runner(installed: str | None = RULES):
    """The appraiser's runner: ``installed`` is the rule pack installed on the appraiser's machine
    (the same TOML the consultant used, unless a test says otherwise; None = no such pack)."""
    import tomllib

    from cim.checks import registry_from
    from cim.checks.pack import pack_from_dict

    reg = registry_from()
    if installed is not None:
        reg.add_pack(pack_from_dict(tomllib.loads(installed), source="installed/test_far.toml"))
    return registry_runner(reg)


@pytest.fixture
def workspace(tmp_path) -> dict:
    proj = make_project(tmp_path / "consultant")
    rules = tmp_path / "consultant" / "test_far.toml"
    rules.write_text(RULES, encoding="utf-8")
    return {"project": proj, "rules": rules, "keys": tmp_path / "keys", "root": tmp_path}


PASSPHRASE = "mật khẩu thử nghiệm"     # test-only; keys are generated per test, never committed


def options(ws, **kw) -> PackageOptions:
    base = dict(run_checks=runner(), rule_packs=[ws["rules"]], key_dir=ws["keys"], user="tu_van",
                cityjson=False, passphrase=PASSPHRASE, create_key=True)
    base.update(kw)
    return PackageOptions(**base)


@pytest.fixture
def package(workspace) -> Path:
    out = workspace["root"] / "out" / "plan.cimpkg"
    out.parent.mkdir()
    res = build_package(workspace["project"], out, options(workspace))
    trust_signer_of(res.path)            # the appraiser trusted this consultant once
    return out


def trust_signer_of(pkg: Path) -> None:
    """Pin the package's signer (its Ed25519 public key) in the current trust store."""
    from cim.package.trust import TrustStore

    with zipfile.ZipFile(pkg) as zf:
        TrustStore().add_key(zf.read("signer.pub"))


def rewrite(src: Path, dst: Path, change) -> Path:
    """Copy a package entry by entry; ``change(name, data)`` returns the new data for an entry."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info)))
    return dst
