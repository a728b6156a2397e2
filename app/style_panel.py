"""Layer properties and style dock: name, style type, field, colours, ramp, classes, labels, opacity.
Apply pushes SetLayerStyle / RenameLayer commands, so style changes are undoable too."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cim.project.edits import SetLayerDisplayName, SetLayerStyle
from layers.kinds import has_table, layer_kind
from layers.render.colors import RAMPS
from plugins.gui import tr as _t

N = QT_TRANSLATE_NOOP
TYPES = (("simple", N("StylePanel", "Single colour")), ("categorised", N("StylePanel", "Categorised")),
         ("graduated", N("StylePanel", "Graduated")))



class ColorButton(QPushButton):
    def __init__(self, color: str = "#9ecae1") -> None:
        super().__init__()
        self.setFixedWidth(70)
        self.set_color(color)
        self.clicked.connect(self._pick)

    def set_color(self, color: str) -> None:
        self.color = color or "#000000"
        pm = QPixmap(40, 14)
        c = QColor(self.color[:7])
        if len(self.color) == 9:
            c.setAlpha(int(self.color[7:9], 16))
        pm.fill(c)
        self.setIcon(pm)

    def _pick(self) -> None:
        c = QColorDialog.getColor(QColor(self.color[:7]), self, options=QColorDialog.ShowAlphaChannel)
        if c.isValid():
            self.set_color(c.name(QColor.HexArgb)[3:] + c.name(QColor.HexArgb)[1:3] if c.alpha() < 255
                           else c.name())


class StyleDock(QDockWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(_t("StylePanel", "Layer style"), parent)
        self.setObjectName("dock_style")
        self.session = session
        w = QWidget()
        form = QFormLayout()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for key, text in TYPES:
            self.kind.addItem(QCoreApplication.translate("StylePanel", text), key)
        self.field = QComboBox()
        self.fill = ColorButton()
        self.stroke = ColorButton("#3c5a78")
        self.width = QDoubleSpinBox(minimum=0.0, maximum=20.0, singleStep=0.5, value=1.0)
        self.size = QDoubleSpinBox(minimum=1.0, maximum=40.0, value=7.0)
        self.ramp = QComboBox()
        self.ramp.addItems(list(RAMPS))
        self.classes = QSpinBox(minimum=2, maximum=12, value=5)
        self.label = QComboBox()
        self.opacity = QSpinBox(minimum=0, maximum=100, value=100, suffix=" %")
        self.hillshade = QCheckBox(_t("StylePanel", "Hillshade"))
        form.addRow(_t("StylePanel", "Name"), self.name)
        form.addRow(_t("StylePanel", "Style"), self.kind)
        form.addRow(_t("StylePanel", "Field"), self.field)
        form.addRow(_t("StylePanel", "Fill"), self.fill)
        form.addRow(_t("StylePanel", "Outline / line"), self.stroke)
        form.addRow(_t("StylePanel", "Line width (px)"), self.width)
        form.addRow(_t("StylePanel", "Marker size (px)"), self.size)
        form.addRow(_t("StylePanel", "Colour ramp"), self.ramp)
        form.addRow(_t("StylePanel", "Classes"), self.classes)
        form.addRow(_t("StylePanel", "Labels"), self.label)
        form.addRow(_t("StylePanel", "Opacity"), self.opacity)
        form.addRow("", self.hillshade)
        self.apply_btn = QPushButton(_t("StylePanel", "Apply"))
        self.apply_btn.setObjectName("style_apply")
        self.apply_btn.clicked.connect(self.apply)
        self.legend = QListWidget()
        self.legend.setObjectName("style_legend")
        lay = QVBoxLayout(w)
        lay.addLayout(form)
        lay.addWidget(self.apply_btn)
        lay.addWidget(QLabel(_t("StylePanel", "Legend")))
        lay.addWidget(self.legend, 1)
        self.setWidget(w)
        session.current_layer_changed.connect(lambda _l: self.load())
        session.layer_changed.connect(lambda lid: self.load() if lid == session.current_layer_id else None)
        session.project_replaced.connect(self.load)
        session.role_changed.connect(lambda _r: self.load())
        self.load()

    def load(self) -> None:
        from app.canvas.snapshots import effective_style

        rec = self.session.current_layer()
        self.setEnabled(rec is not None)
        self.legend.clear()
        if rec is None:
            return
        self.apply_btn.setEnabled(True)
        style = effective_style(rec)
        from app.i18n import layer_name

        self.name.setText(layer_name(rec))
        self.name.setToolTip(_t("StylePanel", "The name shown in the layer tree and legend; the table name "
                                              "used by the command line and the rules stays %1").replace("%1", rec.name))
        types = [k for k, _ in TYPES]      # a raster's "dem" style is none of them: shown as single colour
        self.kind.setCurrentIndex(types.index(style["type"]) if style.get("type") in types else 0)
        kind = layer_kind(rec)
        cols = [c for c in rec.data.columns if c != rec.data.geometry.name] if kind.table else []
        self.field.clear()
        self.field.addItems(cols)
        self.field.setCurrentText(style.get("field", ""))
        self.label.clear()
        self.label.addItem(_t("StylePanel", "(none)"), "")
        for c in cols:
            self.label.addItem(c, c)
        self.label.setCurrentIndex(max(0, self.label.findData((style.get("label") or {}).get("field", ""))))
        self.fill.set_color(str(style.get("fill", "#9ecae1")))
        self.stroke.set_color(str(style.get("stroke", "#3c5a78")))
        self.width.setValue(float(style.get("width", 1.0)))
        self.size.setValue(float(style.get("size", 7.0)))
        self.ramp.setCurrentText(style.get("ramp", kind.default_ramp))
        self.classes.setValue(int(style.get("classes", 5)))
        self.opacity.setValue(int(round(float(style.get("opacity", 1.0)) * 100)))
        self.hillshade.setChecked(bool(style.get("hillshade", True)))
        self.hillshade.setVisible("hillshade" in kind.style_options)
        self._legend(rec, style)

    def _legend(self, rec, style) -> None:
        if not has_table(rec):
            return
        from layers.render.style import resolve_style

        resolved = resolve_style(style, rec.data, len(rec.data))
        for text, rgba in resolved.legend[:40]:
            pm = QPixmap(16, 12)
            pm.fill(QColor(*rgba))
            item = QListWidgetItem(text or rec.name)
            item.setIcon(pm)
            self.legend.addItem(item)

    def style_from_form(self) -> dict:
        from app.canvas.snapshots import effective_style

        rec = self.session.current_layer()
        style = dict(effective_style(rec))
        style.update(type=self.kind.currentData(), fill=self.fill.color, stroke=self.stroke.color,
                     width=self.width.value(), size=self.size.value(), ramp=self.ramp.currentText(),
                     classes=self.classes.value(), opacity=self.opacity.value() / 100.0)
        if self.field.currentText():
            if self.field.currentText() != style.get("field"):
                style.pop("categories", None)
                style.pop("breaks", None)
            style["field"] = self.field.currentText()
        label = self.label.currentData()
        style["label"] = {**(style.get("label") or {}), "field": label} if label else {}
        if "hillshade" in layer_kind(rec).style_options:
            style["hillshade"] = self.hillshade.isChecked()
        return style

    def apply(self) -> None:
        rec = self.session.current_layer()
        if rec is None:
            return
        p = self.session.project
        from app.i18n import layer_name

        shown = layer_name(rec)
        with p.undo_stack.macro(_t("StylePanel", "Style of %1").replace("%1", shown)):
            if self.name.text().strip() and self.name.text().strip() != shown and self.session.editable:
                self.session.push(SetLayerDisplayName(p, rec.id, self.name.text().strip()))
            self.session.push(SetLayerStyle(p, rec.id, self.style_from_form()))
        self.load()


__all__ = ["StyleDock", "Qt"]
