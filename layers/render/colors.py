"""Colours as packed RGBA ``uint32`` (little-endian: R in the low byte), colour ramps, parsing.

A packed colour array can be written straight into an ``(H, W)`` ``uint32`` view of an
``(H, W, 4)`` ``uint8`` RGBA image, which is what the vector renderer does.
"""

from __future__ import annotations

import numpy as np

NAMED = {
    "black": "#000000", "white": "#ffffff", "red": "#e31a1c", "green": "#33a02c", "blue": "#1f78b4",
    "grey": "#808080", "gray": "#808080", "yellow": "#ffff33", "orange": "#ff7f00", "none": "#00000000",
    "transparent": "#00000000",
}

# ramp name -> colour stops (evenly spaced)
RAMPS: dict[str, list[str]] = {
    "viridis": ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"],
    "YlOrRd": ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"],
    "Blues": ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    "Greens": ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"],
    "Reds": ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"],
    "RdYlGn": ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"],
    "Spectral": ["#d7191c", "#fdae61", "#ffffbf", "#abdda4", "#2b83ba"],
    "magma": ["#000004", "#51127c", "#b73779", "#fc8961", "#fcfdbf"],
    # hypsometric tints for a lowland district: river plain green to hill brown
    "terrain": ["#7fae7a", "#b5d09a", "#ebe8c4", "#e0c9a0", "#c4a385", "#f2efe9"],
    "terrain_vivid": ["#3a7d44", "#8fbf5a", "#e8e4a0", "#d9a65b", "#a8673a", "#f2f0ea"],
    "greys": ["#000000", "#ffffff"],
}

# qualitative palette for categories without an explicit colour (ColorBrewer Set3-like, muted)
QUALITATIVE = ["#8dd3c7", "#fdb462", "#bebada", "#fb8072", "#80b1d3", "#b3de69", "#fccde5",
               "#bc80bd", "#ccebc5", "#ffed6f", "#d9d9d9", "#e5c494"]


def parse_color(value, alpha: float | None = None) -> tuple[int, int, int, int]:
    """``"#rgb"``, ``"#rrggbb"``, ``"#rrggbbaa"``, a name, or an (r, g, b[, a]) tuple -> RGBA ints."""
    if value is None:
        return (0, 0, 0, 0)
    if isinstance(value, (tuple, list)):
        r, g, b = (int(v) for v in value[:3])
        a = int(value[3]) if len(value) > 3 else 255
    else:
        s = NAMED.get(str(value).strip().lower(), str(value).strip())
        if not s.startswith("#") or len(s) not in (4, 7, 9):
            raise ValueError(f"not a colour: {value!r} (use #rrggbb)")
        if len(s) == 4:
            s = "#" + "".join(c * 2 for c in s[1:])
        r, g, b = int(s[1:3], 16), int(s[3:5], 16), int(s[5:7], 16)
        a = int(s[7:9], 16) if len(s) == 9 else 255
    if alpha is not None:
        a = int(round(a * alpha))
    return (r, g, b, a)


def pack(rgba) -> np.uint32:
    r, g, b, a = rgba
    return np.uint32(r | (g << 8) | (b << 16) | (a << 24))


def pack_array(rgba: np.ndarray) -> np.ndarray:
    """(N, 4) uint8-like -> (N,) uint32."""
    rgba = np.asarray(rgba, dtype=np.uint32)
    return rgba[:, 0] | (rgba[:, 1] << 8) | (rgba[:, 2] << 16) | (rgba[:, 3] << 24)


def unpack(value) -> tuple[int, int, int, int]:
    v = int(value)
    return (v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >> 24) & 255)


def to_hex(rgba) -> str:
    r, g, b, a = rgba
    return f"#{r:02x}{g:02x}{b:02x}" + ("" if a == 255 else f"{a:02x}")


def ramp_colors(name: str, n: int) -> np.ndarray:
    """``n`` colours sampled evenly along a ramp, as an (n, 4) uint8 array."""
    lut = ramp_lut(name, max(n, 2))
    if n == 1:
        return lut[[len(lut) // 2]]
    return lut[:n]


def ramp_lut(name: str, size: int = 256) -> np.ndarray:
    """A (size, 4) uint8 lookup table interpolated along the ramp's stops."""
    stops = RAMPS.get(name) or RAMPS["viridis"]
    cols = np.array([parse_color(c) for c in stops], dtype=np.float64)
    pos = np.linspace(0.0, 1.0, len(cols))
    t = np.linspace(0.0, 1.0, size)
    out = np.empty((size, 4), dtype=np.uint8)
    for ch in range(4):
        out[:, ch] = np.round(np.interp(t, pos, cols[:, ch]))
    return out


def mix(c1, c2, t: float) -> tuple[int, int, int, int]:
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c1, c2))  # type: ignore[return-value]
