"""Bundled plugin: the Decree 269/2025/NĐ-CP rule pack (``rules/decree269.toml``) and the Python
checks it names (``checks_*.py``). Declared in ``plugin.toml``; nothing here is imported until a rule
runs.
"""
