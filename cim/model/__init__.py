"""City objects and their taxonomy: kinds and layer schemas, systems, land use, ids, relations.

Importing ``cim.model`` is cheap (no pandas/geopandas): the data is read from TOML on first use and
the heavy libraries are imported inside the functions that need them.

- :mod:`cim.model.taxonomy` — kinds, fields, technical and smart systems, land-use crosswalk
- :mod:`cim.model.ids` — ``cim_id`` prefixes, new ids, uniqueness
- :mod:`cim.model.relations` — relations as data, :func:`find_dangling_references`
- :mod:`cim.model.schema` — :func:`validate_layer`, :func:`empty_layer`
"""

from cim.model.ids import check_unique, new_id
from cim.model.taxonomy import (
    KIND_CODES,
    NETWORK_SYSTEM_CODES,
    SMART_SYSTEM_CODES,
    get_kind,
    kinds,
    layer_name,
    network_systems,
    smart_systems,
)

__all__ = ["KIND_CODES", "NETWORK_SYSTEM_CODES", "SMART_SYSTEM_CODES", "check_unique", "get_kind",
           "kinds", "layer_name", "network_systems", "new_id", "smart_systems"]
