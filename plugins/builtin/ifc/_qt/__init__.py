"""Qt panels of the IFC plugin: import, georeferencing, merge report (drives cim.ifc / cim.merge)."""
