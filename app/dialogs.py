"""Settings and About."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES, saved_language
from plugins import gui
from plugins.gui import tr as _t


class SettingsDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(_t("Dialogs", "Settings"))
        self.resize(720, 440)       # room for the trusted-signers table
        st = QSettings()
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(saved_language()))
        self.exaggeration = QDoubleSpinBox(minimum=0.5, maximum=10.0, singleStep=0.5,
                                           value=float(st.value("view3d/exaggeration", 1.0)))
        from app.recovery import autosave_seconds

        self.autosave = QSpinBox(minimum=0, maximum=3600, singleStep=30, value=autosave_seconds())
        self.autosave.setObjectName("settings_autosave")
        self.autosave.setSuffix(" s")
        self.autosave.setSpecialValueText(_t("Dialogs", "off"))
        form = QFormLayout()
        form.addRow(_t("Dialogs", "Language (after restart)"), self.language)
        form.addRow(_t("Dialogs", "3D vertical exaggeration"), self.exaggeration)
        form.addRow(_t("Dialogs", "Autosave unsaved edits every"), self.autosave)
        buttons = gui.ok_cancel(self)
        general = QWidget()
        glay = QVBoxLayout(general)
        glay.addLayout(form)
        glay.addWidget(QLabel(_t("Dialogs", "The language changes the next time CIM Studio starts.")))
        glay.addStretch(1)
        from app.trust_settings import TrustStorePage

        self.trust = TrustStorePage(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, _t("Dialogs", "General"))
        self.tabs.addTab(self.trust, _t("Dialogs", "Trusted signers"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        lay.addWidget(buttons)

    def accept(self) -> None:
        st = QSettings()
        st.setValue("ui/language", self.language.currentData())
        st.setValue("view3d/exaggeration", self.exaggeration.value())
        files = getattr(self.parent(), "files", None)
        if files is not None and hasattr(files, "recovery"):
            files.recovery.set_interval(self.autosave.value())     # applies to the open project now
        else:
            from app.recovery import SETTING

            st.setValue(SETTING, self.autosave.value())
        super().accept()


def show_about(parent) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("cimstudio")
    except PackageNotFoundError:
        ver = "dev"
    QMessageBox.about(parent, _t("Dialogs", "About CIM Studio"), "<h3>CIM Studio " + ver + "</h3><p>" + _t("Dialogs",
        "A desktop GIS and City Information Model editor for Vietnamese urban planning: GIS layers, "
        "BIM/IFC models and technical networks in one model, checked against Decree 269/2025/NĐ-CP.")
        + "</p><p>" + _t("Dialogs", "Open formats: GeoPackage, GeoTIFF, IFC, CityJSON.") + "</p>")
