"""Settings › Trusted signers: the appraiser's trust store (:mod:`cim.package.trust`) — CA certificates,
pinned signer certificates and Ed25519 keys — listed with name, organisation and fingerprint; add a
certificate or key file, remove an entry."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from plugins import gui
from plugins.gui import tr as _t


class TrustStorePage(QWidget):
    def __init__(self, parent=None, store=None) -> None:
        super().__init__(parent)
        from cim.package.trust import TrustStore

        self.setObjectName("settings_trust")
        self.store = store or TrustStore()
        self.table = gui.result_table([_t("TrustSettings", "Kind"), _t("TrustSettings", "Name"),
                                       _t("TrustSettings", "Organisation"), _t("TrustSettings", "Fingerprint")],
                                      name="settings_trust_table", stretch=[3])
        add = gui.button(_t("TrustSettings", "Add certificate or key…"), self._browse, name="settings_trust_add")
        self.remove_button = gui.button(_t("TrustSettings", "Remove"), self.remove_selected,
                                        name="settings_trust_remove")
        row = gui.row(add, self.remove_button, stretch=None)
        row.addStretch(1)
        note = gui.status_label(_t("TrustSettings", "Packages signed by these CAs, certificates or keys are shown as "
                                                    "trusted. Folder: %1").replace("%1", str(self.store.folder)))
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        kinds = {"ca": _t("TrustSettings", "CA"), "signer": _t("TrustSettings", "Signer certificate"),
                 "key": _t("TrustSettings", "Signing key")}
        self.entries = self.store.entries()
        gui.fill_table(self.table, [(kinds.get(e.kind, e.kind), e.name, e.organisation, e.fingerprint)
                                    for e in self.entries], resize=True)

    def _browse(self) -> None:
        path = gui.open_file(self, _t("TrustSettings", "Trust a certificate or key"),
                             _t("TrustSettings", "Certificates and keys (*.pem *.cer *.crt *.der *.pub)"))
        if path:
            self.add_file(path)

    def add_file(self, path) -> list:
        from cim.errors import CimError

        try:
            added = self.store.add_file(path)
        except CimError as exc:
            QMessageBox.warning(self, _t("TrustSettings", "Not added"), str(exc))
            return []
        self.refresh()
        return added

    def remove_selected(self) -> int:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        for r in rows:
            self.store.remove(self.entries[r].fingerprint)
        self.refresh()
        return len(rows)
