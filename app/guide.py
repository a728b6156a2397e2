"""Help › User guide: the short guide (resources/guide/<lang>.md, with its screenshots) shown in a
viewer inside the application, from the installed package — no network, no browser needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from plugins.gui import tr as _t

GUIDE_DIR = Path(__file__).resolve().parents[1] / "resources" / "guide"



def guide_path(language: str) -> Path:
    """The guide in ``language`` ("vi" or "en"), the Vietnamese one for any other language."""
    path = GUIDE_DIR / f"{'en' if language == 'en' else 'vi'}.md"
    if not path.is_file():
        raise FileNotFoundError(f"the user guide is missing from this installation: {path}")
    return path


class GuideViewer(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("guide_viewer")
        self.setWindowTitle(_t("GuideViewer", "CIM Studio user guide"))
        self.path = guide_path(window.ui_language())
        self.browser = QTextBrowser(objectName="guide_browser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(self.path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(self.path)))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        external = buttons.addButton(_t("GuideViewer", "Open the file…"), QDialogButtonBox.ActionRole)
        external.setToolTip(str(self.path))
        external.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))))
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
        self.resize(900, 700)


def show_guide(window, show: bool = True) -> GuideViewer:
    viewer = GuideViewer(window)
    window._guide_viewer = viewer          # keep it alive while it is open (not modal)
    if show:
        viewer.show()
    return viewer
