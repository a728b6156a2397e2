"""TOD station areas (DOMAIN.md §7): corridors and stations, catchments, indicators, scenarios.

Importing this package is cheap; submodules load numpy/shapely/geopandas when used.

- :mod:`cim.tod.params`      study parameters with their provenance ([V]/[P]/[I])
- :mod:`cim.tod.stations`    corridors and stations from layers or IfcAlignment; draw/edit commands
- :mod:`cim.tod.catchments`  Euclidean rings, walksheds and bicycle catchments, walkshed ÷ circle ratio
- :mod:`cim.tod.indicators`  indicators per station and ring (vectorised overlays, :mod:`cim.tod.overlay`,
  walking access :mod:`cim.tod.access`)
- :mod:`cim.tod.scorecard`   ITDP-style scorecard; "needs data" where the data does not support a metric
- :mod:`cim.tod.capacity`    infrastructure-capacity flags against QCVN-like defaults
- :mod:`cim.tod.scenarios`   scenario layers, rules ("far*1.5 within 500"), comparison
- :mod:`cim.tod.rules`       pure functions behind the check pack's TOD-01..04
- :mod:`cim.tod.outputs`     catchment layers (commands), CSV/JSON, charts, the report section
- :mod:`cim.tod.study`       the use case tying them together (frames or a project)
"""
