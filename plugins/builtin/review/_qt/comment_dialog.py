"""The dialog that opens a comment thread: a title, the text, and what it is about."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from plugins.builtin.review._qt.common import _t


class CommentDialog(QDialog):
    def __init__(self, parent, about: str) -> None:
        super().__init__(parent)
        self.setObjectName("review_comment_dialog")
        self.setWindowTitle(_t("ReviewPanel", "New comment"))
        self.setMinimumWidth(460)
        self.title = QLineEdit()
        self.title.setObjectName("review_comment_title")
        self.title.setPlaceholderText(_t("ReviewPanel", "In a few words: what should change?"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("review_comment_text")
        self.text.setPlaceholderText(_t("ReviewPanel", "Details, the regulation concerned, what you propose…"))
        self.about = QLabel(about)
        self.about.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_t("ReviewPanel", "About:"), self.about)
        form.addRow(_t("ReviewPanel", "Title:"), self.title)
        form.addRow(_t("ReviewPanel", "Comment:"), self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(_t("ReviewPanel", "Add comment"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.title.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.title.text().strip()))

    def values(self) -> tuple[str, str]:
        return self.title.text().strip(), self.text.toPlainText().strip()
