"""The attribute form: every field of one feature in a form; OK applies the changed fields as one
undoable step (a macro of ChangeAttribute commands)."""

from __future__ import annotations

import math

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import layer_name
from cim.project.feature_edits import ChangeAttribute
from plugins import gui
from plugins.gui import tr as _t


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


class AttributeForm(QDialog):
    def __init__(self, session, layer_id: str, fid: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attribute_form")
        self.session, self.layer_id, self.fid = session, layer_id, int(fid)
        rec = session.project.layer(layer_id)
        self.setWindowTitle(_t("AttributeForm", "Attributes of %1 #%2").replace("%1", layer_name(rec))
                            .replace("%2", str(self.fid)))
        df = rec.data
        self.fields = [c for c in df.columns if c != df.geometry.name]
        self.edits: dict[str, QLineEdit] = {}
        self.original: dict[str, str] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        for name in self.fields:
            edit = QLineEdit(_text(df.at[self.fid, name]))
            edit.setReadOnly(not session.editable)
            self.edits[name] = edit
            self.original[name] = edit.text()
            form.addRow(name, edit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00")
        buttons = gui.ok_cancel(self, on_ok=self.apply)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(460, 520)

    def changed(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items() if e.text() != self.original[k]}

    def apply(self) -> None:
        from cim.errors import CimError

        changes = self.changed()
        if not changes:
            self.accept()
            return
        p = self.session.project
        text = _t("AttributeForm", "Edit %1 field(s) of #%2").replace("%1", str(len(changes))).replace(
            "%2", str(self.fid))
        try:
            cmds = [ChangeAttribute(p, self.layer_id, self.fid, k, None if v == "" else v) for k, v in changes.items()]
            with p.undo_stack.macro(text):
                for cmd in cmds:
                    p.push(cmd)
        except CimError as exc:     # a value of the wrong type: say which, keep the form open
            self.error.setText(str(exc))
            return
        self.accept()
