"""The {kind: layer class} registry that views and plugins look layer types up in."""

import subprocess
import sys

import pytest

from layers.base import Layer
from layers.raster import RasterLayer
from layers.registry import LAYER_TYPES, layer_class_for, register_layer_type
from layers.vector import VectorLayer


def test_built_in_kinds_map_to_their_classes():
    assert layer_class_for("vector") is VectorLayer and layer_class_for("raster") is RasterLayer


def test_a_plugin_registers_a_new_kind_and_cannot_silently_replace_one(monkeypatch):
    monkeypatch.setattr("layers.registry.LAYER_TYPES", dict(LAYER_TYPES))

    class NetworkLayer(Layer):
        kind = "network"

    register_layer_type("network", NetworkLayer)
    assert layer_class_for("network") is NetworkLayer
    register_layer_type("network", NetworkLayer)                  # same class again: fine
    with pytest.raises(ValueError, match="already"):
        register_layer_type("vector", NetworkLayer)
    register_layer_type("vector", NetworkLayer, replace=True)
    assert layer_class_for("vector") is NetworkLayer


def test_an_unknown_kind_names_the_known_ones():
    with pytest.raises(KeyError, match="ifc.*raster, vector"):
        layer_class_for("ifc")


def test_importing_the_layer_types_loads_no_gis_library():
    code = ("import sys, layers.registry; "
            "print(','.join(m for m in ('geopandas', 'rasterio', 'pyogrio', 'shapely', 'pandas') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
