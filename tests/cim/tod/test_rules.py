"""The pure functions behind TOD-01..04 of the check pack."""

from __future__ import annotations

import numpy as np
import pytest


def test_tod_area_within_radius_measures_its_farthest_corner_from_the_nearest_station():
    import shapely

    from cim.tod.rules import tod_area_radius

    areas = [shapely.box(-600, -600, 600, 600), shapely.box(5000, 0, 5100, 100)]
    res = tod_area_radius(areas, [[0.0, 0.0], [5000.0, 0.0]], radius_m=1000)
    assert res["ok"].tolist() == [True, True]
    assert res["max_distance_m"].iat[0] == pytest.approx(600 * np.sqrt(2))
    res = tod_area_radius(areas, [[0.0, 0.0]], radius_m=800)
    assert res["ok"].tolist() == [False, False]
    assert "849 m" in res["message_en"].iat[0]


def test_far_cap_is_one_and_a_half_times_qcvn_by_default_and_plots_without_far_fail(tiny):
    from cim.tod.rules import far_over_cap

    stations, data = tiny
    res = far_over_cap(data.plots, stations, radius_m=1000, qcvn_far=2.0)
    assert set(res["fid"]) == set(data.plots.index[:6])        # F is 5 km away
    by = dict(zip(data.plots.loc[res["fid"], "code"], res["ok"], strict=True))
    assert by["A"] and not by["B"] and not by["D"]              # B: 4 > 3; D has no FAR
    assert "exceeds the TOD cap 3.00" in res.loc[res["fid"] == data.plots.index[1], "message_en"].iat[0]


def test_capacity_check_is_required_where_densities_exceed_the_defaults(tiny):
    from cim.tod.params import CapacityDefaults, TodParams
    from cim.tod.rules import capacity_required
    from cim.tod.study import run_study

    stations, data = tiny
    p = TodParams(radii=(400.0,), bike_radii=(), capacity=CapacityDefaults(job_density_jph=4.0))
    res = capacity_required(run_study(stations, data, p).indicators, p)
    s1 = res[(res["station_id"] == "STN-001") & (res["kind"] == "circle")].iloc[0]
    assert not s1["ok"] and "jobs/ha 4.4 > 4" in s1["message_en"]
    assert s1["water_demand_m3_day"] == pytest.approx((100 * 150 + 220 * 45) / 1000)
    assert res[res["station_id"] == "STN-002"]["ok"].all()


def test_intermodal_presence_lists_the_missing_modes_and_the_pedestrian_link(tiny):
    from cim.tod.rules import intermodal_presence

    stations, data = tiny
    res = intermodal_presence(stations, data.elements, radius_m=1000, net=data.net)
    s1, s2 = res.iloc[0], res.iloc[1]
    assert (s1["n_bus"], s1["n_bike"], s1["n_park_and_ride"]) == (1, 1, 0)
    assert s1["missing"] == "park_and_ride" and not s1["ok"]
    assert s2["missing"] == "bus, bike, park_and_ride, pedestrian_link"
