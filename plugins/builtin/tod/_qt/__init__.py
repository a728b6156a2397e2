"""Qt side of the TOD plugin: the TOD study dock (inputs, indicator table, charts, scenarios, catchments)."""
