"""A hand-built TOD fixture whose every indicator can be worked out on paper.

Streets: a 3 × 3 grid of nodes at −100, 0, 100 m (12 edges of 100 m, all walkable). Station S1 at the
centre node (0, 0); station S2 at (0, 3000), far from every street and every plot. Plots (50 × 50 m
unless said): A residential FAR 2, 100 residents; B commercial FAR 4, 200 jobs; C green space (a
park); D health, no FAR, 20 jobs; E a transport strip 200 × 10 m; H a car park (category parking);
F residential far away. Buildings in A (3 floors), B (IFC GFA 5 000 m²) and D (2 floors).
"""

from __future__ import annotations

import numpy as np
import pytest

CRS = "EPSG:9208"


def roads_frame():
    import geopandas as gpd
    import shapely

    lines = [shapely.LineString([(-100, y), (100, y)]) for y in (-100, 0, 100)]
    lines += [shapely.LineString([(x, -100), (x, 100)]) for x in (-100, 0, 100)]
    n = len(lines)
    return gpd.GeoDataFrame({"name": [f"street {i}" for i in range(n)], "class": "local",
                             "pedestrian": np.ones(n, bool), "bicycle": np.ones(n, bool)},
                            geometry=lines, crs=CRS)


def plots_frame():
    import geopandas as gpd
    import shapely

    rows = [  # code, category, far, population, jobs, box
        ("A", "residential", 2.0, 100, 0, (10, 10, 60, 60)),
        ("B", "commercial", 4.0, 0, 200, (-60, 10, -10, 60)),
        ("C", "green_space", 0.0, 0, 0, (-60, -60, -10, -10)),
        ("D", "health", np.nan, 0, 20, (40, -90, 90, -40)),
        ("E", "transport", 0.0, 0, 0, (-100, -5, 100, 5)),
        ("H", "parking", 0.0, 0, 0, (110, 110, 160, 160)),
        ("F", "residential", 3.0, 1000, 0, (5000, 5000, 5050, 5050)),
    ]
    return gpd.GeoDataFrame({"code": [r[0] for r in rows], "category": [r[1] for r in rows],
                             "far": [r[2] for r in rows], "population": [r[3] for r in rows],
                             "jobs": [r[4] for r in rows]},
                            geometry=[shapely.box(*r[5]) for r in rows], crs=CRS)


def buildings_frame():
    import geopandas as gpd
    import shapely

    return gpd.GeoDataFrame({"floors": [3, 10, 2, 5], "gfa_m2": [np.nan, 5000.0, np.nan, np.nan]},
                            geometry=[shapely.box(20, 20, 50, 50), shapely.box(-50, 20, -20, 50),
                                      shapely.box(50, -80, 80, -50), shapely.box(5010, 5010, 5040, 5040)],
                            crs=CRS)


def elements_frame():
    import geopandas as gpd
    import shapely

    pts = [(0, 5), (100, 0), (-50, 0), (10, 0), (3000, 0)]
    return gpd.GeoDataFrame({"type": ["bus_stop", "ev_charger", "bike_share", "smart_lamp", "bus_stop"],
                             "system": ["public_transport_parking"] * 3 + ["smart_lighting",
                                                                           "public_transport_parking"]},
                            geometry=shapely.points(pts), crs=CRS)


def stations_frame():
    import geopandas as gpd
    import shapely

    return gpd.GeoDataFrame({"cim_id": ["STN-001", "STN-002"], "name": ["S1", "S2"]},
                            geometry=shapely.points([(0, 0), (0, 3000)]), crs=CRS)


@pytest.fixture
def tiny():
    """(StationSet, TodData) of the hand-built fixture."""
    from cim.network.topology import build_network
    from cim.tod.indicators import TodData
    from cim.tod.stations import station_table

    net = build_network(roads_frame(), system="road")
    return station_table(stations_frame()), TodData(plots=plots_frame(), buildings=buildings_frame(),
                                                    elements=elements_frame(), net=net)


@pytest.fixture
def tiny_project():
    from cim.project import LayerRecord, Project
    from cim.project.edits import AddLayer

    project = Project(crs=CRS)
    for name, kind, frame in (("roads", "road", roads_frame()), ("plots", "plot", plots_frame()),
                              ("buildings", "building", buildings_frame()),
                              ("smart_elements", "smart_element", elements_frame()),
                              ("stations", "station", stations_frame())):
        frame.index = np.arange(1, len(frame) + 1, dtype=np.int64)
        frame.index.name = "fid"
        project.push(AddLayer(project, LayerRecord(name=name, kind="vector", data=frame, crs=CRS,
                                                   object_kind=kind)))
    project.undo_stack.set_clean() if hasattr(project.undo_stack, "set_clean") else None
    return project
