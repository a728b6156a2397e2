"""Bundled plugin: Review and appraisal package (the GUI panel lives in its _qt module)."""
