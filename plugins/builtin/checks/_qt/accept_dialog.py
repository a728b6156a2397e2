"""Ask why a finding is acceptable: the finding, a reason (required) and who accepts it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from plugins import gui
from plugins.gui import tr as _t


class AcceptFindingDialog(QDialog):
    def __init__(self, row, author: str, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("accept_finding_dialog")
        self.setWindowTitle(_t("AcceptFindingDialog", "Accept finding"))
        self.setMinimumWidth(460)
        head = gui.status_label(f"<b>{row.finding.code}</b> · {row.result.title.get(lang)}<br>{row.finding.message.get(lang)}")
        note = gui.status_label(_t("AcceptFindingDialog", "An accepted finding stays in the report, marked with your reason. It is kept with the project when you save, and can be undone."))
        note.setStyleSheet("color: #555;")
        self.reason = gui.text_box(name="accept_reason", placeholder=_t("AcceptFindingDialog", "Why is this acceptable? e.g. the decision or document that allows it"))
        self.reason.setMinimumHeight(80)
        self.author = gui.line_edit(author, name="accept_author")
        form = gui.form_layout([(_t("AcceptFindingDialog", "Reason:"), self.reason),
                                (_t("AcceptFindingDialog", "Accepted by:"), self.author)], wrap=False)
        self.buttons = gui.ok_cancel(self, ok_text=_t("AcceptFindingDialog", "Accept"),
                                     cancel_text=_t("AcceptFindingDialog", "Cancel"))
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.reason_text()))

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def author_text(self) -> str:
        return self.author.text().strip()
