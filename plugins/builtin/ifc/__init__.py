"""Bundled plugin: BIM/IFC models (the GUI panel lives in its _qt module)."""
