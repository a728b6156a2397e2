"""plugins/registry.py: manifests by id, contribution queries, lazy resolution with clear errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from plugins.discovery import discover
from plugins.registry import PluginRegistry, PluginResolveError, default_registry


def reader(id_: str, exts: str, *, kind: str = "vector", priority: int = 0, func: str = "read") -> str:
    return (f'[[readers]]\nid = "{id_}"\ntitle = "{id_}"\nkind = "{kind}"\nextensions = {exts}\n'
            f'callable = "{{id}}.io:{func}"\npriority = {priority}\n')


def registry_of(tmp_path: Path) -> PluginRegistry:
    found = discover(extra_paths=[tmp_path / "plugins"], entry_points=False)
    assert found.errors == ()
    return PluginRegistry.from_discovery(found)


@pytest.fixture
def two_plugins(make_plugin, tmp_path) -> PluginRegistry:
    make_plugin("alpha", reader("pts", '[".pts", ".txt"]', priority=0)
                + reader("grid", '[".asc"]', kind="raster")
                + '[[writers]]\nid = "pts"\ntitle = "P"\nkind = "vector"\nextensions = [".pts"]\n'
                  'callable = "alpha.io:write"\n'
                + '[[checks]]\nid = "z"\ncallable = "alpha.io:check_z"\n'
                ,
                io="def read(path):\n    return ('alpha', path)\n")
    make_plugin("beta", reader("pts", '[".pts"]', priority=10)
                + reader("tagged", '[".tag.txt"]')
                + '[[checks]]\nid = "z"\ncallable = "beta.io:check_z"\n'
                + '[[panels]]\nid = "p"\ntitle = "P"\ncallable = "beta._qt.panel:Panel"\n')
    return registry_of(tmp_path)


def test_readers_for_a_path_are_ordered_by_priority(two_plugins):
    assert [r.qualified_id for r in two_plugins.readers_for("survey/Station_A.PTS")] == ["beta.pts", "alpha.pts"]


def test_readers_for_accepts_a_bare_extension_and_a_path_object(two_plugins):
    assert [r.qualified_id for r in two_plugins.readers_for(".pts")] == ["beta.pts", "alpha.pts"]
    assert [r.qualified_id for r in two_plugins.readers_for(Path("a") / "b.asc")] == ["alpha.grid"]


def test_readers_for_filters_by_kind(two_plugins):
    assert two_plugins.readers_for("dem.asc", kind="vector") == []
    assert [r.id for r in two_plugins.readers_for("dem.asc", kind="raster")] == ["grid"]


def test_longer_extension_wins_between_equal_priorities(two_plugins):
    assert [r.qualified_id for r in two_plugins.readers_for("notes.tag.txt")] == ["beta.tagged", "alpha.pts"]
    assert [r.qualified_id for r in two_plugins.readers_for("notes.txt")] == ["alpha.pts"]


def test_extension_matches_only_whole_suffixes(two_plugins):
    assert two_plugins.readers_for("file.xpts") == [] and two_plugins.readers_for("pts") == []


def test_writers_for_offers_only_declared_writers(two_plugins):
    assert [w.qualified_id for w in two_plugins.writers_for("out.pts")] == ["alpha.pts"]
    assert two_plugins.writers_for("out.asc") == []


def test_contribution_queries_list_every_plugin_in_registration_order(two_plugins):
    assert two_plugins.ids() == ["alpha", "beta"] and len(two_plugins) == 2 and "beta" in two_plugins
    assert [c.qualified_id for c in two_plugins.checks()] == ["alpha.z", "beta.z"]
    assert [p.qualified_id for p in two_plugins.panels()] == ["beta.p"]
    assert two_plugins.errors == []


def test_rule_packs_are_listed_with_absolute_paths(make_plugin, tmp_path):
    folder = make_plugin("rules_only", '[[rule_packs]]\nid = "d269"\npath = "rules/d269.toml"\n')
    (folder / "rules").mkdir()
    (folder / "rules" / "d269.toml").write_text("[limits]\n", encoding="utf-8")
    [pack] = registry_of(tmp_path).rule_packs()
    assert pack.qualified_id == "rules_only.d269" and pack.path == folder / "rules" / "d269.toml"


def test_duplicate_plugin_id_first_wins_and_the_second_is_reported(make_plugin, tmp_path):
    first = make_plugin("dup", reader("a", '[".a"]'))
    other_root = tmp_path / "elsewhere"
    other_root.mkdir()
    (other_root / "dup").mkdir()
    (other_root / "dup" / "plugin.toml").write_text(
        (first / "plugin.toml").read_text(encoding="utf-8").replace('".a"', '".b"'), encoding="utf-8")
    reg = PluginRegistry.discover(extra_paths=[first, other_root / "dup"], entry_points=False)
    assert reg.ids() == ["dup"] and reg["dup"].source == first / "plugin.toml"
    assert reg.readers_for("x.b") == [] and len(reg.readers_for("x.a")) == 1
    [problem] = reg.errors
    assert "plugin id 'dup' is already taken" in problem.message and problem.source == str(other_root / "dup" / "plugin.toml")


def test_plugin_claiming_a_bundled_id_loses_to_the_bundled_plugin(make_plugin, tmp_path):
    make_plugin("gis_io", reader("evil", '[".gpkg"]', priority=100))
    reg = PluginRegistry.discover(extra_paths=[tmp_path / "plugins"])
    assert reg["gis_io"].package == "plugins.builtin.gis_io"
    assert [r.qualified_id for r in reg.readers_for("a.gpkg")] == ["gis_io.vector"]
    assert any("'gis_io' is already taken" in p.message for p in reg.errors)


def test_resolve_imports_a_folder_plugin_lazily(two_plugins):
    assert "alpha.io" not in sys.modules
    [read] = [r for r in two_plugins.readers_for("a.pts") if r.plugin_id == "alpha"]
    func = two_plugins.resolve(read)
    assert func("x.pts") == ("alpha", "x.pts") and "alpha.io" in sys.modules
    assert two_plugins.resolve("alpha.io:read") is func


def test_resolve_of_a_string_declared_by_no_plugin_still_imports_it():
    from cim.errors import CimInputError

    assert PluginRegistry().resolve("cim.errors:CimInputError") is CimInputError


@pytest.mark.parametrize(("modules", "ref", "cause"), [
    ({}, "alpha.io:read", "module 'alpha.io' not found"),
    ({"io": "X = 1\n"}, "alpha.io:read", "'alpha.io' has no attribute 'read'"),
    ({"io": "import no_such_dependency_xyz\n"}, "alpha.io:read",
     "it needs the package 'no_such_dependency_xyz', which is not installed"),
    ({"io": "raise RuntimeError('boom')\n"}, "alpha.io:read", "importing 'alpha.io' failed (RuntimeError: boom)"),
    ({"io": "read = 42\n"}, "alpha.io:read", "'read' is a int, not a function or class"),
])
def test_resolve_failure_names_the_plugin_the_contribution_and_the_callable(make_plugin, tmp_path, modules, ref,
                                                                            cause):
    make_plugin("alpha", reader("pts", '[".pts"]'), **modules)
    reg = registry_of(tmp_path)
    with pytest.raises(PluginResolveError) as info:
        reg.resolve(reg.readers_for("a.pts")[0])
    text = str(info.value)
    assert text.startswith(f"Cannot load plugin 'alpha' ({tmp_path / 'plugins' / 'alpha' / 'plugin.toml'}): "
                           f"reader 'alpha.pts', callable '{ref}': ")
    assert cause in text and info.value.plugin_id == "alpha" and info.value.ref == ref


def test_resolve_failure_of_a_string_names_the_declaring_plugin(make_plugin, tmp_path):
    make_plugin("alpha", reader("pts", '[".pts"]'))
    with pytest.raises(PluginResolveError, match="plugin 'alpha'.*reader 'alpha.pts', callable 'alpha.io:read'"):
        registry_of(tmp_path).resolve("alpha.io:read")


def test_default_registry_is_discovered_once_and_holds_gis_io():
    reg = default_registry()
    assert reg is default_registry()
    assert "gis_io" in reg and not [p for p in reg.errors if p.plugin_id == "gis_io"]
