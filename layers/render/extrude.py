"""Footprints extruded to 3D meshes with numpy: walls as quads, roofs as triangles, one mesh for all.

Returns plain arrays (points, VTK-style faces, owner of each cell) so that the 3D view merges a whole
city into one actor and maps a picked cell back to its feature. Convex roofs are fan-triangulated
with array arithmetic; other roofs go through shapely's constrained Delaunay triangulation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Mesh:
    points: np.ndarray      # (P, 3) float32, relative to ``origin``
    faces: np.ndarray       # VTK faces: [n, i0, .., in-1, n, ...] int64
    owner: np.ndarray       # (C,) index of the input feature of each cell
    origin: tuple[float, float, float]
    n_walls: int = 0        # the first n_walls cells are walls, the rest roofs

    @property
    def n_cells(self) -> int:
        return len(self.owner)


def extrude_footprints(geoms: np.ndarray, heights: np.ndarray, base: np.ndarray | float = 0.0,
                       origin: tuple[float, float, float] | None = None) -> Mesh:
    """Prisms of ``heights`` metres standing on ``base`` elevations, for polygon footprints."""
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    heights = np.broadcast_to(np.asarray(heights, dtype=np.float64), (n,))
    base = np.broadcast_to(np.asarray(base, dtype=np.float64), (n,))
    parts, part_owner = shapely.get_parts(geoms, return_index=True)
    keep = shapely.get_type_id(parts) == 3
    parts, part_owner = parts[keep], part_owner[keep]
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    ring_owner = part_owner[ring_part]
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    if origin is None:
        origin = (float(coords[:, 0].mean()) if len(coords) else 0.0,
                  float(coords[:, 1].mean()) if len(coords) else 0.0, 0.0)
    ox, oy, oz = origin
    owner_v = ring_owner[ring_of]
    z0 = base[owner_v] - oz
    z1 = z0 + heights[owner_v]
    m = len(coords)
    xy = coords - (ox, oy)
    points = [np.column_stack([xy, z0]), np.column_stack([xy, z1])]   # bottom 0..m-1, top m..2m-1
    # walls: one quad per ring edge
    same = ring_of[:-1] == ring_of[1:]
    a = np.flatnonzero(same)
    walls = np.column_stack([np.full(len(a), 4), a, a + 1, a + 1 + m, a + m])
    wall_owner = owner_v[a]
    # roofs: fan triangulation of convex single-ring parts, Delaunay for the rest
    n_rings = shapely.get_num_interior_rings(parts) + 1
    ring_start = np.searchsorted(ring_of, np.arange(len(rings) + 1))
    first_ring = np.searchsorted(ring_part, np.arange(len(parts)))
    convex = (n_rings == 1) & _convex_rings(coords, ring_of, ring_start)[first_ring]
    cp = np.flatnonzero(convex)
    s = ring_start[first_ring[cp]]
    k = ring_start[first_ring[cp] + 1] - s - 1            # unique vertices (ring is closed)
    nt = np.maximum(k - 2, 0)
    tri_s = np.repeat(s, nt)
    j = np.arange(int(nt.sum())) - np.repeat(np.cumsum(nt) - nt, nt) + 1
    roofs = np.column_stack([np.full(len(j), 3), tri_s + m, tri_s + j + m, tri_s + j + 1 + m])
    roof_owner = part_owner[np.repeat(cp, nt)]
    extra_faces, extra_owner = [], []
    other = np.flatnonzero(~convex)
    if len(other):
        tris = shapely.constrained_delaunay_triangles(parts[other])
        tparts, towner = shapely.get_parts(tris, return_index=True)
        tc = shapely.get_coordinates(tparts).reshape(-1, 4, 2)[:, :3]
        t_own = part_owner[other[towner]]
        zt = (base[t_own] + heights[t_own] - oz)[:, None].repeat(3, axis=1)
        pts = np.concatenate([tc - (ox, oy), zt[..., None]], axis=2).reshape(-1, 3)
        start = 2 * m
        idx = start + np.arange(len(pts)).reshape(-1, 3)
        points.append(pts)
        extra_faces.append(np.column_stack([np.full(len(idx), 3), idx]))
        extra_owner.append(t_own)
    faces = np.concatenate([walls.ravel(), roofs.ravel()] + [f.ravel() for f in extra_faces]).astype(np.int64)
    owner = np.concatenate([wall_owner, roof_owner] + extra_owner).astype(np.int64)
    return Mesh(points=np.concatenate(points).astype(np.float32), faces=faces, owner=owner, origin=origin,
                n_walls=len(wall_owner))


def _convex_rings(coords: np.ndarray, ring_of: np.ndarray, ring_start: np.ndarray) -> np.ndarray:
    """True for rings whose consecutive edges all turn the same way (vectorised, no hull)."""
    n_r = len(ring_start) - 1
    if len(coords) < 3:
        return np.zeros(n_r, dtype=bool)
    d = np.diff(coords, axis=0)
    cross = d[:-1, 0] * d[1:, 1] - d[:-1, 1] * d[1:, 0]
    valid = (ring_of[:-2] == ring_of[2:])          # both edges inside the same ring
    sign = np.sign(cross) * valid
    pos = np.bincount(ring_of[:-2], weights=(sign > 0), minlength=n_r)
    neg = np.bincount(ring_of[:-2], weights=(sign < 0), minlength=n_r)
    return (pos == 0) | (neg == 0)


def polylines(geoms: np.ndarray, z: np.ndarray | float, origin: tuple[float, float, float]):
    """Points and VTK ``lines`` array for line features, lifted to ``z`` (per feature or scalar)."""
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    z = np.broadcast_to(np.asarray(z, dtype=np.float64), (len(geoms),))
    parts, owner = shapely.get_parts(geoms, return_index=True)
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    counts = np.bincount(part_of, minlength=len(parts))
    starts = np.cumsum(counts) - counts
    lines = []
    idx = np.arange(len(coords))
    cells = np.repeat(np.arange(len(parts)), counts)
    order = np.argsort(cells, kind="stable")
    for_cells = np.column_stack([counts, starts])
    # VTK lines: [n, i0..in-1] per part, built with one concatenate
    lines = np.empty(len(parts) + len(coords), dtype=np.int64)
    pos = starts + np.arange(len(parts))
    lines[pos] = counts
    mask = np.ones(len(lines), dtype=bool)
    mask[pos] = False
    lines[mask] = idx[order]
    del for_cells
    pts = np.column_stack([coords - origin[:2], z[owner[part_of]] - origin[2]]).astype(np.float32)
    return pts, lines, owner


def sample_grid(dem: np.ndarray, transform, xy: np.ndarray, nodata=None) -> np.ndarray:
    """Nearest elevations of a north-up grid at points (NaN outside)."""
    a, _, c, _, e, f = tuple(transform)[:6]
    rows, cols = dem.shape
    ci = np.floor((xy[:, 0] - c) / a).astype(np.int64)
    ri = np.floor((xy[:, 1] - f) / e).astype(np.int64)
    ok = (ci >= 0) & (ci < cols) & (ri >= 0) & (ri < rows)
    out = np.full(len(xy), np.nan)
    out[ok] = dem[ri[ok], ci[ok]]
    if nodata is not None:
        out[out == nodata] = np.nan
    return out


def block_lod(geoms: np.ndarray, heights: np.ndarray, base, colors_packed: np.ndarray | None = None,
              max_blocks: int = 1500, origin: tuple[float, float, float] = (0.0, 0.0, 0.0)):
    """A coarse 'block model' for interaction: buildings binned in a grid, each cell one box with the
    cell's built area and area-weighted mean height. Returns (Mesh, rgb per cell or None)."""
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    heights = np.broadcast_to(np.asarray(heights, dtype=np.float64), (n,))
    base = np.broadcast_to(np.asarray(base, dtype=np.float64), (n,))
    b = shapely.bounds(geoms)
    area = shapely.area(geoms)
    cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    x0, y0, x1, y1 = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    cell = max(np.sqrt((x1 - x0) * (y1 - y0) / max_blocks), 1.0)
    ix = ((cx - x0) // cell).astype(np.int64)
    iy = ((cy - y0) // cell).astype(np.int64)
    keys, inv = np.unique(ix * (int((y1 - y0) // cell) + 2) + iy, return_inverse=True)
    m = len(keys)

    def agg(v):
        return np.bincount(inv, weights=v, minlength=m)
    a = agg(area)
    h = agg(area * heights) / np.maximum(a, 1e-9)
    z = agg(area * base) / np.maximum(a, 1e-9)
    bx0 = np.full(m, np.inf)
    by0 = np.full(m, np.inf)
    bx1 = np.full(m, -np.inf)
    by1 = np.full(m, -np.inf)
    np.minimum.at(bx0, inv, b[:, 0])
    np.minimum.at(by0, inv, b[:, 1])
    np.maximum.at(bx1, inv, b[:, 2])
    np.maximum.at(by1, inv, b[:, 3])
    w, d = bx1 - bx0, by1 - by0
    k = np.sqrt(np.clip(a / np.maximum(w * d, 1e-9), 0.05, 1.0))      # keep the built share of the block
    mx, my = (bx0 + bx1) / 2, (by0 + by1) / 2
    boxes = shapely.box(mx - w * k / 2, my - d * k / 2, mx + w * k / 2, my + d * k / 2)
    mesh = extrude_footprints(boxes, h, z, origin=origin)
    rgb = None
    if colors_packed is not None:
        cols = np.stack([(np.asarray(colors_packed) >> s) & 255 for s in (0, 8, 16)], axis=1).astype(float)
        mean = np.stack([agg(area * cols[:, c]) for c in range(3)], axis=1) / np.maximum(a, 1e-9)[:, None]
        rgb = mean[mesh.owner].astype(np.uint8)
    return mesh, rgb
