"""IFC/BIM sources in the city model: opening, georeferencing, geometry, buildings, devices, infrastructure.

Nothing heavy is imported here: ``ifcopenshell`` is imported inside the functions that need it.

- :mod:`cim.ifc.opening` — open an IFC safely (truncated, corrupt, pre-release IFC4X3_RC schemas)
- :mod:`cim.ifc.georef` — IfcMapConversion / IfcProjectedCRS / ePSet fallback, unit-scale trap
- :mod:`cim.ifc.georef_checks` — CRS, north, plan boundary, LoGeoRef checks
- :mod:`cim.ifc.geometry` — triangulated geometry with an on-disk cache
- :mod:`cim.ifc.buildings` — footprints, heights, storeys, GFA, LoD1 blocks
- :mod:`cim.ifc.devices` — smart devices → smart elements
- :mod:`cim.ifc.infra` — IFC4.3 alignments, roads, railways, pipe networks
- :mod:`cim.ifc.importer` — the ``import_ifc`` use case and the ``ifc`` layer kind
"""
