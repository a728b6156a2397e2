"""Editing tools: add point/line/polygon features and edit vertices, with snapping. Each finished
edit is one core command pushed on the project's undo stack (AddFeatures, ChangeGeometry)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPen

from app.canvas import vertex_ops as vx
from app.canvas.tools import MapTool, _PathTool
from app.i18n import layer_name
from layers.kinds import geometry_kind, has_table
from layers.render.pick import nearest_vertex, pick_point
from plugins.gui import tr as _t

SNAP_PX = 10
GEOMETRY_WORDS = (QT_TRANSLATE_NOOP("Tools", "point"), QT_TRANSLATE_NOOP("Tools", "line"),
                  QT_TRANSLATE_NOOP("Tools", "polygon"))



class _SnappingMixin:
    def snapped(self, event, exclude=None) -> tuple[float, float]:
        x, y = self.canvas.to_map(event.position())
        if event.modifiers() & Qt.AltModifier:       # Alt: no snapping
            return x, y
        snaps = [s for _, s in self.pick_snapshots()]
        hit = nearest_vertex(snaps, x, y, self.canvas.pixel_tolerance(SNAP_PX), exclude=exclude)
        self.snap_hit = hit
        return hit if hit is not None else (x, y)


class AddFeatureTool(_SnappingMixin, _PathTool):
    """Adds a feature to the current layer: click once for a point; click vertices and double-click
    (or Enter) for a line or polygon."""

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.snap_hit = None

    def rec(self):
        return self.session.current_layer()

    def activate(self) -> None:
        rec = self.rec()
        self.closed = has_table(rec) and geometry_kind(rec) == "polygon"

    def map_point(self, event):
        return self.snapped(event)

    def press(self, event) -> None:
        rec = self.rec()
        if not has_table(rec):
            self.report(_t("Tools", "Choose a vector layer to add features to"))
            return
        self.closed = geometry_kind(rec) == "polygon"
        super().press(event)
        if geometry_kind(rec) == "point" and self.points:
            self._finish()

    def finished(self, points) -> None:
        import geopandas as gpd
        import shapely

        from cim.project.feature_edits import AddFeatures

        rec = self.rec()
        if rec is None:
            return
        kind = geometry_kind(rec)
        need = {"point": 1, "line": 2, "polygon": 3}[kind]
        if len(points) < need:
            self.report(_t("Tools", "A %1 needs at least %2 vertices").replace("%1", QCoreApplication.translate("Tools", kind)).replace("%2", str(need)))
            return
        geom = {"point": lambda p: shapely.Point(p[0]), "line": shapely.LineString,
                "polygon": shapely.Polygon}[kind](points)
        if "Multi" in str(rec.source.get("geometry_type", "")) or (
                len(rec.data) and rec.data.geom_type.iloc[0].startswith("Multi")):
            geom = {"point": shapely.MultiPoint, "line": shapely.MultiLineString,
                    "polygon": shapely.MultiPolygon}[kind]([geom])
        rows = gpd.GeoDataFrame({"geometry": [geom]}, geometry="geometry", crs=rec.data.crs)
        cmd = AddFeatures(self.session.project, rec.id, rows)
        if self.session.push(cmd):
            self.session.select(rec.id, cmd.fids)
            self.report(_t("Tools", "Added feature #%1 to %2").replace("%1", str(int(cmd.fids[0]))).replace("%2", layer_name(rec)))


class VertexTool(_SnappingMixin, MapTool):
    """Drag a vertex to move it, double-click a segment to add one, right-click a vertex to delete it.
    Works on the selected feature of the current layer, or on the feature clicked."""

    cursor = Qt.CrossCursor

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.fid = None
        self.drag_key = None
        self.drag_pos = None
        self.snap_hit = None

    def target(self):
        rec = self.session.current_layer()
        if not has_table(rec):
            return None, None
        if self.fid is None or self.fid not in rec.data.index:
            sel = self.session.selected(rec.id)
            self.fid = int(sel[0]) if len(sel) else None
        geom = rec.data.geometry.loc[self.fid] if self.fid is not None else None
        return rec, geom

    def _vertex_at(self, geom, pos):
        tol = 8.0
        best = None
        for key, x, y in vx.vertices(geom):
            q = self.canvas.to_screen(x, y)
            d = abs(q.x() - pos.x()) + abs(q.y() - pos.y())
            if d <= tol and (best is None or d < best[1]):
                best = (key, d)
        return best[0] if best else None

    def press(self, event) -> None:
        rec, geom = self.target()
        if rec is None:
            return
        key = self._vertex_at(geom, event.position()) if geom is not None else None
        if key is None:
            x, y = self.canvas.to_map(event.position())
            for r, snap in self.pick_snapshots(only_current=True):
                hit = pick_point(snap, x, y, self.canvas.pixel_tolerance(4))
                if len(hit):
                    self.fid = int(snap.fids[hit[0]])
                    self.session.select(r.id, [self.fid])
            self.canvas.update()
            return
        if event.button() == Qt.RightButton:
            new = vx.delete_vertex(geom, key)
            if new is None:
                self.report(_t("Tools", "This vertex cannot be deleted: the shape would have too few vertices"))
            else:
                self._commit(rec, new, _t("Tools", "Vertex deleted"))
            return
        self.drag_key, self.drag_pos = key, None

    def move(self, event) -> None:
        if self.drag_key is not None:
            rec, _ = self.target()
            self.drag_pos = self.snapped(event, exclude=(rec.id, self.fid))
            self.canvas.update()

    def release(self, event) -> None:
        if self.drag_key is None:
            return
        rec, geom = self.target()
        key, pos = self.drag_key, self.drag_pos
        self.drag_key = self.drag_pos = None
        if pos is not None and geom is not None:
            self._commit(rec, vx.move_vertex(geom, key, *pos), _t("Tools", "Vertex moved"))

    def double_click(self, event) -> None:
        rec, geom = self.target()
        if geom is None:
            return
        x, y = self.canvas.to_map(event.position())
        key, dist, foot = vx.nearest_segment(geom, x, y)
        if key is not None and dist <= self.canvas.pixel_tolerance(8):
            self._commit(rec, vx.insert_vertex(geom, key, *foot), _t("Tools", "Vertex added"))

    def _commit(self, rec, geom, text) -> None:
        from cim.project.feature_edits import ChangeGeometry

        if geom is None or not geom.is_valid:
            self.report(_t("Tools", "The edit was not applied: it would make the geometry invalid"))
            return
        if self.session.push(ChangeGeometry(self.session.project, rec.id, self.fid, geom)):
            self.report(text)
        self.canvas.update()

    def paint(self, painter) -> None:
        rec, geom = self.target() if self.session.project else (None, None)
        if geom is None:
            return
        painter.setPen(QPen(QColor(200, 30, 30), 1.2))
        painter.setBrush(QBrush(Qt.white))
        for key, x, y in vx.vertices(geom):
            if key == self.drag_key and self.drag_pos is not None:
                x, y = self.drag_pos
                painter.setBrush(QBrush(QColor(230, 60, 40)))
            q = self.canvas.to_screen(x, y)
            painter.drawRect(int(q.x()) - 4, int(q.y()) - 4, 8, 8)
            painter.setBrush(QBrush(Qt.white))
        if self.snap_hit is not None and self.drag_key is not None:
            q = self.canvas.to_screen(*self.snap_hit)
            painter.setPen(QPen(QColor(230, 0, 200), 2))
            painter.setBrush(Qt.NoBrush)
            painter.drawEllipse(QPointF(q), 7, 7)
