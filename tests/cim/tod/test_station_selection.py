"""A study of part of a corridor: only the ticked stations (with their own walk sources), one corridor line."""

from __future__ import annotations

import numpy as np
import pytest

from tests.cim.tod.conftest import CRS


def test_select_stations_keeps_the_chosen_stations_and_only_their_entrances():
    import geopandas as gpd
    import shapely

    from cim.tod.stations import select_stations, station_table
    from tests.cim.tod.conftest import stations_frame

    entrances = gpd.GeoDataFrame({"station_id": ["STN-002", "STN-002", "STN-001"]},
                                 geometry=shapely.points([(5, 3000), (-5, 3000), (0, 10)]), crs=CRS)
    full = station_table(stations_frame(), entrances=entrances)
    part = select_stations(full, ["STN-002"])
    assert part.stations["station_id"].tolist() == ["STN-002"]
    assert part.source_station.tolist() == [0, 0]
    assert sorted(part.sources[:, 0].tolist()) == [-5.0, 5.0]
    assert np.allclose(part.xy, [[0.0, 3000.0]])


def test_choosing_no_station_is_explained():
    from cim.errors import CimInputError
    from cim.tod.stations import select_stations, station_table
    from tests.cim.tod.conftest import stations_frame

    with pytest.raises(CimInputError, match="no station is chosen"):
        select_stations(station_table(stations_frame()), [])


def test_project_inputs_reads_only_the_ticked_stations_and_the_chosen_corridor_line(tiny_project):
    import geopandas as gpd
    import shapely

    from cim.project import LayerRecord
    from cim.project.edits import AddLayer
    from cim.tod.study import project_inputs

    lines = gpd.GeoDataFrame({"name": ["far east-west", "north-south"]},
                             geometry=[shapely.LineString([(-9900, 0), (-9000, 0)]),
                                       shapely.LineString([(0, -500), (0, 4000)])], crs=CRS)
    lines.index = np.array([1, 2], dtype=np.int64)
    lines.index.name = "fid"
    tiny_project.push(AddLayer(tiny_project, LayerRecord(name="corridors", kind="vector", data=lines, crs=CRS,
                                                         object_kind="corridor")))
    st, _ = project_inputs(tiny_project, station_ids=["STN-001"], corridor_fids=[2])
    assert st.stations["name"].tolist() == ["S1"]
    assert st.stations["chainage_m"].tolist() == pytest.approx([500.0])
    assert st.stations["offset_m"].tolist() == pytest.approx([0.0])
    both, _ = project_inputs(tiny_project, corridor_fids=[2])
    assert both.stations["name"].tolist() == ["S1", "S2"]
    assert both.stations["chainage_m"].tolist() == pytest.approx([500.0, 3500.0])
    whole, _ = project_inputs(tiny_project)          # both lines: the chainage runs along the merged parts
    assert whole.stations["chainage_m"].tolist() != pytest.approx([500.0, 3500.0])
