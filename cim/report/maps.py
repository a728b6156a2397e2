"""Small map extracts per issue, rendered headless (matplotlib Agg) from the layer geometries.

The window is the issue's bounding box grown to at least ``min_size`` metres; every vector layer is
drawn from an STRtree window query (no full-layer drawing), the issue's objects in red on top.
"""

from __future__ import annotations

import base64
import io

STYLE = {"boundary": ("none", "#555555", 1.2), "plot": ("#f4ecd8", "#b8a98a", 0.3),
         "building": ("#d5d8dc", "#7f8c8d", 0.3), "water_body": ("#aed6f1", "#5dade2", 0.3),
         "road": ("none", "#909497", 1.0), "rail": ("none", "#34495e", 1.4),
         "network_edge": ("none", "#5499c7", 0.6), "network_node": ("#5499c7", "#5499c7", 4),
         "smart_element": ("#8e44ad", "#8e44ad", 6), "station": ("#000000", "#000000", 14)}
ORDER = ["plot", "water_body", "building", "road", "rail", "network_edge", "boundary", "network_node",
         "station", "smart_element"]


class MapRenderer:
    def __init__(self, project, *, size_px: int = 260, min_size: float = 160.0) -> None:
        import numpy as np
        import shapely

        from cim.checks.context import _kind_of

        self.min_size = min_size
        self.size_px = size_px
        self.layers = []
        for rec in project.ordered_layers():
            if rec.kind != "vector" or not len(rec.data):
                continue
            kind = _kind_of(rec)[0] or ""
            g = np.asarray(rec.data.geometry.array, dtype=object)
            self.layers.append((ORDER.index(kind) if kind in ORDER else 0, rec, kind, g, shapely.STRtree(g)))
        self.layers.sort(key=lambda t: t[0])
        self._fig = None

    def _figure(self):
        import matplotlib

        matplotlib.use("Agg", force=False)
        from matplotlib.figure import Figure

        if self._fig is None:
            dpi = 100
            self._fig = Figure(figsize=(self.size_px / dpi, self.size_px / dpi), dpi=dpi)
        self._fig.clear()
        ax = self._fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        return self._fig, ax

    def render(self, issue) -> str | None:
        """A base64 PNG of the neighbourhood of ``issue`` (None when it has no location)."""
        import numpy as np
        import shapely

        if not issue.bbox:
            return None
        x0, y0, x1, y1 = issue.bbox
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        half = max(x1 - x0, y1 - y0, self.min_size) / 2 * 1.15
        win = shapely.box(cx - half, cy - half, cx + half, cy + half)
        fig, ax = self._figure()
        hl = set(issue.fids)
        for _, rec, kind, g, tree in self.layers:
            idx = tree.query(win)
            if not len(idx):
                continue
            red = np.array([rec.id == issue.layer_id and f in hl for f in rec.data.index.to_numpy()[idx]])
            face, edge, width = STYLE.get(kind, ("none", "#aab7b8", 0.5))
            self._draw(ax, g[idx[~red]], face, edge, width)
            if red.any():
                self._draw(ax, g[idx[red]], "#e74c3c55", "#c0392b", max(width, 1.5) * 1.5, front=True)
        if issue.location:
            try:
                pt = shapely.from_wkt(issue.location)
                c = shapely.get_coordinates(pt)
                ax.scatter(c[:, 0], c[:, 1], s=90, facecolors="none", edgecolors="#c0392b", linewidths=2, zorder=10)
            except Exception:  # a malformed location only costs the marker
                pass
        ax.set_xlim(cx - half, cx + half)
        ax.set_ylim(cy - half, cy + half)
        ax.set_aspect("equal")
        ax.plot([cx - half * 0.9, cx - half * 0.9 + 50], [cy - half * 0.9] * 2, color="black", lw=2)
        ax.text(cx - half * 0.9, cy - half * 0.85, "50 m", fontsize=7)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        return base64.b64encode(buf.getvalue()).decode("ascii")

    @staticmethod
    def _draw(ax, geoms, face, edge, width, front: bool = False) -> None:
        import numpy as np
        import shapely
        from matplotlib.collections import LineCollection, PolyCollection

        if not len(geoms):
            return
        z = 5 if front else 1
        types = shapely.get_type_id(geoms)
        pts = geoms[types == 0]
        if len(pts):
            c = shapely.get_coordinates(pts)
            ax.scatter(c[:, 0], c[:, 1], s=width, color=edge if face == "none" else face, zorder=z + 1)
        lines = geoms[np.isin(types, (1, 2, 5))]
        if len(lines):
            parts = shapely.get_parts(lines)
            ax.add_collection(LineCollection([shapely.get_coordinates(p) for p in parts], colors=edge,
                                             linewidths=width, zorder=z))
        polys = geoms[np.isin(types, (3, 6))]
        if len(polys):
            rings = shapely.get_exterior_ring(shapely.get_parts(polys))
            ax.add_collection(PolyCollection([shapely.get_coordinates(r) for r in rings], facecolors=face,
                                             edgecolors=edge, linewidths=width, zorder=z))
