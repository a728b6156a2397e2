"""Merging GIS, IFC and networks into one CIM: footprint matching by IoU, provenance, conflicts.

- :mod:`cim.merge.matching` — vectorised IoU matching (STRtree bulk query)
- :mod:`cim.merge.report` — the merge report (dataclasses + JSON)
- :mod:`cim.merge.apply` — ``merge_ifc_buildings``: one undoable macro command
"""
