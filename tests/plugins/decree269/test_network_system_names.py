"""`cimstudio network build` names an energy network "energy", the name of the domain model that INF-01 and
SMT-ENERGY read — also when the layer or ``--system`` says "power" (canonical_system is the one mapping)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cim.cli import main

PACK = Path(__file__).resolve().parents[3] / "plugins" / "builtin" / "decree269" / "rules" / "decree269.toml"


def test_every_system_name_the_network_code_writes_is_the_rules_name():
    from cim.model.taxonomy import NETWORK_SYSTEM_CODES
    from cim.network import rules as v  # the system names live with the network rules

    ELEMENT_DISTANCE_M, SMART_TO_NETWORK, SYSTEM_ALIASES = v.ELEMENT_DISTANCE_M, v.SMART_TO_NETWORK, v.SYSTEM_ALIASES
    SYSTEM_VI, UTILITIES, canonical_system = v.SYSTEM_VI, v.UTILITIES, v.canonical_system

    rules = {r["id"]: r for r in tomllib.loads(PACK.read_text(encoding="utf-8"))["rules"]}
    inf01 = set(rules["INF-01"]["params"]["require"][0]["value"])
    names = set(SYSTEM_ALIASES.values()) | set(SMART_TO_NETWORK.values()) | set(ELEMENT_DISTANCE_M) | UTILITIES
    assert all(canonical_system(s) == s for s in names | set(SYSTEM_VI))      # targets are final names
    assert canonical_system("power") == canonical_system("net_power") == canonical_system("Energy") == "energy"
    assert "power" not in names and {"energy", "water", "drainage", "lighting", "telecom"} <= UTILITIES
    assert set(SMART_TO_NETWORK.values()) <= set(NETWORK_SYSTEM_CODES) <= inf01
    assert rules["SMT-ENERGY"]["params"]["subject"]["system"] == SMART_TO_NETWORK[rules["SMT-ENERGY"]["system"]]


@pytest.mark.slow
def test_a_power_layer_builds_an_energy_network_that_smt_energy_checks(tmp_path, registry, pack, capsys):
    import pyogrio

    from cim.checks.runner import run_checks
    from cim.project.store import open_project

    district = Path(__file__).resolve().parents[3] / "sample_data" / "district"
    if not (district / "sources.gpkg").exists():
        pytest.skip("the sample district (sample_data/district) has not been generated")
    src = tmp_path / "power.gpkg"
    for layer, name in (("net_energy", "power_lines"), ("net_energy_nodes", "power_lines_nodes"),
                        ("smart_elements", "smart_elements")):
        df = pyogrio.read_dataframe(district / "sources.gpkg", layer=layer)
        pyogrio.write_dataframe(df.drop(columns=["system"]) if layer != "smart_elements" else df, src, layer=name)
    proj = tmp_path / "p.cim.gpkg"
    assert main(["-q", "new", str(proj)]) == 0
    for name in ("power_lines", "power_lines_nodes", "smart_elements"):
        assert main(["-q", "import", str(proj), str(src), "--layer", name]) == 0
    assert main(["-q", "network", "build", str(proj), "--layer", "power_lines", "--system", "power"]) == 0
    assert "built energy network 'power_lines_network'" in capsys.readouterr().out

    project = open_project(proj)
    edges, nodes = project.find_layer("power_lines_network"), project.find_layer("power_lines_network_nodes")
    assert edges.source["network"]["system"] == nodes.source["network"]["system"] == "energy"
    assert set(edges.data["system"]) == set(nodes.data["system"]) == {"energy"}

    def result(rule):
        return run_checks(project, registry.checks_for(pack, only=[rule]), pack=pack).result(rule)

    assert result("INF-01").status == "pass"
    ok = result("SMT-ENERGY")
    assert ok.status == "pass" and ok.evidence["total"] >= 1       # the built substations are its subjects
    smart = project.find_layer("smart_elements").data
    project.find_layer("smart_elements").data = smart[smart["type"] != "smart_substation"]
    assert result("SMT-ENERGY").status == "fail"
