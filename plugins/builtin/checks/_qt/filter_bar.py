"""The filters above the findings table: severity, system, rule, a text search, accepted shown or not."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from plugins.builtin.checks._qt.findings_model import system_name, ui_language
from plugins.gui import tr as _t


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, proxy, parent=None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.severity_box = QComboBox(objectName="checks_filter_severity")
        for text, code in ((_t("ChecksPanel", "All severities"), ""), (_t("ChecksPanel", "Errors"), "E"),
                           (_t("ChecksPanel", "Warnings"), "W"), (_t("ChecksPanel", "Info"), "I")):
            self.severity_box.addItem(text, code)
        self.system_box = QComboBox(objectName="checks_filter_system")
        self.rule_box = QComboBox(objectName="checks_filter_rule")
        for box in (self.severity_box, self.system_box, self.rule_box):
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
        self.search = QLineEdit(objectName="checks_search")
        self.search.setPlaceholderText(_t("ChecksPanel", "Search messages, objects…"))
        self.search.setClearButtonEnabled(True)
        self.show_accepted = QCheckBox(_t("ChecksPanel", "Show accepted"), objectName="checks_show_accepted")
        self.show_accepted.setChecked(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.severity_box, 0, 0)
        grid.addWidget(self.system_box, 0, 1)
        grid.addWidget(self.rule_box, 1, 0)
        grid.addWidget(self.show_accepted, 1, 1)
        grid.addWidget(self.search, 2, 0, 1, 2)
        for col in (0, 1):
            grid.setColumnStretch(col, 1)
        self.severity_box.currentIndexChanged.connect(lambda: self._set(severity=self.severity_box.currentData()))
        self.system_box.currentIndexChanged.connect(lambda: self._set(system=self.system_box.currentData() or ""))
        self.rule_box.currentIndexChanged.connect(lambda: self._set(rule=self.rule_box.currentData() or ""))
        self.search.textChanged.connect(lambda text: self._set(text=text))
        self.show_accepted.toggled.connect(lambda on: self._set(show_accepted=on))
        self.fill([])

    def _set(self, **kw) -> None:
        self.proxy.set_filters(**kw)
        self.changed.emit()

    def fill(self, findings) -> None:
        """Offer the systems and rules the findings have (a new run resets those two filters)."""
        lang = ui_language()
        systems = sorted({f.system for f in findings if f.system})
        rules: dict[str, str] = {}
        for f in findings:
            rules.setdefault(f.finding.code, f.result.title.get(lang))
        for box, items, all_text in ((self.system_box, [(system_name(s, lang), s) for s in systems],
                                      _t("ChecksPanel", "All systems")),
                                     (self.rule_box, [(f"{r} — {t}", r) for r, t in sorted(rules.items())],
                                      _t("ChecksPanel", "All rules"))):
            box.blockSignals(True)
            box.clear()
            box.addItem(all_text, "")
            for text, data in items:
                box.addItem(text, data)
            box.blockSignals(False)
        self.proxy.set_filters(system="", rule="")
        self.setEnabled(bool(findings))
        self.changed.emit()
