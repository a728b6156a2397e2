"""Bundled plugin: the appraisal office's documents (written appraisal opinion …); GUI in ``_qt``."""
