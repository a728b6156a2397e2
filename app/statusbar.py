"""The status bar: cursor coordinates in the project CRS and WGS 84, scale, CRS name, selection count."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from plugins.gui import tr as _t


def crs_name(crs) -> str:
    try:
        from pyproj import CRS

        from cim.crs.catalogue import zone_for_epsg

        c = CRS.from_user_input(crs)
        z = zone_for_epsg(c.to_epsg() or 0)
        return f"{z.name} (EPSG:{z.epsg})" if z else f"{c.name} ({crs})"
    except Exception:   # an unknown CRS string is shown as it is
        return str(crs)


class StatusBar(QStatusBar):
    def __init__(self, session, canvas, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.session, self.canvas = session, canvas
        self.coords = QLabel()
        self.coords.setObjectName("status_coords")
        self.wgs = QLabel()
        self.wgs.setObjectName("status_wgs84")
        self.scale = QLabel()
        self.scale.setObjectName("status_scale")
        self.crs = QLabel()
        self.crs.setObjectName("status_crs")
        self.selcount = QLabel()
        self.selcount.setObjectName("status_selection")
        for w in (self.coords, self.wgs, self.scale, self.crs, self.selcount):
            self.addPermanentWidget(w)
        canvas.cursor_moved.connect(self.show_cursor)
        canvas.viewport_changed.connect(self.show_scale)
        session.selection_changed.connect(self.show_selection)
        session.project_replaced.connect(self.show_crs)
        self.show_crs()
        self.show_selection()

    def show_cursor(self, x: float, y: float) -> None:
        from plugins.gui.values import num

        self.coords.setText(f"X {num(x, 2)}  Y {num(y, 2)}")
        try:
            from cim.crs.transform import to_wgs84

            lon, lat = to_wgs84(x, y, self.session.project.crs)
            self.wgs.setText(f"WGS 84  {num(lat, 6)}°N  {num(lon, 6)}°E")
        except Exception:   # outside the CRS's area or no CRS: leave it empty
            self.wgs.setText("")

    def show_scale(self, vp) -> None:
        from plugins.gui.values import num

        self.scale.setText(_t("StatusBar", "Scale") + f" 1:{num(vp.scale_denominator())}")

    def show_crs(self) -> None:
        self.crs.setText(crs_name(self.session.project.crs))
        try:   # build the (cached) transformer now, not on the first mouse move
            from cim.crs.transform import to_wgs84

            to_wgs84(self.canvas.vp.cx, self.canvas.vp.cy, self.session.project.crs)
        except Exception:   # no CRS: coordinates stay local
            pass

    def show_selection(self) -> None:
        self.selcount.setText(_t("StatusBar", "%1 selected").replace("%1", str(self.session.selection_count())))
