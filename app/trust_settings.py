"""Settings › Trusted signers: the appraiser's trust store (:mod:`cim.package.trust`) — CA certificates,
pinned signer certificates and Ed25519 keys — listed with name, organisation and fingerprint; add a
certificate or key file, remove an entry."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plugins.gui import tr as _t


class TrustStorePage(QWidget):
    def __init__(self, parent=None, store=None) -> None:
        super().__init__(parent)
        from cim.package.trust import TrustStore

        self.setObjectName("settings_trust")
        self.store = store or TrustStore()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("settings_trust_table")
        self.table.setHorizontalHeaderLabels([_t("TrustSettings", "Kind"), _t("TrustSettings", "Name"),
                                              _t("TrustSettings", "Organisation"), _t("TrustSettings", "Fingerprint")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        add = QPushButton(_t("TrustSettings", "Add certificate or key…"))
        add.setObjectName("settings_trust_add")
        add.clicked.connect(self._browse)
        self.remove_button = QPushButton(_t("TrustSettings", "Remove"))
        self.remove_button.setObjectName("settings_trust_remove")
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        note = QLabel(_t("TrustSettings", "Packages signed by these CAs, certificates or keys are shown as "
                                          "trusted. Folder: %1").replace("%1", str(self.store.folder)))
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        kinds = {"ca": _t("TrustSettings", "CA"), "signer": _t("TrustSettings", "Signer certificate"),
                 "key": _t("TrustSettings", "Signing key")}
        self.entries = self.store.entries()
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            for j, v in enumerate((kinds.get(e.kind, e.kind), e.name, e.organisation, e.fingerprint)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("TrustSettings", "Trust a certificate or key"), "",
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
