"""CIM Studio's headless core: the city information model, the project file, commands and analysis.

Importing ``cim`` is cheap: heavy libraries (geopandas, rasterio, ifcopenshell …) are imported
lazily inside the functions that need them.
"""

__version__ = "0.1.0"
