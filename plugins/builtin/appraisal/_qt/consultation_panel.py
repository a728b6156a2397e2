"""Public consultation panel: export the offline HTML map of the open plan, import the comments files
citizens send back (review threads by citizen authors, one undo step), and their summary by topic and area."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QVBoxLayout

from plugins import gui
from plugins.gui import tr as _t


class ConsultationPanel(gui.Panel):
    object_name = "consultation_panel"

    def __init__(self, window) -> None:
        super().__init__(window)
        self.export_btn = gui.button(_t("ConsultationPanel", "Export consultation map (HTML)…"), self.export)
        self.import_btn = gui.button(_t("ConsultationPanel", "Import citizens' comments…"), self.import_files,
                                 name="consultation_import")
        row = QVBoxLayout()            # one above the other: fits a docked width
        row.addWidget(self.export_btn)
        row.addWidget(self.import_btn)
        self.status = gui.status_label(_t("ConsultationPanel", "The map opens in any browser without internet; citizens "
                                                           "send back the comments file it saves."),
                                   name="consultation_status")
        self.table = gui.result_table([_t("ConsultationPanel", "Topic / area"), _t("ConsultationPanel", "Comments")],
                                  name="consultation_summary")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 330)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)
        window.session.project_replaced.connect(self.refresh)
        self.refresh()

    def refresh(self, *_a) -> None:
        from cim.consultation.comments import summarise

        s = summarise(self.window_.session.project)
        vi = self.window_.ui_language() == "vi"
        rows = [(t["vi"] if vi else t["en"], t["count"]) for t in s["by_topic"].values()]
        rows += [(f"[{a}]", n) for a, n in s["by_area"].items()]
        gui.fill_table(self.table, rows)
        self.import_btn.setEnabled(self.window_.session.editable)

    def export(self, path=None) -> Path | None:
        from cim.consultation.html_map import export_consultation_map
        from cim.errors import CimError

        if path is None:
            path = gui.save_file(self, _t("ConsultationPanel", "Consultation map"), "lay_y_kien.html", "HTML (*.html)")
            if not path:
                return None
        try:
            out = export_consultation_map(self.window_.session.project, path)
        except CimError as exc:
            self.status.setText(self.window_.readable_error(exc))
            return None
        self.status.setText(_t("ConsultationPanel", "Written: %1").replace("%1", str(out)))
        return out

    def import_files(self, paths=None) -> int:
        from cim.consultation.comments import import_comments
        from cim.errors import CimError

        if paths is None:
            paths = gui.open_files(self, _t("ConsultationPanel", "Citizens' comments"), "JSON (*.json)")
        n = skipped = 0
        for p in paths or []:
            try:
                r = import_comments(self.window_.session.project, p)
            except CimError as exc:
                self.status.setText(self.window_.readable_error(exc))
                return n
            n += len(r.threads)
            skipped += r.skipped_no_consent + r.skipped_duplicate
        self.status.setText(_t("ConsultationPanel", "%1 comment(s) imported, %2 skipped (no consent or already imported).")
                            .replace("%1", str(n)).replace("%2", str(skipped)))
        self.refresh()
        return n
