"""The sample district packaged once per session (checks run, no CityJSON/TOD/reports), and verified."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
PASSPHRASE = "mật khẩu thử nghiệm"     # test-only; keys are generated per test session, never committed


@pytest.fixture(scope="session")
def sample_package(tmp_path_factory) -> Path:
    from cim.package.build import PackageOptions, build_package
    from cim.package.checks import registry_runner
    from plugins.check_registry import check_registry

    registry = check_registry()
    root = tmp_path_factory.mktemp("appraisal")
    opts = PackageOptions(run_checks=registry_runner(registry, "decree269"), key_dir=root / "consultant_keys",
                          user="tu_van", cityjson=False, auto_tod=False, passphrase=PASSPHRASE, create_key=True,
                          rule_packs=[REPO / "plugins" / "builtin" / "decree269" / "rules" / "decree269.toml"])
    return build_package(REPO / "sample_data" / "district.cim.gpkg", root / "district.cimpkg", opts).path


@pytest.fixture(scope="session")
def verified(sample_package):
    import json
    import zipfile

    from cim.package.verify import verify_package

    with zipfile.ZipFile(sample_package) as zf:          # the appraiser trusts this consultant's key
        consultant = json.loads(zf.read("manifest.json"))["signer"]["fingerprint"]
    rep = verify_package(sample_package, require_rerun=False, trusted={consultant})
    assert rep.ok
    return rep


@pytest.fixture
def opinion(sample_package, verified):
    from cim.appraisal.draft import draft_opinion

    return draft_opinion(sample_package, verified, number="215/SXD-QHKT", date="2026-02-10",
                         signer_name="Nguyễn Văn An")
