"""The dialog that opens a comment thread: a title, the text, and what it is about."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from plugins import gui
from plugins.gui import tr as _t


class CommentDialog(QDialog):
    def __init__(self, parent, about: str) -> None:
        super().__init__(parent)
        self.setObjectName("review_comment_dialog")
        self.setWindowTitle(_t("ReviewPanel", "New comment"))
        self.setMinimumWidth(460)
        self.title = gui.line_edit(name="review_comment_title",
                                   placeholder=_t("ReviewPanel", "In a few words: what should change?"))
        self.text = gui.text_box(name="review_comment_text",
                                 placeholder=_t("ReviewPanel", "Details, the regulation concerned, what you propose…"))
        self.about = gui.status_label(about)
        form = gui.form_layout([(_t("ReviewPanel", "About:"), self.about), (_t("ReviewPanel", "Title:"), self.title),
                                (_t("ReviewPanel", "Comment:"), self.text)], wrap=False)
        self.buttons = gui.ok_cancel(self, ok_text=_t("ReviewPanel", "Add comment"))
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.title.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.title.text().strip()))

    def values(self) -> tuple[str, str]:
        return self.title.text().strip(), self.text.toPlainText().strip()
