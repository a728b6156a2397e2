"""Infrastructure networks: topology from line layers, validation, routing and walksheds.

Submodules load numpy/scipy/shapely lazily when used; importing this package is cheap.

- :mod:`cim.network.model`     the :class:`~cim.network.model.Network` (nodes, edges, CSR graphs)
- :mod:`cim.network.topology`  ``build_network``: snapping, noding, chain merging, stable ids
- :mod:`cim.network.validate`  ``validate_network``: dangles, components, uphill drains, detached elements …
- :mod:`cim.network.analysis`  shortest paths, walksheds, OD matrices, nearest facility
- :mod:`cim.network.walkshed`  walkshed pieces and polygons; :mod:`cim.network.shed_union` reuses buffer unions
- :mod:`cim.network.edits`     undoable edits of a network stored in a project
- :mod:`cim.network.layers`    a network as two project layers (edges, nodes) and back
"""
