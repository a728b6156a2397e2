"""Project › Plan information…: the plan metadata META-01 asks for, edited as one undoable command.

Values are checked by the core (``cim.project.metadata_edit.parse_value``, the same rules as
``cimstudio meta --set``); a reviewer sees the fields read-only, and the core refuses the edit anyway."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from cim.project.metadata import METADATA_LABELS, PLAN_LEVELS
from plugins import gui
from plugins.gui import tr as _t


class MetadataDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("metadata_dialog")
        self.window_ = window
        self.session = window.session
        lang = window.ui_language()
        self.setWindowTitle(_t("MetadataDialog", "Plan information"))
        md = self.session.project.metadata
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        for key, (vi, en) in METADATA_LABELS.items():
            if key == "level":
                w = QComboBox()
                w.addItem("—", "")
                for code, (lvi, len_) in PLAN_LEVELS.items():
                    w.addItem(lvi if lang == "vi" else len_, code)
                w.setCurrentIndex(max(0, w.findData(md.level or "")))
            else:
                value = md.get(key)
                w = QLineEdit("" if value in (None, "") else str(value))
                w.setMinimumWidth(380)
            if key == "decision_date":
                w.setPlaceholderText(_t("MetadataDialog", "e.g. 2026-01-15 or 15/01/2026"))
            elif key == "scale":
                w.setPlaceholderText(_t("MetadataDialog", "e.g. 2000 for 1/2 000"))
            w.setObjectName(f"meta_{key}")
            self.fields[key] = w
            form.addRow(vi if lang == "vi" else en, w)
        self.missing = QLabel(objectName="meta_missing")
        self.missing.setWordWrap(True)
        self.error = QLabel(objectName="meta_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #b00020; }")
        self.buttons = gui.ok_cancel(self, on_ok=self.apply)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.missing)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        if not self.session.editable:
            for w in self.fields.values():
                w.setEnabled(False)
            self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
            self.error.setText(_t("MetadataDialog", "Reviewer mode: the plan information is read-only."))
        self._show_missing()

    def _show_missing(self) -> None:
        lang = self.window_.ui_language()
        missing = self.session.project.metadata.missing()
        if missing:
            names = ", ".join(METADATA_LABELS[m][0 if lang == "vi" else 1] for m in missing)
            self.missing.setText(_t("MetadataDialog", "Missing for META-01: %1").replace("%1", names))
        else:
            self.missing.setText(_t("MetadataDialog", "All META-01 fields are filled in."))

    def invalid_text(self, key: str, raw: str) -> str:
        lang = self.window_.ui_language()
        label = METADATA_LABELS[key][0 if lang == "vi" else 1]
        hints = {
            "scale": _t("MetadataDialog", "Write the scale denominator as a whole number, e.g. 2000 for 1/2 000."),
            "decision_date": _t("MetadataDialog", "Write a date, e.g. 2026-01-15 or 15/01/2026."),
            "province": _t("MetadataDialog", "Write the name of a Vietnamese province, e.g. Phú Thọ."),
        }
        text = _t("MetadataDialog", "“%1” is not a valid value for %2.").replace("%1", raw).replace("%2", label)
        return f"{text} {hints.get(key, '')}".strip()

    def values(self) -> dict:
        """What the fields say now, as typed."""
        return {k: (w.currentData() if isinstance(w, QComboBox) else w.text()) for k, w in self.fields.items()}

    def apply(self) -> bool:
        """Check every field with the core's rules, push one command, close. Returns True when done."""
        from cim.errors import CimInputError
        from cim.project.metadata_edit import SetPlanMetadata, parse_value

        changes = {}
        for key, raw in self.values().items():
            try:
                changes[key] = parse_value(key, raw)
            except CimInputError:
                self.error.setText(self.invalid_text(key, raw))
                self.fields[key].setFocus()
                return False
        cmd = SetPlanMetadata(self.session.project, changes)
        if cmd.new and not self.session.push(cmd):
            self.error.setText(_t("MetadataDialog", "The change was refused (see the message)."))
            return False
        self.accept()
        return True
