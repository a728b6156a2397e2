"""Bundled plugin: TOD studies (the GUI panel lives in its _qt module)."""
