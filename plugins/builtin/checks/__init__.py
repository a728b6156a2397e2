"""Bundled plugin: the checks panel (run any registered rule pack, review its findings, open the report)."""
