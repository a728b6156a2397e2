"""plugins/builtin/gis_io: the bundled GIS readers and writers, offered through the plugin registry."""

from __future__ import annotations

import inspect

import pytest

from plugins.manifest import load_manifest
from plugins.registry import PluginRegistry

VECTOR_IN = (".gpkg", ".shp", ".geojson", ".json", ".fgb", ".kml", ".dxf", ".zip")
VECTOR_OUT = (".gpkg", ".shp", ".geojson", ".fgb", ".kml")


@pytest.fixture(scope="module")
def registry() -> PluginRegistry:
    return PluginRegistry.discover()  # through the installed entry point, like the application


def test_gis_io_manifest_declares_vector_and_raster_io(repo_root):
    m = load_manifest(repo_root / "plugins" / "builtin" / "gis_io" / "plugin.toml")
    assert [(r.id, r.kind, r.extensions, r.callable) for r in m.readers] == [
        ("vector", "vector", VECTOR_IN, "cim.io.vector:read_vector"),
        ("raster", "raster", (".tif", ".tiff"), "cim.io.raster:read_raster"),
    ]
    assert [(w.id, w.kind, w.extensions, w.callable) for w in m.writers] == [
        ("vector", "vector", VECTOR_OUT, "cim.io.vector:write_vector")]
    assert m.name.get("vi") and m.name.get("en") and m.name.get("vi") != m.name.get("en")


@pytest.mark.parametrize("ext", VECTOR_IN)
def test_every_vector_format_is_offered_the_vector_reader(registry, ext):
    assert "gis_io.vector" in [r.qualified_id for r in registry.readers_for(f"Ha Noi/roads{ext.upper()}")]


@pytest.mark.parametrize(("path", "reader", "writer"), [
    ("dem.tif", "gis_io.raster", None),
    ("ortho.TIFF", "gis_io.raster", None),
    ("plan.dxf", "gis_io.vector", None),
    ("out.fgb", "gis_io.vector", "gis_io.vector"),
])
def test_raster_and_read_only_formats_get_the_right_reader_and_no_writer(registry, path, reader, writer):
    assert [r.qualified_id for r in registry.readers_for(path)] == [reader]
    assert [w.qualified_id for w in registry.writers_for(path)] == ([writer] if writer else [])


def test_gis_io_callables_resolve_to_the_core_io_functions(registry):
    # Needs cim/io/vector.py and cim/io/raster.py (written alongside); fails until they land.
    gis_io = registry["gis_io"]
    read_vector = registry.resolve(gis_io.readers[0])
    read_raster = registry.resolve(gis_io.readers[1])
    write_vector = registry.resolve(gis_io.writers[0])
    assert (read_vector.__module__, read_vector.__name__) == ("cim.io.vector", "read_vector")
    assert (read_raster.__module__, read_raster.__name__) == ("cim.io.raster", "read_raster")
    assert (write_vector.__module__, write_vector.__name__) == ("cim.io.vector", "write_vector")
    assert {"layer", "encoding", "feedback"} <= set(inspect.signature(read_vector).parameters)
    assert {"layer", "driver"} <= set(inspect.signature(write_vector).parameters)
