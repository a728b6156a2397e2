"""The report tests use the sample district fixtures of the decree269 plugin tests."""

from tests.plugins.decree269.conftest import (  # noqa: F401
    defects,
    pack,
    registry,
    sample_path,
    sample_project,
)
