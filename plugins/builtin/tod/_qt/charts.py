"""Charts of the TOD panel: grouped bars per station (one bar per ring) of a chosen indicator, and the
baseline beside a scenario. matplotlib in a Qt canvas (FigureCanvasQTAgg); the figure is redrawn, not
recreated, when the metric or the study changes."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from plugins.builtin.tod._qt.table_model import format_number
from plugins.builtin.tod._qt.text import kind_label, metric_labels
from plugins.gui import tr as _t

COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")



class IndicatorChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.metric = QComboBox(objectName="tod_chart_metric")
        for key, label in metric_labels().items():
            self.metric.addItem(label, key)
        self.empty = QLabel(_t("TodPanel", "Run the TOD study to see charts"), objectName="tod_chart_empty")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setStyleSheet("color: #666666;")
        self.figure = self.canvas = None      # matplotlib loads with the first chart, not at start-up
        top = QHBoxLayout()
        top.addWidget(QLabel(_t("TodPanel", "Indicator")))
        top.addWidget(self.metric, 1)
        self.body = QVBoxLayout(self)
        self.body.addLayout(top)
        self.body.addWidget(self.empty, 1)
        self.run = None
        self.comparison = None
        self._stale = False
        self.metric.currentIndexChanged.connect(self.redraw)

    def _make_canvas(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(5, 3), dpi=100, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("tod_chart_canvas")
        self.canvas.setMinimumHeight(220)
        self.body.addWidget(self.canvas, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self.redraw()

    def show_run(self, run, comparison=None) -> None:
        self.run, self.comparison = run, comparison
        self.redraw()

    def series(self):
        """(kind, station names, [(label, values, colour, scenario?)]) the chart draws for the chosen
        metric: per ring the baseline, then the compared scenario (hatched, same colour)."""
        metric = self.metric.currentData()
        t = self.run.base.indicators
        kind = "walk" if (t["kind"] == "walk").any() else "circle"   # walksheds when the network gives them
        t = t[t["kind"] == kind]
        names = list(dict.fromkeys(t["name"]))
        c = None
        if self.comparison is not None and metric in set(self.comparison["metric"]):
            c = self.comparison[(self.comparison["metric"] == metric) & (self.comparison["kind"] == kind)]
            labels = [col for col in c.columns if col not in ("station_id", "name", "kind", "radius_m", "metric",
                                                              "base") and not str(col).startswith("Δ")]
        out = []
        for i, r in enumerate(sorted(set(t["radius_m"]))):
            v = t[t["radius_m"] == r].set_index("name")[metric].reindex(names).to_numpy(dtype=float)
            out.append((f"{r:.0f} m", v, COLOURS[i % len(COLOURS)], False))
            for lab in (labels if c is not None else ()):
                v = c[c["radius_m"] == r].set_index("name")[lab].reindex(names).to_numpy(dtype=float)
                out.append((f"{r:.0f} m · {lab}", v, COLOURS[i % len(COLOURS)], True))
        return kind, names, out

    def redraw(self, *_a) -> None:
        self.empty.setVisible(self.run is None)
        if self.canvas is not None:
            self.canvas.setVisible(self.run is not None)
        if self.run is None:
            return
        if not self.isVisible():             # a hidden canvas has no size to lay the axes out in
            self._stale = True
            return
        self._stale = False
        if self.canvas is None:
            self._make_canvas()
        from matplotlib.ticker import FuncFormatter

        fig = self.figure
        fig.clear()
        ax = fig.add_subplot()
        kind, names, series = self.series()
        w = 0.8 / max(len(series), 1)
        x = np.arange(len(names))
        top = 0.0
        for i, (label, v, colour, scen) in enumerate(series):
            ax.bar(x + (i - (len(series) - 1) / 2) * w, np.nan_to_num(v), w, label=label, color=colour,
                   hatch="//" if scen else None, alpha=0.55 if scen else 1.0, edgecolor="#333333" if scen else None)
            top = max(top, float(np.nanmax(v)) if np.isfinite(v).any() else 0.0)
        dec = 0 if top >= 100 else 2
        ax.yaxis.set_major_formatter(FuncFormatter(lambda val, _pos: format_number(val, dec)))
        ax.set_xticks(x, names, rotation=20 if len(names) > 4 else 0, ha="right" if len(names) > 4 else "center",
                      fontsize=8)
        ax.set_title(f"{self.metric.currentText()} — {kind_label(kind)}", fontsize=9)
        ax.tick_params(axis="y", labelsize=8)
        fig.legend(loc="outside lower center", fontsize=7, ncols=min(len(series), 3 if len(series) > 4 else 4),
                   frameon=False)
        self.canvas.draw_idle()
