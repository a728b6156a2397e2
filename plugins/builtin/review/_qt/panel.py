"""Entry point of the review plugin's GUI (``[[panels]]`` in plugin.toml): the comments dock, plus
"Export appraisal package…" and "Open package for review…" in the File menu."""

from __future__ import annotations

from PySide6.QtGui import QAction

from plugins.gui import tr as _t


def create_panel(window):
    from plugins.builtin.review._qt.comments_panel import CommentsPanel

    panel = CommentsPanel(window)
    menu = window.menus["file"]
    before = window.actions["app.reviewer"]
    panel.package_action = QAction(_t("ReviewPanel", "Export appraisal &package…"), window)
    panel.package_action.setObjectName("review.export_package")
    panel.package_action.setToolTip(_t("ReviewPanel", "Build a signed appraisal package (*.cimpkg) of the saved "
                                       "project for the appraisal council"))
    panel.package_action.triggered.connect(lambda: show_package_wizard(window))
    panel.open_action = QAction(_t("ReviewPanel", "Open package for re&view…"), window)
    panel.open_action.setObjectName("review.open_package")
    panel.open_action.triggered.connect(lambda: open_package_dialog(window))
    menu.insertAction(before, panel.package_action)
    menu.insertAction(before, panel.open_action)
    menu.insertSeparator(before)

    def update_enabled(*_args):
        # a reviewer does not sign deliverables: packaging is the consultant's
        panel.package_action.setEnabled(window.session.editable)

    for sig in (window.session.role_changed, window.session.project_replaced):
        sig.connect(update_enabled)
    update_enabled()
    return panel


def show_package_wizard(window):
    from plugins.builtin.review._qt.package_wizard import PackageWizard

    wizard = PackageWizard(window)
    wizard.open()
    return wizard


def open_package_dialog(window, path=None):
    from plugins.builtin.review._qt.open_package import open_package_for_review

    return open_package_for_review(window, path)
