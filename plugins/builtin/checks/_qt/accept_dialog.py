"""Ask why a finding is acceptable: the finding, a reason (required) and who accepts it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)


def _t(ctx: str, text: str) -> str:
    return QCoreApplication.translate(ctx, text)


class AcceptFindingDialog(QDialog):
    def __init__(self, row, author: str, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("accept_finding_dialog")
        self.setWindowTitle(_t("AcceptFindingDialog", "Accept finding"))
        self.setMinimumWidth(460)
        head = QLabel(f"<b>{row.finding.code}</b> · {row.result.title.get(lang)}<br>{row.finding.message.get(lang)}")
        head.setWordWrap(True)
        note = QLabel(_t("AcceptFindingDialog", "An accepted finding stays in the report, marked with your reason. It is kept with the project when you save, and can be undone."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("accept_reason")
        self.reason.setPlaceholderText(_t("AcceptFindingDialog", "Why is this acceptable? e.g. the decision or document that allows it"))
        self.reason.setMinimumHeight(80)
        self.author = QLineEdit(author)
        self.author.setObjectName("accept_author")
        form = QFormLayout()
        form.addRow(_t("AcceptFindingDialog", "Reason:"), self.reason)
        form.addRow(_t("AcceptFindingDialog", "Accepted by:"), self.author)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(_t("AcceptFindingDialog", "Accept"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(_t("AcceptFindingDialog", "Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
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
