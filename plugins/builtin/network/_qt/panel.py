"""The Networks panel: build a network from a line layer (or load a built one), validate it, route between
two clicked points, walksheds from a clicked point, and style the network layers by system.

The panel only drives the headless core (:mod:`cim.network`); the built network lives in the panel until
the planner saves it as project layers (one undoable step, as ``cimstudio network build`` does)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from cim.project.display_names import layer_label
from plugins import gui
from plugins.builtin.network._qt import layer_choice
from plugins.builtin.network._qt.analysis_tabs import RouteTab, WalkshedTab
from plugins.builtin.network._qt.system_style import SYSTEM_STYLE, apply_system_style, system_label
from plugins.builtin.network._qt.tasks import run
from plugins.gui import num
from plugins.gui import tr as _t


class NetworkPanel(gui.Panel):
    object_name = "network_panel"

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.network = None          # cim.network.model.Network of the last build
        self.network_layer: str | None = None
        self.stale = False
        self._built_from_id: str | None = None
        self._sources: dict = {}

        self.layer = QComboBox()
        self.layer.setObjectName("network_layer")
        self.layer.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.layer.setMinimumContentsLength(10)
        self.layer.setToolTip(_t("NetworkPanel", "Line layer to build the network from, or a network already "
                                                 "built and saved in the project"))
        self.system = QComboBox()
        self.system.setObjectName("network_system")
        for key in layer_choice.SYSTEMS:
            self.system.addItem(system_label(key), key)
        self.tolerance = QDoubleSpinBox(minimum=0.0, maximum=5.0, decimals=3, singleStep=0.01, value=0.01)
        self.tolerance.setObjectName("network_tolerance")
        self.tolerance.setSuffix(" m")
        self.tolerance.setToolTip(_t("NetworkPanel", "Snapping tolerance: line ends closer than this are joined "
                                                     "into one node"))
        self.skip_invalid = QCheckBox(_t("NetworkPanel", "Skip empty features"))
        self.skip_invalid.setToolTip(_t("NetworkPanel", "Leave out features without geometry instead of stopping "
                                                        "(each one is listed in the log)"))
        self.skip_invalid.setObjectName("network_skip_invalid")
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)      # one label column: fits a docked width
        grid.addWidget(QLabel(_t("NetworkPanel", "Layer")), 0, 0)
        grid.addWidget(self.layer, 0, 1)
        grid.addWidget(QLabel(_t("NetworkPanel", "System")), 1, 0)
        grid.addWidget(self.system, 1, 1)
        grid.addWidget(QLabel(_t("NetworkPanel", "Snapping")), 2, 0)
        grid.addWidget(self.tolerance, 2, 1)
        grid.addWidget(self.skip_invalid, 3, 0, 1, 2)
        self.build_btn = QPushButton(_t("NetworkPanel", "Build"))
        self.build_btn.setObjectName("network_build")
        self.build_btn.clicked.connect(self.build)
        self.save_btn = QPushButton(_t("NetworkPanel", "Save as project layers"))
        self.save_btn.setObjectName("network_save")
        self.save_btn.setToolTip(_t("NetworkPanel", "Add the built network to the project as two layers "
                                                    "(lines and nodes); undoable"))
        self.save_btn.clicked.connect(self.save_layers)
        buttons = QVBoxLayout()
        buttons.addWidget(self.build_btn)
        buttons.addWidget(self.save_btn)
        self.status = QLabel()
        self.status.setObjectName("network_status")
        self.status.setWordWrap(True)
        box = QGroupBox(_t("NetworkPanel", "Network"))
        box_lay = QVBoxLayout(box)
        box_lay.addLayout(grid)
        box_lay.addLayout(buttons)
        box_lay.addWidget(self.status)

        from plugins.builtin.network._qt.validate_tab import ValidateTab

        self.validate_tab = ValidateTab(self)
        self.route_tab = RouteTab(self)
        self.walkshed_tab = WalkshedTab(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("network_tabs")
        self.tabs.setMinimumHeight(380)
        self.tabs.addTab(self.validate_tab, _t("NetworkPanel", "Validate"))
        self.tabs.addTab(self.route_tab, _t("NetworkPanel", "Route"))
        self.tabs.addTab(self.walkshed_tab, _t("NetworkPanel", "Walkshed"))

        self.style_btn = QPushButton(_t("NetworkPanel", "Style networks by system"))
        self.style_btn.setObjectName("network_style")
        self.style_btn.setToolTip(_t("NetworkPanel", "Colour every network layer by its system attribute "
                                                     "(water, drainage, power, lighting, telecom …); undoable"))
        self.style_btn.clicked.connect(self.style_by_system)
        self.clear_btn = QPushButton(_t("NetworkPanel", "Clear results"))
        self.clear_btn.setObjectName("network_clear")
        self.clear_btn.clicked.connect(self.clear_results)
        bottom = QVBoxLayout()
        bottom.addWidget(self.style_btn)
        bottom.addWidget(self.clear_btn)

        lay = QVBoxLayout(self)
        lay.addWidget(box)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)

        self.layer.currentIndexChanged.connect(self._layer_chosen)
        self.session.project_replaced.connect(self._project_replaced)
        self.session.layers_changed.connect(self._layers_changed)
        self.session.features_changed.connect(self._features_changed)
        self.session.role_changed.connect(lambda _r: self._update_state())
        self.fill_layers()
        self._update_state()

    # layers -------------------------------------------------------------------
    def fill_layers(self) -> None:
        keep = self.layer.currentData()
        sources = layer_choice.network_sources(self.session.project)
        self._sources = {s.layer_id: s for s in sources}
        self.layer.blockSignals(True)
        self.layer.clear()
        for s in sources:
            text = layer_label(self.session.project.layers.get(s.layer_id), self.window.ui_language()) + ("  " + _t("NetworkPanel", "(built network)") if s.built else "")
            self.layer.addItem(text, s.layer_id)
        preferred = [s.layer_id for s in sources if s.name.startswith("net_")] or [s.layer_id for s in sources]
        at = self.layer.findData(keep)
        if at < 0 and preferred:
            at = self.layer.findData(preferred[0])
        self.layer.setCurrentIndex(max(at, 0))
        self.layer.blockSignals(False)
        if keep != self.layer.currentData():
            self._layer_chosen()

    def choose_layer(self, name: str) -> None:
        """Select the layer called ``name`` (its system follows)."""
        for lid, s in self._sources.items():
            if s.name == name:
                self.layer.setCurrentIndex(self.layer.findData(lid))
                return

    def _layer_chosen(self, _index: int = 0) -> None:
        s = self._sources.get(self.layer.currentData())
        if s is None:
            return
        at = self.system.findData(s.system)
        if at < 0:
            self.system.addItem(s.system, s.system)
            at = self.system.count() - 1
        self.system.setCurrentIndex(at)
        self.system.setEnabled(not s.built)
        self.tolerance.setEnabled(not s.built)
        self._update_state()

    def _project_replaced(self) -> None:
        self.network, self.network_layer, self.stale = None, None, False
        self.clear_results()
        self.validate_tab.reset_inputs()
        self.fill_layers()
        self._update_state()

    def _layers_changed(self) -> None:
        self.fill_layers()
        self.validate_tab.fill_inputs()
        self._update_state()

    def _features_changed(self, lid: str) -> None:
        if self.network is not None and lid == self._built_from_id:
            self.stale = True
            self._update_state()

    # build -----------------------------------------------------------------------
    def build(self) -> None:
        s = self._sources.get(self.layer.currentData())
        if s is None:
            return
        project = self.session.project
        rec = project.layers[s.layer_id]
        nodes = project.find_layer(s.nodes_name).data if s.nodes_name else None
        lines, system = rec.data, self.system.currentData()
        tolerance, skip = self.tolerance.value(), self.skip_invalid.isChecked()

        def work(feedback):
            from cim.network import layers
            from cim.network.topology import build_network

            if s.built:
                return layers.load_network(project, s.name)
            return build_network(lines, system=system, tolerance=tolerance, nodes_gdf=nodes, layer=s.name,
                                 nodes_layer=s.nodes_name or "nodes", path=project.path, skip_invalid=skip,
                                 feedback=feedback)

        self.build_btn.setEnabled(False)
        run(self.window, _t("NetworkPanel", "Building the network…"), work,
            lambda net: self._built(net, s), on_failed=lambda _e: self._update_state())

    def _built(self, net, source) -> None:
        self.clear_results()
        self.network, self.network_layer, self.stale = net, source.name, False
        self._built_from_id = source.layer_id
        from cim.project.feature_names import feature_name

        rec = self.session.project.layers.get(source.layer_id)
        reasons = {"no geometry": _t("NetworkPanel", "no geometry"), "empty geometry": _t("NetworkPanel", "empty geometry"),
                   "empty part": _t("NetworkPanel", "empty part")}
        for item in net.report.get("skipped", []):
            self.session.message.emit("warning", _t("NetworkPanel", "Left out %1: %2")
                                      .replace("%1", feature_name(rec or source.name, item["fid"], self.window.ui_language()))
                                      .replace("%2", reasons.get(str(item["reason"]), str(item["reason"]))))
        self.route_tab.mode.setCurrentIndex(self.route_tab.mode.findData("walk" if net.system == "road" else "any"))
        self.walkshed_tab.mode.setCurrentIndex(self.walkshed_tab.mode.findData("walk" if net.system == "road"
                                                                               else "any"))
        self._update_state()
        self.session.message.emit("info", self.status.text())

    def save_layers(self) -> None:
        from cim.errors import CimError
        from cim.network import layers

        if self.network is None or not self.session.editable:
            return
        name = self.network_layer if self.network_layer.endswith("_network") else f"{self.network_layer}_network"
        try:
            layers.add_to_project(self.session.project, self.network, name,
                                  params={"built_from": self.network_layer, "tolerance": self.tolerance.value()})
        except CimError as exc:
            self.session.message.emit("error", str(exc))
            return
        self.window.report(_t("NetworkPanel", "Network saved as layers %1 and %1_nodes").replace("%1", name))

    # results ----------------------------------------------------------------------
    def style_by_system(self) -> None:
        n = apply_system_style(self.session)
        if n:
            self.window.report(_t("NetworkPanel", "%1 network layer(s) styled by system").replace("%1", str(n)))
        else:
            self.window.report(_t("NetworkPanel", "No network layer with a system attribute to style"))

    def clear_results(self) -> None:
        self.validate_tab.clear()
        self.route_tab.clear()
        self.walkshed_tab.clear()
        for key in [k for k in self.window.canvas.overlays.keys() if k.startswith("network.")]:
            self.window.canvas.overlays.clear(key)

    def _update_state(self) -> None:
        has_layers = bool(self._sources)
        self.build_btn.setEnabled(has_layers)
        self.save_btn.setEnabled(self.network is not None and self.session.editable
                                 and not self._chosen_is_built())
        for tab in (self.validate_tab, self.route_tab, self.walkshed_tab):
            tab.setEnabled(self.network is not None)
        if not has_layers:
            self.status.setText(_t("NetworkPanel", "The project has no line layer to build a network from. "
                                                   "Import roads or pipe/cable lines first."))
        elif self.network is None:
            self.status.setText(_t("NetworkPanel", "Choose a line layer and its system, then press Build."))
        else:
            text = _t("NetworkPanel", "%1: network built from %2 with %3 nodes and %4 line segments.")
            text = (text.replace("%1", system_label(self.network.system)).replace("%2", self.network_layer)
                    .replace("%3", num(self.network.n_nodes)).replace("%4", num(self.network.n_edges)))
            if self.stale:
                text += " " + _t("NetworkPanel", "The layer has changed since the build: build again.")
            self.status.setText(text)

    def _chosen_is_built(self) -> bool:
        s = next((s for s in self._sources.values() if s.name == self.network_layer), None)
        return bool(s and s.built)


__all__ = ["NetworkPanel", "SYSTEM_STYLE"]
