"""Read-only view of one IFC model's georeferencing: the map-conversion parameters, the LoGeoRef
level and the findings (unit trap, missing CRS, non-VN-2000 CRS, outside the plan) in plain language."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP as N
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from plugins import gui
from plugins.builtin.ifc._qt.common import finding_text
from plugins.gui import tr as _t

LEVELS = (
    (10, N("IfcGeoref", "postal address of the site or building")),
    (20, N("IfcGeoref", "latitude/longitude of the site")),
    (30, N("IfcGeoref", "site placement offset from the origin")),
    (40, N("IfcGeoref", "world coordinate system or true north in the model")),
    (50, N("IfcGeoref", "map conversion with a projected CRS")),
)
SEVERITY_COLOUR = {"E": "#c62828", "W": "#ef6c00", "I": "#1565c0"}


def _short(v: float) -> str:
    """A factor such as a scale (0,001) with its significant digits, in the interface language."""
    from PySide6.QtCore import QLocale

    return QLocale().toString(float(v), "g", 6)


def _num(v: float, digits: int = 3) -> str:
    from PySide6.QtCore import QLocale

    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    return QLocale().toString(float(v), "f", digits)     # the interface language's separators


def _unit_name(metres: float | None) -> str:
    names = {1.0: _t("IfcGeoref", "metre"), 0.001: _t("IfcGeoref", "millimetre"), 0.01: _t("IfcGeoref", "centimetre"),
             0.3048: _t("IfcGeoref", "foot")}
    if metres is None:
        return _t("IfcGeoref", "not given (metre assumed)")
    return names.get(round(metres, 6), _t("IfcGeoref", "%1 m").replace("%1", f"{metres:g}"))


class GeorefView(QWidget):
    """``show_model(...)`` fills it; ``clear(text)`` shows an explanation instead."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("georef_title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.RichText)
        lay.addWidget(self.title)

        self.params_box = QGroupBox(_t("IfcGeoref", "Map conversion (model → map)"))
        form = QFormLayout(self.params_box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        for key, label in (("source", _t("IfcGeoref", "Found in")), ("crs", _t("IfcGeoref", "Target CRS")),
                           ("eastings", _t("IfcGeoref", "Eastings (m)")), ("northings", _t("IfcGeoref", "Northings (m)")),
                           ("height", _t("IfcGeoref", "Orthogonal height (m)")),
                           ("axis", _t("IfcGeoref", "X axis (abscissa, ordinate)")),
                           ("rotation", _t("IfcGeoref", "Rotation from grid east")), ("scale", _t("IfcGeoref", "Scale")),
                           ("unit", _t("IfcGeoref", "Model length unit")), ("origin", _t("IfcGeoref", "Model origin on the map"))):
            value = QLabel("—")
            value.setObjectName(f"georef_{key}")
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            value.setWordWrap(True)
            self.fields[key] = value
            form.addRow(label, value)
        lay.addWidget(self.params_box)

        self.level_box = QGroupBox(_t("IfcGeoref", "Level of georeferencing (LoGeoRef)"))
        lv = QVBoxLayout(self.level_box)
        self.level = gui.status_label(name="georef_level")
        self.level.setTextFormat(Qt.RichText)
        lv.addWidget(self.level)
        lay.addWidget(self.level_box)

        self.findings_box = QGroupBox(_t("IfcGeoref", "Findings"))
        fv = QVBoxLayout(self.findings_box)
        self.findings = QListWidget()
        self.findings.setObjectName("georef_findings")
        self.findings.setWordWrap(True)
        self.findings.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.findings.setMinimumHeight(60)
        self.findings.setMaximumHeight(180)
        fv.addWidget(self.findings)
        lay.addWidget(self.findings_box)
        lay.addStretch(1)

    # filling ---------------------------------------------------------------------
    def clear(self, text: str) -> None:
        self.title.setText(f"<i>{text}</i>")
        for v in self.fields.values():
            v.setText("—")
        self.level.setText("—")
        self.findings.clear()
        for box in (self.params_box, self.level_box, self.findings_box):
            box.setVisible(False)

    def show_model(self, *, name: str, schema: str, opened_as: str, georef, logeoref: dict, findings: list,
                   pending: bool = False) -> None:
        for box in (self.params_box, self.level_box, self.findings_box):
            box.setVisible(True)
        schema_text = schema if schema == opened_as else _t("IfcGeoref", "%1 (opened as %2)").replace(
            "%1", schema).replace("%2", opened_as)
        title = f"<b>{name}</b> — {schema_text}"
        if pending:
            title += "<br><span style='color:#1565c0'>" + _t(
                "IfcGeoref", "New placement, not yet written: use “Write corrected IFC…”.") + "</span>"
        self.title.setText(title)
        self._params(georef)
        self._level(logeoref)
        self._findings(findings)

    def _params(self, g) -> None:
        f = self.fields
        if not g.present:
            for v in f.values():
                v.setText("—")
            f["source"].setText(_t("IfcGeoref", "no georeferencing in the file"))
            f["unit"].setText(_unit_name(g.length_unit_m))
            return
        source = _t("IfcGeoref", "placed by hand") if g.source == "placed by hand" else g.source
        f["source"].setText(source)
        f["crs"].setText(g.crs_name or _t("IfcGeoref", "none"))
        f["eastings"].setText(_num(g.eastings))
        f["northings"].setText(_num(g.northings))
        f["height"].setText(_num(g.height))
        f["axis"].setText(f"{_num(g.xaa, 6)}; {_num(g.xao, 6)}")
        f["rotation"].setText(_t("IfcGeoref", "%1° anticlockwise").replace("%1", _num(g.rotation_deg, 4)))
        if g.scale_declared is not None:
            scale = _t("IfcGeoref", "%1 (declared)").replace("%1", _short(g.scale))
        elif g.empty_scale == "derive":
            scale = _t("IfcGeoref", "%1 (empty in the file: derived from the units)").replace("%1", _short(g.scale))
        else:
            scale = _t("IfcGeoref", "%1 (empty in the file: taken as 1)").replace("%1", _short(g.scale))
        f["scale"].setText(scale)
        f["unit"].setText(_t("IfcGeoref", "%1 (map unit: %2)").replace("%1", _unit_name(g.length_unit_m))
                          .replace("%2", _unit_name(g.map_unit_m)))
        e, n, h = g.map_from_local_units([[0.0, 0.0, 0.0]])[0]
        f["origin"].setText(f"E {_num(e)}  N {_num(n)}  H {_num(h)}")

    def _level(self, lg: dict) -> None:
        level = int(lg.get("level", 0) or 0)
        met = {int(k): bool(v) for k, v in (lg.get("met") or {}).items()}
        head = _t("IfcGeoref", "LoGeoRef %1 of 50").replace("%1", str(level))
        colour = "#2e7d32" if level >= 50 else ("#ef6c00" if level >= 20 else "#c62828")
        lines = [f"<b style='color:{colour}'>{head}</b>"]
        for lvl, text in LEVELS:
            mark = "✔" if met.get(lvl) else "✘"
            lines.append(f"{mark} {lvl}: " + _t("IfcGeoref", text))
        if level < 50:
            lines.append("<i>" + _t("IfcGeoref", "Level 50 (a map conversion with a projected CRS) is needed to place "
                                         "the model on the plan without manual work.") + "</i>")
        self.level.setText("<br>".join(lines))

    def _findings(self, findings: list) -> None:
        self.findings.clear()
        if not findings:
            item = QListWidgetItem("✔ " + _t("IfcGeoref", "No georeferencing problems found."))
            item.setForeground(QBrush(QColor("#2e7d32")))
            self.findings.addItem(item)
            return
        order = {"E": 0, "W": 1}
        for w in sorted(findings, key=lambda w: order.get(w.severity, 2)):
            sev = w.severity
            label = {"E": _t("IfcGeoref", "Error"), "W": _t("IfcGeoref", "Warning")}.get(sev, _t("IfcGeoref", "Note"))
            item = QListWidgetItem(f"{label}: {finding_text(w)}")
            item.setToolTip(w.code)
            item.setData(Qt.UserRole, w.code)
            item.setForeground(QBrush(QColor(SEVERITY_COLOUR.get(sev, "#202020"))))
            self.findings.addItem(item)
