"""The sample district packaged once per session (checks run, no CityJSON/TOD/reports), and verified."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def sample_package(tmp_path_factory) -> Path:
    from cim.checks.discovery import registry_from_manifests
    from cim.package.build import PackageOptions, build_package
    from cim.package.checks import registry_runner

    registry = registry_from_manifests([REPO / "plugins" / "builtin" / "decree269"])
    root = tmp_path_factory.mktemp("appraisal")
    opts = PackageOptions(run_checks=registry_runner(registry, "decree269"), key_dir=root / "consultant_keys",
                          user="tu_van", cityjson=False, auto_tod=False,
                          rule_packs=[REPO / "plugins" / "builtin" / "decree269" / "rules" / "decree269.toml"])
    return build_package(REPO / "sample_data" / "district.cim.gpkg", root / "district.cimpkg", opts).path


@pytest.fixture(scope="session")
def verified(sample_package):
    from cim.package.verify import verify_package

    rep = verify_package(sample_package, require_rerun=False)
    assert rep.ok
    return rep


@pytest.fixture
def opinion(sample_package, verified):
    from cim.appraisal.draft import draft_opinion

    return draft_opinion(sample_package, verified, number="215/SXD-QHKT", date="2026-02-10",
                         signer_name="Nguyễn Văn An")
