"""plugins/manifest.py: the plugin.toml schema, its dataclasses and its error messages."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cim.errors import CimInputError
from plugins.manifest import (
    API_VERSION,
    ManifestError,
    ReaderContribution,
    Text,
    load_manifest,
    parse_manifest,
)

HEAD = """\
[plugin]
id = "demo"
name = { vi = "Thử nghiệm", en = "Demo" }
version = "0.1.0"
description = "A demo plugin"
api_version = 1
"""

FULL = HEAD + """
[[readers]]
id = "points"
title = { vi = "Điểm đo", en = "Survey points" }
kind = "vector"
extensions = [".XYZ", ".xyzpts", ".xyz"]
callable = "demo.io:read_points"
priority = 5

[[writers]]
id = "points"
title = "Points"
kind = "vector"
extensions = [".xyzpts"]
callable = "demo.io:write_points"

[[checks]]
id = "z_range"
callable = "demo.checks:check_z_range"

[[rule_packs]]
id = "limits"
path = "rules/limits.toml"

[[panels]]
id = "points"
title = { vi = "Bảng điểm" }
callable = "demo._qt.panel:PointsPanel"
"""


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "limits.toml").write_text("z_max = 300\n", encoding="utf-8")
    return tmp_path


def parse(text: str, folder: Path) -> object:
    return parse_manifest(text, source=folder / "plugin.toml")


def problems_of(text: str, folder: Path) -> ManifestError:
    with pytest.raises(ManifestError) as info:
        parse(text, folder)
    return info.value


def test_full_manifest_parses_every_contribution_table(plugin_dir):
    m = parse(FULL, plugin_dir)
    assert (m.id, m.version, m.api_version) == ("demo", "0.1.0", API_VERSION)
    assert m.name == Text(vi="Thử nghiệm", en="Demo") and m.description.get("en") == "A demo plugin"
    assert m.readers == (ReaderContribution(
        plugin_id="demo", id="points", title=Text("Điểm đo", "Survey points"), kind="vector",
        extensions=(".xyz", ".xyzpts"), callable="demo.io:read_points", priority=5),)
    assert m.writers[0].priority == 0 and m.writers[0].qualified_id == "demo.points"
    assert m.checks[0].qualified_id == "demo.z_range"
    assert m.rule_packs[0].path == (plugin_dir / "rules" / "limits.toml").resolve()
    assert m.panels[0].title.get("en") == "Bảng điểm"
    assert m.root == plugin_dir and [c.callable for c in m.callables()][-1] == "demo._qt.panel:PointsPanel"


def test_manifest_values_are_frozen(plugin_dir):
    m = parse(FULL, plugin_dir)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.readers[0].priority = 99
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.id = "other"


def test_plain_string_title_serves_vietnamese_and_english(plugin_dir):
    m = parse(FULL, plugin_dir)
    assert m.writers[0].title == Text(vi="Points", en="Points") and str(m.name) == "Thử nghiệm"


def test_manifest_without_contributions_is_valid(tmp_path):
    m = parse(HEAD, tmp_path)
    assert m.readers == () and m.panels == () and m.package is None


def test_load_manifest_reads_the_file_and_remembers_package(plugin_dir):
    (plugin_dir / "plugin.toml").write_text(FULL, encoding="utf-8")
    m = load_manifest(plugin_dir / "plugin.toml", package="demo")
    assert m.package == "demo" and m.source == plugin_dir / "plugin.toml" and len(m.readers) == 1


def test_missing_manifest_file_is_a_manifest_error_naming_the_file(tmp_path):
    with pytest.raises(ManifestError, match="cannot read the plugin manifest") as info:
        load_manifest(tmp_path / "plugin.toml")
    assert str(tmp_path / "plugin.toml") in str(info.value)


def test_manifest_error_is_a_user_facing_input_error(tmp_path):
    err = problems_of(HEAD.replace('id = "demo"\n', ""), tmp_path)
    assert isinstance(err, CimInputError)
    assert err.path == str(tmp_path / "plugin.toml") and err.key == "[plugin] → id"
    assert str(err) == f'{tmp_path / "plugin.toml"}: [plugin] → id: the key "id" is missing — add id = … to [plugin]'


def test_misspelt_key_is_reported_with_the_likely_spelling(tmp_path):
    text = HEAD + '[[readers]]\nid = "r"\ntitle = "R"\nkind = "vector"\nextention = [".a"]\ncallable = "a:b"\n'
    err = problems_of(text, tmp_path)
    assert [(p.key, p.cause) for p in err.problems] == [
        ("[[readers]] #1 'r' → extention", 'unknown key "extention"'),
        ("[[readers]] #1 'r' → extensions", 'the key "extensions" is missing')]
    assert err.problems[0].hint.startswith('did you mean "extensions"?')


BAD_CASES = [
    pytest.param(HEAD.replace("api_version = 1", "api_version = 2"), "[plugin] → api_version",
                 "update CIM Studio", id="newer-api"),
    pytest.param(HEAD.replace("api_version = 1", 'api_version = "1"'), "[plugin] → api_version",
                 "must be an integer", id="api-as-string"),
    pytest.param(HEAD.replace('id = "demo"', 'id = "Demo Plugin"'), "[plugin] → id",
                 "lowercase letters", id="bad-plugin-id"),
    pytest.param(HEAD.replace('version = "0.1.0"', "version = 0.1"), "[plugin] → version",
                 "non-empty string", id="version-as-float"),
    pytest.param(HEAD + '[[readers]]\nid = "r"\ntitle = "R"\nkind = "vector"\nextensions = ["gpkg"]\n'
                 'callable = "a.b:c"\n', '[[readers]] #1 \'r\' → extensions', "start each extension with a dot",
                 id="extension-without-dot"),
    pytest.param(HEAD + '[[readers]]\nid = "r"\ntitle = "R"\nkind = "vector"\nextensions = []\n'
                 'callable = "a.b:c"\n', "→ extensions", "non-empty list", id="no-extensions"),
    pytest.param(HEAD + '[[panels]]\nid = "c"\ntitle = "C"\ncallable = "a._qt.b:c"\nshortcut = "Ctrl+I"\n',
                 "[[panels]] #1 'c' → shortcut", 'unknown key "shortcut"', id="unknown-key"),
    pytest.param(HEAD + '[[readers]]\nid = "r"\ntitle = "R"\nkind = "vector"\nextensions = [".a"]\n'
                 'callable = "a.b.c"\n', "→ callable", "package.module:function", id="callable-without-colon"),
    pytest.param(HEAD + '[[readers]]\nid = "r"\ntitle = "R"\nkind = "vector"\nextensions = [".a"]\n'
                 'callable = "a._qt.b:c"\n', "→ callable", "must run without Qt", id="reader-in-qt-module"),
    pytest.param(HEAD + '[[readers]]\nid = "r"\ntitle = "R"\nkind = "vector"\nextensions = [".a"]\n'
                 'callable = "a.b:c"\npriority = "high"\n', "→ priority", "must be an integer", id="bad-priority"),
    pytest.param(HEAD + '[[panels]]\nid = "p"\ntitle = "P"\ncallable = "demo.widgets:Panel"\n',
                 "[[panels]] #1 'p' → callable", 'named "_qt"', id="panel-outside-qt"),
    pytest.param(HEAD + '[[panels]]\nid = "c"\ntitle = { fr = "Commande" }\ncallable = "a._qt.b:c"\n',
                 "→ title", "unknown language", id="title-in-unknown-language"),
    pytest.param(HEAD + '[[checks]]\nid = "c"\ncallable = "a:b"\n[[checks]]\nid = "c"\ncallable = "a:d"\n',
                 "[[checks]] #2 'c' → id", "declared twice", id="duplicate-check-id"),
    pytest.param(HEAD + '[[rule_packs]]\nid = "r"\npath = "../outside.toml"\n', "→ path",
                 "outside the plugin folder", id="rule-pack-outside"),
    pytest.param(HEAD + '[[rule_packs]]\nid = "r"\npath = "rules/missing.toml"\n', "→ path",
                 "does not exist", id="rule-pack-missing"),
    pytest.param(HEAD + '[[menus]]\nmenu = "tools"\ncommand = "nowhere"\n', "menus",
                 "[[menus]] is not part of plugin API 1 — a [[panels]] widget adds its actions", id="retired-menus"),
    pytest.param(HEAD + '[[commands]]\nid = "c"\ntitle = "C"\ncallable = "a:b"\n', "commands",
                 "[[commands]] is not part of plugin API 1", id="retired-commands"),
    pytest.param(HEAD + '[[layer_types]]\nkind = "points"\ncallable = "a._qt.b:c"\n', "[[layer_types]] #1 'points' → callable",
                 "must run without Qt", id="layer-type-in-qt-module"),
    pytest.param(HEAD + '[[layer_types]]\nkind = "Point Cloud"\ncallable = "a.b:c"\n', "→ kind",
                 "a valid kind", id="layer-type-bad-kind"),
    pytest.param(HEAD + '[[layer_types]]\nkind = "p"\ncallable = "a:b"\n[[layer_types]]\nkind = "p"\ncallable = "a:c"\n',
                 "[[layer_types]] #2 'p' → kind", "declared twice", id="duplicate-layer-type"),
    pytest.param(HEAD + '[readers]\nid = "r"\n', "readers", "double brackets", id="single-table-section"),
    pytest.param(HEAD + '[[reader]]\nid = "r"\n', "reader", 'unknown table [reader] — did you mean "readers"?',
                 id="unknown-table"),
    pytest.param('[plugin\nid = "x"\n', "(syntax)", "line 1", id="toml-syntax"),
    pytest.param('[[readers]]\nid = "r"\n', "plugin", "the [plugin] table is missing", id="no-plugin-table"),
]


@pytest.mark.parametrize(("text", "key", "message"), BAD_CASES)
def test_invalid_manifest_names_file_key_and_what_to_do(plugin_dir, text, key, message):
    err = problems_of(text, plugin_dir)
    assert len(err.problems) == 1, err.problems
    problem = err.problems[0]
    assert key in problem.key
    assert message in f"{problem.cause} — {problem.hint}"
    assert problem.hint  # always says what to do
    assert str(plugin_dir / "plugin.toml") in str(err)


def test_every_problem_in_a_manifest_is_reported_at_once(tmp_path):
    text = HEAD.replace('version = "0.1.0"', "") + (
        '[[readers]]\nid = "r"\ntitle = "R"\nkind = "Vector!"\nextensions = [".a"]\ncallable = "a:b"\n'
        '[[writers]]\nid = "w"\ntitle = "W"\nkind = "vector"\nextensions = [".a"]\n')
    err = problems_of(text, tmp_path)
    assert [p.key for p in err.problems] == ["[plugin] → version", "[[readers]] #1 'r' → kind",
                                             "[[writers]] #1 'w' → callable"]
    assert str(err).count("\n") == 3 and "3 problems" in str(err)


def test_non_utf8_manifest_is_reported(tmp_path):
    (tmp_path / "plugin.toml").write_bytes(HEAD.replace("Thử nghiệm", "Th\xfb").encode("latin-1"))
    with pytest.raises(ManifestError, match="not UTF-8"):
        load_manifest(tmp_path / "plugin.toml")
