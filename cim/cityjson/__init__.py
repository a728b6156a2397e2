"""CityJSON 2.0 (and CityJSONSeq) export and import of the CIM, with the CIM_Smart Extension.

- :mod:`cim.cityjson.export` — ``export_cityjson`` / ``export_cityjsonseq``
- :mod:`cim.cityjson.import_` — ``read_cityjson`` / ``import_cityjson``
- :mod:`cim.cityjson.validate` — validation: the official 2.0.2 schemas (:mod:`cim.cityjson.schema`)
  plus structural checks (errors + warnings)
- :mod:`cim.cityjson.objects` — one City Object as a self-contained record (import → export loses nothing)
- :mod:`cim.cityjson.attributes` — City Object attributes as layer columns, and back
- :mod:`cim.cityjson.extension` — the ``+SmartElement`` extension schema shipped with CIM Studio
"""
