"""IDS 1.0 checking of IFC sources with ifctester; results become CIM issues linked to elements.

- :mod:`cim.ids.check` — ``check_ids`` (one IFC, one IDS), ``check_project_ids`` (every IFC layer)
- ``resources/ids/smart_building_decree269.ids`` — the shipped smart-building IDS (BMS, IOC data link)
"""
