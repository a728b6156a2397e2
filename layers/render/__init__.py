"""Qt-free map rendering: immutable snapshots of layers rendered to RGBA numpy images.

Render jobs read snapshots only, so they run off the UI thread; the GUI wraps the result in a QImage.
"""

from layers.render.snapshot import VectorSnapshot, snapshot_vector, subset
from layers.render.vector import RenderCanceled, render_vector
from layers.render.viewport import Viewport

__all__ = ["Viewport", "VectorSnapshot", "snapshot_vector", "subset", "render_vector", "RenderCanceled"]
