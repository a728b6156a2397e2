"""Bundled plugin: Infrastructure networks (the GUI panel lives in its _qt module)."""
