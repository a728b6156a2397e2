"""BCF exchange of the comments dock: export the threads for BIM tools, merge threads back from them."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from plugins.gui import tr as _t

BCF_FILTER = "BCF (*.bcf *.bcfzip)"


def export_bcf(panel, path=None):
    """Write the project's threads as BCF 2.1 (asks for the file unless ``path`` is given)."""
    from cim.errors import CimError
    from cim.review.bcf_export import export_bcf as write_bcf

    if path is None:
        path, _ = QFileDialog.getSaveFileName(panel.window, _t("ReviewPanel", "Export comments as BCF"),
                                              "", BCF_FILTER)
        if not path:
            return None
        if not path.lower().endswith((".bcf", ".bcfzip")):
            path += ".bcf"
    try:
        out = write_bcf(panel.session.project, path, version="2.1")
    except (CimError, OSError) as exc:
        panel.session.message.emit("error", str(exc))
        return None
    panel.session.message.emit("info", _t("ReviewPanel", "%1 comment(s) exported to %2")
                              .replace("%1", str(len(panel.book()))).replace("%2", str(out)))
    return out

def import_bcf(panel, path=None) -> int:
    """Merge the topics of a BCF file (one undoable command). Returns the number of threads read."""
    from cim.errors import CimError
    from cim.review.bcf_import import read_bcf
    from cim.review.commands import MergeThreads

    if path is None:
        path, _ = QFileDialog.getOpenFileName(panel.window, _t("ReviewPanel", "Import BCF comments"), "", BCF_FILTER)
        if not path:
            return 0
    try:
        threads = read_bcf(path)
    except (CimError, OSError) as exc:
        panel.session.message.emit("error", str(exc))
        return 0
    if panel.session.push(MergeThreads(panel.session.project, threads)):
        panel.session.message.emit("info", _t("ReviewPanel", "%1 comment thread(s) imported from %2")
                                  .replace("%1", str(len(threads))).replace("%2", str(path)))
        return len(threads)
    return 0
