"""plugins/discovery.py: entry points and plugin folders → manifests, broken plugins reported."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import EntryPoint, distribution

import pytest

from plugins.discovery import (
    ENTRY_POINT_GROUP,
    PluginDiscoveryError,
    discover,
    manifest_from_entry_point,
)
from plugins.manifest import ManifestError

READER = """
[[readers]]
id = "pts"
title = "Points"
kind = "vector"
extensions = [".pts"]
callable = "{id}.io:read"
"""


def test_gis_io_is_declared_by_the_installed_cimstudio_distribution():
    eps = distribution("cimstudio").entry_points.select(group=ENTRY_POINT_GROUP)
    declared = {ep.name: ep.value for ep in eps}
    assert declared["gis_io"] == "plugins.builtin.gis_io"
    assert all(value.startswith("plugins.builtin.") for value in declared.values())


def test_discovery_finds_gis_io_through_its_entry_point(repo_root):
    found = discover()
    gis_io = [m for m in found.manifests if m.id == "gis_io"]
    assert len(gis_io) == 1
    assert gis_io[0].package == "plugins.builtin.gis_io"
    assert gis_io[0].source == repo_root / "plugins" / "builtin" / "gis_io" / "plugin.toml"
    assert gis_io[0].import_root is None  # importable as installed
    assert not [e for e in found.errors if "gis_io" in str(e)]


def test_discovery_imports_no_plugin_package_and_no_reader_module():
    code = ("import sys, json; from plugins.discovery import discover; d = discover(); "
            "print(json.dumps([[m.id for m in d.manifests], sorted(n for n in sys.modules "
            "if n.split('.')[0] in ('plugins', 'cim'))]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    ids, modules = json.loads(out)
    assert "gis_io" in ids
    assert "plugins.builtin.gis_io" not in modules and "cim.io" not in modules
    assert set(modules) <= {"cim", "cim.errors", "cim.text", "plugins", "plugins.builtin", "plugins.contributions",
                            "plugins.discovery", "plugins.manifest"}


def test_plugin_folder_given_directly_is_discovered(make_plugin):
    folder = make_plugin("pts_plugin", READER)
    found = discover(extra_paths=[folder], entry_points=False)
    assert found.errors == ()
    [m] = found.manifests
    assert (m.id, m.package, m.import_root) == ("pts_plugin", "pts_plugin", folder.parent)
    assert m.readers[0].callable == "pts_plugin.io:read"


def test_plugin_toml_path_given_directly_is_discovered(make_plugin):
    folder = make_plugin("pts_plugin", READER)
    [m] = discover(extra_paths=[folder / "plugin.toml"], entry_points=False).manifests
    assert m.id == "pts_plugin"


def test_directory_of_plugin_folders_yields_each_plugin_in_name_order(make_plugin, tmp_path):
    make_plugin("zeta", READER)
    make_plugin("alpha", READER)
    (tmp_path / "plugins" / "not_a_plugin").mkdir()
    found = discover(extra_paths=[tmp_path / "plugins"], entry_points=False)
    assert [m.id for m in found.manifests] == ["alpha", "zeta"] and found.errors == ()


def test_folder_without_init_is_a_plugin_whose_modules_live_inside_it(tmp_path):
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "plugin.toml").write_text(
        '[plugin]\nid = "loose"\nname = "Loose"\nversion = "1"\napi_version = 1\n', encoding="utf-8")
    [m] = discover(extra_paths=[tmp_path / "loose"], entry_points=False).manifests
    assert m.package is None and m.import_root == tmp_path / "loose"


def test_broken_manifest_is_reported_and_the_other_plugins_still_load(make_plugin, tmp_path):
    make_plugin("good", READER)
    make_plugin("bad", READER.replace('".pts"', '"pts"'))
    found = discover(extra_paths=[tmp_path / "plugins"])
    assert [m.id for m in found.manifests if m.id in ("good", "bad", "gis_io")] == ["gis_io", "good"]
    [problem] = found.errors
    assert problem.source == str(tmp_path / "plugins" / "bad")
    assert isinstance(problem.error, ManifestError)
    assert "[[readers]] #1 'pts' → extensions" in str(problem) and "start each extension with a dot" in str(problem)


def test_missing_plugin_path_is_reported_not_raised(tmp_path):
    found = discover(extra_paths=[tmp_path / "nowhere"], entry_points=False)
    assert found.manifests == ()
    assert "no such plugin folder" in str(found.errors[0]) and str(tmp_path / "nowhere") in str(found.errors[0])


@pytest.mark.parametrize(("value", "error", "message"), [
    ("plugins.builtin.gis_io:thing", PluginDiscoveryError, "names an object, but must name the plugin's package"),
    ("plugins.discovery", PluginDiscoveryError, "is a module, not a package"),
    ("no_such_cimstudio_plugin_pkg", PluginDiscoveryError, "is not installed"),
    ("no_such_parent_pkg.child", PluginDiscoveryError, "cannot locate package 'no_such_parent_pkg.child'"),
    ("plugins.builtin", ManifestError, "has no plugin.toml"),
])
def test_entry_point_that_names_no_plugin_package_is_explained(value, error, message):
    ep = EntryPoint(name="odd", value=value, group=ENTRY_POINT_GROUP)
    with pytest.raises(error, match=message) as info:
        manifest_from_entry_point(ep)
    if error is PluginDiscoveryError:
        assert "entry point 'odd = " in str(info.value)
