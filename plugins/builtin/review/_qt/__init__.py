"""Qt side of the review plugin: the comments dock, the appraisal-package wizard, opening a package
for review. Imported only by the GUI (through ``[[panels]]`` in plugin.toml)."""
