"""``cimstudio network build|validate|route|walkshed`` on a project built from the sample district."""

from __future__ import annotations

import json
import shutil

import pytest

from cim.cli import main


@pytest.fixture(scope="module")
def project_file(district, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    src = folder / "sources.gpkg"
    shutil.copy(district / "sources.gpkg", src)
    proj = folder / "d.cim.gpkg"
    assert main(["-q", "new", str(proj)]) == 0
    for layer in ("roads", "boundary", "buildings", "smart_elements", "stations", "net_drainage",
                  "net_drainage_nodes"):
        assert main(["-q", "import", str(proj), str(src), "--layer", layer]) == 0
    assert main(["-q", "import", str(proj), str(district / "dem.tif"), "--name", "dem"]) == 0
    return proj


def test_build_then_validate_reports_the_drainage_defects_and_exits_1(project_file, capsys):
    assert main(["-q", "network", "build", str(project_file), "--layer", "net_drainage"]) == 0
    assert "built drainage network 'net_drainage_network'" in capsys.readouterr().out
    code = main(["-q", "network", "validate", str(project_file), "net_drainage_network", "--dem", "dem",
                 "--smart", "smart_elements", "--boundary", "boundary", "--json", "--save-layer", "issues"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {"NET-DANGLE", "NET-UPHILL", "NET-ELEMENT-OFF"} <= {f["code"] for f in out["findings"]}
    main(["-q", "info", str(project_file)])
    assert "issues" in capsys.readouterr().out


def test_validate_speaks_vietnamese_on_request(project_file, capsys):
    main(["-q", "network", "build", str(project_file), "--layer", "net_drainage"])
    capsys.readouterr()
    main(["-q", "network", "validate", str(project_file), "net_drainage_network", "--lang", "vi"])
    assert "cống" in capsys.readouterr().out


def test_route_and_walkshed_on_the_road_network(project_file, capsys):
    assert main(["-q", "network", "build", str(project_file), "--layer", "roads", "--name", "road_net"]) == 0
    assert main(["-q", "network", "validate", str(project_file), "road_net", "--boundary", "boundary"]) == 0
    capsys.readouterr()
    assert main(["-q", "network", "route", str(project_file), "road_net", "--from", "564300,2359900",
                 "--to", "565600,2359300", "--mode", "car", "--weight", "time", "--json",
                 "--max-snap", "150"]) == 0
    route = json.loads(capsys.readouterr().out)
    assert route["length_m"] > 1000 and route["edges"]
    assert main(["-q", "network", "walkshed", str(project_file), "road_net", "--points-layer", "stations",
                 "--cutoff", "800", "--save-layer", "walksheds", "--json"]) == 0
    sheds = json.loads(capsys.readouterr().out)
    assert len(sheds) == 1 and sheds[0]["nodes"] > 5 and 0 < sheds[0]["circle_ratio"] < 1


def test_a_layer_that_is_not_a_network_gets_a_clear_message(project_file, capsys):
    assert main(["-q", "network", "validate", str(project_file), "buildings"]) == 2
    assert "is not a network built by CIM Studio" in capsys.readouterr().err


def test_a_layer_with_null_geometries_names_them(project_file, tmp_path, capsys):
    import geopandas as gpd
    from shapely.geometry import LineString

    bad = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[LineString([(564300, 2359900), (564400, 2359900)]), None],
                           crs="EPSG:9208")
    path = tmp_path / "bad.gpkg"
    bad.to_file(path, layer="bad_roads")
    main(["-q", "import", str(project_file), str(path), "--layer", "bad_roads"])
    capsys.readouterr()
    assert main(["-q", "network", "build", str(project_file), "--layer", "bad_roads"]) == 2
    err = capsys.readouterr().err
    assert "without geometry" in err and "--skip-invalid" in err
    assert main(["-q", "network", "build", str(project_file), "--layer", "bad_roads", "--skip-invalid"]) == 0
    assert "skipped bad_roads #2: no geometry" in capsys.readouterr().out      # one way to name features
