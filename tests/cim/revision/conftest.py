"""The approved earlier version of the sample (built through the core commands) and the sample itself."""

import pytest


@pytest.fixture(scope="session")
def earlier_path(tmp_path_factory):
    from sample_data.earlier_version import build_earlier_version

    return build_earlier_version(tmp_path_factory.mktemp("revision") / "earlier.cim.gpkg")


@pytest.fixture(scope="session")
def plan_diff(earlier_path):
    from cim.project.store import open_project
    from cim.revision.diff import diff_plans
    from sample_data.project import DEFAULT_OUT

    return diff_plans(open_project(earlier_path), open_project(DEFAULT_OUT), old_label="v0.9", new_label="v1.0")
