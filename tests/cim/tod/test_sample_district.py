"""The TOD study on the sample district: walkshed ratios, and a FAR scenario that changes only what it must."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[3]
LAYERS = ("plots", "buildings", "roads", "stations", "station_entrances", "corridors", "smart_elements")
CHANGES = {"gfa_m2", "far_gross", "far_net", "population", "jobs", "pop_density_pph", "job_density_jph",
           "jobs_housing_ratio"}


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    bundled = REPO / "sample_data" / "district" / "sources.gpkg"
    if bundled.exists():
        return bundled
    from sample_data.generate import generate

    out = tmp_path_factory.mktemp("district")
    generate(out)
    return out / "sources.gpkg"


@pytest.fixture(scope="module")
def project(sources):
    from cim.project import Project
    from cim.project.importing import import_layer

    p = Project(crs="EPSG:9208")
    for name in LAYERS:
        import_layer(p, sources, layer=name)
    return p


@pytest.fixture(scope="module")
def base(project):
    from cim.tod.study import run_project_study

    return run_project_study(project)


def test_every_walkshed_of_the_sample_covers_part_of_its_circle(base):
    walk = base.catchments.of("walk")
    assert len(walk) == 3 and (walk["status"] == "ok").all()
    assert ((walk["circle_ratio"] > 0) & (walk["circle_ratio"] <= 1)).all()
    bike = base.catchments.of("bike")
    assert ((bike["circle_ratio"] > 0) & (bike["circle_ratio"] <= 1)).all()
    # larger rings reach more
    assert walk.sort_values("radius_m")["area_m2"].is_monotonic_increasing


def test_far_times_one_and_a_half_within_500_m_changes_gfa_and_density_by_the_expected_amounts_only(project, base):
    import shapely

    from cim.tod.indicators import TodData
    from cim.tod.scenarios import apply_rule_frame, parse_rule, selected
    from cim.tod.study import project_inputs, run_study

    stations, data = project_inputs(project)
    plots = apply_rule_frame(data.plots, stations.xy, parse_rule("far*1.5 within 500"))
    scen = run_study(stations, TodData(plots=plots, buildings=data.buildings, elements=data.elements, net=data.net),
                     base.params, catchments=base.catchments)
    b, s = base.indicators, scen.indicators
    orig = project.layer_by_name("plots").data
    sel = selected(orig, stations.xy, 500.0)
    assert sel.sum() > 10
    far = orig["far"].to_numpy(dtype=float)
    pgeom = np.asarray(orig.geometry.values, dtype=object)
    for i, row in b.iterrows():
        catch = base.catchments.frame
        poly = catch[(catch["kind"] == row["kind"]) & (catch["radius_m"] == row["radius_m"])].geometry.iloc[0]
        share = shapely.area(shapely.intersection(poly, pgeom)) / shapely.area(pgeom)
        m = sel & np.isfinite(far)
        d_gfa = 0.5 * np.sum(share[m] * shapely.area(pgeom[m]) * far[m])
        grown = m & (far > 0)          # residents follow floor area: a plot without floor area keeps its own
        d_pop = 0.5 * np.sum(share[grown] * orig["population"].to_numpy(dtype=float)[grown])
        assert s.at[i, "gfa_m2"] - row["gfa_m2"] == pytest.approx(d_gfa, rel=1e-6)
        assert s.at[i, "population"] - row["population"] == pytest.approx(d_pop, rel=1e-6, abs=1e-6)
        ha = row["area_ha"]
        assert s.at[i, "pop_density_pph"] - row["pop_density_pph"] == pytest.approx(d_pop / ha, rel=1e-6, abs=1e-9)
        if row["kind"] == "circle" and row["radius_m"] >= 1000:
            assert d_gfa > 0
    others = [c for c in b.columns if c not in CHANGES]
    assert b[others].equals(s[others])
    # the scenario frame differs from the base in far, population and jobs of the selected plots only
    diff = [c for c in orig.columns if not orig[c].equals(plots[c])]
    assert set(diff) <= {"far", "population", "jobs"}

