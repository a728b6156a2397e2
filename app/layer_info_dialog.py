"""Layer › Data responsibility…: provider, contact, update cycle, source date, quality level and
licence of the current layer (ISO 19115 subset, rule META-02). OK pushes one undoable SetLayerInfo."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from plugins import gui
from plugins.gui import tr as _t

N = QT_TRANSLATE_NOOP
CYCLES = (("", N("LayerInfo", "(not stated)")), ("continual", N("LayerInfo", "Continual")),
          ("daily", N("LayerInfo", "Daily")), ("weekly", N("LayerInfo", "Weekly")),
          ("monthly", N("LayerInfo", "Monthly")), ("quarterly", N("LayerInfo", "Quarterly")),
          ("biannually", N("LayerInfo", "Every six months")), ("annually", N("LayerInfo", "Annually")),
          ("asNeeded", N("LayerInfo", "As needed")), ("irregular", N("LayerInfo", "Irregular")),
          ("notPlanned", N("LayerInfo", "Not planned")))
QUALITY = (("", N("LayerInfo", "(not stated)")), ("verified", N("LayerInfo", "Verified and accepted")),
           ("checked", N("LayerInfo", "Checked internally")), ("provisional", N("LayerInfo", "Provisional, not checked")))
LICENCES = ("CC-BY-4.0", "ODbL-1.0", "CC0-1.0")



class LayerInfoDialog(QDialog):
    def __init__(self, session, rec, parent=None) -> None:
        from cim.project.layer_info import layer_info

        super().__init__(parent)
        self.setObjectName("layer_info_dialog")
        self.session, self.rec = session, rec
        self.setWindowTitle(_t("LayerInfo", "Data responsibility: %1").replace("%1", rec.name))
        self.setMinimumWidth(640)
        info = layer_info(rec)
        self.provider = QLineEdit(info.provider)
        self.provider.setObjectName("info_provider")
        self.provider.setPlaceholderText(_t("LayerInfo", "e.g. Department of Construction"))
        self.contact = QLineEdit(info.contact)
        self.cycle = QComboBox()
        self.cycle.setObjectName("info_cycle")
        for key, text in CYCLES:
            self.cycle.addItem(_t("LayerInfo", text), key)
        self.cycle.setCurrentIndex(max(self.cycle.findData(info.update_cycle), 0))
        self.date = QLineEdit(info.source_date)
        self.date.setObjectName("info_date")
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.quality = QComboBox()
        self.quality.setObjectName("info_quality")
        for key, text in QUALITY:
            self.quality.addItem(_t("LayerInfo", text), key)
        self.quality.setCurrentIndex(max(self.quality.findData(info.quality), 0))
        self.licence = QComboBox()
        self.licence.setObjectName("info_licence")
        self.licence.setEditable(True)
        self.licence.addItems(["", *LICENCES])
        self.licence.setCurrentText(info.licence)
        form = QFormLayout()
        form.addRow(_t("LayerInfo", "Data provider"), self.provider)
        form.addRow(_t("LayerInfo", "Contact"), self.contact)
        form.addRow(_t("LayerInfo", "Update cycle"), self.cycle)
        form.addRow(_t("LayerInfo", "Source date"), self.date)
        form.addRow(_t("LayerInfo", "Quality level"), self.quality)
        form.addRow(_t("LayerInfo", "Licence / use constraints"), self.licence)
        self.status = QLabel()
        self.status.setObjectName("info_status")
        self.status.setWordWrap(True)
        self.buttons = gui.ok_cancel(self, on_ok=self.apply)
        editable = session.editable
        for w in (self.provider, self.contact, self.cycle, self.date, self.quality, self.licence):
            w.setEnabled(editable)
        lay = QVBoxLayout(self)
        note = QLabel(_t("LayerInfo", "Who supplies this layer, how often it is updated and under which "
                                      "terms (ISO 19115; checked by rule META-02)."))
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        self._show_state(info)
        if not editable:
            self.status.setText(_t("LayerInfo", "Read only: your role may not change layer metadata."))

    def values(self) -> dict:
        return {"provider": self.provider.text(), "contact": self.contact.text(),
                "update_cycle": self.cycle.currentData() or "", "source_date": self.date.text(),
                "quality": self.quality.currentData() or "", "licence": self.licence.currentText()}

    def _show_state(self, info) -> None:
        from cim.project.layer_info import INFO_FIELDS, parse_date

        missing = info.missing()
        on = parse_date(self.session.project.metadata.decision_date or "")
        if missing:
            names = ", ".join(_t("LayerInfo", INFO_FIELDS[m][1]) for m in missing)
            self.status.setText(_t("LayerInfo", "Missing: %1").replace("%1", names))
        elif on is not None and info.is_stale(on):
            self.status.setText(_t("LayerInfo", "Out of date on the plan's decision date %1.").replace("%1", on.isoformat()))
        else:
            self.status.setText(_t("LayerInfo", "Complete."))

    def apply(self) -> None:
        from cim.errors import CimError
        from cim.project.layer_info import SetLayerInfo, layer_info, validate_info

        if not self.session.editable:
            self.reject()
            return
        try:
            info = validate_info(self.values(), obj=self.rec.name)
        except CimError as exc:
            self.status.setText(str(exc))
            return
        if info.to_dict() != layer_info(self.rec).to_dict():
            self.session.push(SetLayerInfo(self.session.project, self.rec.id, info))
        self.accept()


# the English field labels the status line names (INFO_FIELDS), for lupdate
_FIELD_LABELS = (N("LayerInfo", "Data provider"), N("LayerInfo", "Update cycle"), N("LayerInfo", "Source date"),
                 N("LayerInfo", "Quality level"), N("LayerInfo", "Licence / use constraints"))
