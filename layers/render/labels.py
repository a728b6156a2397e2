"""Labels: placed at a point on each feature big enough on screen, no two overlapping, with a halo."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import numpy as np

from layers.render.snapshot import VectorSnapshot
from layers.render.viewport import Viewport

MAX_LABELS = 600


@functools.lru_cache(maxsize=1)
def font_path() -> str | None:
    """A TrueType font with Vietnamese diacritics (DejaVu Sans: bundled with matplotlib)."""
    candidates = [Path(__file__).resolve().parents[2] / "resources" / "fonts" / "DejaVuSans.ttf"]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    except Exception:   # matplotlib missing: try the system font
        pass
    candidates.append(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    return next((str(p) for p in candidates if p.exists()), None)


@functools.lru_cache(maxsize=16)
def _font(size: int):
    from PIL import ImageFont

    path = font_path()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default()


def render_labels(snap: VectorSnapshot, vp: Viewport, out: np.ndarray, occupied: np.ndarray,
                  cancel: Callable[[], bool] | None = None) -> int:
    """Draw the snapshot's labels into ``out``; ``occupied`` (H, W) bool is shared between layers.
    Returns the number of labels drawn."""
    import shapely
    from PIL import Image, ImageDraw

    labels = snap.style.labels
    if labels is None or len(snap) == 0:
        return 0
    ls = snap.style.label_style
    sel = snap.query(vp.extent)
    idx = np.arange(len(snap)) if isinstance(sel, slice) else sel
    if len(idx) == 0:
        return 0
    size_px = np.maximum(snap.maxx[idx] - snap.minx[idx], snap.maxy[idx] - snap.miny[idx]) / vp.res
    dims = snap.dims[idx]
    min_px = float(ls.get("min_size_px", 40))
    ok = (labels[idx] != "") & ((dims == 0) | (size_px >= min_px))
    idx, size_px, dims = idx[ok], size_px[ok], dims[ok]
    if len(idx) == 0:
        return 0
    order = np.argsort(-size_px, kind="stable")[:MAX_LABELS]
    idx, dims = idx[order], dims[order]
    geoms = snap.geoms[idx]
    anchors = np.empty(len(idx), dtype=object)
    poly, line = dims == 2, dims == 1
    anchors[poly] = shapely.point_on_surface(geoms[poly])
    anchors[line] = shapely.line_interpolate_point(geoms[line], 0.5, normalized=True)
    anchors[dims == 0] = shapely.centroid(geoms[dims == 0])
    xy = shapely.get_coordinates(anchors)
    px, py = vp.to_pixel(xy[:, 0], xy[:, 1])
    h, w = out.shape[:2]
    font = _font(int(ls.get("size", 12)))
    im = Image.frombuffer("RGBA", (w, h), out, "raw", "RGBA", 0, 1)
    im.readonly = 0
    draw = ImageDraw.Draw(im)
    color = ls.get("color", "#1e1e1e")
    halo = ls.get("halo", "#ffffff")
    offset = 8 if ls.get("above_point", True) else 0
    drawn = 0
    for k, i in enumerate(idx.tolist()):
        if k % 100 == 99 and cancel is not None and cancel():
            break
        text = str(labels[i])[:60]
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font, stroke_width=2)
        tw, th = right - left, bottom - top
        x = int(px[k] - tw / 2)
        y = int(py[k] - th / 2 - (offset + th / 2 if dims[k] == 0 else 0))
        if x < 0 or y < 0 or x + tw >= w or y + th >= h:
            continue
        if occupied[y:y + th, x:x + tw].any():
            continue
        occupied[max(y - 2, 0):y + th + 2, max(x - 2, 0):x + tw + 2] = True
        draw.text((x - left, y - top), text, font=font, fill=color, stroke_width=2, stroke_fill=halo)
        drawn += 1
    return drawn
