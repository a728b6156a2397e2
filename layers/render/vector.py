"""Rasterise a vector snapshot into an RGBA buffer, vectorised where it matters.

Features smaller than :data:`SPLAT_PX` pixels on screen are written as pixel rectangles with numpy
(no Python per feature: a million of them costs a few array operations); only features big
enough to show their shape are drawn as polygons or lines with Pillow's C rasteriser, writing into
the caller's numpy buffer in place. Points are stamped with a vectorised marker.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from layers.render.scanline import draw_segments, fill_polygons
from layers.render.snapshot import VectorSnapshot
from layers.render.viewport import Viewport

SPLAT_PX = 3          # features below this size (pixels, both axes) are splatted
MEDIUM_PX = 96        # simple polygons below this size are scanline-filled with numpy
_CHECK_EVERY = 2000   # features drawn between cancel checks


class RenderCanceled(Exception):
    """The view changed while rendering: the job's result is no longer wanted."""


def _never() -> bool:
    return False


def render_vector(snap: VectorSnapshot, vp: Viewport, out: np.ndarray,
                  cancel: Callable[[], bool] | None = None) -> None:
    """Draw ``snap`` into ``out`` (an (H, W, 4) uint8 C-contiguous array), overwriting pixels."""
    cancel = cancel or _never
    h, w = out.shape[:2]
    buf = out.reshape(-1).view(np.uint32)
    sel = snap.query(vp.extent)
    x0, _, _, y1 = vp.extent
    inv = 1.0 / vp.res
    if isinstance(sel, slice):
        idx = None
        minx, miny, maxx, maxy, dims = snap.minx, snap.miny, snap.maxx, snap.maxy, snap.dims
        fill, stroke = snap.style.fill, snap.style.stroke
    else:
        if len(sel) == 0:
            return
        idx = sel
        minx, miny, maxx, maxy, dims = snap.minx[sel], snap.miny[sel], snap.maxx[sel], snap.maxy[sel], snap.dims[sel]
        fill, stroke = snap.style.fill[sel], snap.style.stroke[sel]
    if snap.style.lines_in_fill:      # a line's class colour is its legend colour, not the darker outline
        stroke = np.where(dims == 1, fill, stroke)
    px0 = (minx - x0) * inv
    px1 = (maxx - x0) * inv
    py0 = (y1 - maxy) * inv
    py1 = (y1 - miny) * inv
    size = np.maximum(px1 - px0, py1 - py0)
    if cancel():
        raise RenderCanceled
    is_point = dims == 0
    small = (size < SPLAT_PX) & (dims > 0)
    # tiny polygons show their fill, or their outline when unfilled; tiny lines their colour
    tiny_col = np.where((dims == 2) & ((fill >> 24) > 0), fill, stroke)
    if small.all():
        _splat_rects(buf, w, h, px0, py0, px1, py1, tiny_col)
    elif small.any():
        _splat_rects(buf, w, h, px0[small], py0[small], px1[small], py1[small], tiny_col[small])
    if is_point.any():
        cx = (px0[is_point] + px1[is_point]) * 0.5
        cy = (py0[is_point] + py1[is_point]) * 0.5
        _stamp_points(buf, w, h, cx, cy, fill[is_point], stroke[is_point], snap.style.size, snap.style.marker)
        # multipoints spread over several pixels are stamped per part below
    big = (~small) & (dims > 0)
    if cancel():
        raise RenderCanceled
    if big.any():
        pos = np.flatnonzero(big)
        feat = pos if idx is None else idx[pos]
        rest = _draw_vectorised(snap, feat, buf, w, h, vp, fill[pos], stroke[pos], size[pos])
        if len(rest):
            _draw_shapes(snap, feat[rest], out, vp, fill[pos][rest], stroke[pos][rest], cancel)


def _draw_vectorised(snap, feat, buf, w, h, vp, fill, stroke, size) -> np.ndarray:
    """Scanline-fill simple polygons smaller than MEDIUM_PX and draw thin lines with numpy.
    Returns the positions (into ``feat``) left for the Pillow path."""
    import shapely

    geoms = snap.geoms[feat]
    tid = shapely.get_type_id(geoms)
    width = max(1, int(round(snap.style.width)))
    x0, _, _, y1 = vp.extent
    inv = 1.0 / vp.res
    poly = (tid == 3) & (size < MEDIUM_PX)
    if poly.any():
        poly &= shapely.get_num_interior_rings(geoms) == 0
    lines = ((tid == 1) | (tid == 5)) & (width <= 2)
    if poly.any():
        p = np.flatnonzero(poly)
        coords, ring = shapely.get_coordinates(geoms[p], return_index=True)
        pxy = np.column_stack(((coords[:, 0] - x0) * inv, (y1 - coords[:, 1]) * inv))
        fc, sc = fill[p], stroke[p]
        thin = width == 1 and bool((sc >> 24).any())
        fill_polygons(buf, w, h, pxy, ring, fc, outline=sc if thin else None)
        if not thin and (sc >> 24).any():
            draw_segments(buf, w, h, pxy, ring, sc, width)
    if lines.any():
        q = np.flatnonzero(lines)
        parts, owner = shapely.get_parts(geoms[q], return_index=True)
        coords, part = shapely.get_coordinates(parts, return_index=True)
        pxy = np.column_stack(((coords[:, 0] - x0) * inv, (y1 - coords[:, 1]) * inv))
        draw_segments(buf, w, h, pxy, part, stroke[q][owner], width)
    return np.flatnonzero(~poly & ~lines)


def _splat_rects(buf, w, h, px0, py0, px1, py1, colors) -> None:
    """Fill the pixel boxes of tiny features (at most SPLAT_PX x SPLAT_PX pixels each)."""
    ix0 = np.floor(px0).astype(np.int64)
    iy0 = np.floor(py0).astype(np.int64)
    ix1 = np.minimum(np.floor(px1).astype(np.int64), ix0 + SPLAT_PX - 1)
    iy1 = np.minimum(np.floor(py1).astype(np.int64), iy0 + SPLAT_PX - 1)
    np.maximum(ix0, 0, out=ix0)
    np.maximum(iy0, 0, out=iy0)
    np.minimum(ix1, w - 1, out=ix1)
    np.minimum(iy1, h - 1, out=iy1)
    keep = (ix1 >= ix0) & (iy1 >= iy0)
    if not keep.all():
        ix0, iy0, ix1, iy1, colors = ix0[keep], iy0[keep], ix1[keep], iy1[keep], colors[keep]
    base = iy0 * w + ix0
    buf[base] = colors
    dx, dy = ix1 - ix0, iy1 - iy0
    for oy in range(SPLAT_PX):
        for ox in range(SPLAT_PX):
            if ox == 0 and oy == 0:
                continue
            m = (dx >= ox) & (dy >= oy)
            if m.any():
                buf[base[m] + (oy * w + ox)] = colors[m]


def _marker_offsets(size: float, marker: str):
    r = max(size, 1.0) / 2.0
    k = int(np.ceil(r))
    oy, ox = np.mgrid[-k:k + 1, -k:k + 1]
    if marker == "square":
        inside = (np.abs(ox) <= r - 0.5) & (np.abs(oy) <= r - 0.5)
        rim = inside & ((np.abs(ox) > r - 1.5) | (np.abs(oy) > r - 1.5))
    else:
        d = np.hypot(ox, oy)
        inside = d <= r - 0.3
        rim = inside & (d > r - 1.4)
    return ox[inside & ~rim], oy[inside & ~rim], ox[rim], oy[rim]


def _stamp_points(buf, w, h, cx, cy, fill, stroke, size, marker) -> None:
    ix = np.floor(cx).astype(np.int64)
    iy = np.floor(cy).astype(np.int64)
    fx, fy, rx, ry = _marker_offsets(size, marker)
    for offs_x, offs_y, col in ((fx, fy, fill), (rx, ry, stroke)):
        for ox, oy in zip(offs_x.tolist(), offs_y.tolist()):
            x, y = ix + ox, iy + oy
            m = (x >= 0) & (x < w) & (y >= 0) & (y < h)
            if m.any():
                buf[y[m] * w + x[m]] = col[m]


def _ink_cache():
    cache: dict[int, tuple] = {}

    def ink(packed) -> tuple:
        v = int(packed)
        t = cache.get(v)
        if t is None:
            t = (v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >> 24) & 255)
            cache[v] = t
        return t
    return ink


def _draw_shapes(snap, feat, out, vp, fill, stroke, cancel) -> None:
    """Draw lines and polygons big enough to show their shape with Pillow, in painter's order."""
    import shapely
    from PIL import Image, ImageDraw

    h, w = out.shape[:2]
    im = Image.frombuffer("RGBA", (w, h), out, "raw", "RGBA", 0, 1)
    im.readonly = 0   # draw straight into the caller's numpy buffer
    draw = ImageDraw.Draw(im)
    core = draw.draw
    ink = _ink_cache()
    pil_ink = {}

    def pink(packed):
        v = int(packed)
        r = pil_ink.get(v)
        if r is None:
            r = draw._getink(ink(v))[0]
            pil_ink[v] = r
        return r

    width = max(1, int(round(snap.style.width)))
    geoms = snap.geoms[feat]
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    is_poly = shapely.get_type_id(parts) == 3
    # rings of polygon parts, the lines themselves otherwise: one "ring" list in part order
    rings_poly, ring_part = shapely.get_rings(parts[is_poly], return_index=True)
    poly_parts = np.flatnonzero(is_poly)
    ring_part = poly_parts[ring_part]
    line_parts = np.flatnonzero(~is_poly & (shapely.get_type_id(parts) != 0))
    rings = np.concatenate([rings_poly, parts[line_parts]])
    owner = np.concatenate([ring_part, line_parts])
    order = np.argsort(owner, kind="stable")
    rings, owner = rings[order], owner[order]
    coords, cidx = shapely.get_coordinates(rings, return_index=True)
    x0, _, _, y1 = vp.extent
    inv = 1.0 / vp.res
    pxy = np.empty_like(coords)
    pxy[:, 0] = (coords[:, 0] - x0) * inv
    pxy[:, 1] = (y1 - coords[:, 1]) * inv
    np.clip(pxy, -1e5, 1e5, out=pxy)
    flat = pxy.ravel().tolist()
    starts = np.searchsorted(cidx, np.arange(len(rings) + 1)) * 2
    first_of_part = np.searchsorted(owner, np.arange(len(parts) + 1))
    starts_l, first_l = starts.tolist(), first_of_part.tolist()
    part_feat = part_of.tolist()
    poly_l = is_poly.tolist()
    fill_l, stroke_l = fill.tolist(), stroke.tolist()
    for p in range(len(parts)):
        if p % _CHECK_EVERY == _CHECK_EVERY - 1 and cancel():
            raise RenderCanceled
        r0, r1 = first_l[p], first_l[p + 1]
        if r1 <= r0:
            continue
        f = part_feat[p]
        sc = stroke_l[f]
        if poly_l[p]:
            fc = fill_l[f]
            if r1 - r0 == 1:
                xy = flat[starts_l[r0]:starts_l[r0 + 1]]
                if fc >> 24:
                    core.draw_polygon(xy, pink(fc), 1)
            else:
                _fill_with_holes(im, flat, starts_l, r0, r1, ink(fc))
            if sc >> 24:
                for r in range(r0, r1):
                    xy = flat[starts_l[r]:starts_l[r + 1]]
                    if width == 1:
                        core.draw_polygon(xy, pink(sc), 0)
                    else:
                        core.draw_lines(xy, pink(sc), width)
        elif sc >> 24:
            xy = flat[starts_l[r0]:starts_l[r0 + 1]]
            if width >= 3 and len(xy) <= 400:
                draw.line(xy, fill=ink(sc), width=width, joint="curve")
            else:
                core.draw_lines(xy, pink(sc), width)


def _fill_with_holes(im, flat, starts, r0, r1, rgba) -> None:
    """A polygon with holes: rasterise exterior minus holes into a mask, paste the colour through it."""
    from PIL import Image, ImageDraw

    if rgba[3] == 0:
        return
    ext = flat[starts[r0]:starts[r0 + 1]]
    xs, ys = ext[0::2], ext[1::2]
    bx0, by0 = max(int(min(xs)), 0), max(int(min(ys)), 0)
    bx1, by1 = min(int(max(xs)) + 2, im.width), min(int(max(ys)) + 2, im.height)
    if bx1 <= bx0 or by1 <= by0:
        return
    mask = Image.new("L", (bx1 - bx0, by1 - by0), 0)
    md = ImageDraw.Draw(mask)
    for r in range(r0, r1):
        xy = flat[starts[r]:starts[r + 1]]
        shifted = [v - (bx0 if i % 2 == 0 else by0) for i, v in enumerate(xy)]
        md.polygon(shifted, fill=255 if r == r0 else 0)
    im.paste(rgba, (bx0, by0, bx1, by1), mask)
