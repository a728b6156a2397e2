"""Scenario comparison of the TOD panel: a rule as the core reads it ("far*1.5 within 500"), run against
the baseline's catchments, and the baseline beside the scenario with the change per station, catchment
and indicator."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plugins.builtin.tod._qt.table_model import FrameTableModel, format_number
from plugins.builtin.tod._qt.text import kind_label, metric_labels
from plugins.gui import tr as _t

PRESETS = ("far*1.5 within 500", "far*2 within 400", "height+6 within 800", "use=mixed_use within 300")
WHOLE = {"gfa_m2", "population", "jobs"}      # metrics shown without decimals



def comparison_rows(comparison):
    """The core's comparison with fixed column names (base, scenario, delta, delta_pct), the metrics the
    panel names only."""
    import numpy as np

    labels = [c for c in comparison.columns if c not in ("station_id", "name", "kind", "radius_m", "metric")]
    base, scen = labels[0], labels[1]
    t = comparison[comparison["metric"].isin(list(metric_labels()))].rename(
        columns={base: "base", scen: "scenario", f"Δ {scen}": "delta"}).reset_index(drop=True)
    b = t["base"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        t["delta_pct"] = np.where(b != 0, 100 * t["delta"].to_numpy(dtype=float) / b, np.nan)
    order = {m: i for i, m in enumerate(metric_labels())}
    t["_m"] = t["metric"].map(order)
    t["_k"] = (t["kind"] != "walk").astype(int)
    return t.sort_values(["name", "_m", "_k", "radius_m"], kind="stable").drop(columns=["_m", "_k"]) \
        .reset_index(drop=True)


class ScenarioBox(QWidget):
    compare_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rule = QComboBox(objectName="tod_scenario_rule")
        self.rule.setEditable(True)
        self.rule.addItems(PRESETS)
        self.rule.setToolTip(_t("TodPanel", "A rule: field, operation, value and an optional distance from a "
                                            "station, e.g. far*1.5 within 500 (FAR × 1.5 for plots within 500 m)"))
        self.compare = QPushButton(_t("TodPanel", "Compare with baseline"), objectName="tod_compare")
        self.compare.setEnabled(False)
        help_ = QLabel(_t("TodPanel", "far*1.5 within 500 = FAR × 1.5 for plots within 500 m of a station; "
                                      "height+6, use=mixed_use work the same way. The scenario reuses the "
                                      "baseline catchments; the project is not changed."))
        help_.setWordWrap(True)
        help_.setStyleSheet("color: #555555;")
        self.summary = QLabel(objectName="tod_scenario_summary")
        self.summary.setWordWrap(True)
        self.model = FrameTableModel(self)
        self.table = QTableView(objectName="tod_scenario_table")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        top = QVBoxLayout()              # docked width: the rule above its button
        top.addWidget(self.rule)
        top.addWidget(self.compare)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(help_)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        self.compare.clicked.connect(lambda: self.compare_requested.emit(self.rule.currentText().strip()))
        self.rows = None
        self.clear()

    def clear(self) -> None:
        self.rows = None
        self.model.clear()
        self.summary.setText(_t("TodPanel", "Run the TOD study, then compare a scenario with the baseline."))

    def set_ready(self, ready: bool) -> None:
        self.compare.setEnabled(ready)

    def show_comparison(self, rule_text: str, comparison) -> None:
        rows = comparison_rows(comparison)
        self.rows = rows
        metrics = metric_labels()
        columns = {"name": _t("TodPanel", "Station"), "kind": _t("TodPanel", "Catchment"),
                   "radius_m": _t("TodPanel", "Radius (m)"), "metric": _t("TodPanel", "Indicator"),
                   "base": _t("TodPanel", "Baseline"), "scenario": _t("TodPanel", "Scenario"),
                   "delta": _t("TodPanel", "Change"), "delta_pct": _t("TodPanel", "Change (%)")}
        metric_of = rows["metric"].to_numpy()

        def decimals(row: int):
            return 0 if metric_of[row] in WHOLE else None

        self.model.set_frame(rows, columns, display={"kind": kind_label, "metric": lambda m: metrics.get(m, m)},
                             row_decimals=decimals)
        self.summary.setText(self.summary_text(rule_text, rows))

    @staticmethod
    def summary_text(rule_text: str, rows) -> str:
        """The GFA change in each station's largest walkshed (else circle), in one sentence per station."""
        g = rows[rows["metric"] == "gfa_m2"]
        lines = [_t("TodPanel", "Scenario %1 against the baseline:").replace("%1", rule_text)]
        for name, part in g.groupby("name", sort=False):
            walk = part[part["kind"] == "walk"]
            r = (walk if len(walk) else part).sort_values("radius_m").iloc[-1]
            lines.append(_t("TodPanel", "%1 — GFA in the %2 m %3: %4 → %5 m² (%6 m²)")
                         .replace("%1", str(name)).replace("%2", f"{r.radius_m:.0f}").replace("%3", kind_label(r.kind))
                         .replace("%4", format_number(r.base, 0)).replace("%5", format_number(r.scenario, 0))
                         .replace("%6", ("+" if r.delta >= 0 else "") + format_number(r.delta, 0)))
        return "\n".join(lines)
