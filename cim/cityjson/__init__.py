"""CityJSON 2.0 (and CityJSONSeq) export and import of the CIM, with the CIM_Smart Extension.

- :mod:`cim.cityjson.export` — ``export_cityjson`` / ``export_cityjsonseq``
- :mod:`cim.cityjson.import_` — ``read_cityjson`` / ``import_cityjson``
- :mod:`cim.cityjson.validate` — a focused CityJSON 2.0 validator (errors + warnings)
- :mod:`cim.cityjson.extension` — the ``+SmartElement`` extension schema shipped with CIM Studio
"""
