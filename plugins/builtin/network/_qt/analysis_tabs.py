"""The Route and Walkshed tabs: points clicked on the map (``window.pick_point``) drive the core's
``shortest_path``, ``walksheds`` and ``reached_edges``; results are canvas overlays with their figures."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from plugins import gui
from plugins.builtin.network._qt.tasks import run
from plugins.gui import num
from plugins.gui import tr as _t

ROUTE_KEY, ROUTE_ENDS_KEY = "network.route", "network.route_ends"
SHED_KEY, SHED_EDGES_KEY, SHED_ORIGIN_KEY = "network.walkshed", "network.walkshed_edges", "network.walkshed_origin"
MODES = (("walk", QT_TRANSLATE_NOOP("NetworkPanel", "On foot")), ("bicycle", QT_TRANSLATE_NOOP("NetworkPanel", "Bicycle")),
         ("car", QT_TRANSLATE_NOOP("NetworkPanel", "Car")), ("bus", QT_TRANSLATE_NOOP("NetworkPanel", "Bus")),
         ("any", QT_TRANSLATE_NOOP("NetworkPanel", "Any line (no travel rules)")))


def mode_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    for key, text in MODES:
        combo.addItem(QCoreApplication.translate("NetworkPanel", text), key)
    return combo


class _PickTab(QWidget):
    """A tab whose analysis starts from points picked on the map: its form, the pick button, a result line."""

    KEYS: tuple[str, ...] = ()      # the overlays it draws

    def __init__(self, panel) -> None:
        super().__init__()
        self.panel = panel
        self.window = panel.window
        self.result = None

    def _lay_out(self, rows, pick_text: str, name: str, hint: str) -> None:
        form = gui.form_layout(rows)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.pick_btn = gui.button(pick_text, self.pick, name=f"{name}_pick")
        self.info = gui.status_label(hint, name=f"{name}_result")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.pick_btn)
        lay.addWidget(self.info)
        lay.addStretch(1)

    def pick(self) -> None:
        if self.panel.network is None:
            self.info.setText(_t("NetworkPanel", "Build a network first."))
            return
        self.clear()
        self.start_picking()

    def start_picking(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        self.result = None
        for key in self.KEYS:
            self.window.canvas.overlays.clear(key)


class RouteTab(_PickTab):
    KEYS = (ROUTE_KEY, ROUTE_ENDS_KEY)

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.origin = None
        self.mode = mode_combo("network_route_mode")
        self.weight = QComboBox()
        self.weight.setObjectName("network_route_weight")
        self.weight.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.weight.setMinimumContentsLength(10)
        self.weight.addItem(_t("NetworkPanel", "Shortest (metres)"), "length")
        self.weight.addItem(_t("NetworkPanel", "Fastest (travel time)"), "time")
        self._lay_out([(_t("NetworkPanel", "Travel mode"), self.mode), (_t("NetworkPanel", "Route by"), self.weight)],
                      _t("NetworkPanel", "Pick start and end on the map…"), "network_route",
                      _t("NetworkPanel", "Click the button, then click the start and the end of the route on "
                                         "the map. Each point snaps to the nearest node of the network."))

    def start_picking(self) -> None:
        self.window.pick_point(_t("NetworkPanel", "Click the start of the route (Esc cancels)"), self._picked_origin)

    def _picked_origin(self, x: float, y: float) -> None:
        import shapely

        self.origin = (x, y)
        self.window.canvas.overlays.set(ROUTE_ENDS_KEY, [shapely.Point(x, y)], "#2e7d32",
                                        labels=[(x, y, _t("NetworkPanel", "Start"))])
        self.window.pick_point(_t("NetworkPanel", "Click the end of the route (Esc cancels)"), self._picked_end)

    def _picked_end(self, x: float, y: float) -> None:
        import shapely

        a, b = self.origin, (x, y)
        self.window.canvas.overlays.set(ROUTE_ENDS_KEY, [shapely.Point(*a), shapely.Point(*b)], "#2e7d32",
                                        labels=[(*a, _t("NetworkPanel", "Start")), (*b, _t("NetworkPanel", "End"))])
        self.route(a, b)

    def route(self, a, b) -> None:
        net, mode, weight = self.panel.network, self.mode.currentData(), self.weight.currentData()

        def work(feedback):
            from cim.network.analysis import shortest_path

            feedback.raise_if_canceled("route")
            return shortest_path(net, a, b, mode=mode, weight=weight)

        run(self.window, _t("NetworkPanel", "Finding the route…"), work, self._show, on_failed=self._failed,
            show_errors=False)

    def _show(self, path) -> None:
        import shapely

        self.result = path
        length, steps = path.attrs["length"], len(path)
        self.window.canvas.overlays.set(ROUTE_KEY, [shapely.line_merge(shapely.union_all(path.geometry.values))],
                                        "#00b0ff", width=5.0)
        text = _t("NetworkPanel", "Route: %1 m along %2 line segment(s).").replace("%1", num(length, 1))
        text = text.replace("%2", str(steps))
        if path.attrs["weight"] == "time":
            text += " " + _t("NetworkPanel", "Travel time about %1 min.").replace("%1", num(path.attrs["cost"] / 60, 1))
        self.info.setText(text)
        self.window.report(text)

    def _failed(self, exc) -> None:
        from cim.errors import Canceled
        from cim.network.analysis import NoRouteError

        self.result = None
        if isinstance(exc, NoRouteError):
            text = _t("NetworkPanel", "No route: the two points are not connected in this network (they lie in "
                                      "separate parts, or one-way streets forbid it for this travel mode).")
        elif isinstance(exc, Canceled):
            text = _t("NetworkPanel", "Canceled.")
        else:
            text = str(exc)
        self.info.setText(text)
        self.window.session.message.emit("warning", text)


class WalkshedTab(_PickTab):
    KEYS = (SHED_KEY, SHED_EDGES_KEY, SHED_ORIGIN_KEY)

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.distance = QSpinBox(minimum=50, maximum=10000, singleStep=50, value=800)
        self.distance.setObjectName("network_walkshed_distance")
        self.distance.setSuffix(" m")
        presets = QHBoxLayout()
        presets.addWidget(self.distance, 1)
        for metres in (400, 800):
            btn = QPushButton(f"{metres} m")
            btn.setObjectName(f"network_walkshed_{metres}")
            btn.clicked.connect(lambda _c=False, m=metres: self.distance.setValue(m))
            presets.addWidget(btn)
        self.mode = mode_combo("network_walkshed_mode")
        self._lay_out([(_t("NetworkPanel", "Distance along the network"), presets),
                       (_t("NetworkPanel", "Travel mode"), self.mode)],
                      _t("NetworkPanel", "Pick the starting point on the map…"), "network_walkshed",
                      _t("NetworkPanel", "The walkshed is the area reachable along the network within the "
                                         "distance (e.g. 400 m or 800 m around a station): the reached lines "
                                         "buffered by 25 m."))

    def start_picking(self) -> None:
        self.window.pick_point(_t("NetworkPanel", "Click the starting point of the walkshed (Esc cancels)"),
                               self.walkshed)

    def walkshed(self, x: float, y: float) -> None:
        import shapely

        net, mode, cutoff = self.panel.network, self.mode.currentData(), float(self.distance.value())
        self.window.canvas.overlays.set(SHED_ORIGIN_KEY, [shapely.Point(x, y)], "#2e7d32")

        def work(feedback):
            from cim.network.analysis import reached_edges, walksheds

            sheds = walksheds(net, [(x, y)], cutoff, mode=mode)
            feedback.raise_if_canceled("walkshed")
            return sheds, reached_edges(net, [(x, y)], cutoff, mode=mode)

        run(self.window, _t("NetworkPanel", "Computing the walkshed…"), work, self._show)

    def _show(self, result) -> None:
        sheds, reached = result
        self.result = result
        shed = sheds.iloc[0]
        overlays = self.window.canvas.overlays
        overlays.set(SHED_KEY, [shed.geometry], "#7b1fa2", width=1.5, fill_alpha=60)
        overlays.set(SHED_EDGES_KEY, reached.geometry.values, "#6a1b9a", width=3.0)
        text = _t("NetworkPanel", "Within %1 m: %2 m of network reached, %3 ha (%4 % of the %1 m circle), %5 nodes.")
        text = (text.replace("%1", num(shed["cutoff"])).replace("%2", num(shed["reached_m"]))
                .replace("%3", num(shed["area_m2"] / 1e4, 2)).replace("%4", num(100 * shed["circle_ratio"]))
                .replace("%5", str(int(shed["nodes"]))))
        if bool(shed.get("far_snap", False)):
            from cim.network.analysis import MAX_SNAP_M

            warn = _t("NetworkPanel", "Warning: the point is %1 m from the nearest node open to this travel mode "
                                      "(more than %2 m); the walkshed starts at that node.")
            text += "\n" + warn.replace("%1", num(shed["snap_m"])).replace("%2", num(MAX_SNAP_M))
        self.info.setText(text)
        self.window.report(text)
