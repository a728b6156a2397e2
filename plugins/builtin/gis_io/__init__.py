"""Bundled plugin: GIS vector and raster readers and writers.

Its contributions are declared in ``plugin.toml`` and point at ``cim.io``; this package holds no code
of its own, and CIM Studio never needs to import it.
"""
