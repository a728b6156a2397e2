"""A third-party plugin installed with pip is discovered through its entry point and its reader is offered.

The plugin is a real package built in a temp dir (pyproject.toml + package + plugin.toml + a reader
for a tiny ``.xyzpts`` point format) and installed with ``pip install --target``; that directory is
then put on ``sys.path``, as a site-packages directory would be.
"""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from plugins.discovery import discover, plugin_entry_points
from plugins.registry import PluginRegistry

pytestmark = pytest.mark.slow  # pip builds and installs a wheel (≈ 2–6 s)

DIST = "acme-xyzpts"  # sorts before "cimstudio": bundled plugins must still come first
PACKAGE = "acme_xyzpts"

PYPROJECT = f"""\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "{DIST}"
version = "1.2.0"
description = "XYZ survey points for CIM Studio"
requires-python = ">=3.11"

[project.entry-points."cimstudio.plugins"]
xyzpts = "{PACKAGE}"

[tool.setuptools]
packages = ["{PACKAGE}"]

[tool.setuptools.package-data]
{PACKAGE} = ["plugin.toml", "rules/*.toml"]
"""

PLUGIN_TOML = f"""\
[plugin]
id = "xyzpts"
name = {{ vi = "Điểm đo XYZ", en = "XYZ survey points" }}
version = "1.2.0"
api_version = 1

[[readers]]
id = "points"
title = {{ vi = "Điểm đo XYZ", en = "XYZ points" }}
kind = "vector"
extensions = [".xyzpts"]
callable = "{PACKAGE}.reader:read_xyzpts"
priority = 10

[[rule_packs]]
id = "xyz_survey"
path = "rules/xyz_survey.toml"

[[checks]]
id = "has_survey"
callable = "{PACKAGE}.checks:has_survey"
"""

RULES = """\
[pack]
id = "xyz_survey"
version = "1.0.0"
title = { vi = "Khảo sát XYZ", en = "XYZ survey" }

[[rules]]
id = "XYZ-01"
severity = "E"
title = { vi = "Có lớp điểm khảo sát", en = "A survey point layer exists" }
check = "xyzpts.has_survey"
"""

CHECKS = '''\
def has_survey(ctx, feedback):
    names = [rec.name for rec in ctx.project.ordered_layers()]
    if any(n.startswith("survey") for n in names):
        return []
    return [ctx.project_issue("Không có lớp điểm khảo sát", f"No survey point layer among {len(names)} layers")]
'''

READER = '''\
"""Reader for .xyzpts: "# crs: <CRS>" header, then one "x y z" point per line; "#" starts a comment."""

from pathlib import Path


def read_xyzpts(path, *, layer=None, encoding=None, feedback=None):
    import geopandas as gpd

    crs, xs, ys, zs = None, [], [], []
    for raw in Path(path).read_text(encoding=encoding or "utf-8").splitlines():
        line = raw.strip()
        if line.lower().startswith("# crs:"):
            crs = line.split(":", 1)[1].strip()
        elif line and not line.startswith("#"):
            x, y, z = (float(v) for v in line.split())
            xs.append(x)
            ys.append(y)
            zs.append(z)
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(xs, ys, zs), crs=crs)
'''

SOURCES = {
    f"{PACKAGE}/__init__.py": f'"""XYZ points plugin."""\nIMPORTED_FROM = "{PACKAGE}"\n',
    f"{PACKAGE}/plugin.toml": PLUGIN_TOML,
    f"{PACKAGE}/reader.py": READER,
    f"{PACKAGE}/rules/xyz_survey.toml": RULES,
    f"{PACKAGE}/checks.py": CHECKS,
}


def _can_build_wheels_without_isolation() -> bool:
    import setuptools

    major, minor = (int(p) for p in setuptools.__version__.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def _pip_install(src: Path, site: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--disable-pip-version-check",
           "--target", str(site), str(src)]
    if _can_build_wheels_without_isolation():
        cmd.insert(4, "--no-build-isolation")  # else pip fetches setuptools+wheel for the build env
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def installed_site(tmp_path_factory, installed_distribution) -> Iterator[Path]:
    """``acme-xyzpts`` installed into ``<tmp>/site``, which is on ``sys.path`` for this module's tests."""
    root = tmp_path_factory.mktemp("xyzpts")
    src, site = root / "src", root / "site"
    for rel, text in {"pyproject.toml": PYPROJECT, **SOURCES}.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    done = _pip_install(src, site)
    if done.returncode != 0:  # e.g. no index to fetch build tools from: lay out the install by hand
        warnings.warn(f"pip could not install the test plugin, wrote its dist-info by hand:\n{done.stderr[-2000:]}",
                      stacklevel=1)
        installed_distribution(site, DIST, "1.2.0", {"xyzpts": PACKAGE}, SOURCES)
    assert (site / PACKAGE / "plugin.toml").is_file()
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(site))
        yield site
        for name in [n for n in sys.modules if n.split(".")[0] == PACKAGE]:
            del sys.modules[name]
    importlib.invalidate_caches()


@pytest.fixture
def forget_plugin_modules(monkeypatch) -> None:
    for name in [n for n in sys.modules if n.split(".")[0] == PACKAGE]:
        monkeypatch.delitem(sys.modules, name)


def test_installed_plugin_is_announced_after_bundled_ones(installed_site):
    eps = [(ep.name, ep.dist.name) for ep in plugin_entry_points()]
    assert eps.index(("gis_io", "cimstudio")) < eps.index(("xyzpts", DIST))


def test_installed_plugin_manifest_is_read_without_importing_it(installed_site, forget_plugin_modules):
    found = discover()
    [m] = [m for m in found.manifests if m.id == "xyzpts"]
    assert m.package == PACKAGE and m.source == installed_site / PACKAGE / "plugin.toml"
    assert PACKAGE not in sys.modules
    assert "gis_io" in [m.id for m in found.manifests]


def test_installed_plugin_reader_is_offered_for_its_extension(installed_site):
    reg = PluginRegistry.discover()
    offered = reg.readers_for("survey/x.xyzpts")
    assert [(r.plugin_id, r.id, r.kind) for r in offered] == [("xyzpts", "points", "vector")]
    assert offered[0].title.get("en") == "XYZ points"
    assert reg.readers_for("x.xyzpts", kind="raster") == []


def test_installed_plugin_reader_resolves_and_reads_its_format(installed_site, tmp_path):
    reg = PluginRegistry.discover()
    read = reg.resolve(reg.readers_for("x.xyzpts")[0])
    assert read.__module__ == f"{PACKAGE}.reader" and read.__name__ == "read_xyzpts"
    assert Path(sys.modules[PACKAGE].__file__).parent == installed_site / PACKAGE
    survey = tmp_path / "x.xyzpts"
    survey.write_text("# crs: EPSG:4756\n105.80 21.02 12.5\n# a comment\n\n105.81 21.03 14.0\n105.82 21.04 9.25\n",
                      encoding="utf-8")
    gdf = read(survey)
    assert len(gdf) == 3 and gdf.crs.to_epsg() == 4756
    assert list(gdf.geometry.z) == [12.5, 14.0, 9.25] and list(gdf.geometry.x) == [105.80, 105.81, 105.82]


def test_broken_third_party_plugins_are_reported_and_the_others_still_load(installed_site, tmp_path,
                                                                         installed_distribution, monkeypatch):
    site = tmp_path / "site"
    readers_only = PLUGIN_TOML.split("[[rule_packs]]")[0]
    bad_toml = readers_only.replace('id = "xyzpts"', 'id = "broken"').replace('[".xyzpts"]', '["xyzpts"]')
    installed_distribution(site, "cimstudio-broken", "0.3.0", {"broken": "cim_broken"},
                           {"cim_broken/__init__.py": "", "cim_broken/plugin.toml": bad_toml})
    installed_distribution(site, "cimstudio-ghost", "0.1.0", {"ghost": "cim_ghost_not_shipped"}, {})
    loud_toml = readers_only.replace('id = "xyzpts"', 'id = "loud"').replace(".xyzpts", ".loud")
    installed_distribution(site, "cimstudio-loud", "0.1.0", {"loud": "cim_loud"},
                           {"cim_loud/__init__.py": "raise RuntimeError('imported during discovery')\n",
                            "cim_loud/plugin.toml": loud_toml})
    monkeypatch.syspath_prepend(str(site))

    reg = PluginRegistry.discover()

    assert {"gis_io", "xyzpts", "loud"} <= set(reg.ids()) and "broken" not in reg
    assert [r.plugin_id for r in reg.readers_for("x.xyzpts")] == ["xyzpts"]
    problems = {p.source.split(" of distribution ")[1]: str(p) for p in reg.errors}
    assert set(problems) == {"cimstudio-broken 0.3.0", "cimstudio-ghost 0.1.0"}
    broken = problems["cimstudio-broken 0.3.0"]
    assert str(site / "cim_broken" / "plugin.toml") in broken
    assert "[[readers]] #1 'points' → extensions" in broken and "start each extension with a dot" in broken
    assert "package 'cim_ghost_not_shipped' is not installed" in problems["cimstudio-ghost 0.1.0"]


def test_cimstudio_check_runs_an_installed_plugins_rule_pack_through_the_one_plugin_registry(
        installed_site, tmp_path, monkeypatch, capsys):
    """The CLI's checks come from the plugin registry (app/launcher.py), as the app's do; the plugin-less
    cimstudio-cli says it has no rule packs."""
    import json

    import plugins.check_registry as check_registry
    from app.launcher import main
    from cim.cli import CliContext
    from cim.cli import main as plugin_less_cli
    from plugins.registry import default_registry

    sample = Path(__file__).resolve().parents[2] / "sample_data" / "district.cim.gpkg"
    default_registry.cache_clear()
    monkeypatch.setattr(check_registry, "_INSTALLED", None)
    try:
        out = tmp_path / "report.json"
        code = main(["-q", "check", str(sample), "--pack", "xyz_survey", "--no-store", "--no-maps",
                     "--json", str(out)])
        text = out.read_text(encoding="utf-8")
        assert code == 1, text[:500]
        assert "XYZ-01" in text and "No survey point layer among" in text
        assert json.loads(text)
        capsys.readouterr()
        assert plugin_less_cli(["-q", "check", str(sample), "--pack", "xyz_survey", "--no-store"], CliContext()) == 2
        assert "cimstudio-cli runs without plugins" in capsys.readouterr().err
    finally:
        default_registry.cache_clear()


@pytest.mark.gui
def test_the_gui_import_offers_and_uses_an_installed_plugins_reader(installed_site, tmp_path, qtbot, monkeypatch):
    """File › Import goes through the plugin registry as the CLI does: the dialog offers the plugin's
    extension and the import reads the file with the plugin's reader (gis_io cannot read ``.xyzpts``)."""
    from PySide6.QtCore import QSettings

    from app.bootstrap import build_window
    from app.import_dialog import ImportDialog
    from plugins.registry import default_registry

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    default_registry.cache_clear()
    try:
        win = build_window(None, empty=True)
        win.never_ask = win.quiet_errors = True
        qtbot.addWidget(win)
        dlg = ImportDialog(win, "vector", win.session.project.crs)
        qtbot.addWidget(dlg)
        assert "XYZ" in dlg.file_filter() and "(*.xyzpts)" in dlg.file_filter()
        assert "*.gpkg" in dlg.file_filter() and "*.xyzpts" not in ImportDialog(win, "raster", "").file_filter()
        survey = tmp_path / "survey_points.xyzpts"
        survey.write_text("# crs: EPSG:4756\n105.80 21.02 12.5\n105.81 21.03 14.0\n", encoding="utf-8")
        assert win.files.reader_for(survey)[1].__module__ == f"{PACKAGE}.reader"
        win.files.import_file(survey, kind="vector", crs_if_missing="EPSG:9208")
        qtbot.waitUntil(lambda: not win.files.tasks, timeout=30000)
        rec = win.session.current_layer()
        assert rec is not None, win.log_dock.lines[-3:]
        assert rec.name == "survey_points" and len(rec.data) == 2
        assert list(rec.data.geometry.z) == [12.5, 14.0]
        win.close()
    finally:
        default_registry.cache_clear()


def test_cimstudio_import_reads_a_file_with_an_installed_plugins_reader(installed_site, tmp_path, capsys):
    """The same reader through the CLI: a plugin reader may return a plain GeoDataFrame."""
    from app.launcher import main
    from cim.project.store import open_project
    from plugins.registry import default_registry

    default_registry.cache_clear()
    try:
        survey = tmp_path / "survey_cli.xyzpts"
        survey.write_text("# crs: EPSG:4756\n105.80 21.02 12.5\n", encoding="utf-8")
        project = tmp_path / "p.cim.gpkg"
        assert main(["-q", "new", str(project)]) == 0
        assert main(["-q", "import", str(project), str(survey)]) == 0, capsys.readouterr().err
        [rec] = open_project(project).ordered_layers()
        assert rec.name == "survey_cli" and rec.source["source_crs"] == "EPSG:4756" and len(rec.data) == 1
    finally:
        default_registry.cache_clear()
