"""Render a map: layers bottom to top, each into its own buffer, composited, labels on top."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from layers.render.colors import pack, parse_color
from layers.render.raster import RasterSnapshot, render_raster
from layers.render.snapshot import VectorSnapshot
from layers.render.vector import RenderCanceled, render_vector
from layers.render.viewport import Viewport


def new_image(vp: Viewport, color=(0, 0, 0, 0)) -> np.ndarray:
    img = np.empty((vp.height, vp.width, 4), dtype=np.uint8)
    img.reshape(-1).view(np.uint32).fill(pack(parse_color(color)))
    return img


def composite(dst: np.ndarray, layer: np.ndarray, opacity: float = 1.0) -> np.ndarray:
    """``layer`` over ``dst`` (both straight-alpha RGBA uint8), into ``dst``."""
    from PIL import Image

    if opacity < 1.0:
        layer[..., 3] = (layer[..., 3] * opacity).astype(np.uint8)
    h, w = dst.shape[:2]
    a = Image.frombuffer("RGBA", (w, h), dst, "raw", "RGBA", 0, 1)
    b = Image.frombuffer("RGBA", (w, h), layer, "raw", "RGBA", 0, 1)
    dst[...] = np.asarray(Image.alpha_composite(a, b))
    return dst


def is_opaque(snap: VectorSnapshot) -> bool:
    """True when every colour of the layer is opaque (or fully transparent) and its opacity is 1."""
    cached = snap._cache.get("opaque")
    if cached is None:
        st = snap.style
        cached = st.opacity >= 1.0 and all(
            bool(np.isin(c >> 24, (0, 255)).all()) for c in (st.fill, st.stroke))
        snap._cache["opaque"] = cached
    return cached


def render_layer(snap, vp: Viewport, view_crs=None, cancel=None) -> np.ndarray:
    """One layer alone on a transparent image."""
    img = np.zeros((vp.height, vp.width, 4), dtype=np.uint8)
    if isinstance(snap, RasterSnapshot):
        render_raster(snap, vp, img, view_crs=view_crs, cancel=cancel)
    else:
        render_vector(snap, vp, img, cancel=cancel)
    return img


def render_map(layers: Sequence, vp: Viewport, *, background="#ffffff", view_crs=None,
               cancel: Callable[[], bool] | None = None,
               on_progress: Callable[[np.ndarray, int], None] | None = None,
               labels: bool = True) -> np.ndarray:
    """Render ``layers`` (snapshots, bottom first) into a new (H, W, 4) uint8 RGBA image.

    ``cancel()`` is polled between and inside layers (raises :class:`RenderCanceled`);
    ``on_progress(image_so_far, layers_done)`` lets a GUI show the map while it builds.
    """
    out = new_image(vp, background)
    for i, snap in enumerate(layers):
        if cancel is not None and cancel():
            raise RenderCanceled
        if isinstance(snap, VectorSnapshot) and is_opaque(snap):
            render_vector(snap, vp, out, cancel=cancel)   # opaque paint over = overwrite: no composite
        else:
            layer = render_layer(snap, vp, view_crs, cancel)
            opacity = snap.style.opacity if isinstance(snap, VectorSnapshot) else float(snap.style.get("opacity", 1))
            composite(out, layer, opacity)
        if on_progress is not None:
            on_progress(out, i + 1)
    if labels:
        from layers.render.labels import render_labels

        occupied = np.zeros((vp.height, vp.width), dtype=bool)
        for snap in reversed(layers):   # top layers label first
            if isinstance(snap, VectorSnapshot) and snap.style.labels is not None:
                render_labels(snap, vp, out, occupied, cancel)
    return out


__all__ = ["render_map", "render_layer", "composite", "new_image", "RenderCanceled"]
