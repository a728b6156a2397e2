"""Every indicator of the hand-built fixture (tests/cim/tod/conftest.py) equals its value worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cim.tod.params import TodParams

R = 400.0
CIRCLE_HA = math.pi * R * R / 1e4


@pytest.fixture
def result(tiny):
    from cim.tod.study import run_study

    stations, data = tiny
    return run_study(stations, data, TodParams(radii=(R,), bike_radii=(), access_m=200.0))


def row(result, station="STN-001", kind="circle"):
    t = result.indicators
    sel = t[(t["station_id"] == station) & (t["kind"] == kind)]
    assert len(sel) == 1
    return sel.iloc[0]


def test_floor_area_counts_far_times_plot_area_and_leaves_out_plots_without_far(result):
    r = row(result)
    assert r["gfa_m2"] == pytest.approx(2500 * 2 + 2500 * 4)          # A + B; D has no FAR
    assert r["plots_without_far"] == 1
    assert r["far_net"] == pytest.approx(15000 / 5000)
    assert r["far_gross"] == pytest.approx(15000 / (CIRCLE_HA * 1e4))
    assert "without FAR" in r["notes"]


def test_densities_and_jobs_housing_balance_follow_the_residents_and_jobs_inside(result):
    r = row(result)
    assert r["population"] == pytest.approx(100)                      # F lies 5 km away
    assert r["jobs"] == pytest.approx(220)
    assert r["pop_density_pph"] == pytest.approx(100 / CIRCLE_HA)
    assert r["job_density_jph"] == pytest.approx(220 / CIRCLE_HA)
    assert r["jobs_housing_ratio"] == pytest.approx(2.2)


def test_mix_entropy_of_four_equal_categories_among_eight_is_ln4_over_ln8(result):
    assert row(result)["mix_entropy"] == pytest.approx(math.log(4) / math.log(8))


def test_intersections_are_the_five_nodes_of_degree_three_or_more(result):
    r = row(result)
    assert r["intersections"] == 5
    assert r["intersection_density_km2"] == pytest.approx(5 / (CIRCLE_HA / 100))


def test_blocks_run_through_degree_two_corners(result):
    r = row(result)
    assert r["blocks"] == 8                                            # 4 corner blocks of 200 m, 4 spokes of 100 m
    assert r["block_length_mean_m"] == pytest.approx(150.0)
    assert r["block_length_max_m"] == pytest.approx(200.0)


def test_road_and_parking_area_are_shares_of_the_catchment(result):
    r = row(result)
    assert r["road_area_share"] == pytest.approx(2000 / (CIRCLE_HA * 1e4))
    assert r["parking_area_share"] == pytest.approx(2500 / (CIRCLE_HA * 1e4))


def test_building_floor_area_takes_ifc_gfa_else_footprint_times_floors(result):
    r = row(result)
    assert r["buildings"] == 3
    assert r["gfa_buildings_m2"] == pytest.approx(900 * 3 + 5000 + 900 * 2)
    assert r["buildings_gfa_estimated"] == 2


def test_walking_access_counts_the_walk_to_the_street_and_along_it(result):
    r = row(result)
    # park C entered at the centre node: A and B walk 49.5 m, D walks 49.5 + 200 m > 200 m
    assert r["access_park_share"] == pytest.approx(2 / 3)
    # health plot D entered at the corner (100, −100): only D's building is within 200 m
    assert r["access_health_share"] == pytest.approx(1 / 3)
    assert np.isnan(r["access_school_share"])
    assert "needs data: no school" in r["notes"]


def test_intermodal_and_smart_elements_are_counted_by_type(result):
    r = row(result)
    assert (r["n_bus_stop"], r["n_ev_charger"], r["n_bike_share"], r["n_transfer_hub"]) == (1, 1, 1, 0)
    assert r["n_smart_elements"] == 4


def test_walkshed_is_the_buffered_grid_with_enclosed_blocks_and_rounded_outer_corners(result):
    r = row(result, kind="walk")
    corner_cut = 25.0 ** 2 * (1 - 2 * 0.5 * math.sin(math.pi / 4))    # quarter circle drawn with 2 segments
    area = 250.0 ** 2 - 4 * corner_cut
    assert r["area_ha"] == pytest.approx(area / 1e4)
    assert r["circle_ratio"] == pytest.approx(area / (math.pi * R * R))
    assert 0 < r["circle_ratio"] <= 1


def test_a_station_far_from_the_streets_gets_rings_and_an_explanation_not_a_crash(result):
    walk = result.catchments.of("walk")
    s2 = walk[walk["station_id"] == "STN-002"].iloc[0]
    assert s2["status"] == "outside_network"
    assert any("S2" in m["en"] and "2900 m" in m["en"] for m in result.messages)
    r = row(result, station="STN-002")
    assert r["plots"] == 0 and "empty catchment" in r["notes"]
    assert np.isnan(r["mix_entropy"]) and np.isnan(r["jobs_housing_ratio"])


def test_plots_without_any_far_field_are_explained(tiny):
    from cim.tod.study import run_study

    stations, data = tiny
    data.plots = data.plots.drop(columns="far")
    res = run_study(stations, data, TodParams(radii=(R,), bike_radii=()))
    r = row(res)
    assert np.isnan(r["gfa_m2"]) and "no FAR field" in r["notes"]
    assert any("no FAR field" in m["en"] for m in res.messages)


def test_without_parking_data_the_parking_share_needs_data(tiny):
    from cim.tod.study import run_study

    stations, data = tiny
    data.plots = data.plots[data.plots["category"] != "parking"]
    r = row(run_study(stations, data, TodParams(radii=(R,), bike_radii=())))
    assert np.isnan(r["parking_area_share"]) and "needs data: parking" in r["notes"]
