"""Qt side of the checks plugin: the Checks panel (run a rule pack, review and accept findings, open the report)."""
