"""Vectorised scanline rasterisation: many small polygons and lines in a few numpy operations.

Polygons are filled with the even-odd rule at pixel centres: every edge is cut by the scanlines it
crosses, crossings are sorted by (polygon, row, x) in one integer sort, and consecutive pairs give
the spans to fill. Lines are walked one pixel per step (DDA). Per-feature Python work is zero, so
thousands of medium-sized features cost about as much as the pixels they cover.
"""

from __future__ import annotations

import numpy as np

_XBITS = 17            # fixed-point x (1/16 px) occupies the low bits of the sort key
_XPAD = 1024           # x is clipped to [-_XPAD, W + _XPAD] before packing


def _edges(pxy: np.ndarray, ring: np.ndarray):
    """Edges between consecutive vertices of the same ring (rings are closed: last == first)."""
    same = ring[:-1] == ring[1:]
    a = pxy[:-1][same]
    b = pxy[1:][same]
    return a[:, 0], a[:, 1], b[:, 0], b[:, 1], ring[:-1][same]


def fill_polygons(buf: np.ndarray, w: int, h: int, pxy: np.ndarray, ring: np.ndarray,
                  colors: np.ndarray, outline: np.ndarray | None = None) -> None:
    """Fill rings (pixel coordinates ``pxy`` (M, 2), ring number per vertex ``ring`` ascending, 0..R-1)
    with ``colors[ring]`` into the flat uint32 image ``buf`` (H*W). Later rings paint over earlier ones;
    rings with the same number are filled together with the even-odd rule (holes, multipart).

    ``outline`` (colour per ring) adds a one-pixel outline: the ends of every span trace the steep
    edges for free, and only the shallow edges (more than a pixel across per row) are walked."""
    if len(pxy) < 3:
        return
    x0, y0, x1, y1, r = _edges(pxy, ring)
    ylo, yhi = np.minimum(y0, y1), np.maximum(y0, y1)
    jlo = np.clip(np.ceil(ylo - 0.5), 0, h).astype(np.int64)
    jhi = np.clip(np.ceil(yhi - 0.5), 0, h).astype(np.int64)
    cnt = jhi - jlo
    e = np.flatnonzero(cnt > 0)
    if len(e) == 0:
        return
    c = cnt[e]
    total = int(c.sum())
    row = np.repeat(jlo[e] - np.cumsum(c) + c, c) + np.arange(total)
    ey0 = y0[e]
    slope = (x1[e] - x0[e]) / (y1[e] - ey0)
    # x at the row centre, in 1/16 px fixed point, offset so that it is never negative
    base = (x0[e] + (0.5 - ey0) * slope + _XPAD) * 16.0
    xfix = np.repeat(base, c) + row * np.repeat(slope * 16.0, c)
    np.clip(xfix, 0, (w + 2 * _XPAD) * 16.0, out=xfix)
    key = np.repeat(r[e].astype(np.int64) * h, c)
    key += row
    key <<= _XBITS
    key |= xfix.astype(np.int64)
    key.sort()
    ka, kb = key[0::2], key[1::2]
    if len(ka) != len(kb):      # an unclosed ring: drop the odd crossing
        ka = ka[: len(kb)]
    mask = (1 << _XBITS) - 1
    slot = ka >> _XBITS
    srow = slot % h
    sring = slot // h
    start = np.clip(np.ceil((ka & mask) * 0.0625 - (_XPAD + 0.5)), 0, w).astype(np.int64)
    end = np.clip(np.ceil((kb & mask) * 0.0625 - (_XPAD + 0.5)), 0, w).astype(np.int64)
    length = end - start
    keep = length > 0
    if not keep.all():
        start, length, srow, sring = start[keep], length[keep], srow[keep], sring[keep]
    if len(length) == 0:
        return
    npx = int(length.sum())
    first = srow * w + start
    pix = np.repeat(first - np.cumsum(length) + length, length)
    pix += np.arange(npx)
    fill = colors[sring]
    if (fill >> 24).any():
        buf[pix] = np.repeat(fill, length)
    if outline is not None:
        stroke = outline[sring]
        buf[first] = stroke
        buf[first + length - 1] = stroke
        shallow = np.abs(x1 - x0) > np.abs(y1 - y0)
        if shallow.any():
            # walk the shallow edges between pixel centres so they end where the spans end
            sx0, sy0, sx1, sy1 = x0[shallow], y0[shallow], x1[shallow], y1[shallow]
            t = 0.5 / np.abs(sx1 - sx0)
            dx, dy = (sx1 - sx0) * t, (sy1 - sy0) * t
            sx0, sy0, sx1, sy1 = sx0 + dx, sy0 + dy, sx1 - dx, sy1 - dy
            inside = bool(np.all((np.minimum(sx0, sx1) >= 1) & (np.maximum(sx0, sx1) < w - 1)
                                 & (np.minimum(sy0, sy1) >= 1) & (np.maximum(sy0, sy1) < h - 1)))
            _segments(buf, w, h, sx0, sy0, sx1, sy1, outline[r[shallow]], 1, inside)


def draw_segments(buf: np.ndarray, w: int, h: int, pxy: np.ndarray, line: np.ndarray,
                  colors: np.ndarray, width: int = 1) -> None:
    """Draw polylines (pixel coords ``pxy``, line number per vertex ``line``) ``width`` pixels wide."""
    if len(pxy) < 2:
        return
    x0, y0, x1, y1, r = _edges(pxy, line)
    # clip segment ends to a band around the image so huge zooms stay cheap
    lim = 4.0 * (w + h)
    if np.abs(pxy).max() > lim:
        x0, y0, x1, y1 = (np.clip(v, -lim, lim) for v in (x0, y0, x1, y1))
    inside = ((np.minimum(x0, x1) >= width) & (np.maximum(x0, x1) < w - width)
              & (np.minimum(y0, y1) >= width) & (np.maximum(y0, y1) < h - width))
    cols = colors[r]
    if inside.all():
        _segments(buf, w, h, x0, y0, x1, y1, cols, width, True)
        return
    for part, fast in ((inside, True), (~inside, False)):
        if part.any():
            _segments(buf, w, h, x0[part], y0[part], x1[part], y1[part], cols[part], width, fast)


def _segments(buf, w, h, x0, y0, x1, y1, colors, width, inside) -> None:
    dx, dy = x1 - x0, y1 - y0
    n = np.ceil(np.maximum(np.abs(dx), np.abs(dy))).astype(np.int64) + 1
    total = int(n.sum())
    if total == 0:
        return
    step = np.arange(total, dtype=np.float32)
    step -= np.repeat((np.cumsum(n) - n).astype(np.float32), n)
    inv = 1.0 / np.maximum(n - 1, 1)
    px = np.repeat(x0.astype(np.float32), n)
    px += np.repeat((dx * inv).astype(np.float32), n) * step
    py = np.repeat(y0.astype(np.float32), n)
    py += np.repeat((dy * inv).astype(np.float32), n) * step
    col = np.repeat(colors, n)
    half = width // 2
    offsets = [(0, 0)] if width <= 1 else [(ox, oy) for ox in range(-half, width - half)
                                           for oy in range(-half, width - half)]
    if inside:   # every pixel is in the image and coordinates are positive: truncation is floor
        idx = py.astype(np.int64)
        idx *= w
        idx += px.astype(np.int64)
        for ox, oy in offsets:
            buf[idx + (oy * w + ox)] = col
        return
    ix = np.floor(px).astype(np.int64)
    iy = np.floor(py).astype(np.int64)
    for ox, oy in offsets:
        qx, qy = ix + ox, iy + oy
        m = (qx >= 0) & (qx < w) & (qy >= 0) & (qy < h)
        buf[qy[m] * w + qx[m]] = col[m]
