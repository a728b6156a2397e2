"""What a walkshed reaches, as street length; a route between parts that do not meet says so by type."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from cim.network import analysis
from cim.network.model import Network


def straight_street_with_an_island() -> Network:
    """Nodes 0-1-2-3 on a straight 300 m street (100 m edges), and a separate 50 m edge 4-5."""
    xy = np.array([[0, 0], [100, 0], [200, 0], [300, 0], [0, 500], [50, 500]], dtype=float)
    nodes = pd.DataFrame({"node_id": np.arange(6, dtype=np.int64) + 10, "x": xy[:, 0], "y": xy[:, 1]})
    u, v = np.array([0, 1, 2, 4]), np.array([1, 2, 3, 5])
    geoms = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    edges = gpd.GeoDataFrame({"edge_id": np.arange(4, dtype=np.int64), "u": u + 10, "v": v + 10,
                              "length": shapely.length(geoms)}, geometry=geoms, crs="EPSG:9208")
    return Network(system="road", crs="EPSG:9208", nodes=nodes, edges=edges)


def test_reached_edges_cover_whole_edges_and_the_part_the_budget_allows():
    net = straight_street_with_an_island()
    reach = analysis.reached_edges(net, [(0.0, 1.0)], 250.0)
    assert reach["length"].sum() == pytest.approx(250.0)
    assert (reach["source"] == 0).all()
    assert shapely.union_all(reach.geometry.values).bounds == pytest.approx((0.0, 0.0, 250.0, 0.0))


def test_walkshed_reports_the_reached_street_length_of_each_source():
    net = straight_street_with_an_island()
    sheds = analysis.walksheds(net, [(0.0, 0.0), (300.0, 0.0), (0.0, 500.0)], 150.0, buffer_m=5.0)
    assert sheds["reached_m"].tolist() == pytest.approx([150.0, 150.0, 50.0])


def test_a_route_between_disconnected_parts_raises_no_route():
    from cim.errors import CimInputError

    net = straight_street_with_an_island()
    with pytest.raises(analysis.NoRouteError, match="no walk route") as info:
        analysis.shortest_path(net, (0.0, 0.0), (50.0, 500.0))
    assert isinstance(info.value, CimInputError)
    assert analysis.shortest_path(net, (0.0, 0.0), (300.0, 0.0)).attrs["length"] == pytest.approx(300.0)
