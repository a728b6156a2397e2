"""The generator is deterministic and the committed district is what it makes."""

from __future__ import annotations

import hashlib

import pytest

FILES = ("sources.gpkg", "dem.tif", "plan.json", "defects.json", "ifc/ioc_centre.ifc", "ifc/hh_tower.ifc",
         "ifc/school_thcs.ifc", "ifc/hospital.ifc", "ifc/office_2x3.ifc")


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_two_runs_write_identical_files_and_match_the_committed_layers(tmp_path, district, layers):
    import pandas.testing as pdt
    import pyogrio

    from sample_data.generate import main

    for run in ("a", "b"):
        assert main(["--out", str(tmp_path / run)]) == 0
    for name in FILES:
        assert _digest(tmp_path / "a" / name) == _digest(tmp_path / "b" / name), name
    for name, committed in layers.items():
        fresh = pyogrio.read_dataframe(tmp_path / "a" / "sources.gpkg", layer=name)
        pdt.assert_frame_equal(fresh.drop(columns="geometry"), committed.drop(columns="geometry"),
                               obj=f"layer {name} (regenerate with python -m sample_data.generate)")
        assert fresh.geometry.geom_equals_exact(committed.geometry, tolerance=1e-6).all(), name
    for name in ("plan.json", "defects.json"):
        assert (tmp_path / "a" / name).read_bytes() == (district / name).read_bytes(), name
