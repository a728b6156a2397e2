"""Reading and writing GIS data: vector layers (pyogrio/GDAL) and rasters (rasterio).

Importing ``cim.io`` is cheap; the heavy libraries load when :mod:`cim.io.vector` or
:mod:`cim.io.raster` functions run.
"""
